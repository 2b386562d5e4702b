"""k-fold cross-validation of the trained model, with deterministic stratified folds."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from nlp.classify import Classifier
from nlp.evaluate import Prediction, Report, score_predictions
from nlp.segment import Segmenter
from nlp.taxonomy import Taxonomy, load_taxonomy
from nlp.train import message_features, train_on_features

__all__ = ["cross_validate", "stratified_folds"]


def stratified_folds(rows: Sequence[Mapping[str, Any]], k: int = 5, seed: int = 0
                     ) -> list[list[int]]:
    """Row indices of each test fold. Each category is shuffled with `seed` and
    dealt round-robin, so every fold gets its share of every category."""
    if k < 2:
        raise ValueError("k must be at least 2")
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_label[row["category"]].append(index)
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


def cross_validate(rows: Sequence[Mapping[str, Any]], k: int = 5, seed: int = 0,
                   taxonomy: Taxonomy | None = None,
                   segmenter: Segmenter | None = None) -> Report:
    """Train on k-1 folds, predict the held-out fold; score all predictions together."""
    taxonomy = taxonomy or load_taxonomy()
    segmenter = segmenter or Segmenter(taxonomy=taxonomy)
    docs = message_features(segmenter, (row["text"] for row in rows))
    predictions: dict[int, Prediction] = {}
    for fold in stratified_folds(rows, k, seed):
        held_out = set(fold)
        train_idx = [i for i in range(len(rows)) if i not in held_out]
        model = train_on_features([docs[i] for i in train_idx], [rows[i] for i in train_idx])
        classifier = Classifier(taxonomy, model, segmenter)
        for index in fold:
            result = classifier.classify(rows[index]["text"])
            predictions[index] = Prediction(result.category, result.type, result.urgent)
    return score_predictions(rows, [predictions[i] for i in range(len(rows))])
