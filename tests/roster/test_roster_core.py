"""The roster's rules without files or a database: cleaning values and finding bad rows."""

from collections.abc import Mapping

import pytest

from core.roster import KnownCodes, PersonEntry, check_roster
from core.roster_records import RosterRecord, normalise_phone, parse_records
from core.vocabulary import Role


def records(*rows: Mapping[str, object]) -> list[RosterRecord]:
    return [RosterRecord(number, values) for number, values in enumerate(rows, start=2)]


GOOD = (
    {"kind": "community", "code": "xfl", "name": "幸福里社区"},
    {"kind": "grid", "code": "xf-01", "name": "幸福家园网格", "community": "XFL"},
    {"kind": "building", "name": "5号楼", "grid": "XF-01", "aliases": "五号楼、5栋|5#楼,5号楼"},
)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("13800000001", "13800000001"),
        ("138 0000 0001", "13800000001"),
        ("138-0000-0001", "13800000001"),
        ("+86 138 0000 0001", "13800000001"),
        ("8613800000001", "13800000001"),
        (13800000001.0, "13800000001"),
        ("12800000001", None),
        ("1380000000", None),
        ("010-12345678", None),
        ("138000000o1", None),
    ],
)
def test_phone_numbers_are_normalised_or_refused(written: object, normalised: str | None) -> None:
    assert normalise_phone(written) == normalised


def test_values_are_cleaned() -> None:
    person = {"kind": "人员", "code": "p001", "name": " 王建国 ", "role": "网格长", "grid": "xf-01"}
    roster = parse_records(records(*GOOD, person | {"phone": "+86 138-0000-0011"}))
    assert roster.problems == ()
    assert check_roster(roster) == []
    assert roster.grids[0].code == "XF-01"
    assert roster.buildings[0].aliases == ("五号楼", "5栋", "5#楼", "5号楼")
    assert roster.people[0] == PersonEntry(
        code="P001", name="王建国", role=Role.LEADER, grid="XF-01", phone="13800000011"
    )


PERSON = {"kind": "person", "code": "P9", "name": "甲", "role": "member", "grid": "XF-01"}
BUILDING = {"kind": "building", "name": "6号楼", "grid": "XF-01"}


@pytest.mark.parametrize(
    ("row", "column", "key", "params"),
    [
        ({"kind": "shop", "name": "x"}, "kind", "kind", {"value": "shop"}),
        (PERSON | {"role": "boss"}, "role", "role", {"value": "boss"}),
        (PERSON | {"grid": ""}, "grid", "required", {"label": {"$t": "roster.column.grid"}}),
        (
            PERSON | {"role": "unit", "grid": ""},
            "community",
            "required",
            {"label": {"$t": "roster.column.community"}},
        ),
        (PERSON | {"code": None}, "code", "required", {"label": {"$t": "roster.column.code"}}),
        (PERSON | {"phone": "12345"}, "phone", "phone", {"value": "12345"}),
        (PERSON | {"posts": "信息收集员、炊事员"}, "posts", "post", {"value": "炊事员"}),
        (PERSON | {"community": "ELSE"}, "community", "unknown_community", {"value": "ELSE"}),
        (PERSON | {"grid": "XF-09"}, "grid", "unknown_grid", {"value": "XF-09"}),
        (
            BUILDING | {"lat": "北纬", "lon": "116"},
            "lat",
            "number",
            {"label": {"$t": "roster.column.lat"}, "value": "北纬"},
        ),
        (BUILDING | {"lat": "39.9"}, "lon", "pair", {}),
        (BUILDING | {"lat": "139.9", "lon": "116"}, "lat", "range", {"value": "139.9"}),
        (BUILDING | {"grid": "XF-09"}, "grid", "unknown_grid", {"value": "XF-09"}),
        (
            BUILDING | {"name": "5号楼", "grid": "xf-01"},
            "name",
            "duplicate",
            {"what": {"$t": "roster.identity.building"}, "value": "5号楼", "first": 4},
        ),
        (
            {"kind": "grid", "code": "XF-02", "name": "和谐", "community": "NOPE"},
            "community",
            "unknown_community",
            {"value": "NOPE"},
        ),
        (
            {"kind": "grid", "code": "XF-01", "name": "又一个", "community": "XFL"},
            "code",
            "duplicate",
            {"what": {"$t": "roster.identity.grid"}, "value": "XF-01", "first": 3},
        ),
    ],
)
def test_a_bad_row_is_named_by_row_column_and_key(
    row: dict[str, object], column: str, key: str, params: dict[str, object]
) -> None:
    problems = check_roster(parse_records(records(*GOOD, row)))
    assert [(p.row, p.field, p.key) for p in problems] == [(5, column, f"roster.problem.{key}")]
    assert params.items() <= problems[0].params.items()


def test_people_may_refer_to_what_the_database_already_holds() -> None:
    roster = parse_records(
        records({"kind": "person", "code": "P1", "name": "甲", "role": "member", "grid": "XF-07"})
    )
    assert [p.field for p in check_roster(roster)] == ["grid"]
    assert check_roster(roster, KnownCodes(frozenset({"XFL"}), {"XF-07": "XFL"})) == []


def test_duplicate_people_are_reported_on_the_later_row() -> None:
    person = {"kind": "person", "code": "P1", "name": "甲", "role": "admin", "community": "XFL"}
    problems = check_roster(parse_records(records(*GOOD, person, person | {"code": "p1"})))
    assert [(p.row, p.field) for p in problems] == [(6, "code")]


def test_a_grid_in_another_community_is_a_mismatch() -> None:
    person = PERSON | {"role": "leader", "community": "XFM"}
    other = {"kind": "community", "code": "XFM", "name": "幸福苑社区"}
    (problem,) = check_roster(parse_records(records(*GOOD, other, person)))
    assert (problem.row, problem.field, problem.key) == (6, "community", "roster.problem.mismatch")
    assert problem.params == {"grid": "XF-01", "actual": "XFL", "value": "XFM"}
