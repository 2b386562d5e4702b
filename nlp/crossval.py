"""k-fold cross-validation of a trained model, with deterministic stratified folds."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from nlp.classify import Classifier
from nlp.evaluate import Prediction, Report, score_predictions
from nlp.taxonomy import Taxonomy, load_taxonomy
from nlp.train import message_features, train_on_features

__all__ = ["cross_validate", "stratified_folds"]


def stratified_folds(
    rows: Sequence[Mapping[str, Any]], k: int = 5, seed: int = 0
) -> list[list[int]]:
    """Row indices of each test fold. Each (category, urgent) group is shuffled with
    `seed` and dealt round-robin, so every fold gets its share of every category
    and of the emergencies."""
    if k < 2:
        raise ValueError("k must be at least 2")
    by_label: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_label[(row["category"], bool(row.get("urgent")))].append(index)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    position = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for index in indices:
            folds[position % k].append(index)
            position += 1
    return [sorted(fold) for fold in folds]


def cross_validate(
    rows: Sequence[Mapping[str, Any]],
    k: int = 5,
    seed: int = 0,
    taxonomy: Taxonomy | None = None,
    *,
    keywords: bool = False,
) -> Report:
    """Train on k-1 folds, predict the held-out fold; score all predictions together.

    `keywords=False` scores the trained model alone; `keywords=True` the taxonomy's
    keywords with the model as their fallback (the default classifier's set-up)."""
    taxonomy = taxonomy or load_taxonomy()
    docs = message_features(row["text"] for row in rows)
    predictions: dict[int, Prediction] = {}
    for fold in stratified_folds(rows, k, seed):
        held_out = set(fold)
        train_idx = [i for i in range(len(rows)) if i not in held_out]
        model = train_on_features([docs[i] for i in train_idx], [rows[i] for i in train_idx])
        classifier = (
            Classifier(taxonomy, fallback=model) if keywords else Classifier(taxonomy, model)
        )
        for index in fold:
            result = classifier.classify(rows[index]["text"])
            predictions[index] = Prediction(result.category, result.type, result.urgent)
    return score_predictions(rows, [predictions[i] for i in range(len(rows))])
