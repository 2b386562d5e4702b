"""A file named by a setting that the bot cannot use stops `linli run` with one line naming
the setting and the problem, exit 2, before the database is touched."""

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app

runner = CliRunner()

BAD_YAML = "version: 1\ncategories:\n  - code: other\n   name: [\n"
ROSTER_WITH_BAD_ROWS = """\
communities:
  - code: C1
    name: 幸福社区
people:
  - code: P1
    name: 张三
    role: boss
    phone: "12"
"""
ROSTER_WITH_UNKNOWN_GRID = """\
communities:
  - code: C1
    name: 幸福社区
buildings:
  - name: 5号楼
    grid: NOPE-01
"""


def run_with(setting: str, file: Path, *options: str) -> tuple[int, str]:
    """`linli run` in an empty working directory with `setting` naming `file`."""
    env = {setting: str(file), "LINLI_WEB_PORT": "0"}
    result = runner.invoke(app, ["run", *options], env=env)
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def empty_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's; linli.db would land here


def written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_one_line(code: int, output: str, start: str, *parts: str) -> None:
    assert code == 2, output
    assert len(output.splitlines()) == 1, output
    assert output.startswith(start), output
    for part in parts:
        assert part in output, output


def test_a_taxonomy_that_is_not_yaml(tmp_path: Path) -> None:
    path = written(tmp_path, "taxonomy.yaml", BAD_YAML)
    code, output = run_with("LINLI_TAXONOMY", path)
    assert_one_line(code, output, "设置 LINLI_TAXONOMY 有误：", str(path), "YAML")
    assert not (tmp_path / "linli.db").exists()


def test_a_missing_taxonomy(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    code, output = run_with("LINLI_TAXONOMY", path, "--lang", "en")
    assert_one_line(code, output, "error: LINLI_TAXONOMY: ", str(path))


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("model.jsonl", "not json\n", "line 1: not a JSON model file"),
        ("model.json", '{"labels": ["other"]}', "not a linli model file"),
        ("model.json", '{"format": "linli-keyword-model/3"}', "not a linli model file"),
    ],
)
def test_a_model_file_that_is_not_a_model(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    path = written(tmp_path, name, text)
    code, output = run_with("LINLI_NLP_MODEL", path)
    assert_one_line(code, output, "设置 LINLI_NLP_MODEL 有误：", str(path), problem)
    assert not (tmp_path / "linli.db").exists()


def test_a_missing_model_in_english(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    code, output = run_with("LINLI_NLP_MODEL", path, "--lang", "en")
    assert_one_line(code, output, "error: LINLI_NLP_MODEL: ", f"{path}: cannot read")


def test_a_missing_roster(tmp_path: Path) -> None:
    path = tmp_path / "roster.yaml"
    code, output = run_with("LINLI_ROSTER", path)
    assert_one_line(code, output, "设置 LINLI_ROSTER 有误：", f"{path}: cannot read")


def test_a_roster_with_bad_rows_names_the_first_and_counts_them(tmp_path: Path) -> None:
    path = written(tmp_path, "roster.yaml", ROSTER_WITH_BAD_ROWS)
    code, output = run_with("LINLI_ROSTER", path)
    assert_one_line(
        code,
        output,
        f"设置 LINLI_ROSTER 有误：{path} 第 5 行 · 字段 role：",
        "共 2 处问题",
        "--dry-run",
    )
    assert not (tmp_path / "linli.db").exists()


def test_a_roster_the_empty_database_refuses(tmp_path: Path) -> None:
    path = written(tmp_path, "roster.yaml", ROSTER_WITH_UNKNOWN_GRID)
    code, output = run_with("LINLI_ROSTER", path, "--lang", "en")
    assert_one_line(code, output, f"error: LINLI_ROSTER: {path} Row ", "NOPE-01", "1 problem(s)")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("url", "start", "problem"),
    [
        (f"redis://127.0.0.1:{closed_port()}/0", "设置 LINLI_REDIS_URL 有误：", "cannot reach"),
        ("http://127.0.0.1/0", "设置 LINLI_REDIS_URL 有误：", "not a Redis URL"),
    ],
)
def test_a_redis_that_does_not_answer(tmp_path: Path, url: str, start: str, problem: str) -> None:
    result = runner.invoke(app, ["run"], env={"LINLI_REDIS_URL": url, "LINLI_WEB_PORT": "0"})
    assert_one_line(result.exit_code, result.output, start, problem)
    assert not (tmp_path / "linli.db").exists()
