"""Learn per-fragment weights from labelled messages (any label set).

Category and type weights are the sum of two linear models on the same features,
so a label's score is still the sum of one weight per fragment present:

- complement naive Bayes (Rennie et al., "Tackling the poor assumptions of naive
  Bayes text classifiers", 2003), × NB_WEIGHT: each message's features are
  idf-weighted and length-normalised; for every label the feature's smoothed
  log-frequency in all *other* labels' messages is taken and normalised per label;
  negated and centred per feature, a weight is positive when the fragment speaks
  for the label;
- multinomial logistic regression (softmax), fitted by AdaGrad in a fixed order
  with few passes (early stopping instead of a penalty): it corrects naive Bayes
  where fragments overlap (漏, 漏水, 水).

Together they beat either alone in 5-fold CV (docs/nlp.md). Near-zero weights are
pruned.

Urgency weights (when the rows carry `urgent` with both values) are those of an
L2-regularised logistic regression on the same binary features, fitted by
AdaGrad in a fixed order, so a score is the log-odds of an emergency and a
positive weight is a fragment that speaks for one. The decision itself is the
model's urgency blend (`nlp.urgency_blend`): fitted on out-of-fold scores of
BLEND_FOLDS folds together with the taxonomy's urgent rules, its threshold set to
keep `urgent_recall` of the emergencies. Calibration rows (`calibration`: messages
in the proportions of real traffic, a community's own history) are trained on like
the others, weigh CALIBRATION_WEIGHT times as much in the blend's fit, and alone
place its threshold: written examples cover what an emergency can say, but most are
hard ones, and a threshold placed to catch them flags too many calm messages of
ordinary traffic (docs/nlp.md).
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from operator import add
from typing import Any

from nlp.classify import Classifier
from nlp.folds import stratified_folds
from nlp.mask import mask
from nlp.model import Model, Table, features
from nlp.normalize import normalize
from nlp.taxonomy import Taxonomy, load_taxonomy
from nlp.urgency import blend_input
from nlp.urgency_blend import BlendInput, UrgencyBlend, fit_blend

__all__ = [
    "BLEND_FOLDS",
    "CALIBRATION_WEIGHT",
    "URGENT_RECALL",
    "calibration_marks",
    "message_features",
    "out_of_fold_inputs",
    "train",
    "train_on_features",
    "train_tables",
    "urgency_blend",
    "urgency_table",
]

ALPHA = 0.2  # additive smoothing of the complement counts (5-fold CV)
SCALE = 10.0  # × vocabulary size: typical message scores differ by a few units
MIN_WEIGHT = 0.05  # weights smaller than this (in absolute value, after scaling) are dropped
URGENT_L2 = 1e-3  # logistic regression: L2 penalty per update (5-fold CV)
URGENT_EPOCHS = 30
URGENT_RATE = 0.1  # AdaGrad base step (5-fold CV)
URGENT_MIN_WEIGHT = 0.02
NB_WEIGHT = 0.5  # naive Bayes weights × this + the softmax regression's (5-fold CV)
SOFTMAX_EPOCHS = 5
SOFTMAX_RATE = 0.2  # AdaGrad base step (5-fold CV on the five training files)
SEED = 0
BLEND_FOLDS = 3  # out-of-fold scores for the urgency blend
URGENT_RECALL = 0.98  # share of the emergencies (out of fold) the threshold keeps (tune_nlp.py)
CALIBRATION_WEIGHT = 6.0  # a calibration row's weight in the blend's fit (benchmarks/tune_nlp.py)


def message_features(texts: Iterable[str]) -> list[set[str]]:
    """The model's features of raw messages: normalised, masked (`nlp.mask`)."""
    return [features(mask(normalize(text))) for text in texts]


def _complement_nb(
    docs: Sequence[set[str]], labels: Sequence[str], label_set: Sequence[str]
) -> dict[str, list[float]]:
    """Centred complement naive Bayes weights per feature (columns: `label_set`)."""
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
    rows: dict[str, list[float]] = {}
    for feature in total:
        values = [complement[label][feature] for label in label_set]
        mean = sum(values) / len(values)
        rows[feature] = [v - mean for v in values]
    return rows


