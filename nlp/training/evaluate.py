"""Score a classifier against labelled messages.

Category accuracy counts a prediction as right when it is the gold `category`
or one of the row's `also`. Type accuracy skips rows whose gold category is
`other` (the contract does not score their type). Urgency is scored only on rows
that carry an `urgent` field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

__all__ = ["ClassScores", "Prediction", "Report", "evaluate", "score_predictions"]


class _Classifier(Protocol):
    def classify(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Prediction:
    category: str
    type: str | None = None
    urgent: bool | None = None


@dataclass(frozen=True)
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScores]
    confusion: dict[str, dict[str, int]]  # gold → predicted → count
    type_accuracy: float | None
    urgent_recall: float | None
    urgent_precision: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _per_class(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, ClassScores]:
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_count, predicted_count = Counter(gold), Counter(predicted)
    result = {}
    for label in sorted(gold_count):
        hit = pairs[(label, label)]
        precision = hit / predicted_count[label] if predicted_count[label] else 0.0
        recall = hit / gold_count[label]
        result[label] = ClassScores(
            round(precision, 4),
            round(recall, 4),
            round(_f1(precision, recall), 4),
            gold_count[label],
        )
    return result


def score_predictions(
    rows: Sequence[Mapping[str, Any]], predictions: Sequence[Prediction]
) -> Report:
    """Compare predictions with the rows' labels (the same order)."""
    gold: list[str] = []
    for row, prediction in zip(rows, predictions, strict=True):
        accepted = prediction.category in row.get("also", [])
        gold.append(prediction.category if accepted else row["category"])
    predicted = [p.category for p in predictions]
    per_class = _per_class(gold, predicted)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, {}).setdefault(p, 0)
        confusion[g][p] += 1
    typed = [
        (r["type"], p.type)
        for r, p in zip(rows, predictions, strict=True)
        if r.get("type") and r["category"] != "other" and p.type is not None
    ]
    urgent = [
        (r["urgent"], p.urgent)
        for r, p in zip(rows, predictions, strict=True)
        if "urgent" in r and p.urgent is not None
    ]
    true_positive = sum(1 for g, p in urgent if g and p)
    return Report(
        n=len(rows),
        accuracy=_ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(rows))
        or 0.0,
        macro_f1=round(sum(s.f1 for s in per_class.values()) / len(per_class), 4)
        if per_class
        else 0.0,
        per_class=per_class,
        confusion=confusion,
        type_accuracy=_ratio(sum(g == p for g, p in typed), len(typed)),
        urgent_recall=_ratio(true_positive, sum(1 for g, _ in urgent if g)),
        urgent_precision=_ratio(true_positive, sum(1 for _, p in urgent if p)),
    )


def evaluate(classifier: _Classifier, rows: Sequence[Mapping[str, Any]]) -> Report:
    """Classify every row's text and score the results."""
    predictions = []
    for row in rows:
        result = classifier.classify(row["text"])
        predictions.append(Prediction(result.category, result.type, result.urgent))
    return score_predictions(rows, predictions)
