"""Leave one file out: how the shipped set-up does on a writer it has never read.

    .venv/bin/python benchmarks/writer_cv.py [FILE ...]

Each labelled file of `labelled_files.TRAINING` was written by other hands (a helper in a
set of voices, or a community's history), so each named file (default: the files written
blind by helpers who saw no other file) is classified by the default set-up — keywords plus a
model trained exactly as `linli nlp train` trains the shipped one, on every other file, the
calibration files calibrating — and scored as `linli nlp eval` scores. Random folds mix a
writer's lines into training and test, and so promise more than a new writer gets; this is
the measure closest to a fresh blind set. About 12 s a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.labelled_files import CALIBRATION, TRAINING, WRITTEN_BLIND, load  # noqa: E402
from nlp.classify import Classifier  # noqa: E402
from nlp.taxonomy import load_taxonomy  # noqa: E402
from nlp.training.evaluate import Prediction, Report, score_predictions  # noqa: E402
from nlp.training.train import train  # noqa: E402


def held_out(files: dict[str, list[dict]], name: str) -> list[Prediction]:
    """`name`'s rows classified by the default set-up trained on all the other files."""
    calibration = [
        row for other in CALIBRATION if other != name and other in files for row in files[other]
    ]
    training = [
        row
        for other, part in files.items()
        if other != name and other not in CALIBRATION
        for row in part
    ]
    classifier = Classifier(load_taxonomy(), fallback=train(training, calibration=calibration))
    found = [classifier.classify(row["text"]) for row in files[name]]
    return [Prediction(f.category, f.type, f.urgent) for f in found]


def line(title: str, report: Report) -> str:
    return (
        f"{title:14s} n={report.n:5d}  category {report.accuracy:.1%}  "
        f"type {report.type_accuracy or 0:.1%}  urgent recall {report.urgent_recall or 0:.1%} "
        f"precision {report.urgent_precision or 0:.1%}"
    )


def main(names: list[str]) -> None:
    files = load(TRAINING)
    unknown = [name for name in names if name not in files]
    if unknown:
        raise SystemExit(f"not a training file: {', '.join(unknown)} (one of {', '.join(files)})")
    rows: list[dict] = []
    predictions: list[Prediction] = []
    for name in names:
        made = held_out(files, name)
        print(line(name, score_predictions(files[name], made)), flush=True)
        rows += files[name]
        predictions += made
    print(line("pooled", score_predictions(rows, predictions)))


if __name__ == "__main__":
    main(sys.argv[1:] or list(WRITTEN_BLIND))