def _softmax_regression(
    docs: Sequence[set[str]], labels: Sequence[str], label_set: Sequence[str]
) -> tuple[dict[str, list[float]], list[float]]:
    """(weights per feature, bias) of a multinomial logistic regression, fitted by
    AdaGrad with one step size per feature (the features are binary, so a message's
    gradient is the same error vector for each of its features)."""
    k = len(label_set)
    column = {label: i for i, label in enumerate(label_set)}
    weights: dict[str, list[float]] = {}
    squares: dict[str, float] = {}
    bias, bias_square = [0.0] * k, 1e-8
    ordered = [sorted(doc) for doc in docs]
    targets = [column[label] for label in labels]
    order = list(range(len(docs)))
    rng = random.Random(SEED)
    for _ in range(SOFTMAX_EPOCHS):
        rng.shuffle(order)
        for index in order:
            doc = ordered[index]
            rows = [weights.get(f) for f in doc]
            z = list(bias)
            for row in rows:
                if row is not None:
                    z = list(map(add, z, row))
            top = max(z)
            exps = [math.exp(v - top) for v in z]
            total = sum(exps)
            error = [e / total for e in exps]
            error[targets[index]] -= 1.0
            energy = sum(e * e for e in error)
            bias_square += energy
            step = SOFTMAX_RATE / math.sqrt(bias_square)
            bias = [b - step * e for b, e in zip(bias, error, strict=True)]
            for feature, row in zip(doc, rows, strict=True):
                square = squares[feature] = squares.get(feature, 1e-8) + energy
                step = SOFTMAX_RATE / math.sqrt(square)
                weights[feature] = [
                    w - step * e for w, e in zip(row or [0.0] * k, error, strict=True)
                ]
    return weights, bias


def _label_table(docs: Sequence[set[str]], labels: Sequence[str]) -> Table:
    """NB_WEIGHT × complement naive Bayes + softmax regression, one row per feature."""
    label_set = sorted(set(labels))
    naive = _complement_nb(docs, labels, label_set)
    softmax, bias = _softmax_regression(docs, labels, label_set)
    zeros = [0.0] * len(label_set)
    rows: dict[str, list[float]] = {}
    for feature in sorted(naive.keys() | softmax.keys()):
        summed = map(
            add,
            (NB_WEIGHT * v for v in naive.get(feature, zeros)),
            softmax.get(feature, zeros),
        )
        row = [round(v, 3) if abs(v) >= MIN_WEIGHT else 0.0 for v in summed]
        if any(row):
            rows[feature] = row
    return Table(label_set, [round(b, 3) for b in bias], rows)


def urgency_table(docs: Sequence[set[str]], flags: Sequence[bool]) -> Table:
    """The urgency weights alone (what `train_on_features` puts in `Model.urgent`)."""
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(docs)))
    rng = random.Random(SEED)
    for _ in range(URGENT_EPOCHS):
        rng.shuffle(order)
        for index in order:
            doc = sorted(docs[index])
            z = bias + sum(weights.get(f, 0.0) for f in doc)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - flags[index]
            bias_square += error * error
            bias -= URGENT_RATE * error / math.sqrt(bias_square)
            for feature in doc:
                weight = weights.get(feature, 0.0)
                gradient = error + URGENT_L2 * weight
                squares[feature] = squares.get(feature, 1e-8) + gradient * gradient
                weights[feature] = weight - URGENT_RATE * gradient / math.sqrt(squares[feature])
    rows = {f: [round(w, 3)] for f, w in sorted(weights.items()) if abs(w) >= URGENT_MIN_WEIGHT}
    return Table(["urgent"], [round(bias, 3)], rows)


def train(
    rows: Sequence[Mapping[str, Any]],
    taxonomy: Taxonomy | None = None,
    *,
    urgent_recall: float = URGENT_RECALL,
    calibration: Sequence[Mapping[str, Any]] = (),
) -> Model:
    """Train on rows with `text` and `category` (and optionally `type`, `urgent`),
    and on the `calibration` rows, which also place the urgency threshold;
    `taxonomy` (default: the shipped one) gives the urgent rules the blend weighs."""
    if not rows and not calibration:
        raise ValueError("no training rows")
    joined = [*rows, *calibration]
    docs = message_features(row["text"] for row in joined)
    calibrating = [False] * len(rows) + [True] * len(calibration)
    return train_on_features(
        docs, joined, taxonomy, urgent_recall=urgent_recall, calibrating=calibrating
    )


