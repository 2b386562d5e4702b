"""Choose the classifier's blend figures and the urgency recall target by cross-validation.

    .venv/bin/python benchmarks/tune_nlp.py

Five stratified folds over the training files (`labelled_files.TRAINING`): a model is
trained on four folds and the fifth is classified. Figures are judged on the rows of
the files other than dev, because the taxonomy's keywords and urgent rules were tuned
by reading dev; figures on all rows are printed alongside.

- Category/type: BLEND_WEIGHT and TYPE_BLEND of `nlp.classify` — best category
  accuracy (counting `also`), then type accuracy. (Damping the blend when the
  keywords are confident and a softmax temperature were tried and did not help.)
- Urgency: the model's urgency blend (`nlp.urgency_blend`) is fitted in training,
  its threshold placed to catch `URGENT_RECALL` of the training emergencies out of
  fold. For each target in TARGETS the CV recall and precision of the default set-up
  are printed, and, on the validation file (`labelled_files.VALIDATION`: realistic
  messages written blind, never trained on), those of a model trained on all rows.
  The rule, fixed before the runs of 2026-12-05: of CANDIDATES, the target with the
  best validation precision among those catching ≥ 98% of the validation
  emergencies; 0.98 when neither does.

The holdout files are never read.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from labelled_files import TRAINING, VALIDATION, load  # noqa: E402

import nlp.classify as classify  # noqa: E402
from nlp.classify import Classifier  # noqa: E402
from nlp.evaluate import Prediction, Report, evaluate, score_predictions  # noqa: E402
from nlp.folds import stratified_folds  # noqa: E402
from nlp.model import Model  # noqa: E402
from nlp.taxonomy import load_taxonomy  # noqa: E402
from nlp.train import (  # noqa: E402
    URGENT_RECALL,
    message_features,
    out_of_fold_inputs,
    train_tables,
)
from nlp.urgency_blend import BlendInput, UrgencyBlend, fit_blend, place_threshold  # noqa: E402

BLEND_GRID = {"BLEND_WEIGHT": (1.0, 2.0, 3.0, 4.0, 6.0), "TYPE_BLEND": (0.0, 1.0, 2.0, 3.0, 4.0)}
TARGETS = (0.95, 0.97, 0.98, 0.99)
CANDIDATES = (0.97, 0.98)
VALIDATION_RECALL = 0.98

Inputs = tuple[list[BlendInput], list[bool], list[bool]]


def fitted(docs: Sequence[set[str]], rows: Sequence[dict]) -> tuple[Model, Inputs]:
    """A model as `nlp.train.train` makes it, and its blend's out-of-fold inputs (to
    place other thresholds on the same blend)."""
    model = train_tables(docs, rows)
    inputs = out_of_fold_inputs(docs, rows)
    model.urgent_blend = fit_blend(*inputs, URGENT_RECALL)
    return model, inputs


def at_target(model: Model, inputs: Inputs, target: float) -> Model:
    """`model` with its urgency threshold placed for `target` (in place)."""
    assert model.urgent_blend is not None
    model.urgent_blend = place_threshold(model.urgent_blend, *inputs, target)
    return model


def folds_and_models(rows: list[dict]) -> list[tuple[list[int], Model, Inputs]]:
    docs = message_features(row["text"] for row in rows)
    result = []
    for fold in stratified_folds(rows, 5, 0):
        held_out = set(fold)
        train_idx = [i for i in range(len(rows)) if i not in held_out]
        model, inputs = fitted([docs[i] for i in train_idx], [rows[i] for i in train_idx])
        result.append((fold, model, inputs))
    return result


def tune_blend(
    rows: list[dict], extra: Sequence[int], folds: list[tuple[list[int], Model, Inputs]]
) -> None:
    taxonomy = load_taxonomy()
    classifiers = [(fold, Classifier(taxonomy, fallback=model)) for fold, model, _ in folds]
    results = []
    names = list(BLEND_GRID)
    for values in itertools.product(*BLEND_GRID.values()):
        for name, value in zip(names, values, strict=True):
            setattr(classify, name, value)
        predictions: list[Prediction | None] = [None] * len(rows)
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


def tune_urgency(
    rows: list[dict], extra: Sequence[int], folds: list[tuple[list[int], Model, Inputs]]
) -> None:
    taxonomy = load_taxonomy()
    validation = load(VALIDATION).get("val")
    full: tuple[Model, Inputs] | None = None
    if validation:
        full = fitted(message_features(row["text"] for row in rows), rows)
    print("urgency by training recall target (CV non-dev rows | CV all rows | validation):")
    chosen: tuple[float, float] | None = None
    for target in TARGETS:
        predictions: list[Prediction | None] = [None] * len(rows)
        for fold, model, inputs in folds:
            classifier = Classifier(taxonomy, fallback=at_target(model, inputs, target))
            for index in fold:
                result = classifier.classify(rows[index]["text"])
                predictions[index] = Prediction(result.category, result.type, result.urgent)
        on_extra = score_predictions([rows[i] for i in extra], [predictions[i] for i in extra])
        on_all = score_predictions(rows, predictions)
        line = f"  URGENT_RECALL={target:g}: {_figures(on_extra)} | {_figures(on_all)}"
        if full is not None and validation:
            model = at_target(full[0], full[1], target)
            report = evaluate(Classifier(taxonomy, fallback=model), validation)
            assert model.urgent_blend is not None
            line += f" | {_figures(report)} (threshold {model.urgent_blend.threshold:.2f})"
            recall, precision = report.urgent_recall or 0.0, report.urgent_precision or 0.0
            eligible = target in CANDIDATES and recall >= VALIDATION_RECALL
            if eligible and (chosen is None or precision > chosen[1]):
                chosen = (target, precision)
        print(line)
    if full is not None:
        blend = at_target(full[0], full[1], URGENT_RECALL).urgent_blend
        assert isinstance(blend, UrgencyBlend)
        print("  blend of the model trained on all rows:", _weights(blend))
        print(f"  chosen by the rule: URGENT_RECALL={chosen[0] if chosen else 0.98:g}")


def _weights(blend: UrgencyBlend) -> str:
    return ", ".join(f"{name} {weight:+.2f}" for name, weight in blend.explain())


def main() -> None:
    files = load(TRAINING)
    rows = [row for part in files.values() for row in part]
    extra = range(len(files["dev"]), len(rows))
    folds = folds_and_models(rows)
    tune_urgency(rows, extra, folds)
    for _, model, inputs in folds:
        at_target(model, inputs, URGENT_RECALL)
    tune_blend(rows, extra, folds)


if __name__ == "__main__":
    main()
