"""Learn per-keyword weights from labelled messages (any label set).

The weights are those of a complement naive Bayes classifier (Rennie et al.,
"Tackling the poor assumptions of naive Bayes text classifiers", 2003): each
message's features are idf-weighted and length-normalised; for every label the
feature's smoothed log-frequency in all *other* labels' messages is taken and
normalised per label. Negated and centred per feature, a weight is positive
when the word speaks for the label, and a label's score is the sum of the
weights of the features present. Near-zero weights are pruned.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from nlp.model import Model, features
from nlp.normalize import normalize
from nlp.segment import Segmenter

__all__ = ["message_features", "train", "train_on_features"]

ALPHA = 0.2        # additive smoothing of the complement counts (5-fold CV on dev)
SCALE = 10.0       # × vocabulary size: typical message scores differ by a few units
MIN_WEIGHT = 0.05  # weights smaller than this (in absolute value, after scaling) are dropped


def message_features(segmenter: Segmenter, texts: Iterable[str]) -> list[set[str]]:
    result = []
    for text in texts:
        norm = normalize(text)
        result.append(features(segmenter.lcut(norm), norm))
    return result


def _table(docs: Sequence[set[str]], labels: Sequence[str]
           ) -> tuple[list[str], dict[str, float], dict[str, dict[str, float]]]:
    label_set = sorted(set(labels))
    doc_freq: Counter[str] = Counter()
    for doc in docs:
        doc_freq.update(doc)
    idf = {f: math.log(len(docs) / df) for f, df in doc_freq.items()}
    per_label: dict[str, defaultdict[str, float]] = {lb: defaultdict(float) for lb in label_set}
    total: defaultdict[str, float] = defaultdict(float)
    for doc, label in zip(docs, labels, strict=True):
        norm = math.sqrt(sum(idf[f] ** 2 for f in doc)) or 1.0
        for feature in doc:
            value = idf[feature] / norm
            per_label[label][feature] += value
            total[feature] += value
    grand_total, vocab = sum(total.values()), len(total)
    complement: dict[str, dict[str, float]] = {}
    for label in label_set:
        rest = grand_total - sum(per_label[label].values()) + ALPHA * vocab
        logs = {f: -math.log((t - per_label[label][f] + ALPHA) / rest) for f, t in total.items()}
        size = sum(abs(v) for v in logs.values()) or 1.0
        complement[label] = {f: v / size * SCALE * vocab for f, v in logs.items()}
    weights: dict[str, dict[str, float]] = {}
    for feature in total:
        values = {label: complement[label][feature] for label in label_set}
        mean = sum(values.values()) / len(values)
        row = {label: round(v - mean, 4) for label, v in values.items()
               if abs(v - mean) >= MIN_WEIGHT}
        if row:
            weights[feature] = row
    return label_set, dict.fromkeys(label_set, 0.0), weights


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
