"""Learn per-fragment weights from labelled messages (any label set).

A message is a vector of its fragments (`nlp.model.features`): a fragment found n
times has the value (1 + ln n) × idf, idf = ln((1 + N) / (1 + df)) + 1 over the N
training messages (df: how many contain it), and the vector is divided by its length
— the weighting of scikit-learn's `TfidfVectorizer(sublinear_tf=True)`, computed here
and stored in the model, so that classifying is a pure-Python sparse dot product
(`Model.scores`) and scikit-learn is needed only to train.

- Category and type: a linear support vector machine (scikit-learn `LinearSVC`:
  squared hinge loss, L2 penalty C = SVM_C, one label against the rest), fitted to
  convergence, each label's messages weighted inversely to its size so that small
  labels are not swallowed by the largest. Its scores become probabilities by a
  softmax with one temperature per table, fitted by log-loss on out-of-fold scores
  (TEMPERATURE_FOLDS) and folded into the weights: the keyword blend and the
  urgency blend read those probabilities.
- Urgency (when the rows carry `urgent` with both values): L2-regularised logistic
  regression (`LogisticRegression`, C = URGENT_C), so a score is the log-odds of an
  emergency and a positive weight a fragment that speaks for one.

Weights smaller than MIN_WEIGHT are dropped. The decision on urgency is the model's
urgency blend (`nlp.urgency_blend`): fitted on out-of-fold scores of BLEND_FOLDS folds
together with the taxonomy's urgent rules, its threshold set to keep `urgent_recall`
of the emergencies. Calibration rows (`calibration`: messages in the proportions of
real traffic, a community's own history) are trained on like the others, weigh
CALIBRATION_WEIGHT times as much in the blend's fit, and alone place its threshold:
written examples cover what an emergency can say, but most are hard ones, and a
threshold placed to catch them flags too many calm messages of ordinary traffic
(docs/nlp.md). The threshold is then lowered, by ALWAYS_MAX_LOWERING at most, to keep the
taxonomy's `urgent.always` cries urgent (`keep_always_urgent`). The figures were chosen by
cross-validation (docs/nlp.md, benchmarks/tune_nlp.py, benchmarks/writer_cv.py).
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from nlp.classify import Classifier
from nlp.mask import mask
from nlp.model import Model, Table, features
from nlp.normalize import normalize
from nlp.taxonomy import Taxonomy, load_taxonomy
from nlp.training.folds import stratified_folds
from nlp.urgency import blend_input
from nlp.urgency_blend import BlendInput, UrgencyBlend, fit_blend

logger = logging.getLogger(__name__)

__all__ = [
    "ALWAYS_MAX_LOWERING",
    "BLEND_FOLDS",
    "CALIBRATION_WEIGHT",
    "URGENT_RECALL",
    "calibration_marks",
    "keep_always_urgent",
    "message_features",
    "out_of_fold_inputs",
    "train",
    "train_on_features",
    "train_tables",
    "urgency_blend",
]

SVM_C = 1.0  # LinearSVC's C (5-fold CV: 0.5 and 2 were worse)
URGENT_C = 30.0  # LogisticRegression's C for the urgency table (5-fold CV: 1, 3, 10, 30, 100)
MIN_WEIGHT = 0.02  # weights smaller than this (in absolute value) are dropped (5-fold CV)
TEMPERATURE_FOLDS = 3
SEED = 0
BLEND_FOLDS = 3  # out-of-fold scores for the urgency blend
URGENT_RECALL = 0.98  # share of the emergencies (out of fold) the threshold keeps (writer_cv.py)
# the most the taxonomy's `urgent.always` messages may lower the blend's threshold (its
# log-odds): enough for a cry the data happens to score just below, not enough to let a model
# that knows nothing of them trade its precision away
ALWAYS_MAX_LOWERING = 0.25
CALIBRATION_WEIGHT = 1.0  # a calibration row's weight in the blend's fit (benchmarks/writer_cv.py)

Doc = Mapping[str, int]


def message_features(texts: Iterable[str]) -> list[Counter[str]]:
    """The model's fragment counts of raw messages: normalised, masked (`nlp.mask`)."""
    return [features(mask(normalize(text))) for text in texts]


def inverse_frequencies(docs: Sequence[Doc]) -> dict[str, float]:
    """idf of every fragment of `docs`: ln((1 + N) / (1 + df)) + 1."""
    found: Counter[str] = Counter()
    for doc in docs:
        found.update(doc.keys())
    n = len(docs)
    return {f: round(math.log((1 + n) / (1 + df)) + 1, 4) for f, df in sorted(found.items())}


def _matrix(docs: Sequence[Doc], idf: Mapping[str, float], column: Mapping[str, int]) -> Any:
    """The messages' weighted, length-normalised fragment values (scipy CSR)."""
    from scipy.sparse import csr_matrix

    indices: list[int] = []
    values: list[float] = []
    starts = [0]
    for doc in docs:
        known = [(column[f], (1.0 + math.log(n)) * idf[f]) for f, n in doc.items() if f in idf]
        norm = math.sqrt(sum(v * v for _, v in known)) or 1.0
        indices.extend(i for i, _ in known)
        values.extend(v / norm for _, v in known)
        starts.append(len(indices))
    return csr_matrix((values, indices, starts), shape=(len(docs), len(column)))


def _svm(matrix: Any, labels: Sequence[str], label_set: Sequence[str]) -> Any:
    """(weights, bias) of a LinearSVC: one column per label of `label_set`."""
    import numpy as np
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=SVM_C, class_weight="balanced", max_iter=10_000, random_state=SEED)
    svm.fit(matrix, labels)
    if len(label_set) == 2:  # one column for the second label: split it symmetrically
        half_w, half_b = svm.coef_[0] / 2, svm.intercept_[0] / 2
        return np.vstack([-half_w, half_w]).T, np.array([-half_b, half_b])
    return svm.coef_.T, svm.intercept_


