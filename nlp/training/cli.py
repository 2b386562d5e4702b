"""`linli nlp …`: train a keyword model and evaluate classifiers on labelled JSONL."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from nlp.training.dataset import DatasetError, read_jsonl
from nlp.training.evaluate import Report
from nlp.training.train import URGENT_RECALL

app = typer.Typer(
    help="Message understanding (分类模型): train and evaluate on labelled JSONL.",
    no_args_is_help=True,
)

_EXIT_BAD_INPUT = 2


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(_EXIT_BAD_INPUT)


def _rows(paths: Iterable[Path]) -> list[dict]:
    """The rows of the files, joined in order."""
    try:
        return [row for path in paths for row in read_jsonl(path)]
    except DatasetError as exc:
        raise _fail(str(exc)) from None


def _check_out(out: Path) -> None:
    """Fail before training when the model could not be written to `out`."""
    if out.is_dir():
        raise _fail(f"--out {out}: is a folder; name the model file to write")
    if not out.parent.is_dir():
        raise _fail(f"--out {out}: folder {out.parent} does not exist")


def _check_labels(rows: list[dict]) -> Counter[str]:
    """The rows' category labels with their counts; fewer than two cannot be learnt."""
    counts = Counter(row["category"] for row in rows)
    if len(counts) < 2:
        raise _fail(
            f"every message has the category label {', '.join(counts)}; "
            "a model needs at least 2 labels to tell apart"
        )
    return counts


def _check_folds(rows: list[dict], k: int) -> None:
    """Fail when k-fold CV would score nothing: an empty fold, or a label that the
    model trained without its held-out fold never saw."""
    if len(rows) < k:
        raise _fail(f"--cv {k}: only {len(rows)} messages, fewer than the {k} folds")
    single = sorted(label for label, n in _check_labels(rows).items() if n < 2)
    if single:
        raise _fail(
            f"--cv {k}: only one message labelled {', '.join(single)}; each label needs at "
            "least 2, or the model trained without its fold never sees it"
        )


