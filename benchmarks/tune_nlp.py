"""Choose the classifier's blend figures and the urgency blend's calibration by cross-validation.

    .venv/bin/python benchmarks/tune_nlp.py

Five stratified folds over the training files (`labelled_files.TRAINING`): a model is
trained on four folds and the fifth is classified. Figures are judged on the rows of
the files other than dev, because the taxonomy's keywords and urgent rules were tuned
by reading dev; figures on all rows are printed alongside.

- Category/type: BLEND_WEIGHT and TYPE_BLEND of `nlp.classify` — best category
  accuracy (counting `also`), then type accuracy. (Damping the blend when the
  keywords are confident and a softmax temperature were tried and did not help.)
- Urgency: the model's urgency blend (`nlp.urgency_blend`) is fitted in training on
  out-of-fold inputs. The rows of the calibration files (`labelled_files.CALIBRATION`,
  in real traffic's proportions) weigh CALIBRATION_WEIGHT in the fit and alone place
  the threshold, to catch URGENT_RECALL of their emergencies out of fold. For each
  weight in WEIGHTS and target in TARGETS this prints the CV recall and precision on
  the calibration files' rows and the CV recall on the written rows (the other training
  files, most of their emergencies hard ones).
  The rule (2026-12-07, fourth version): a setting is eligible when its CV precision on the
  calibration rows is ≥ 80 % (the contract's floor); of those, the best CV recall on the
  calibration rows, then on the written rows, then precision (ties: the smaller weight, then
  the higher target). When none is eligible, the best precision. The third version asked
  for ≥ 98 % recall first; once blind6 and blind7 (emergencies told as situations, in real
  traffic's proportions) calibrate too, none of its targets (0.98 and up) reached 98 % at
  80 % in CV, and its fallback (the best recall) took a threshold with 36 % precision.
  TARGETS now reaches down to 0.95, so that the rule finds the highest recall the floor
  allows (on 2026-12-07: target 0.97, 98.0 % at 80.6 %; round 6 added 0.975 and chose it: 97.3 %
  at 80.3 %).

The held-out files, the validation file and the blind set being written are never read.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlp.classify as classify  # noqa: E402
from benchmarks.labelled_files import CALIBRATION, TRAINING, load  # noqa: E402
from nlp.classify import Classifier  # noqa: E402
from nlp.model import Model  # noqa: E402
from nlp.taxonomy import load_taxonomy  # noqa: E402
from nlp.training.evaluate import Prediction, Report, score_predictions  # noqa: E402
from nlp.training.folds import stratified_folds  # noqa: E402
from nlp.training.train import (  # noqa: E402
    CALIBRATION_WEIGHT,
    URGENT_RECALL,
    calibration_marks,
    message_features,
    out_of_fold_inputs,
    train_tables,
)
from nlp.urgency_blend import BlendInput, UrgencyBlend, fit_blend, place_threshold  # noqa: E402

BLEND_GRID = {"BLEND_WEIGHT": (2.0, 4.0, 6.0, 8.0), "TYPE_BLEND": (2.0, 4.0, 6.0, 8.0, 12.0)}
WEIGHTS = (1.0, 3.0, 6.0, 10.0)
TARGETS = (0.95, 0.96, 0.97, 0.975, 0.98, 0.99, 1.0)
CALIBRATION_PRECISION = 0.80

Inputs = tuple[list[BlendInput], list[bool], list[bool]]


@dataclass
class Fitted:
    """A model as `nlp.training.train.train` makes it, with what its blend was fitted on (to
    fit it again with other settings): the out-of-fold inputs and which of them are
    calibration rows."""

    model: Model
    inputs: Inputs
    calibrating: list[bool]

    def calibrated(self, weight: float, target: float) -> Model:
        """The model with its blend fitted for `weight` and `target` (in place)."""
        self.model.urgent_blend = fit_blend(
            *self.inputs, target, calibrating=self.calibrating, calibration_weight=weight
        )
        return self.model

    def at_target(self, target: float) -> Model:
        """The model with its blend's threshold moved for `target` (in place)."""
        assert self.model.urgent_blend is not None
        self.model.urgent_blend = place_threshold(
            self.model.urgent_blend, *self.inputs, target, placing=self.calibrating
        )
        return self.model


def fitted(
    docs: Sequence[Counter[str]], rows: Sequence[dict], calibrating: Sequence[bool]
) -> Fitted:
    marks = calibration_marks(rows, calibrating)
    result = Fitted(train_tables(docs, rows), out_of_fold_inputs(docs, rows), marks)
    result.calibrated(CALIBRATION_WEIGHT, URGENT_RECALL)
    return result


def folds_and_models(rows: list[dict], calibrating: list[bool]) -> list[tuple[list[int], Fitted]]:
    docs = message_features(row["text"] for row in rows)
    result = []
    for fold in stratified_folds(rows, 5, 0):
        held_out = set(fold)
        kept = [i for i in range(len(rows)) if i not in held_out]
        result.append(
            (
                fold,
                fitted(
                    [docs[i] for i in kept], [rows[i] for i in kept], [calibrating[i] for i in kept]
                ),
            )
        )
    return result


