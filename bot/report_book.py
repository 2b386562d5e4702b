"""The report as files people open: an XLSX workbook formatted for printing (the definitions
on the first sheet, then a sheet per table: header row frozen and repeated on every printed
page, column widths, landscape, per cent formats) or one CSV per table (UTF-8 with BOM, so
Excel reads the Chinese)."""

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.account_policy import RULES
from core.context import Context
from core.reports import DEFINITIONS, Cell, Report, Table
from handlers.texts import render

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FORMATS = {"rate": "0%", "hours": "0.0", "float": "0.0", "int": "0"}


def text_of(value: Cell | list[Any], locale: str) -> str | int | float | None:
    """A cell as written: catalogue entries rendered, lists one per line."""
    if isinstance(value, dict):
        return render(value["$t"], value.get("params") or {}, locale)
    if isinstance(value, list):
        return "\n".join(str(text_of(item, locale)) for item in value)
    return value


def sheet_name(table: Table, locale: str) -> str:
    return render(f"report.sheet.{table.sheet}", {}, locale)[:31]


def definitions(report: Report, ctx: Context, locale: str) -> list[tuple[str, str]]:
    """The first sheet's rows: the title, when it was made, what each figure means, the
    points rules of the policy file."""
    zone = ZoneInfo(ctx.policy.timezone)
    made = report.generated.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    title = render(
        "report.title", {"community": report.community, "period": report.period.label}, locale
    )
    rows = [
        (title, render("report.generated", {"time": made}, locale)),
        ("", render("report.rates_note", {}, locale)),
    ]
    rows += [("", render(f"report.def.{key}", {}, locale)) for key in DEFINITIONS]
    term = render("report.col.points", {}, locale)
    points = ctx.accountability.points
    rows += [
        (term, f"{render(f'points.rule.{rule}', {}, locale)} {points.of(rule):+d}")
        for rule in RULES
    ]
    return rows


def write_xlsx(report: Report, path: Path | io.BytesIO, ctx: Context, locale: str) -> int:
    """The workbook; how many sheets it has."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = render("report.sheet.definitions", {}, locale)
    _definitions_sheet(first, definitions(report, ctx, locale), locale)
    for table in report.tables:
        _table_sheet(book.create_sheet(sheet_name(table, locale)), table, report, locale)
    book.save(path)
    return len(book.worksheets)


def _definitions_sheet(sheet: Worksheet, rows: list[tuple[str, str]], locale: str) -> None:
    headers = [render(f"report.col.{key}", {}, locale) for key in ("term", "definition")]
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    for cell in sheet[2]:
        cell.font = Font(bold=True, size=13)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _header(sheet, 2)
    _print_setup(sheet)


def _table_sheet(sheet: Worksheet, table: Table, report: Report, locale: str) -> None:
    sheet.append([render(f"report.col.{c.key}", {}, locale) for c in table.columns])
    for row in table.rows:
        sheet.append([text_of(value, locale) for value in row])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        number_format = FORMATS.get(column.kind)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if number_format and isinstance(cell.value, int | float):
                cell.number_format = number_format
            elif cell.value is None and column.kind in ("rate", "hours", "float"):
                cell.value = "—"
                cell.alignment = Alignment(horizontal="right")
            if column.kind == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _header(sheet, len(table.columns))
    title = render(
        "report.title", {"community": report.community, "period": report.period.label}, locale
    )
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None  # openpyxl makes both with the sheet
    header.center.text = f"{title} · {sheet_name(table, locale)}"
    footer.center.text = "&P / &N"
    _print_setup(sheet)


def _header(sheet: Worksheet, columns: int) -> None:
    for cell in sheet[1][:columns]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"


def _print_setup(sheet: Worksheet) -> None:
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None  # openpyxl makes it with the sheet's properties
    fit.fitToPage = True


def write_csv(report: Report, folder: Path, ctx: Context, locale: str) -> list[Path]:
    """One CSV per table, plus ``definitions.csv``; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [_csv(folder / "definitions.csv", [("", ""), *definitions(report, ctx, locale)])]
    for table in report.tables:
        rows = [[render(f"report.col.{c.key}", {}, locale) for c in table.columns]]
        rows += [[_csv_cell(text_of(v, locale)) for v in row] for row in table.rows]
        written.append(_csv(folder / f"{table.sheet}.csv", rows))
    return written


def _csv_cell(value: str | int | float | None) -> str:
    if value is None:
        return ""
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _csv(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


def xlsx_bytes(report: Report, ctx: Context, locale: str) -> bytes:
    """The workbook in memory, for a download."""
    out = io.BytesIO()
    write_xlsx(report, out, ctx, locale)
    return out.getvalue()
