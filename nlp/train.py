"""Learn per-keyword weights from labelled messages (any label set).

The weights are smoothed naive-Bayes log-probabilities, centred per feature:
w[f][label] = log P(f | label) - mean over labels of log P(f | label). Centring
does not change which label wins, but makes each weight readable on its own: a
positive weight is a word that speaks for the label. Rare features and weights
near zero are pruned.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from nlp.model import Model, features
from nlp.normalize import normalize
from nlp.segment import Segmenter

__all__ = ["message_features", "train", "train_on_features"]

ALPHA = 0.3        # additive smoothing of feature counts
MIN_DF = 2         # a feature must occur in at least this many messages
MIN_WEIGHT = 0.2   # weights smaller than this (in absolute value) are dropped


def message_features(segmenter: Segmenter, texts: Iterable[str]) -> list[set[str]]:
    result = []
    for text in texts:
        norm = normalize(text)
        result.append(features(segmenter.lcut(norm), norm))
    return result


def _table(docs: Sequence[set[str]], labels: Sequence[str]
           ) -> tuple[list[str], dict[str, float], dict[str, dict[str, float]]]:
    label_set = sorted(set(labels))
    label_count = Counter(labels)
    doc_freq: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = {label: Counter() for label in label_set}
    for doc, label in zip(docs, labels, strict=True):
        doc_freq.update(doc)
        counts[label].update(doc)
    vocab = [f for f, df in doc_freq.items() if df >= MIN_DF]
    denominators = {label: sum(counts[label][f] for f in vocab) + ALPHA * len(vocab)
                    for label in label_set}
    weights: dict[str, dict[str, float]] = {}
    for feature in vocab:
        logs = {label: math.log((counts[label][feature] + ALPHA) / denominators[label])
                for label in label_set}
        mean = sum(logs.values()) / len(logs)
        row = {label: round(value - mean, 4) for label, value in logs.items()
               if abs(value - mean) >= MIN_WEIGHT}
        if row:
            weights[feature] = row
    total = len(labels)
    bias = {label: round(math.log((label_count[label] + 1) / (total + len(label_set))), 4)
            for label in label_set}
    return label_set, bias, weights


def train(rows: Sequence[Mapping[str, Any]], segmenter: Segmenter | None = None) -> Model:
    """Train on rows with `text` and `category` (and optionally `type`)."""
    if not rows:
        raise ValueError("no training rows")
    segmenter = segmenter or Segmenter()
    return train_on_features(message_features(segmenter, (row["text"] for row in rows)), rows)


def train_on_features(docs: Sequence[set[str]], rows: Sequence[Mapping[str, Any]]) -> Model:
    """`train` with the features already computed (cross-validation reuses them)."""
    labels, bias, weights = _table(docs, [row["category"] for row in rows])
    typed = [(doc, row["type"]) for doc, row in zip(docs, rows, strict=True) if row.get("type")]
    model = Model(labels, bias, weights)
    if len({t for _, t in typed}) > 1:
        type_docs, type_labels = zip(*typed, strict=True)
        model.type_labels, model.type_bias, model.type_weights = _table(type_docs, type_labels)
    return model
