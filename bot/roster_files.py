"""Roster files — CSV, XLSX and YAML — to and from a Roster, keeping each row's place in the file.

CSV and XLSX hold one table with the columns of ``core.roster.COLUMNS`` (English or Chinese
headers; header = row 1). An XLSX file may instead have one sheet per kind, named after it,
without the ``kind`` column. YAML holds ``communities``, ``grids``, ``buildings``, ``people``,
``units``, ``resources`` and ``services``
lists; a problem there is reported on the line where its item starts.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.utils.exceptions import InvalidFileException

from core.roster import COLUMNS, Roster, RosterProblem, problem
from core.roster_records import RosterRecord, column_of, kind_of, parse_records, text_of

SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}
SECTIONS = {
    "community": "communities",
    "grid": "grids",
    "building": "buildings",
    "person": "people",
    "unit": "units",
    "resource": "resources",
    "service": "services",
}
LIST_SEPARATOR = "、"

Read = tuple[list[RosterRecord], list[RosterProblem]]


def roster_format(path: Path) -> str:
    """``csv``, ``xlsx`` or ``yaml`` by the file's extension; ValueError for anything else."""
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(SUFFIXES)
        raise ValueError(f"{path.name}: a roster file ends in one of {known}") from None


def read_roster_file(path: Path) -> Roster:
    """The roster in ``path``; bad rows are in ``Roster.problems`` rather than raised."""
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "yaml": _read_yaml}[roster_format(path)]
    return parse_records(*reader(path))


def write_roster_file(path: Path, roster: Roster) -> None:
    writer = {"csv": _write_csv, "xlsx": _write_xlsx, "yaml": _write_yaml}[roster_format(path)]
    writer(path, roster)


def _unreadable(error: Exception, row: int = 0) -> Read:
    return [], [problem(row, "", "roster.problem.unreadable", value=str(error).strip())]


def _read_table(rows: Iterable[Sequence[Any]], sheet: str = "", kind: str = "") -> Read:
    """Header row, then one record per non-blank row numbered as a spreadsheet numbers it."""
    rows = iter(rows)
    header = [text_of(cell) for cell in next(rows, None) or ()]
    columns = [column_of(name) for name in header]
    problems = [
        problem(1, name, "roster.problem.column", sheet, value=name)
        for name, column in zip(header, columns, strict=True)
        if name and column is None
    ]
    if not kind and "kind" not in columns:
        return [], [*problems, problem(1, "kind", "roster.problem.no_kind", sheet)]
    records = []
    for number, cells in enumerate(rows, start=2):
        values = {c: v for c, v in zip(columns, cells, strict=False) if c and text_of(v)}
        if values:
            records.append(RosterRecord(number, values, sheet, kind))
    return records, problems


def _read_csv(path: Path) -> Read:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # what Excel on a Chinese Windows saves
        except UnicodeDecodeError as error:
            return _unreadable(error)
    return _read_table(csv.reader(io.StringIO(text, newline="")))


def _read_xlsx(path: Path) -> Read:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, zipfile.BadZipFile, InvalidFileException) as error:
        return _unreadable(error)
    records: list[RosterRecord] = []
    problems: list[RosterProblem] = []
    try:
        for sheet in book.worksheets:
            label = sheet.title if len(book.worksheets) > 1 else ""
            read = _read_table(sheet.iter_rows(values_only=True), label, kind_of(sheet.title) or "")
            records += read[0]
            problems += read[1]
    finally:
        book.close()
    return records, problems


