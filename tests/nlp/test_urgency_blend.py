"""The urgency blend: a small logistic regression over named evidence, with its threshold."""

from __future__ import annotations

import json
import math
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from nlp.model import Model
from nlp.taxonomy import load_taxonomy
from nlp.training.train import message_features, out_of_fold_inputs, train
from nlp.urgency_blend import BlendInput, UrgencyBlend, fit_blend, place_threshold


def _sample(n: int, seed: int = 0) -> tuple[list[BlendInput], list[bool]]:
    """Emergencies when 2·model − 3·hedges + noise > 1; cues and the category are
    noise: the fit must find the signs."""
    rng = random.Random(seed)
    values, flags = [], []
    for _ in range(n):
        model, hedges = rng.gauss(0, 1), int(rng.random() < 0.3)
        care = rng.random()
        values.append(
            BlendInput(model, rng.random(), hedges, {"care": care, "env": 1 - care}, None)
        )
        flags.append(2 * model - 3 * hedges + rng.gauss(0, 0.5) > 1)
    return values, flags


def test_fit_finds_the_evidence_that_matters() -> None:
    values, flags = _sample(2000)
    blend = fit_blend(values, flags, [False] * len(flags), recall=0.9)
    weights = dict(zip(blend.inputs, blend.weights, strict=True))
    assert weights["model"] > 2 and weights["hedges"] < -2
    assert abs(weights["cues"]) < 0.5 * weights["model"]
    assert abs(weights["category:care"] - weights["category:env"]) < 0.5 * weights["model"]
    assert blend.explain()[0][0] in {"model", "hedges"}


@pytest.mark.parametrize("recall", [0.8, 0.95, 1.0])
def test_threshold_keeps_the_stated_recall(recall: float) -> None:
    values, flags = _sample(1500, seed=1)
    blend = fit_blend(values, flags, [False] * len(flags), recall=recall)
    scores = [blend.score(v) for v in values]
    caught = sum(s >= blend.threshold for s, f in zip(scores, flags, strict=True) if f)
    assert caught >= recall * sum(flags)
    # the highest such threshold: one emergency fewer would fall below the target
    assert caught - 1 < recall * sum(flags) or recall == 1.0
    assert blend.recall == recall


def test_vetoed_emergencies_count_as_missed() -> None:
    values, flags = _sample(1000, seed=2)
    vetoed = [f and i % 10 == 0 for i, f in enumerate(flags)]  # a tenth of the emergencies
    blend = fit_blend(values, flags, vetoed, recall=0.85)
    caught = sum(
        blend.score(v) >= blend.threshold
        for v, f, x in zip(values, flags, vetoed, strict=True)
        if f and not x
    )
    assert caught >= 0.85 * sum(flags)


def _log_loss(blend: UrgencyBlend, values: list[BlendInput], flags: list[bool]) -> float:
    total = 0.0
    for value, flag in zip(values, flags, strict=True):
        p = 1 / (1 + math.exp(-blend.score(value)))
        total -= math.log(p if flag else 1 - p)
    return total / len(values)


def _two_sources() -> tuple[list[BlendInput], list[bool], list[bool]]:
    """Written examples (many emergencies, hedges decisive) and calibration rows (few
    emergencies, the model's log-odds decisive): the fit cannot suit both at once."""
    written, written_flags = _sample(1200, seed=4)
    rng = random.Random(5)
    real, real_flags = [], []
    for _ in range(600):
        model, hedges = rng.gauss(0, 1), int(rng.random() < 0.3)
        real.append(BlendInput(model, rng.random(), hedges, {"care": 0.5, "env": 0.5}, None))
        real_flags.append(model + rng.gauss(0, 0.3) > 1.6)
    return written + real, written_flags + real_flags, [False] * 1200 + [True] * 600


def test_calibration_rows_alone_place_the_threshold() -> None:
    values, flags, calibrating = _two_sources()
    blend = fit_blend(values, flags, [False] * len(flags), 0.95, calibrating=calibrating)
    scores = [blend.score(v) for v in values]
    marked = [s for s, f, c in zip(scores, flags, calibrating, strict=True) if f and c]
    caught = sum(s >= blend.threshold for s in marked)
    assert caught >= 0.95 * len(marked) and caught - 1 < 0.95 * len(marked)
    uncalibrated = fit_blend(values, flags, [False] * len(flags), 0.95)
    assert blend.weights == uncalibrated.weights and blend.threshold != uncalibrated.threshold


def test_weighing_calibration_rows_more_fits_them_better() -> None:
    values, flags, calibrating = _two_sources()
    real = [i for i, c in enumerate(calibrating) if c]
    losses = []
    for weight in (1.0, 5.0):
        blend = fit_blend(
            values,
            flags,
            [False] * len(flags),
            0.95,
            calibrating=calibrating,
            calibration_weight=weight,
        )
        losses.append(_log_loss(blend, [values[i] for i in real], [flags[i] for i in real]))
    assert losses[1] < losses[0] - 0.01


def test_a_calibration_weight_must_be_positive() -> None:
    values, flags = _sample(100)
    with pytest.raises(ValueError, match="calibration_weight"):
        fit_blend(values, flags, [False] * len(flags), 0.9, calibration_weight=0)