def tune_blend(
    rows: list[dict], extra: Sequence[int], folds: list[tuple[list[int], Fitted]]
) -> None:
    taxonomy = load_taxonomy()
    classifiers = [(fold, Classifier(taxonomy, fallback=f.model)) for fold, f in folds]
    results = []
    names = list(BLEND_GRID)
    for values in itertools.product(*BLEND_GRID.values()):
        for name, value in zip(names, values, strict=True):
            setattr(classify, name, value)
        predictions: dict[int, Prediction] = {}
        for fold, classifier in classifiers:
            for index in fold:
                result = classifier.classify(rows[index]["text"])
                predictions[index] = Prediction(result.category, result.type)
        scores = []
        for subset in (extra, range(len(rows))):
            report = score_predictions([rows[i] for i in subset], [predictions[i] for i in subset])
            scores += [report.accuracy, report.type_accuracy or 0.0]
        results.append((scores, values))
    results.sort(key=lambda r: (r[0][0], r[0][1]), reverse=True)
    print("category/type blend (non-dev rows | all rows):")
    for scores, values in results[:8]:
        setting = ", ".join(f"{n}={v:g}" for n, v in zip(names, values, strict=True))
        print(
            f"  {setting}: category {scores[0]:.1%} type {scores[1]:.1%} | "
            f"category {scores[2]:.1%} type {scores[3]:.1%}"
        )


def _figures(report: Report) -> str:
    return f"recall {report.urgent_recall or 0:.1%} precision {report.urgent_precision or 0:.1%}"


def _cross_validated(
    rows: list[dict], folds: list[tuple[list[int], Fitted]], weight: float
) -> dict[float, list[Prediction]]:
    """target → the out-of-fold predictions with the blends fitted for `weight`."""
    taxonomy = load_taxonomy()
    result: dict[float, dict[int, Prediction]] = {t: {} for t in TARGETS}
    for fold, fit in folds:
        fit.calibrated(weight, TARGETS[0])
        for target in TARGETS:
            classifier = Classifier(taxonomy, fallback=fit.at_target(target))
            for index in fold:
                found = classifier.classify(rows[index]["text"])
                result[target][index] = Prediction(found.category, found.type, found.urgent)
    return {t: [made[i] for i in range(len(rows))] for t, made in result.items()}


def tune_urgency(
    rows: list[dict], calibrating: list[bool], folds: list[tuple[list[int], Fitted]]
) -> tuple[float, float]:
    """Print the figures of each (weight, target) and return the one the rule chooses."""
    full = fitted(message_features(row["text"] for row in rows), rows, calibrating)
    real = [i for i in range(len(rows)) if calibrating[i]]
    written = [i for i in range(len(rows)) if not calibrating[i]]
    print(
        "urgency by calibration weight and target "
        "(CV calibration rows | CV written rows | CV all rows):"
    )
    scored = []
    for weight in WEIGHTS:
        predictions = _cross_validated(rows, folds, weight)
        full.calibrated(weight, TARGETS[0])
        for target in TARGETS:
            made = predictions[target]
            on_real = score_predictions([rows[i] for i in real], [made[i] for i in real])
            on_written = score_predictions([rows[i] for i in written], [made[i] for i in written])
            on_all = score_predictions(rows, made)
            model = full.at_target(target)
            assert model.urgent_blend is not None
            print(
                f"  weight {weight:g}, target {target:g}: {_figures(on_real)} | "
                f"recall {on_written.urgent_recall or 0:.1%} | {_figures(on_all)} "
                f"(threshold on all rows {model.urgent_blend.threshold:.2f})"
            )
            precision = on_real.urgent_precision or 0
            eligible = precision >= CALIBRATION_PRECISION
            recall = on_real.urgent_recall or 0
            ranked = (recall, on_written.urgent_recall or 0, precision)
            scored.append((eligible, ranked if eligible else (precision,), -weight, target))
    best = max(scored, key=lambda s: (s[0], s[1], s[2], s[3]))
    weight, target = -best[2], best[3]
    blend = full.calibrated(weight, target).urgent_blend
    assert isinstance(blend, UrgencyBlend)
    print(f"  chosen by the rule: CALIBRATION_WEIGHT={weight:g}, URGENT_RECALL={target:g}")
    print("  its blend, trained on all rows:", _weights(blend))
    return weight, target


def _weights(blend: UrgencyBlend) -> str:
    return ", ".join(f"{name} {weight:+.2f}" for name, weight in blend.explain())


def main() -> None:
    files = load(TRAINING)
    rows = [row for part in files.values() for row in part]
    calibrating = [name in CALIBRATION for name, part in files.items() for _ in part]
    extra = range(len(files["dev"]), len(rows))
    folds = folds_and_models(rows, calibrating)
    weight, target = tune_urgency(rows, calibrating, folds)
    for _, fit in folds:
        fit.calibrated(weight, target)
    tune_blend(rows, extra, folds)


if __name__ == "__main__":
    main()