def _read_yaml(path: Path) -> Read:
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8-sig"))
    try:
        root = loader.get_single_node()
        return _yaml_records(loader, root) if root is not None else ([], [])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return _unreadable(error, mark.line + 1 if mark else 0)
    except yaml.YAMLError as error:
        return _unreadable(error)
    finally:
        loader.dispose()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _yaml_records(loader: yaml.SafeLoader, root: yaml.Node) -> Read:
    records: list[RosterRecord] = []
    problems: list[RosterProblem] = []
    if not isinstance(root, yaml.MappingNode):
        return [], [problem(_line(root), "", "roster.problem.yaml_top")]
    for key, section in root.value:
        kind = kind_of(key.value)
        if kind is None:
            word = text_of(key.value)
            problems.append(problem(_line(key), "kind", "roster.problem.kind", value=word))
        elif isinstance(section, yaml.SequenceNode):
            for item in section.value:
                records.append(_yaml_record(loader, item, kind, problems))
        elif text_of(loader.construct_object(section)):
            where = _line(section)
            problems.append(problem(where, "", "roster.problem.not_list", value=key.value))
    return records, problems


def _yaml_record(
    loader: yaml.SafeLoader, item: yaml.Node, kind: str, problems: list[RosterProblem]
) -> RosterRecord:
    values: dict[str, Any] = {}
    if not isinstance(item, yaml.MappingNode):
        problems.append(problem(_line(item), "", "roster.problem.not_item"))
        return RosterRecord(_line(item), values, kind=kind)
    for key, value in item.value:
        column = column_of(key.value)
        if column is None:
            name = text_of(key.value)
            problems.append(problem(_line(item), name, "roster.problem.column", value=key.value))
        else:
            values[column] = loader.construct_object(value, deep=True)
    return RosterRecord(_line(item), values, kind=kind)


def roster_rows(roster: Roster) -> list[dict[str, Any]]:
    """The one logical table: a row per entry, lists as tuples, empty cells left out."""
    rows: list[dict[str, Any]] = [
        *({"kind": "community", "code": c.code, "name": c.name} for c in roster.communities),
        *(
            {"kind": "grid", "code": g.code, "name": g.name, "community": g.community}
            for g in roster.grids
        ),
        *(
            {"kind": "building", "name": b.name, "grid": b.grid, "aliases": b.aliases}
            | {"lat": b.lat, "lon": b.lon}
            for b in roster.buildings
        ),
        *(
            {"kind": "person", "code": p.code, "name": p.name, "role": p.role.value}
            | {"grid": p.grid, "community": p.community, "phone": p.phone}
            | {"posts": p.posts, "skills": p.skills, "unit": p.unit}
            for p in roster.people
        ),
        *(
            {"kind": "unit", "code": u.code, "name": u.name, "community": u.community}
            | {"type": u.type, "org": u.org}
            for u in roster.units
        ),
        *(
            {"kind": "resource", "unit": r.unit, "name": r.name, "type": r.type}
            | {"amount": r.amount}
            for r in roster.resources
        ),
        *(
            {"kind": "service", "unit": v.unit, "name": v.name, "categories": v.categories}
            | {"keywords": v.keywords, "capacity": v.capacity}
            for v in roster.services
        ),
    ]
    return [{k: v for k, v in row.items() if v not in ("", (), None)} for row in rows]


def _cells(row: dict[str, Any]) -> list[Any]:
    return [
        LIST_SEPARATOR.join(v) if isinstance(v := row.get(column), tuple) else v
        for column in COLUMNS
    ]


def _write_csv(path: Path, roster: Roster) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as file:  # the BOM tells Excel UTF-8
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        writer.writerows(_cells(row) for row in roster_rows(roster))


def _write_xlsx(path: Path, roster: Roster) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "roster"
    sheet.append(COLUMNS)
    for row in roster_rows(roster):
        sheet.append(_cells(row))
    sheet.freeze_panes = "A2"
    book.save(path)


def _write_yaml(path: Path, roster: Roster) -> None:
    data: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTIONS.values()}
    for row in roster_rows(roster):
        item = {k: list(v) if isinstance(v, tuple) else v for k, v in row.items() if k != "kind"}
        data[SECTIONS[row["kind"]]].append(item)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    path.write_text(text, encoding="utf-8")