def test_bad_recall_is_refused() -> None:
    values, flags = _sample(100)
    with pytest.raises(ValueError, match="recall"):
        fit_blend(values, flags, [False] * len(flags), recall=1.5)


def test_inputs_are_named_by_table_and_label() -> None:
    message = BlendInput(-1.5, 2.0, 1, {"care": 0.7, "env": 0.3}, {"help": 1.0})
    assert message.named() == {
        "model": -1.5,
        "cues": 2.0,
        "hedges": 1.0,
        "unhedged": 0.0,
        "category:care": 0.7,
        "category:env": 0.3,
        "type:help": 1.0,
    }
    blend = UrgencyBlend(("category:care", "model", "type:help"), (2.0, 1.0, -0.5), 0.5, 0.0, 0.98)
    assert blend.score(message) == pytest.approx(0.5 + 1.4 - 1.5 - 0.5)


def test_plain_cues_count_again_and_hedged_ones_do_not() -> None:
    """`unhedged` repeats the cue weights when no hedging word is found: 被狗咬了，流了好多血
    against the same words in a story already over."""
    plain = BlendInput(0.0, 2.5, 0, {"env": 1.0}, None)
    hedged = plain._replace(hedges=1)
    calm = plain._replace(cues=-1.0)
    assert [m.named()["unhedged"] for m in (plain, hedged, calm)] == [2.5, 0.0, 0.0]
    blend = UrgencyBlend(("cues", "unhedged"), (0.1, 0.4), 0.0, 0.0, 0.98)
    assert blend.score(plain) == pytest.approx(0.25 + 1.0)
    assert blend.score(hedged) == pytest.approx(0.25)


def test_scoring_by_kind_of_input_agrees_with_the_named_inputs() -> None:
    values, flags = _sample(300, seed=3)
    blend = fit_blend(values, flags, [False] * len(flags), recall=0.9)
    for message in values:
        named = message.named()
        by_name = blend.bias + sum(
            w * named.get(n, 0.0) for n, w in zip(blend.inputs, blend.weights, strict=True)
        )
        assert blend.score(message) == pytest.approx(by_name)


def test_an_unknown_input_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown urgency blend inputs: mood"):
        UrgencyBlend(("model", "mood"), (1.0, 1.0), 0.0, 0.0, 0.98)


ROWS = [
    {"text": "厨房着火了 火苗老高", "category": "safety", "type": "complaint", "urgent": True},
    {"text": "楼下有人倒在地上不动了", "category": "care", "type": "help", "urgent": True},
    {"text": "有人拿刀追着人砍", "category": "order", "type": "complaint", "urgent": True},
    {"text": "楼道灯坏了好几天", "category": "repair", "type": "complaint", "urgent": False},
    {"text": "低保怎么申请", "category": "service", "type": "consult", "urgent": False},
    {"text": "上次着火的那户修好了吗", "category": "safety", "type": "consult", "urgent": False},
    {"text": "你好 在吗", "category": "other", "type": "consult", "urgent": False},
    {"text": "垃圾桶满了没人收", "category": "env", "type": "complaint", "urgent": False},
    {"text": "想给孙子借个轮椅", "category": "care", "type": "wish", "urgent": False},
]


def test_training_fits_a_blend_and_the_file_keeps_it(tmp_path: Path) -> None:
    model = train(ROWS * 4)
    assert model.urgent is not None and model.urgent_blend is not None
    assert {"model", "cues", "hedges", "category:care", "type:consult"} <= set(
        model.urgent_blend.inputs
    )
    path = tmp_path / "model.json"
    model.save(path)
    assert Model.load(path) == model


def test_a_model_file_with_a_table_but_no_blend_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    train(ROWS * 4).save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["urgent_blend"] = None
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="blend"):
        Model.load(path)


def test_no_urgent_labels_no_blend() -> None:
    rows = [{k: v for k, v in row.items() if k != "urgent"} for row in ROWS]
    model = train(rows * 2)
    assert model.urgent is None and model.urgent_blend is None


def test_calibration_rows_are_trained_on_and_place_the_threshold() -> None:
    calm_real = [
        {
            "text": f"{n}号楼电梯按钮不亮了",
            "category": "repair",
            "type": "complaint",
            "urgent": False,
        }
        for n in range(1, 13)
    ]
    fire = {
        "text": "5号楼厨房着火了，火苗老高",
        "category": "safety",
        "type": "help",
        "urgent": True,
    }
    calibration: list[dict[str, Any]] = [*calm_real, fire, fire]
    shipped = load_taxonomy()
    # without the taxonomy's `always` cries, which would lower the threshold placed here
    taxonomy = replace(shipped, urgent=replace(shipped.urgent, always=()))
    model = train(ROWS * 4, taxonomy, calibration=calibration, urgent_recall=0.5)
    assert model.urgent is not None and "按钮" in model.category.rows
    joined = ROWS * 4 + calibration
    inputs = out_of_fold_inputs(message_features(r["text"] for r in joined), joined)
    marks = [False] * len(ROWS) * 4 + [True] * len(calibration)
    blend = model.urgent_blend
    assert blend is not None
    assert blend == place_threshold(blend, *inputs, 0.5, placing=marks)
    assert blend != place_threshold(blend, *inputs, 0.5)
