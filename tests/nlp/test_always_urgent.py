"""The taxonomy's `urgent.always` messages: training places the urgency threshold no higher
than their lowest score, so a round of data cannot teach the model to let one through."""

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from nlp import Classifier
from nlp.model import Model
from nlp.taxonomy import Taxonomy, TaxonomyError, load_taxonomy
from nlp.training.train import ALWAYS_MAX_LOWERING, keep_always_urgent, train

SHIPPED = Path("nlp/data/taxonomy.yaml").read_text(encoding="utf-8")
CALM = "今天天气不错，广场上人挺多的"  # chit-chat: far from urgent


def with_always(taxonomy: Taxonomy, *messages: str) -> Taxonomy:
    return replace(taxonomy, urgent=replace(taxonomy.urgent, always=messages))


@pytest.fixture(scope="module")
def trained(dev_rows: list[dict], taxonomy: Taxonomy) -> tuple[Model, Taxonomy]:
    """A model of dev's rows without `always`, and that taxonomy."""
    plain = with_always(taxonomy)
    return train(dev_rows, plain), plain


def test_a_message_just_below_the_threshold_is_kept_urgent(
    trained: tuple[Model, Taxonomy], extra_rows: list[dict]
) -> None:
    model, plain = trained
    assert model.urgent_blend is not None
    placed = model.urgent_blend.threshold
    classifier = Classifier(plain, fallback=model)
    near = next(
        row["text"]
        for row in extra_rows  # not trained on
        if placed - ALWAYS_MAX_LOWERING < classifier.urgency_score(row["text"]) < placed
    )
    assert not classifier.classify(near).urgent
    insisting = with_always(plain, near)
    kept = keep_always_urgent(model, insisting)
    assert placed - ALWAYS_MAX_LOWERING < kept.threshold < placed
    assert kept.weights == model.urgent_blend.weights  # lowered, not refitted
    model.urgent_blend = kept
    assert Classifier(insisting, fallback=model).classify(near).urgent


def test_a_message_far_below_lowers_it_by_the_bound_only_and_says_so(
    trained: tuple[Model, Taxonomy], caplog: pytest.LogCaptureFixture
) -> None:
    model, plain = trained
    assert model.urgent_blend is not None
    with caplog.at_level(logging.WARNING):
        kept = keep_always_urgent(model, with_always(plain, CALM))
    assert kept.threshold == pytest.approx(model.urgent_blend.threshold - ALWAYS_MAX_LOWERING, 1e-3)
    assert "training data should say more" in caplog.text


def test_the_shipped_model_keeps_every_always_message_urgent(classifier: Classifier) -> None:
    """Fails when `always` is edited and the model not retrained (docs/nlp.md's command)."""
    missed = [t for t in classifier.taxonomy.urgent.always if not classifier.classify(t).urgent]
    assert not missed


def test_an_always_message_with_a_veto_word_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(SHIPPED.replace("    - 有人跳楼\n", "    - 如果有人跳楼\n"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("  always:") + 2
    with pytest.raises(TaxonomyError, match=r"如果有人跳楼.*veto") as refused:
        load_taxonomy(path)
    assert f"line {line}:" in str(refused.value)