def _width(text: str) -> int:
    """Columns the text takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _right(text: str, width: int) -> str:
    return " " * (width - _width(text)) + text


def _table_line(first: str, cells: list[str], widths: list[int]) -> str:
    """`first` left-aligned in widths[0], then each cell right-aligned in its width."""
    aligned = (_right(cell, width) for cell, width in zip(cells, widths[1:], strict=True))
    return "  " + first + " " * (widths[0] - _width(first)) + "".join(f" {c}" for c in aligned)


def _print_confusion(confusion: dict[str, dict[str, int]]) -> None:
    """Rows: the true label; columns: the predicted one (a dot for none)."""
    rows = sorted(confusion)
    predicted = {label for counts in confusion.values() for label in counts}
    columns = [*rows, *sorted(predicted - set(rows))]
    widths = [max(_width(label) for label in rows)] + [
        max(_width(label), *(len(str(counts.get(label, 0))) for counts in confusion.values()))
        for label in columns
    ]
    typer.echo("  confusion (rows: true label, columns: predicted)")
    typer.echo(_table_line("", columns, widths))
    for label in rows:
        cells = [str(confusion[label].get(column, 0) or ".") for column in columns]
        typer.echo(_table_line(label, cells, widths))


def _print_report(report: Report, title: str) -> None:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.1%}"

    typer.echo(f"{title}  (n={report.n})")
    typer.echo(f"  category accuracy (counting also): {pct(report.accuracy)}")
    typer.echo(f"  macro-F1:                          {pct(report.macro_f1)}")
    typer.echo(f"  type accuracy:                     {pct(report.type_accuracy)}")
    typer.echo(
        f"  urgent recall / precision:         {pct(report.urgent_recall)} / "
        f"{pct(report.urgent_precision)}"
    )
    typer.echo("  per class         precision  recall     F1  support")
    for label, scores in report.per_class.items():
        typer.echo(
            f"  {label:<16} {scores.precision:>9.1%} {scores.recall:>7.1%} "
            f"{scores.f1:>6.1%} {scores.support:>8}"
        )
    if report.confusion:
        _print_confusion(report.confusion)


@app.command()
def train(
    data: Annotated[
        list[Path],
        typer.Argument(
            help="Labelled messages (JSONL: text, category, "
            "type, urgent…); several files are joined"
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Where to write the model (JSON)")],
    taxonomy: Annotated[
        Path | None,
        typer.Option(help="Taxonomy YAML whose urgent rules the model weighs (default: shipped)"),
    ] = None,
    urgent_recall: Annotated[
        float,
        typer.Option(
            help="Share of the training emergencies the urgency threshold must catch (out-of-fold)"
        ),
    ] = URGENT_RECALL,
    calibrate: Annotated[
        list[Path] | None,
        typer.Option(
            help="Labelled messages in real traffic's proportions (your own history): trained "
            "on too, and they alone place the urgency threshold; repeat for several files",
        ),
    ] = None,
) -> None:
    """Learn fragment weights (category, type, urgency) and the urgency blend from labelled
    messages (any label set) and save the model. The same files give the same model,
    byte for byte."""
    from nlp.taxonomy import TaxonomyError, load_taxonomy
    from nlp.training.train import train as train_model

    if not 0 < urgent_recall <= 1:
        raise _fail(f"--urgent-recall must be above 0 and at most 1, not {urgent_recall}")
    _check_out(out)
    rows = _rows(data)
    calibration = _rows(calibrate or [])
    if calibrate and not any(row.get("urgent") for row in calibration):
        raise _fail("--calibrate: no message labelled urgent to place the threshold by")
    _check_labels([*rows, *calibration])
    try:
        rules = load_taxonomy(taxonomy)
    except TaxonomyError as exc:
        raise _fail(str(exc)) from None
    model = train_model(rows, rules, urgent_recall=urgent_recall, calibration=calibration)
    try:
        model.save(out)
    except OSError as exc:
        raise _fail(f"--out {out}: cannot write the model ({exc.strerror})") from None
    tables = ", ".join(
        f"{name} {len(table.rows)}"
        for name, table in (
            ("category", model.category),
            ("type", model.type),
            ("urgency", model.urgent),
        )
        if table is not None
    )
    typer.echo(
        f"trained on {len(rows) + len(calibration)} messages, {len(model.labels)} labels, "
        f"weighted fragments: {tables} → {out}"
    )
    if model.urgent_blend is not None:
        blend = model.urgent_blend
        strongest = ", ".join(f"{name} {weight:+.2f}" for name, weight in blend.explain()[:6])
        placed_on = (
            f"the {sum(bool(row.get('urgent')) for row in calibration)} calibration emergencies"
            if calibration
            else "the training emergencies"
        )
        typer.echo(
            f"urgency blend: urgent at ≥ {blend.threshold:.2f} (catches {blend.recall:.0%} "
            f"of {placed_on} out of fold); strongest inputs: {strongest}"
        )


@app.command("eval")
def evaluate_command(
    data: Annotated[
        list[Path], typer.Argument(help="Labelled messages (JSONL); several files are joined")
    ],
    model: Annotated[
        Path | None,
        typer.Option(
            help="A trained model that decides alone (default: keywords + the shipped model)"
        ),
    ] = None,
    taxonomy: Annotated[Path | None, typer.Option(help="Taxonomy YAML (default: shipped)")] = None,
    cv: Annotated[
        int, typer.Option(help="Cross-validate a model trained on DATA with k folds (0: off)")
    ] = 0,
    keywords: Annotated[
        bool,
        typer.Option(
            "--keywords", help="With --cv: the taxonomy's keywords with the model as fallback"
        ),
    ] = False,
    calibrate: Annotated[
        list[Path] | None,
        typer.Option(
            help="With --cv: labelled messages in real traffic's proportions, cross-validated "
            "with DATA and calibrating each fold's urgency blend (as `train --calibrate`)",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
) -> None:
    """Score the classifier on labelled messages (or cross-validate training on them)."""
    from nlp import load_classifier
    from nlp.taxonomy import TaxonomyError, load_taxonomy
    from nlp.training.crossval import cross_validate
    from nlp.training.evaluate import evaluate

    if calibrate and not cv:
        raise _fail("--calibrate needs --cv (a trained model was calibrated when trained)")
    rows = _rows(data)
    calibration = _rows(calibrate or [])
    if model is not None and not model.is_file():
        raise _fail(f"{model}: no such model file")
    if cv and cv < 2:
        raise _fail("--cv needs at least 2 folds")
    if cv:
        _check_folds([*rows, *calibration], cv)
    try:
        loaded = load_taxonomy(taxonomy)
        if cv:
            report = cross_validate(
                [*rows, *calibration],
                k=cv,
                taxonomy=loaded,
                keywords=keywords,
                calibrating=[False] * len(rows) + [True] * len(calibration),
            )
            title = f"{cv}-fold CV" + (" (keywords + model)" if keywords else " (model alone)")
        else:
            report = evaluate(load_classifier(taxonomy, model), rows)
            title = f"model {model}" if model else "default classifier"
    except TaxonomyError as exc:
        raise _fail(str(exc)) from None
    except (ValueError, KeyError) as exc:
        raise _fail(f"{model}: {exc}") from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_report(report, f"{title} on {', '.join(map(str, [*data, *(calibrate or [])]))}")
