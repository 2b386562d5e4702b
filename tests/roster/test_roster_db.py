"""Applying the roster to the database: upserts, idempotence, all-or-nothing, round trips."""

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.roster_files import read_roster_file, write_roster_file
from core.roster import KINDS, Roster, RosterError
from core.vocabulary import Role
from db.models import (
    BuildingRow,
    CommunityRow,
    GridRow,
    PersonRow,
    UnitResourceRow,
    UnitRow,
    UnitServiceRow,
)
from db.roster import apply_roster, read_roster
from db.session import session_factory
from tests.roster.conftest import DEMO_ROSTER

DEMO = read_roster_file(DEMO_ROSTER)
TABLES = (CommunityRow, GridRow, BuildingRow, PersonRow, UnitRow, UnitResourceRow, UnitServiceRow)


async def counts(engine: AsyncEngine) -> list[int]:
    async with session_factory(engine)() as session:
        return [await session.scalar(select(func.count()).select_from(t)) for t in TABLES]


def sizes(roster: Roster) -> list[int]:
    return [len(entries) for entries in roster.entries()]


async def test_the_demo_roster_is_created_then_left_unchanged(engine: AsyncEngine) -> None:
    first = await apply_roster(engine, DEMO)
    assert [first.created[kind] for kind in KINDS] == sizes(DEMO)
    again = await apply_roster(engine, DEMO)
    assert not again.changed
    assert [again.unchanged[kind] for kind in KINDS] == sizes(DEMO)
    assert await counts(engine) == sizes(DEMO)
    async with session_factory(engine)() as session:
        leader = await session.scalar(select(PersonRow).where(PersonRow.roster_key == "P011"))
        grid = await session.scalar(select(GridRow).where(GridRow.code == "XF-01"))
    assert leader is not None and grid is not None
    assert (leader.role, leader.grid_id, leader.community_id) == (
        "leader",
        grid.id,
        grid.community_id,
    )
    assert leader.phone == "13800000011"


async def test_changed_fields_are_updated_in_place(engine: AsyncEngine) -> None:
    await apply_roster(engine, DEMO)
    people = tuple(
        replace(p, phone="13900000099", posts=("政策宣传员",)) if p.code == "P012" else p
        for p in DEMO.people
    )
    buildings = (*DEMO.buildings[1:], replace(DEMO.buildings[0], aliases=("三号",)))
    summary = await apply_roster(engine, replace(DEMO, people=people, buildings=buildings))
    assert (summary.updated["person"], summary.updated["building"]) == (1, 1)
    assert sum(summary.created.values()) == 0
    stored = await read_roster(engine)
    assert next(p for p in stored.people if p.code == "P012").phone == "13900000099"
    assert stored.buildings[0].aliases == ("三号",)


async def test_rows_missing_from_the_file_are_left_alone(engine: AsyncEngine) -> None:
    await apply_roster(engine, DEMO)
    newcomer = replace(DEMO.people[-1], code="P099", name="新党员")
    summary = await apply_roster(engine, Roster(people=(newcomer,)))
    assert summary.created["person"] == 1
    assert await counts(engine) == [*sizes(DEMO)[:3], len(DEMO.people) + 1, *sizes(DEMO)[4:]]


async def test_one_bad_row_and_nothing_is_written(engine: AsyncEngine) -> None:
    bad = replace(DEMO.people[-1], code="P100", grid="XF-99", row=42)
    with pytest.raises(RosterError) as raised:
        await apply_roster(engine, replace(DEMO, people=(*DEMO.people, bad)))
    assert [(p.row, p.field) for p in raised.value.problems] == [(42, "grid")]
    assert await counts(engine) == [0] * len(TABLES)


async def test_a_dry_run_counts_but_writes_nothing(engine: AsyncEngine) -> None:
    summary = await apply_roster(engine, DEMO, dry_run=True)
    assert summary.created["building"] == len(DEMO.buildings)
    assert await counts(engine) == [0] * len(TABLES)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".yaml"])
async def test_import_export_import_is_a_no_op(
    engine: AsyncEngine, tmp_path: Path, suffix: str
) -> None:
    await apply_roster(engine, DEMO)
    path = tmp_path / f"exported{suffix}"
    write_roster_file(path, await read_roster(engine))
    exported = read_roster_file(path)
    assert exported == DEMO
    assert not (await apply_roster(engine, exported)).changed


async def test_an_admin_keeps_a_grid_and_a_member_may_change_role(engine: AsyncEngine) -> None:
    await apply_roster(engine, DEMO)
    people = tuple(
        replace(p, role=Role.ADMIN, community="XFL") if p.code == "P013" else p for p in DEMO.people
    )
    await apply_roster(engine, replace(DEMO, people=people))
    stored = next(p for p in (await read_roster(engine)).people if p.code == "P013")
    assert (stored.role, stored.grid, stored.community) == (Role.ADMIN, "XF-01", "XFL")
