"""Urgency: the taxonomy's rules combined with a learned model's log-odds."""

from __future__ import annotations

import pytest

from nlp import Classifier, Taxonomy
from nlp.lexicon import Lexicon
from nlp.model import Table, features
from nlp.urgency import HEDGE_WEIGHT, URGENT_AT, Urgency, UrgencyRules

# Plain-word emergencies (written for this test, not taken from any data file) and
# the hotline the resident must be told to call.
EMERGENCIES = [
    ("厨房着火了，火苗蹿得老高", "119"),
    ("邻居家门缝里往外冒黑烟", "119"),
    ("家里天然气味特别重，头有点晕", "119"),
    ("插线板噼里啪啦冒火星，屋里一股焦味", "119"),
    ("电梯卡在五楼，里面关着两个孩子", "119"),
    ("地下室的水越涨越高，已经漫到配电箱了", "119"),
    ("楼下有个大爷倒在地上不动了，叫他也不应", "120"),
    ("老伴喘不上气，嘴唇都紫了", "120"),
    ("我妈突然说不出话，半边身子动不了", "120"),
    ("楼上的花盆砸下来，砸到一个路过的阿姨头上流血了", "120"),
    ("有人拿着刀在小区门口追着人砍", "110"),
    ("楼道里有人在打架，已经见血了", "110"),
    ("有个男的在撬隔壁的门，现在还在撬", "110"),
    ("隔壁一直传来女人喊救命的声音", "110"),
]

# Scary-sounding messages that are not emergencies: past, hypothetical, advice,
# paperwork, ordinary repairs.
DECOYS = [
    "担心电动车在楼道充电会着火",
    "上个月楼里着过一次火，现在都修好了",
    "社区下周搞消防演练，几点开始",
    "楼下饭店油烟太大，熏得没法开窗",
    "天然气费怎么交",
    "昨天我爸摔了一跤，已经去医院看过了，没事",
    "建议给独居老人装个燃气报警器",
    "小区的灭火器都过期了，该换了",
    "孩子发烧了，社区卫生站几点开门",
    "楼道里堆满了纸箱，万一着火就麻烦了",
    "我想报名学急救知识",
    "上周有人在楼下吵架，现在好了",
    "路灯的电线露在外面，虽然没通电也挺吓人",
    pytest.param("煤气灶打不着火了，想找人修一下",
                 marks=pytest.mark.xfail(reason="known false alarm of the shipped model "
                                                "(docs/nlp.md)", strict=False)),
]


@pytest.mark.parametrize(("text", "hotline"), EMERGENCIES)
def test_emergency_is_urgent_with_its_hotline(classifier: Classifier, text: str,
                                              hotline: str) -> None:
    result = classifier.classify(text)
    assert result.urgent, result.keywords
    assert hotline in result.hotlines, (result.hotlines, result.keywords)


@pytest.mark.parametrize("text", DECOYS)
def test_decoy_is_not_urgent(classifier: Classifier, text: str) -> None:
    result = classifier.classify(text)
    assert not result.urgent and result.hotlines == (), result.keywords


def _assess(taxonomy: Taxonomy, table: Table, text: str, category: str = "") -> Urgency:
    rules = UrgencyRules(taxonomy.urgent, table)
    hits = Lexicon(rules.words()).scan(text)
    return rules.assess(text, hits, features(text), category)


def test_model_alone_can_raise_urgency_and_names_the_hotline(taxonomy: Taxonomy) -> None:
    # No urgent cue word of the taxonomy occurs; the model's bigram 白沫 lies inside
    # the 120 cue 口吐白沫, so 120 is the hotline.
    table = Table(["urgent"], [URGENT_AT - 2.0], {"白沫": [4.0]})
    result = _assess(taxonomy, table, "他嘴里吐白沫")
    assert result.urgent and result.hotlines == ("120",)
    assert "白沫" in result.keywords


def test_hotline_by_category_when_no_word_says_it(taxonomy: Taxonomy) -> None:
    table = Table(["urgent"], [URGENT_AT - 2.0], {"咣咣": [4.0]})
    result = _assess(taxonomy, table, "门外咣咣响", category="order")
    assert result.urgent and result.hotlines == ("110",)
    assert "默认110" in result.keywords


def test_quiet_model_and_rules_stay_calm(taxonomy: Taxonomy) -> None:
    table = Table(["urgent"], [URGENT_AT - 2.0], {"白沫": [4.0]})
    assert not _assess(taxonomy, table, "楼道灯不亮").urgent


def test_veto_word_overrules_the_model(taxonomy: Taxonomy) -> None:
    table = Table(["urgent"], [URGENT_AT - 2.0], {"白沫": [9.0]})
    assert not _assess(taxonomy, table, "如果嘴里吐白沫怎么办").urgent


def test_hedging_word_lowers_the_combined_score(taxonomy: Taxonomy) -> None:
    table = Table(["urgent"], [URGENT_AT + HEDGE_WEIGHT / 2], {})
    assert _assess(taxonomy, table, "嘴里吐白沫").urgent
    assert not _assess(taxonomy, table, "上次嘴里吐白沫").urgent


def test_without_a_model_the_rules_decide(taxonomy: Taxonomy) -> None:
    keywords_only = Classifier(taxonomy)
    assert keywords_only.classify("厨房着火了").urgent
    assert not keywords_only.classify("上次厨房着火了").urgent


def test_urgency_weights_are_inspectable(classifier: Classifier) -> None:
    model = classifier.fallback
    assert model is not None and model.urgent is not None
    strongest = dict(model.urgent.explain("urgent", top=200))
    assert any(word in strongest for word in ("着火", "救命", "晕倒", "冒烟"))
