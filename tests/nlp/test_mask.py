"""Masking spans that say where or when (addresses, dates, times, phone numbers)."""

from __future__ import annotations

import pytest

from nlp import Classifier, Taxonomy
from nlp.mask import PLACEHOLDER, mask
from nlp.model import Table
from nlp.normalize import normalize
from nlp.training.train import train
from nlp.urgency_blend import UrgencyBlend


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("5号楼2单元楼道灯不亮了", "楼道灯不亮了"),
        ("3号楼2单元302水管漏水", f"{PLACEHOLDER}水管漏水"),
        ("幸福家园5栋楼道灯坏了三天", "楼道灯坏了三天"),
        ("7#楼下垃圾没人收", "楼下垃圾没人收"),
        ("5-2-301门口堆满了纸箱", "门口堆满了纸箱"),
        ("A座12层电梯不动了", "电梯不动了"),
        ("3楼漏水到2楼", "漏水到"),
        ("2024年3月5日下午3点半停水", "下午 停水"),
        ("3月5号8:30开会", "开会"),
        ("有事打13912345678或0571-88776655", "有事打 或"),
        ("住了80多岁的老人", f"住了{PLACEHOLDER}多岁的老人"),
        ("3个月没人管", f"{PLACEHOLDER}个月没人管"),
        ("已经打了119", "已经打了119"),
        ("楼道里很黑", "楼道里很黑"),
    ],
)
def test_mask(text: str, masked: str) -> None:
    assert " ".join(mask(normalize(text), ["幸福家园"]).split()) == masked


def test_a_masked_span_breaks_bigrams() -> None:
    assert mask("5号楼冒烟") == " 冒烟"


def test_roster_names_are_dropped_longest_first() -> None:
    assert mask("幸福家园2期门口", ["幸福", "幸福家园"]).strip() == "门口"
    assert mask("幸福家园门口") == "幸福家园门口"


def test_the_classifier_hides_roster_names_from_the_model(taxonomy: Taxonomy) -> None:
    rows = [{"text": "楼道灯坏了", "category": "repair"}, {"text": "你好", "category": "other"}]
    model = train(rows)
    model.urgent = Table(["urgent"], [-9.0], {"福家": [20.0]})  # a spurious name weight
    assert model.idf is not None
    model.idf["福家"] = 1.0
    model.urgent_blend = UrgencyBlend(("model",), (1.0,), 0.0, 0.0, 0.98)
    text = "幸福家园门口的垃圾没人收"
    assert Classifier(taxonomy, fallback=model).classify(text).urgent
    assert not Classifier(taxonomy, fallback=model, names=["幸福家园"]).classify(text).urgent
