from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.training.cli import app

runner = CliRunner()
ROWS = [
    {"text": "楼道灯坏了", "category": "repair", "type": "complaint", "urgent": False},
    {"text": "电梯坏了好几天", "category": "repair", "type": "complaint", "urgent": False},
    {"text": "低保怎么申请", "category": "service", "type": "consult", "urgent": False},
    {"text": "高龄补贴什么时候发", "category": "service", "type": "consult", "urgent": False},
    {"text": "3号楼着火了", "category": "safety", "type": "complaint", "urgent": True},
    {"text": "消防通道被堵了", "category": "safety", "type": "complaint", "urgent": False},
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8"
    )
    return path


def test_eval_json(data: Path) -> None:
    result = runner.invoke(app, ["eval", str(data), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for field in (
        "accuracy",
        "macro_f1",
        "type_accuracy",
        "urgent_recall",
        "urgent_precision",
        "n",
    ):
        assert field in report
    assert report["n"] == len(ROWS) and report["accuracy"] == 1.0


def test_train_then_eval_with_model(data: Path, tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    result = runner.invoke(app, ["train", str(data), "--out", str(model)])
    assert result.exit_code == 0, result.output and model.is_file()
    result = runner.invoke(app, ["eval", str(data), "--model", str(model)])
    assert result.exit_code == 0 and "category accuracy" in result.stdout


def test_eval_cross_validation(data: Path) -> None:
    for extra in ([], ["--keywords"]):
        result = runner.invoke(app, ["eval", str(data), "--cv", "2", "--json", *extra])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["n"] == len(ROWS)


def test_train_joins_files_and_is_deterministic(data: Path, tmp_path: Path) -> None:
    second = tmp_path / "more.jsonl"
    second.write_text(
        json.dumps(
            {"text": "楼下有人晕倒了", "category": "care", "type": "help", "urgent": True},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    outputs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outputs:
        result = runner.invoke(app, ["train", str(data), str(second), "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert f"trained on {len(ROWS) + 1} messages" in result.stdout
        assert "urgency" in result.stdout
    assert outputs[0].read_bytes() == outputs[1].read_bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "楼道灯坏了", "category": "repair"}\n{not json\n', "line 2: invalid JSON"),
        ('{"category": "repair"}\n', "line 1: missing or empty field 'text'"),
        ('{"text": "楼道灯坏了"}\n', "line 1: missing or empty field 'category'"),
        ("", "no labelled rows"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    for command in (["eval", str(path)], ["train", str(path), "--out", str(tmp_path / "m")]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_files(tmp_path: Path, data: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = runner.invoke(app, ["eval", str(data), "--model", str(tmp_path / "absent.json")])
    assert result.exit_code == 2 and "no such model file" in result.stderr
    result = runner.invoke(app, ["eval", str(data), "--taxonomy", str(tmp_path / "t.yaml")])
    assert result.exit_code == 2 and "cannot read taxonomy" in result.stderr


def test_train_reports_the_urgency_blend(data: Path, tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    result = runner.invoke(app, ["train", str(data), "--out", str(model), "--urgent-recall", "1"])
    assert result.exit_code == 0, result.output
    assert "urgency blend: urgent at ≥" in result.stdout and "catches 100%" in result.stdout
    assert json.loads(model.read_text(encoding="utf-8"))["urgent_blend"]["recall"] == 1.0


@pytest.mark.parametrize("recall", ["0", "1.2", "-0.5"])
def test_train_refuses_a_recall_outside_0_1(data: Path, tmp_path: Path, recall: str) -> None:
    out = tmp_path / "model.json"
    result = runner.invoke(app, ["train", str(data), "--out", str(out), "--urgent-recall", recall])
    assert result.exit_code == 2 and "--urgent-recall must be" in result.stderr
    assert not out.exists()


def test_train_with_a_bad_taxonomy_names_it(data: Path, tmp_path: Path) -> None:
    taxonomy = tmp_path / "t.yaml"
    out = tmp_path / "model.json"
    result = runner.invoke(
        app, ["train", str(data), "--out", str(out), "--taxonomy", str(taxonomy)]
    )
    assert result.exit_code == 2 and "cannot read taxonomy" in result.stderr


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


REAL = [
    {"text": "楼下路灯不亮了", "category": "repair", "type": "complaint", "urgent": False},
    {"text": "社区几点上班", "category": "service", "type": "consult", "urgent": False},
    {"text": "厨房着火了快来人", "category": "safety", "type": "help", "urgent": True},
]


def test_train_calibrates_on_real_traffic(data: Path, tmp_path: Path) -> None:
    real = _write(tmp_path / "real.jsonl", REAL)
    model = tmp_path / "model.json"
    result = runner.invoke(app, ["train", str(data), "--calibrate", str(real), "--out", str(model)])
    assert result.exit_code == 0, result.output
    assert "trained on 9 messages" in result.stdout
    assert "of the 1 calibration emergencies out of fold" in result.stdout

    calm = _write(tmp_path / "calm.jsonl", REAL[:2])
    result = runner.invoke(app, ["train", str(data), "--calibrate", str(calm), "--out", str(model)])
    assert result.exit_code == 2 and "no message labelled urgent" in result.stderr


def test_cross_validation_with_calibration_rows(data: Path, tmp_path: Path) -> None:
    real = _write(tmp_path / "real.jsonl", REAL)
    result = runner.invoke(
        app, ["eval", str(data), "--cv", "2", "--calibrate", str(real), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == len(ROWS) + len(REAL)
    result = runner.invoke(app, ["eval", str(data), "--calibrate", str(real)])
    assert result.exit_code == 2 and "--calibrate needs --cv" in result.stderr
