"""Training, evaluation and cross-validation; floors on dev.jsonl guard regressions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nlp import Classifier, Taxonomy
from nlp.model import Model
from nlp.training.crossval import cross_validate
from nlp.training.evaluate import Prediction, evaluate, score_predictions
from nlp.training.folds import stratified_folds
from nlp.training.train import train

DEPARTMENTS = [  # a community's own label set (department names), not the default codes
    {"text": "楼道灯坏了", "category": "物业科"},
    {"text": "电梯坏了好几天", "category": "物业科"},
    {"text": "单元门关不上", "category": "物业科"},
    {"text": "低保怎么申请", "category": "民政科"},
    {"text": "高龄补贴什么时候发", "category": "民政科"},
    {"text": "残疾证去哪办", "category": "民政科"},
]


def test_train_any_label_set_and_round_trip(taxonomy: Taxonomy, tmp_path: Path) -> None:
    model = train(DEPARTMENTS)
    assert model.labels == ["民政科", "物业科"] and not model.has_types
    path = tmp_path / "model.json"
    model.save(path)
    loaded = Model.load(path)
    assert loaded == model
    result = Classifier(taxonomy, loaded).classify("楼道的灯又坏了")
    assert result.category == "物业科"
    assert result.keywords and all(isinstance(k, str) for k in result.keywords)
    assert loaded.explain("民政科")


def test_load_rejects_other_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="not a linli model"):
        Model.load(path)


def test_score_predictions_counts_also() -> None:
    rows: list[dict[str, Any]] = [
        {
            "text": "a",
            "category": "repair",
            "also": ["safety"],
            "type": "complaint",
            "urgent": True,
        },
        {"text": "b", "category": "env", "type": "complaint", "urgent": False},
        {"text": "c", "category": "other", "type": "consult"},
    ]
    report = score_predictions(
        rows,
        [
            Prediction("safety", "complaint", True),
            Prediction("repair", "help", True),
            Prediction("other", "wish", None),
        ],
    )
    assert report.accuracy == pytest.approx(2 / 3, abs=1e-4)
    assert report.type_accuracy == 0.5  # `other` rows are not typed
    assert report.urgent_recall == 1.0 and report.urgent_precision == 0.5
    assert report.confusion["env"] == {"repair": 1}
    assert report.n == 3


def test_folds_are_stratified_and_deterministic(dev_rows: list[dict]) -> None:
    folds = stratified_folds(dev_rows, 5, seed=0)
    assert folds == stratified_folds(dev_rows, 5, seed=0)
    assert sorted(i for fold in folds for i in fold) == list(range(len(dev_rows)))
    sizes = [len(fold) for fold in folds]
    assert max(sizes) - min(sizes) <= 1


def test_default_classifier_on_dev(classifier: Classifier, dev_rows: list[dict]) -> None:
    # In-sample: the keywords were tuned on dev and the shipped model was trained on it.
    report = evaluate(classifier, dev_rows)
    # measured: category 99.8%, type 98.6%, urgent recall 100% / precision 98.5%
    assert report.accuracy >= 0.97
    assert report.type_accuracy is not None and report.type_accuracy >= 0.93
    assert report.urgent_recall is not None and report.urgent_recall >= 0.97
    assert report.urgent_precision is not None and report.urgent_precision >= 0.83


def test_cross_validation_of_the_default_set_up(
    dev_rows: list[dict], extra_rows: list[dict], taxonomy: Taxonomy
) -> None:
    """Keywords + a model trained on the other folds, as shipped (5 folds over dev + extra,
    dev calibrating; the shipped model comes from all nine training files, docs/nlp.md).
    Each fold's model fits its own urgency blend on out-of-fold scores of its training rows."""
    report = cross_validate(
        dev_rows + extra_rows,
        k=5,
        seed=0,
        taxonomy=taxonomy,
        keywords=True,
        calibrating=[True] * len(dev_rows) + [False] * len(extra_rows),
    )
    # measured (issue 18: the linear SVM on tf-idf fragments, types retyped to the contract):
    # category 87.6%, type 85.8%, urgent recall 80.3% / precision 94.2%. The learner before
    # it, on the same retyped rows and folds: 87.5%, 83.0%, 79.4% / 93.8% (its floors were
    # 86/86/77/85 on the old types, where it measured 87.5% type). Issue 18 round 2: a
    # calibration row weighs 1, not 6, in the urgency blend's fit (benchmarks/tune_nlp.py's
    # third rule): urgent recall 87.1% at precision 85.2% (was 80.3% at 94.2%). Round 3: the
    # threshold keeps 97%, not 98%, of the calibration rows' emergencies (the fourth rule,
    # with blind6 and blind7 calibrating): here 85.9% at 89.1%. Round 10: weight 6 and a 98%
    # threshold (80.6% at 93.9% here); round 11: weight 1 again at 98%, both chosen by leaving
    # each writer's file out (benchmarks/writer_cv.py, docs/nlp.md), and the taxonomy's
    # `urgent.always` cries lowering each fold's threshold by at most 0.25: here 87.7% at 84.8%.
    assert report.accuracy >= 0.87
    assert report.type_accuracy is not None and report.type_accuracy >= 0.85
    assert report.urgent_recall is not None and report.urgent_recall >= 0.85
    assert report.urgent_precision is not None and report.urgent_precision >= 0.84
