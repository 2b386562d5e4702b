"""k-fold cross-validation of a trained model, with deterministic stratified folds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nlp.classify import Classifier
from nlp.taxonomy import Taxonomy, load_taxonomy
from nlp.training.evaluate import Prediction, Report, score_predictions
from nlp.training.folds import stratified_folds
from nlp.training.train import message_features, train_on_features

__all__ = ["cross_validate"]


def cross_validate(
    rows: Sequence[Mapping[str, Any]],
    k: int = 5,
    seed: int = 0,
    taxonomy: Taxonomy | None = None,
    *,
    keywords: bool = False,
    calibrating: Sequence[bool] | None = None,
) -> Report:
    """Train on k-1 folds, predict the held-out fold; score all predictions together.

    `keywords=False` scores the trained model alone; `keywords=True` the taxonomy's
    keywords with the model as their fallback (the default classifier's set-up). Each
    fold's urgency blend weighs the same taxonomy's urgent rules, and is calibrated
    on the training folds' rows marked in `calibrating` (`nlp.training.train.train`)."""
    taxonomy = taxonomy or load_taxonomy()
    docs = message_features(row["text"] for row in rows)
    predictions: dict[int, Prediction] = {}
    for fold in stratified_folds(rows, k, seed):
        held_out = set(fold)
        train_idx = [i for i in range(len(rows)) if i not in held_out]
        model = train_on_features(
            [docs[i] for i in train_idx],
            [rows[i] for i in train_idx],
            taxonomy,
            calibrating=[calibrating[i] for i in train_idx] if calibrating else None,
        )
        classifier = (
            Classifier(taxonomy, fallback=model) if keywords else Classifier(taxonomy, model)
        )
        for index in fold:
            result = classifier.classify(rows[index]["text"])
            predictions[index] = Prediction(result.category, result.type, result.urgent)
    return score_predictions(rows, [predictions[i] for i in range(len(rows))])
