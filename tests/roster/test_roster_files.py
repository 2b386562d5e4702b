"""Roster files: the same roster from CSV, XLSX and YAML, and bad rows named by their place."""

from pathlib import Path

import openpyxl
import pytest

from bot.roster_files import read_roster_file, write_roster_file
from core.roster import COLUMNS, Roster, check_roster
from tests.roster.conftest import DEMO_ROSTER


@pytest.fixture(scope="module")
def demo() -> Roster:
    roster = read_roster_file(DEMO_ROSTER)
    assert check_roster(roster) == []
    return roster


def test_the_demo_roster_is_a_whole_community(demo: Roster) -> None:
    assert [c.code for c in demo.communities] == ["XFL"]
    assert len(demo.grids) >= 3 and len(demo.buildings) >= 10
    roles = [p.role.value for p in demo.people]
    assert roles.count("member") >= 8 and roles.count("leader") == len(demo.grids)
    assert {"admin", "unit"} <= set(roles)
    five = next(b for b in demo.buildings if b.name == "幸福家园5号楼")
    assert {"5号楼", "五号楼", "5栋", "5#楼"} <= set(five.aliases)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".yaml"])
def test_every_format_carries_the_same_roster(demo: Roster, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"roster{suffix}"
    write_roster_file(path, demo)
    assert read_roster_file(path) == demo


def test_the_xlsx_export_is_one_sheet_named_roster(demo: Roster, tmp_path: Path) -> None:
    write_roster_file(tmp_path / "roster.xlsx", demo)
    book = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    assert book.sheetnames == ["roster"]
    assert [cell.value for cell in book["roster"][1]] == list(COLUMNS)


def problems_of(path: Path) -> list[tuple[int, str, str]]:
    """Each problem's row, column and catalogue key (without ``roster.problem.``)."""
    problems = check_roster(read_roster_file(path))
    return [(p.row, p.field, p.key.removeprefix("roster.problem.")) for p in problems]


CSV = """\
类型,编码,名称,社区,网格,别名,角色,电话,岗位
community,XFL,幸福里社区,,,,,,
网格,xf-01,幸福家园网格,XFL,,,,,

building,,幸福家园5号楼,,XF-01,5号楼、五号楼,,,
person,P001,王建国,,XF-01,,网格长,138 0000 0011,信息收集员
person,P002,陈丽华,,XF-01,,member,138 0000,环境卫生员
person,P003,孙德明,,XF-04,,member,,
"""


def test_csv_rows_are_counted_as_a_spreadsheet_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    assert problems_of(path) == [(7, "phone", "phone"), (8, "grid", "unknown_grid")]


def test_csv_saved_by_a_chinese_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(CSV.replace("138 0000,", "13800000012,").encode("gb18030"))
    roster = read_roster_file(path)
    assert roster.buildings[0].aliases == ("5号楼", "五号楼")
    assert problems_of(path) == [(8, "grid", "unknown_grid")]


def test_an_unknown_column_is_reported_on_the_header_row(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("kind,code,name,mobile\ncommunity,XFL,幸福里社区,138\n", encoding="utf-8")
    assert problems_of(path) == [(1, "mobile", "column")]


def test_xlsx_rows_keep_their_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kind", "code", "name", "community", "grid", "role", "phone", "posts"])
    sheet.append(["community", "XFL", "幸福里社区"])
    sheet.append(["grid", "XF-01", "幸福家园网格", "XFL"])
    sheet.append(["person", "P001", "王建国", None, "XF-01", "leader", 13800000011])
    sheet.append([None])
    sheet.append(["person", "P002", "陈丽华", None, "XF-01", "member", None, "扫地员"])
    book.save(tmp_path / "roster.xlsx")
    roster = read_roster_file(tmp_path / "roster.xlsx")
    assert roster.people[0].phone == "13800000011"
    assert problems_of(tmp_path / "roster.xlsx") == [(6, "posts", "post")]


def test_xlsx_may_hold_a_sheet_per_kind(demo: Roster, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    communities, grids = book.create_sheet("社区"), book.create_sheet("grids")
    communities.append(["编码", "名称"])
    communities.append(["XFL", "幸福里社区"])
    grids.append(["code", "name", "community"])
    grids.append(["XF-01", "幸福家园网格", "XFL"])
    grids.append(["XF-01", "和谐苑网格", "XFL"])
    book.save(tmp_path / "roster.xlsx")
    roster = read_roster_file(tmp_path / "roster.xlsx")
    assert [g.name for g in roster.grids] == ["幸福家园网格", "和谐苑网格"]
    (duplicate,) = check_roster(roster)
    assert (duplicate.sheet, duplicate.row, duplicate.field) == ("grids", 3, "code")
    assert duplicate.key == "roster.problem.duplicate"


YAML = """\
communities:
  - {code: XFL, name: 幸福里社区}
grids:
  - code: XF-01
    name: 幸福家园网格
    community: XFL
people:
  - {code: P001, name: 王建国, role: leader, grid: XF-01}
  - code: P002
    name: 陈丽华
    role: 居民
    grid: XF-01
  - code: P003
    name: 孙德明
    role: member
    grid: XF-01
    phone: [13800000013]
"""


def test_yaml_problems_point_at_the_line_where_the_item_starts(tmp_path: Path) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(YAML, encoding="utf-8")
    assert problems_of(path) == [(9, "role", "role"), (13, "phone", "phone")]


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text("grids:\n  - code: XF-01\n    name: [unclosed\n", encoding="utf-8")
    ((row, column, key),) = problems_of(path)
    assert row >= 3 and (column, key) == ("", "unreadable")
