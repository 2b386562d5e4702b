"""The report as people open it: the XLSX (a sheet per scope, definitions first, set up for
printing), the CSV files, the charts (PNG, 800 × 450), and ``linli report`` itself."""

import asyncio
import csv
import struct
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from bot.charts import draw
from bot.cli.app import app
from bot.report_book import write_csv, write_xlsx
from core import chart_data
from core.periods import month
from core.reports import build_report
from tests.account.fonts import need_chinese_font
from tests.account.month import Month, build_month
from tests.env import Env

SHEETS = ["说明", "社区", "网格", "党员", "共建单位", "积分台账", "星级评定", "微心愿", "承诺"]


@pytest.fixture
async def nov(env: Env) -> Month:
    return await build_month(env)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_the_workbook_has_a_sheet_per_scope_with_the_expected_rows(
    env: Env, nov: Month, tmp_path: Path
) -> None:
    period = month("2026-11", env.policy.timezone)
    report = await build_report(env.uow(), env.ctx, period)
    out = tmp_path / "报表.xlsx"
    assert write_xlsx(report, out, env.ctx, "zh-CN") == len(SHEETS)
    book = load_workbook(out)
    assert book.sheetnames == SHEETS
    rows = {name: list(book[name].values) for name in SHEETS}
    assert rows["说明"][1][0] == "幸福里社区 考核报表 2026-11"
    assert any("按时响应率" in str(row[1]) for row in rows["说明"])
    community = dict(zip(rows["社区"][0], rows["社区"][1], strict=True))
    assert community["名称"] == "幸福里社区" and community["诉求数"] == 6
    assert community["按时响应率"] == 0.6 and community["解决率"] == 0.8
    assert community["重新办理率"] == 0.25 and community["积分"] == 22
    assert book["社区"]["D2"].number_format == "0%"
    assert [r[0] for r in rows["网格"][1:]] == ["幸福家园网格", "和谐苑网格"]
    grid_b = dict(zip(rows["网格"][0], rows["网格"][2], strict=True))
    assert grid_b["满意率"] == "—"  # nothing rated: shown as —, not 0 %
    assert len(rows["党员"]) == 1 + 6  # two leaders and four members
    assert [r[0] for r in rows["共建单位"][1:]] == ["供电所小刘"]
    assert len(rows["积分台账"]) == 1 + 15
    assert [r[0] for r in rows["微心愿"][1:]] == [nov.e.number]
    for name in SHEETS[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.column_dimensions["A"].width >= 9


async def test_csv_files_one_per_sheet(env: Env, nov: Month, tmp_path: Path) -> None:
    report = await build_report(env.uow(), env.ctx, month("2026-11", env.policy.timezone))
    written = write_csv(report, tmp_path / "csv", env.ctx, "zh-CN")
    assert [p.name for p in written][:3] == ["definitions.csv", "community.csv", "grids.csv"]
    with (tmp_path / "csv" / "grids.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert rows[0][0] == "名称" and [r[0] for r in rows[1:]] == ["幸福家园网格", "和谐苑网格"]


async def test_charts_are_pngs_of_the_expected_size(env: Env, nov: Month) -> None:
    need_chinese_font()
    period = month("2026-11", env.policy.timezone)
    trend = await chart_data.trend(env.uow(), env.ctx, period)
    assert trend.labels == ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11")
    assert dict(trend.series)["report.col.response_rate"][-1] == 0.6
    grids = await chart_data.by_grid(env.uow(), env.ctx, period)
    assert grids.labels == ("幸福家园网格", "和谐苑网格")
    for chart in (trend, grids):
        assert png_size(draw(chart)) == (800, 450)


async def test_linli_report_writes_the_workbook_csv_and_charts(
    env: Env, nov: Month, tmp_path: Path, sqlite_only: None
) -> None:
    need_chinese_font()
    url = str(env.engine.url).replace("sqlite+aiosqlite", "sqlite")
    out, folder, charts = tmp_path / "报表.xlsx", tmp_path / "csv", tmp_path / "charts"
    runner = CliRunner()
    args = ["report", "--month", "2026-11", "--out", str(out), "--csv", str(folder)]
    invoke = runner.invoke  # a thread of its own: the command runs its own event loop
    result = await asyncio.to_thread(
        invoke, app, [*args, "--charts", str(charts), "--database-url", url]
    )
    assert result.exit_code == 0, result.output
    assert "报表.xlsx（2026-11，9 张表）" in result.output
    assert load_workbook(out).sheetnames == SHEETS
    assert (folder / "members.csv").exists()
    assert png_size((charts / "grids-2026-11.png").read_bytes()) == (800, 450)
    bad = await asyncio.to_thread(invoke, app, ["report", "--month", "2026-13"])
    assert bad.exit_code == 2 and "月份写得不对" in bad.output
