"""Choose the classifier's blend and urgency figures by cross-validation.

    .venv/bin/python benchmarks/tune_nlp.py

Five stratified folds over the training files (`labelled_files.TRAINING`): a model is
trained on four folds and the fifth is classified. The figures are chosen on the
rows of the files other than dev, because the taxonomy's keywords and urgent rules
were tuned by reading dev; figures on all rows are printed alongside.

- Category/type: BLEND_WEIGHT and TYPE_BLEND of `nlp.classify` — best category
  accuracy (counting `also`), then type accuracy. (Damping the blend when the
  keywords are confident and a softmax temperature were tried and did not help.)
- Urgency: RULE_WEIGHT, HEDGE_WEIGHT and URGENT_AT of `nlp.urgency`, on the
  out-of-fold scores of URGENCY_SEEDS different fold draws pooled (one draw moved
  the chosen weights by more than they differ) — for each
  pair of weights, the highest threshold keeping recall ≥ TARGET_RECALL; the pair
  with the best precision wins. If that precision is below MIN_PRECISION, the
  same is done for recall ≥ FALLBACK_RECALL instead (a product decision: fewer
  false alarms for a few more missed emergencies, docs/nlp.md). The
  precision/recall curve of the winner is printed too.
- Then, if the validation file (`labelled_files.VALIDATION`: realistic messages,
  written blind, never trained on) is there, its urgency curve is printed, scored
  by a model trained on all training rows, with its figures at the chosen
  threshold. (Choosing the threshold there — the highest keeping recall ≥ 98% —
  was tried and not adopted: it gave −2.30, 48/48 emergencies at 62% precision,
  and turned questions such as 孩子发烧了，社区卫生站几点开门 into alarms;
  docs/nlp.md.)

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
from nlp.crossval import stratified_folds  # noqa: E402
from nlp.evaluate import Prediction, score_predictions  # noqa: E402
from nlp.model import Model  # noqa: E402
from nlp.normalize import normalize  # noqa: E402
from nlp.taxonomy import load_taxonomy  # noqa: E402
from nlp.train import message_features, train_on_features, urgency_table  # noqa: E402

TARGET_RECALL = 0.97
FALLBACK_RECALL = 0.95
MIN_PRECISION = 0.75
BLEND_GRID = {"BLEND_WEIGHT": (1.0, 2.0, 3.0, 4.0, 6.0), "TYPE_BLEND": (0.0, 1.0, 2.0, 3.0, 4.0)}
RULE_WEIGHTS = (0.0, 0.25, 0.5, 1.0, 1.5)
HEDGE_WEIGHTS = (0.0, 0.5, 1.0, 2.0, 3.0)
URGENCY_SEEDS = (0, 1, 2)


def folds_and_models(rows: list[dict]) -> list[tuple[list[int], Model]]:
    docs = message_features(row["text"] for row in rows)
    result = []
    for fold in stratified_folds(rows, 5, 0):
        held_out = set(fold)
        train_idx = [i for i in range(len(rows)) if i not in held_out]
        result.append(
            (fold, train_on_features([docs[i] for i in train_idx], [rows[i] for i in train_idx]))
        )
    return result


def tune_blend(
    rows: list[dict], extra: Sequence[int], folds: list[tuple[list[int], Model]]
) -> None:
    taxonomy = load_taxonomy()
    classifiers = [(fold, Classifier(taxonomy, fallback=model)) for fold, model in folds]
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


def _operating_point(
    scores: list[float], flags: list[bool], target: float
) -> tuple[float, float, float]:
    """(threshold, recall, precision) at the highest threshold with recall ≥ target."""
    positives = sum(flags)
    best = (float("-inf"), 1.0, sum(flags) / len(flags))
    for threshold in sorted({s for s, f in zip(scores, flags, strict=True) if f}):
        picked = [f for s, f in zip(scores, flags, strict=True) if s >= threshold]
        recall = sum(picked) / positives
        if recall >= target:
            best = (threshold, recall, sum(picked) / len(picked))
    return best


def out_of_fold_urgency(rows: list[dict], folds: list[tuple[list[int], Model]]) -> list[float]:
    """Each row's urgency log-odds from a model not trained on it: seed 0 from the
    models already trained, further seeds with urgency tables alone; concatenated."""
    docs = message_features(row["text"] for row in rows)
    flags = [bool(row.get("urgent")) for row in rows]
    scores: list[float] = []
    for seed in URGENCY_SEEDS:
        tables = [(fold, model.urgent) for fold, model in folds] if seed == 0 else []
        for fold in stratified_folds(rows, 5, seed) if seed else []:
            held_out = set(fold)
            train_idx = [i for i in range(len(rows)) if i not in held_out]
            tables.append(
                (fold, urgency_table([docs[i] for i in train_idx], [flags[i] for i in train_idx]))
            )
        by_row = [0.0] * len(rows)
        for fold, table in tables:
            assert table is not None
            for index in fold:
                by_row[index] = table.scores(docs[index])["urgent"]
        scores += by_row
    return scores


def rule_parts(rows: list[dict]) -> tuple[list[float], list[int], list[bool]]:
    """Each row's urgent cue weights, hedging words and veto, as `nlp.urgency` finds them."""
    keywords = Classifier(load_taxonomy())
    parts = [
        keywords._urgency.rule_score(keywords._lexicon.scan(normalize(row["text"]))) for row in rows
    ]
    return [p[0] for p in parts], [p[1] for p in parts], [p[3] for p in parts]