def _temperature(scores: Any, targets: Any) -> float:
    """The factor t minimising the log-loss of softmax(t × scores) (golden-section search
    on ln t)."""
    import numpy as np

    rows = np.arange(len(targets))

    def loss(log_t: float) -> float:
        z = scores * math.exp(log_t)
        z = z - z.max(axis=1, keepdims=True)
        return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, targets]))

    low, high = -3.0, 5.0
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(40):
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        if loss(a) < loss(b):
            high = b
        else:
            low = a
    return math.exp((low + high) / 2)


def _label_table(matrix: Any, labels: Sequence[str], vocabulary: Sequence[str]) -> Table:
    """LinearSVC weights per fragment, × the temperature that makes their softmax a
    probability (fitted on out-of-fold scores)."""
    import numpy as np

    label_set = sorted(set(labels))
    if len(label_set) == 1:  # a small fold's training part may hold a single label
        return Table(label_set, [0.0], {})
    targets = np.array([label_set.index(label) for label in labels])
    held_out = np.zeros((len(labels), len(label_set)))
    for fold in stratified_folds([{"category": lb} for lb in labels], TEMPERATURE_FOLDS, SEED):
        kept = np.setdiff1d(np.arange(len(labels)), fold)
        if len({labels[i] for i in kept}) < len(label_set):
            continue  # a label missing from this fold's training part: no scores
        weights, bias = _svm(matrix[kept], [labels[i] for i in kept], label_set)
        held_out[fold] = matrix[fold] @ weights + bias
    weights, bias = _svm(matrix, labels, label_set)
    scored = held_out.any(axis=1)
    scale = _temperature(held_out[scored], targets[scored]) if scored.any() else 1.0
    return Table(
        label_set,
        [round(float(b) * scale, 3) for b in bias],
        _rows(weights * scale, weights, vocabulary),
    )


def _rows(scaled: Any, weights: Any, vocabulary: Sequence[str]) -> dict[str, list[float]]:
    """Each fragment's row of `scaled` weights, rounded to three decimals; a weight is
    dropped (0) when its unscaled value is below MIN_WEIGHT, a row when all are."""
    import numpy as np

    kept = np.where(np.abs(weights) >= MIN_WEIGHT, np.round(scaled, 3), 0.0)
    nonzero = np.flatnonzero(kept.any(axis=1))
    return dict(zip((vocabulary[i] for i in nonzero.tolist()), kept[nonzero].tolist(), strict=True))


def _urgency_table(matrix: Any, flags: Sequence[bool], vocabulary: Sequence[str]) -> Table:
    """Logistic regression weights: a message's score is the log-odds of an emergency."""
    from sklearn.linear_model import LogisticRegression

    regression = LogisticRegression(C=URGENT_C, solver="liblinear", random_state=SEED)
    regression.fit(matrix, list(flags))
    weights = regression.coef_.T
    bias = [round(float(regression.intercept_[0]), 3)]
    return Table(["urgent"], bias, _rows(weights, weights, vocabulary))


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
    docs: Sequence[Doc],
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
        model.urgent_blend = keep_always_urgent(model, taxonomy or load_taxonomy())
    return model


def keep_always_urgent(model: Model, taxonomy: Taxonomy) -> UrgencyBlend:
    """The model's blend, its threshold lowered where need be, by ALWAYS_MAX_LOWERING at
    most, to the lowest score of the taxonomy's `urgent.always` messages (as classifying with
    this model scores them), so that a round's data cannot let one through: 有人跳楼 stays
    urgent whatever the data says about 跳楼价."""
    blend = model.urgent_blend
    assert blend is not None
    if not taxonomy.urgent.always:
        return blend
    scorer = Classifier(taxonomy, fallback=model)
    lowest = min(map(scorer.urgency_score, taxonomy.urgent.always))
    if lowest >= blend.threshold:
        return blend
    floor = blend.threshold - ALWAYS_MAX_LOWERING
    if lowest < floor:
        logger.warning(
            "urgent.always: a message scores %.2f, more than %.2f below the threshold %.2f; "
            "lowered by %.2f only (the training data should say more about it)",
            lowest,
            ALWAYS_MAX_LOWERING,
            blend.threshold,
            ALWAYS_MAX_LOWERING,
        )
    return replace(blend, threshold=math.floor(max(lowest, floor) * 1e4) / 1e4)


def train_tables(docs: Sequence[Doc], rows: Sequence[Mapping[str, Any]]) -> Model:
    """The category, type and urgency tables and the idf, without the urgency blend."""
    idf = inverse_frequencies(docs)
    vocabulary = list(idf)
    matrix = _matrix(docs, idf, {f: i for i, f in enumerate(vocabulary)})
    model = Model(_label_table(matrix, [row["category"] for row in rows], vocabulary), idf=idf)
    typed = [i for i, row in enumerate(rows) if row.get("type")]
    if len({rows[i]["type"] for i in typed}) > 1:
        model.type = _label_table(matrix[typed], [rows[i]["type"] for i in typed], vocabulary)
    flagged = [i for i, row in enumerate(rows) if "urgent" in row]
    if len({bool(rows[i]["urgent"]) for i in flagged}) > 1:
        flags = [bool(rows[i]["urgent"]) for i in flagged]
        model.urgent = _urgency_table(matrix[flagged], flags, vocabulary)
    return model


def urgency_blend(
    docs: Sequence[Doc],
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
    docs: Sequence[Doc],
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
