"""`linli nlp train` and `eval --cv` refuse data and paths that cannot give a useful
model or score, in one line before any training; `eval` prints a confusion matrix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.training.cli import app

runner = CliRunner()
TWO_LABELS = [
    {"text": "楼道灯坏了", "category": "repair"},
    {"text": "电梯坏了好几天", "category": "repair"},
    {"text": "低保怎么申请", "category": "service"},
    {"text": "高龄补贴什么时候发", "category": "service"},
]


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _refused(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_train_refuses_a_single_label(tmp_path: Path) -> None:
    data = _write(tmp_path / "one.jsonl", [r for r in TWO_LABELS if r["category"] == "repair"])
    out = tmp_path / "model.json"
    _refused(
        ["train", str(data), "--out", str(out)],
        "every message has the category label repair; a model needs at least 2 labels",
    )
    assert not out.exists()


def test_train_refuses_an_unwritable_out(tmp_path: Path) -> None:
    data = _write(tmp_path / "data.jsonl", TWO_LABELS)
    _refused(
        ["train", str(data), "--out", str(tmp_path)],
        f"--out {tmp_path}: is a folder; name the model file to write",
    )
    out = tmp_path / "absent" / "model.json"
    _refused(
        ["train", str(data), "--out", str(out)],
        f"--out {out}: folder {out.parent} does not exist",
    )


@pytest.mark.parametrize(
    ("rows", "folds", "message"),
    [
        (TWO_LABELS[:3], "5", "--cv 5: only 3 messages, fewer than the 5 folds"),
        (TWO_LABELS[:3], "2", "--cv 2: only one message labelled service; each label needs"),
        (TWO_LABELS[:2], "2", "every message has the category label repair"),
    ],
)
def test_cross_validation_refuses_too_few_messages(
    tmp_path: Path, rows: list[dict], folds: str, message: str
) -> None:
    data = _write(tmp_path / "tiny.jsonl", rows)
    _refused(["eval", str(data), "--cv", folds], message)


def test_eval_prints_a_confusion_matrix(tmp_path: Path) -> None:
    rows = [*TWO_LABELS, {"text": "你好", "category": "dispute"}]
    result = runner.invoke(app, ["eval", str(_write(tmp_path / "data.jsonl", rows))])
    assert result.exit_code == 0, result.output
    report = json.loads(runner.invoke(app, ["eval", str(tmp_path / "data.jsonl"), "--json"]).stdout)
    lines = result.stdout.splitlines()
    start = lines.index("  confusion (rows: true label, columns: predicted)")
    assert start > next(i for i, line in enumerate(lines) if "per class" in line)
    header, *body = [line.split() for line in lines[start + 1 :]]
    assert header == sorted(report["confusion"]) + sorted(
        {p for counts in report["confusion"].values() for p in counts} - set(report["confusion"])
    )
    assert [row[0] for row in body] == sorted(report["confusion"])
    assert header[-1] == "other" and "other" not in report["confusion"]  # predicted only
    for true, *cells in body:
        for predicted, cell in zip(header, cells, strict=True):
            count = report["confusion"][true].get(predicted, 0)
            assert cell == (str(count) if count else ".")
