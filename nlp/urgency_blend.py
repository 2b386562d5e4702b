"""How a trained model decides urgency: a small logistic regression over named evidence.

The urgency table's log-odds alone miss what the model's other tables know: a message
the category table calls chit-chat (`other`) or the type table a question (`consult`) is
rarely an emergency, whatever its words (梦见家里着火了, 火警是119还是120来着). So the
decision is stacked (Wolpert, "Stacked generalization", 1992): a second, small logistic
regression weighs these inputs —

- `model`: the urgency table's log-odds;
- `cues`: the taxonomy's urgent cue weights found in the message;
- `hedges`: the number of hedging or past-tense words found (上次, 人没事 …);
- `unhedged`: the cue weights again when no hedging word is found, else 0 — an alarm
  told plainly counts more than the same words in a story already over (被狗咬了，流了
  好多血 against 上次被狗咬了，血早止住了);
- `category:<label>`, `type:<label>`: the category and type tables' probabilities —

fitted on out-of-fold scores (each training message scored by tables trained without
it), so it learns how far to trust the tables on messages they have not seen. The
threshold is the highest score that still catches `recall` of the training emergencies,
or of the calibration messages' ones when some are marked (`fit_blend`).
Twenty-odd weights, each readable (`UrgencyBlend.explain`). A veto word still rules
urgency out (`nlp.urgency`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import mul
from typing import NamedTuple

__all__ = ["BlendInput", "UrgencyBlend", "fit_blend", "place_threshold"]

RIDGE = 1.0  # L2 penalty on the standardised weights (not on the bias)
_ITERATIONS = 50  # Newton steps at most; it converges in fewer than ten
_TOLERANCE = 1e-9
_SCALARS = ("model", "cues", "hedges", "unhedged")
_TABLES = ("category", "type")


class BlendInput(NamedTuple):
    """What the blend weighs for one message (`named` gives the inputs' names); a
    tuple, because one is made for every message classified."""

    log_odds: float  # the urgency table's
    cues: float
    hedges: int
    category: Mapping[str, float]  # the category table's probabilities
    types: Mapping[str, float] | None  # the type table's, when the model has types

    def named(self) -> dict[str, float]:
        values = dict(zip(_SCALARS, self.scalars(), strict=True))
        values.update((f"category:{label}", p) for label, p in self.category.items())
        values.update((f"type:{label}", p) for label, p in (self.types or {}).items())
        return values

    def scalars(self) -> tuple[float, float, float, float]:
        """model, cues, hedges, unhedged."""
        unhedged = self.cues if self.hedges == 0 and self.cues > 0 else 0.0
        return self.log_odds, self.cues, float(self.hedges), unhedged


@dataclass(frozen=True)
class UrgencyBlend:
    inputs: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # urgent at a score ≥ this
    recall: float  # the share of the emergencies (training or calibration) it was placed to catch
    _scalar_weights: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _table_weights: dict[str, dict[str, float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the weights by kind of input, so that a message is scored without naming them
        named = dict(zip(self.inputs, self.weights, strict=True))
        unknown = [n for n in named if n not in _SCALARS and n.split(":", 1)[0] not in _TABLES]
        if unknown:
            raise ValueError(f"unknown urgency blend inputs: {', '.join(unknown)}")
        tables: dict[str, dict[str, float]] = {table: {} for table in _TABLES}
        for name, weight in named.items():
            table, _, label = name.partition(":")
            if label:
                tables[table][label] = weight
        object.__setattr__(self, "_scalar_weights", tuple(named.get(n, 0.0) for n in _SCALARS))
        object.__setattr__(self, "_table_weights", tables)

    def score(self, message: BlendInput) -> float:
        """The log-odds that `message` is an emergency (the sum over `message.named()`,
        without naming the inputs: this runs for every message)."""
        total = self.bias + sum(map(mul, self._scalar_weights, message.scalars()))
        by_category, by_type = self._table_weights["category"], self._table_weights["type"]
        for label, p in message.category.items():
            total += by_category.get(label, 0.0) * p
        for label, p in (message.types or {}).items():
            total += by_type.get(label, 0.0) * p
        return total

    def explain(self) -> list[tuple[str, float]]:
        """The inputs by the size of their weight, for admins reviewing a model."""
        return sorted(zip(self.inputs, self.weights, strict=True), key=lambda p: -abs(p[1]))

    def to_json(self) -> dict:
        return {
            "inputs": list(self.inputs),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "recall": self.recall,
        }

    @classmethod
    def from_json(cls, data: dict) -> UrgencyBlend:
        return cls(
            tuple(data["inputs"]),
            tuple(data["weights"]),
            data["bias"],
            data["threshold"],
            data["recall"],
        )


def fit_blend(
    messages: Sequence[BlendInput],
    flags: Sequence[bool],
    vetoed: Sequence[bool],
    recall: float,
    *,
    calibrating: Sequence[bool] | None = None,
    calibration_weight: float = 1.0,
) -> UrgencyBlend:
    """Fit the blend on out-of-fold inputs of messages labelled urgent or not
    (`flags`), with its threshold placed for `recall` (`place_threshold`). Messages
    with a veto word are never urgent, so they are left out of the fit.

    Messages marked in `calibrating` (a community's own traffic, say) weigh
    `calibration_weight` times as much in the fit, and the threshold is placed on
    their emergencies alone: written examples teach the tables what an emergency
    says, the calibration messages how often traffic like theirs is one."""
    if not 0 < recall <= 1:
        raise ValueError(f"recall must be in (0, 1], not {recall}")
    if calibration_weight <= 0:
        raise ValueError(f"calibration_weight must be above 0, not {calibration_weight}")
    marked = list(calibrating) if calibrating is not None else [False] * len(messages)
    values = [message.named() for message in messages]
    names = sorted({name for row in values for name in row})
    kept = [i for i in range(len(values)) if not vetoed[i]]
    matrix = [[values[i].get(name, 0.0) for name in names] for i in kept]
    targets = [1.0 if flags[i] else 0.0 for i in kept]
    sample_weights = [calibration_weight if marked[i] else 1.0 for i in kept]
    means, scales = _standardise(matrix)
    scaled = [[(x - m) / s for x, m, s in zip(row, means, scales, strict=True)] for row in matrix]
    fitted = _newton_logistic(scaled, targets, sample_weights, RIDGE)
    weights = [w / s for w, s in zip(fitted[:-1], scales, strict=True)]
    bias = fitted[-1] - sum(w * m for w, m in zip(weights, means, strict=True))
    rounded = tuple(round(w, 4) for w in weights)
    blend = UrgencyBlend(tuple(names), rounded, round(bias, 4), 0.0, 0.0)
    return place_threshold(blend, messages, flags, vetoed, recall, placing=marked)


def place_threshold(
    blend: UrgencyBlend,
    messages: Sequence[BlendInput],
    flags: Sequence[bool],
    vetoed: Sequence[bool],
    recall: float,
    *,
    placing: Sequence[bool] | None = None,
) -> UrgencyBlend:
    """`blend` with the highest threshold at which the messages without a veto word
    catch at least `recall` of all the emergencies, vetoed ones included (or the
    lowest emergency's score when too many are vetoed). When `placing` marks some
    emergencies, only the marked messages count."""
    if not 0 < recall <= 1:
        raise ValueError(f"recall must be in (0, 1], not {recall}")
    if placing is not None and any(f and p for f, p in zip(flags, placing, strict=True)):
        chosen = [i for i, p in enumerate(placing) if p]
        messages = [messages[i] for i in chosen]
        flags = [flags[i] for i in chosen]
        vetoed = [vetoed[i] for i in chosen]
    emergencies = sorted(
        (blend.score(m) for m, f, x in zip(messages, flags, vetoed, strict=True) if f and not x),
        reverse=True,
    )
    if not emergencies:
        raise ValueError("no emergency to place the threshold by (each has a veto word)")
    needed = max(1, min(len(emergencies), math.ceil(recall * sum(flags) - 1e-9)))
    threshold = math.floor(emergencies[needed - 1] * 1e4) / 1e4
    return UrgencyBlend(blend.inputs, blend.weights, blend.bias, threshold, recall)


def _standardise(matrix: list[list[float]]) -> tuple[list[float], list[float]]:
    """Each column's mean and standard deviation (1 for a constant column)."""
    n = len(matrix)
    means = [sum(column) / n for column in zip(*matrix, strict=True)]
    scales = []
    for column, mean in zip(zip(*matrix, strict=True), means, strict=True):
        spread = math.sqrt(sum((x - mean) ** 2 for x in column) / n)
        scales.append(spread if spread > 1e-12 else 1.0)
    return means, scales


def _newton_logistic(
    matrix: list[list[float]], targets: list[float], sample_weights: list[float], ridge: float
) -> list[float]:
    """Ridge-penalised logistic regression, each row's loss × its sample weight, by
    Newton's method (iteratively reweighted least squares): the weights of each
    column, then the bias (not penalised)."""
    d = len(matrix[0]) + 1
    rows = [[*row, 1.0] for row in matrix]
    weights = [0.0] * d
    for _ in range(_ITERATIONS):
        gradient = [ridge * w for w in weights[:-1]] + [0.0]
        hessian = [[0.0] * d for _ in range(d)]
        for i in range(d - 1):
            hessian[i][i] = ridge
        for row, target, weight in zip(rows, targets, sample_weights, strict=True):
            z = sum(w * x for w, x in zip(weights, row, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            error, curvature = weight * (p - target), weight * p * (1.0 - p)
            for i, x in enumerate(row):
                gradient[i] += error * x
                if x:
                    scaled = curvature * x
                    line = hessian[i]
                    for j in range(i, d):
                        line[j] += scaled * row[j]
        for i in range(d):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        step = _solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
        if max(map(abs, step)) < _TOLERANCE:
            break
    return weights


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix · x = vector (Gaussian elimination with partial pivoting)."""
    n = len(vector)
    augmented = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for column in range(n):
        pivot = max(range(column, n), key=lambda r: abs(augmented[r][column]))
        augmented[column], augmented[pivot] = augmented[pivot], augmented[column]
        head = augmented[column]
        for r in range(column + 1, n):
            factor = augmented[r][column] / head[column]
            if factor:
                augmented[r] = [a - factor * b for a, b in zip(augmented[r], head, strict=True)]
    solution = [0.0] * n
    for r in range(n - 1, -1, -1):
        row = augmented[r]
        solution[r] = (row[n] - sum(row[j] * solution[j] for j in range(r + 1, n))) / row[r]
    return solution
