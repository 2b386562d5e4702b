"""``linli roster import|export`` through Typer's test runner, on a SQLite file."""

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from bot.cli.roster import app
from tests.roster.conftest import DEMO_ROSTER

runner = CliRunner()


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'linli.db'}"


def test_import_then_export_to_xlsx(url: str, tmp_path: Path) -> None:
    imported = runner.invoke(app, ["import", str(DEMO_ROSTER), "--database-url", url])
    assert imported.exit_code == 0, imported.output
    assert "人员 新增 16" in imported.output and "共建单位 新增 3" in imported.output
    exported = runner.invoke(app, ["export", str(tmp_path / "out.xlsx"), "--database-url", url])
    assert exported.exit_code == 0, exported.output
    assert exported.output.endswith(
        "：社区 1 · 网格 3 · 楼栋 12 · 人员 16 · 共建单位 3 · 资源 5 · 服务 4\n"
    )
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx")["roster"].values)
    assert len(rows) == 1 + 1 + 3 + 12 + 16 + 3 + 5 + 4
    again = runner.invoke(app, ["import", str(tmp_path / "out.xlsx"), "--database-url", url])
    assert "新增 0、更新 0" in again.output and "人员 新增 0、更新 0、未变 16" in again.output
    assert "服务 新增 0、更新 0、未变 4" in again.output


def test_the_database_url_comes_from_the_environment(tmp_path: Path) -> None:
    env = {"LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'env.db'}"}
    result = runner.invoke(app, ["import", str(DEMO_ROSTER), "--dry-run"], env=env)
    assert result.exit_code == 0, result.output
    assert "试运行" in result.output and (tmp_path / "env.db").exists()


def test_bad_rows_are_listed_and_exit_with_2(url: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "kind,code,name,community,grid,role,phone\n"
        "community,XFL,幸福里社区,,,,\n"
        "person,P1,王建国,,XF-01,leader,138\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(path), "--database-url", url])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "第 3 行 · 字段 phone：电话“138”不是有效的手机号：应为 1 开头的 11 位数字，"
        "可带空格、短横线或 +86",
        "第 3 行 · 字段 grid：找不到编码为“XF-01”的网格（名单和数据库里都没有）",
    ]
    english = runner.invoke(app, ["import", str(path), "--database-url", url, "--lang", "en"])
    assert english.exit_code == 2
    assert "Row 3 · field grid: No grid with code “XF-01”" in english.stderr


def test_reference_problems_found_against_the_database_exit_with_2(
    url: str, tmp_path: Path
) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("people:\n  - {code: P1, name: 甲, role: member, grid: XF-01}\n", "utf-8")
    result = runner.invoke(app, ["import", str(path), "--database-url", url, "--dry-run"])
    assert result.exit_code == 2
    assert "第 2 行 · 字段 grid：找不到编码为“XF-01”的网格" in result.output


def test_an_unknown_file_type_is_refused(url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "roster.txt"), "--database-url", url])
    assert result.exit_code == 2
    assert not (tmp_path / "linli.db").exists()