def train_on_features(
    docs: Sequence[set[str]],
    rows: Sequence[Mapping[str, Any]],
    taxonomy: Taxonomy | None = None,
    *,
    urgent_recall: float = URGENT_RECALL,
    calibrating: Sequence[bool] | None = None,
) -> Model:
    """`train` with the features already computed (cross-validation reuses them) and
    the calibration rows marked in `calibrating`."""
    model = train_tables(docs, rows)
    if model.urgent is not None:
        model.urgent_blend = urgency_blend(docs, rows, taxonomy, urgent_recall, calibrating)
    return model


def train_tables(docs: Sequence[set[str]], rows: Sequence[Mapping[str, Any]]) -> Model:
    """The category, type and urgency tables, without the urgency blend."""
    model = Model(_label_table(docs, [row["category"] for row in rows]))
    typed = [(doc, row["type"]) for doc, row in zip(docs, rows, strict=True) if row.get("type")]
    if len({t for _, t in typed}) > 1:
        type_docs, type_labels = zip(*typed, strict=True)
        model.type = _label_table(type_docs, type_labels)
    flagged = [(doc, row["urgent"]) for doc, row in zip(docs, rows, strict=True) if "urgent" in row]
    if len({u for _, u in flagged}) > 1:
        urgent_docs, flags = zip(*flagged, strict=True)
        model.urgent = urgency_table(urgent_docs, flags)
    return model


def urgency_blend(
    docs: Sequence[set[str]],
    rows: Sequence[Mapping[str, Any]],
    taxonomy: Taxonomy | None = None,
    urgent_recall: float = URGENT_RECALL,
    calibrating: Sequence[bool] | None = None,
) -> UrgencyBlend:
    """The blend of the rows labelled urgent or not, fitted on their out-of-fold
    inputs (`out_of_fold_inputs`), the rows marked in `calibrating` weighing
    CALIBRATION_WEIGHT and placing the threshold."""
    return fit_blend(
        *out_of_fold_inputs(docs, rows, taxonomy),
        urgent_recall,
        calibrating=calibration_marks(rows, calibrating),
        calibration_weight=CALIBRATION_WEIGHT,
    )


def calibration_marks(
    rows: Sequence[Mapping[str, Any]], calibrating: Sequence[bool] | None
) -> list[bool]:
    """`calibrating` for the rows labelled urgent or not, in the order of
    `out_of_fold_inputs`' inputs."""
    return [bool(calibrating and calibrating[i]) for i, row in enumerate(rows) if "urgent" in row]


def out_of_fold_inputs(
    docs: Sequence[set[str]],
    rows: Sequence[Mapping[str, Any]],
    taxonomy: Taxonomy | None = None,
) -> tuple[list[BlendInput], list[bool], list[bool]]:
    """(blend inputs, urgent flags, veto flags) of the rows labelled urgent or not,
    each scored by tables trained on the other BLEND_FOLDS − 1 folds."""
    labelled = [i for i, row in enumerate(rows) if "urgent" in row]
    rules = Classifier(taxonomy or load_taxonomy())
    texts = [normalize(rows[i]["text"]) for i in labelled]
    evidence = [rules.urgency_evidence(text) for text in texts]
    subset = [rows[i] for i in labelled]
    inputs: list[BlendInput | None] = [None] * len(labelled)
    for fold in stratified_folds(subset, BLEND_FOLDS, SEED):
        held_out = set(fold)
        kept = [labelled[j] for j in range(len(labelled)) if j not in held_out]
        tables = train_tables([docs[i] for i in kept], [rows[i] for i in kept])
        for j in fold:
            inputs[j] = blend_input(tables.scores(docs[labelled[j]]), evidence[j])
    flags = [bool(row["urgent"]) for row in subset]
    return [i for i in inputs if i is not None], flags, [e.vetoed for e in evidence]