def tune_urgency(
    rows: list[dict], extra: Sequence[int], folds: list[tuple[list[int], Model]]
) -> tuple[float, float, float]:
    """The chosen (RULE_WEIGHT, HEDGE_WEIGHT, URGENT_AT)."""
    model_score = out_of_fold_urgency(rows, folds)
    n_seeds = len(URGENCY_SEEDS)
    extra = [i + k * len(rows) for k in range(n_seeds) for i in extra]
    cues, hedges, veto = rule_parts(rows)
    cues, hedges, veto = cues * n_seeds, hedges * n_seeds, veto * n_seeds
    flags = [bool(row.get("urgent")) for row in rows] * n_seeds
    combos = {
        (weight, hedge): [
            m + weight * c - hedge * h if not v else float("-inf")
            for m, c, h, v in zip(model_score, cues, hedges, veto, strict=True)
        ]
        for weight, hedge in itertools.product(RULE_WEIGHTS, HEDGE_WEIGHTS)
    }
    extra_flags = [flags[i] for i in extra]
    for target in (TARGET_RECALL, FALLBACK_RECALL):
        print(f"urgency (recall ≥ {target:.0%}; non-dev rows | all rows):")
        results = []
        for (weight, hedge), combined in combos.items():
            on_extra = _operating_point([combined[i] for i in extra], extra_flags, target)
            results.append(
                (on_extra, _operating_point(combined, flags, target), weight, hedge, combined)
            )
        results.sort(key=lambda r: r[0][2], reverse=True)
        for on_extra, on_all, weight, hedge, _ in results[:6]:
            print(
                f"  RULE_WEIGHT={weight:g} HEDGE_WEIGHT={hedge:g}: "
                f"URGENT_AT={on_extra[0]:.2f} recall {on_extra[1]:.1%} precision "
                f"{on_extra[2]:.1%} | threshold {on_all[0]:.2f} recall {on_all[1]:.1%} "
                f"precision {on_all[2]:.1%}"
            )
        if results[0][0][2] >= MIN_PRECISION:
            break
        print(f"  precision < {MIN_PRECISION:.0%}: falling back to recall ≥ {FALLBACK_RECALL:.0%}")
    (threshold_chosen, _, _), _, weight, hedge, combined = results[0]
    print(
        f"  chosen: RULE_WEIGHT={weight:g} HEDGE_WEIGHT={hedge:g} URGENT_AT={threshold_chosen:.3f}"
    )
    print(f"  curve for RULE_WEIGHT={weight:g} HEDGE_WEIGHT={hedge:g} on non-dev rows:")
    for target in (0.90, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0):
        threshold, recall, precision = _operating_point(
            [combined[i] for i in extra], extra_flags, target
        )
        print(
            f"    recall ≥ {target:.0%}: URGENT_AT={threshold:.2f} recall {recall:.1%} "
            f"precision {precision:.1%}"
        )
    return weight, hedge, threshold_chosen


def urgency_scores(model: Model, rows: list[dict], weight: float, hedge: float) -> list[float]:
    """Combined urgency log-odds of `rows` as `nlp.urgency` computes them."""
    assert model.urgent is not None
    docs = message_features(row["text"] for row in rows)
    cues, hedges, veto = rule_parts(rows)
    return [
        float("-inf") if v else model.urgent.scores(doc)["urgent"] + weight * c - hedge * h
        for doc, c, h, v in zip(docs, cues, hedges, veto, strict=True)
    ]


def report_validation(
    rows: list[dict], validation: list[dict], weight: float, hedge: float, chosen: float
) -> None:
    model = train_on_features(message_features(row["text"] for row in rows), rows)
    scores = urgency_scores(model, validation, weight, hedge)
    flags = [bool(row.get("urgent")) for row in validation]
    print(f"urgency on the validation file ({sum(flags)} of {len(flags)} urgent):")
    for target in (0.90, 0.95, 0.98, 1.0):
        threshold, recall, precision = _operating_point(scores, flags, target)
        print(
            f"    recall ≥ {target:.0%}: URGENT_AT={threshold:.2f} recall {recall:.1%} "
            f"precision {precision:.1%}"
        )
    picked = [f for s, f in zip(scores, flags, strict=True) if s >= chosen]
    print(
        f"  at the chosen URGENT_AT={chosen:.3f}: recall {sum(picked) / sum(flags):.1%} "
        f"precision {sum(picked) / max(1, len(picked)):.1%}"
    )


def main() -> None:
    files = load(TRAINING)
    rows = [row for part in files.values() for row in part]
    extra = range(len(files["dev"]), len(rows))
    folds = folds_and_models(rows)
    weight, hedge, chosen = tune_urgency(rows, extra, folds)
    validation = load(VALIDATION)
    if validation:
        report_validation(rows, validation["val"], weight, hedge, chosen)
    tune_blend(rows, extra, folds)


if __name__ == "__main__":
    main()
