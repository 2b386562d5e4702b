"""The roster in the database: apply a checked Roster in one transaction, or read it back.

Upserts by natural key — community and grid by code, building by (grid, name), person by the
roster key in ``PersonRow.roster_key``. Rows the file does not mention are left alone.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.roster import (
    GRID_ROLES,
    KINDS,
    BuildingEntry,
    CommunityEntry,
    GridEntry,
    KnownCodes,
    PersonEntry,
    ResourceEntry,
    Roster,
    RosterError,
    ServiceEntry,
    UnitEntry,
    check_roster,
)
from core.vocabulary import Role
from db import stamps
from db.models import (
    BuildingRow,
    CommunityRow,
    GridRow,
    PersonRow,
    UnitResourceRow,
    UnitRow,
    UnitServiceRow,
)
from db.session import session_factory

SessionSource = AsyncEngine | async_sessionmaker[AsyncSession]


@dataclass(slots=True)
class RosterSummary:
    """How many rows of each kind an import created, updated or found unchanged."""

    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    @property
    def places_changed(self) -> bool:
        """A community, grid or building was created or changed: the address matcher's."""
        return any(self.created[k] or self.updated[k] for k in ("community", "grid", "building"))


@dataclass(slots=True)
class _Stored:
    """The roster rows already in the database, by natural key, as the import goes along."""

    communities: dict[str, CommunityRow]
    grids: dict[str, GridRow]
    buildings: dict[tuple[int, str], BuildingRow]
    people: dict[str, PersonRow]
    units: dict[str, UnitRow]
    resources: dict[tuple[int, str], UnitResourceRow]
    services: dict[tuple[int, str], UnitServiceRow]

    @classmethod
    async def load(cls, session: AsyncSession) -> "_Stored":
        people = select(PersonRow).where(PersonRow.roster_key.is_not(None))
        return cls(
            {row.code: row for row in await session.scalars(select(CommunityRow))},
            {row.code: row for row in await session.scalars(select(GridRow))},
            {(row.grid_id, row.name): row for row in await session.scalars(select(BuildingRow))},
            {row.roster_key or "": row for row in await session.scalars(people)},
            {row.code: row for row in await session.scalars(select(UnitRow))},
            {(r.unit_id, r.name): r for r in await session.scalars(select(UnitResourceRow))},
            {(r.unit_id, r.name): r for r in await session.scalars(select(UnitServiceRow))},
        )

    def known(self) -> KnownCodes:
        codes = {row.id: code for code, row in self.communities.items()}
        return KnownCodes(
            frozenset(self.communities),
            {code: codes[row.community_id] for code, row in self.grids.items()},
            {code: codes[row.community_id] for code, row in self.units.items()},
        )


def _sessions(source: SessionSource) -> async_sessionmaker[AsyncSession]:
    return session_factory(source) if isinstance(source, AsyncEngine) else source


async def apply_roster(
    source: SessionSource, roster: Roster, *, dry_run: bool = False, now: datetime | None = None
) -> RosterSummary:
    """Check ``roster`` against itself and the database, then upsert it in one transaction.

    Raises RosterError, writing nothing, when any row is wrong. ``dry_run`` checks and counts
    but rolls back.
    """
    summary = RosterSummary(dry_run=dry_run)
    async with _sessions(source)() as session:
        if session.get_bind().dialect.name == "postgresql":  # one roster import at a time
            await session.execute(select(func.pg_advisory_xact_lock(0x6C696E6C69)))
        stored = await _Stored.load(session)
        problems = check_roster(roster, stored.known())
        if problems:
            raise RosterError(problems)
        await _apply(session, stored, roster, summary, now or datetime.now(UTC))
        if summary.places_changed:
            await stamps.bump(session, stamps.PLACES)
        if dry_run:
            await session.rollback()
        else:
            await session.commit()
    return summary


async def _apply(
    session: AsyncSession, stored: _Stored, roster: Roster, summary: RosterSummary, now: datetime
) -> None:
    def upsert(
        kind: str, rows: dict[Any, Any], key: Any, new: Callable[..., Any], **values: Any
    ) -> None:
        row = rows.get(key)
        if row is None:
            rows[key] = new(**values)
            session.add(rows[key])
            summary.created[kind] += 1
            return
        changed = {name: value for name, value in values.items() if getattr(row, name) != value}
        for name, value in changed.items():
            setattr(row, name, value)
        (summary.updated if changed else summary.unchanged)[kind] += 1

    for c in roster.communities:
        upsert("community", stored.communities, c.code, CommunityRow, code=c.code, name=c.name)
    await session.flush()
    for g in roster.grids:
        community_id = stored.communities[g.community].id
        upsert("grid", stored.grids, g.code, GridRow, code=g.code, name=g.name,
               community_id=community_id)  # fmt: skip
    await session.flush()
    for b in roster.buildings:
        grid_id = stored.grids[b.grid].id
        upsert("building", stored.buildings, (grid_id, b.name), BuildingRow, grid_id=grid_id,
               name=b.name, aliases=list(b.aliases), lat=b.lat, lon=b.lon)  # fmt: skip
    for u in roster.units:
        upsert("unit", stored.units, u.code, partial(UnitRow, created_at=now), code=u.code,
               name=u.name, community_id=stored.communities[u.community].id, type=u.type,
               org=u.org)  # fmt: skip
    await session.flush()
    for r in roster.resources:
        unit_id = stored.units[r.unit].id
        upsert("resource", stored.resources, (unit_id, r.name), UnitResourceRow,
               unit_id=unit_id, name=r.name, type=r.type, amount=r.amount)  # fmt: skip
    for v in roster.services:
        unit_id = stored.units[v.unit].id
        upsert("service", stored.services, (unit_id, v.name), UnitServiceRow, unit_id=unit_id,
               name=v.name, categories=list(v.categories), keywords=list(v.keywords),
               capacity=v.capacity)  # fmt: skip
    for p in roster.people:
        grid = stored.grids.get(p.grid)
        community = stored.communities.get(p.community)
        values = _person_values(p, grid, community, stored.units.get(p.unit))
        upsert("person", stored.people, p.code, partial(PersonRow, created_at=now), **values)
    await session.flush()


def _person_values(
    p: PersonEntry, grid: GridRow | None, community: CommunityRow | None, unit: UnitRow | None
) -> dict[str, Any]:
    return {
        "unit_id": unit.id if unit else None,
        "roster_key": p.code,
        "name": p.name,
        "role": p.role.value,
        "grid_id": grid.id if grid else None,
        "community_id": community.id if community else grid.community_id if grid else None,
        "phone": p.phone or None,
        "posts": list(p.posts),
        "skills": list(p.skills),
    }


async def read_roster(source: SessionSource) -> Roster:
    """The whole roster as stored, in the order it was added: every community, grid and
    building, and every person with a roster key (residents who only talk to the bot have none).
    """
    async with _sessions(source)() as session:
        stored = await _Stored.load(session)
    communities = {row.id: row.code for row in stored.communities.values()}
    grids = {row.id: row for row in stored.grids.values()}
    units = {row.id: row.code for row in stored.units.values()}
    return Roster(
        tuple(CommunityEntry(code=row.code, name=row.name) for row in _by_id(stored.communities)),
        tuple(_grid_entry(row, communities) for row in _by_id(stored.grids)),
        tuple(_building_entry(row, grids) for row in _by_id(stored.buildings)),
        tuple(_person_entry(row, communities, grids, units) for row in _by_id(stored.people)),
        tuple(
            UnitEntry(code=r.code, name=r.name, community=communities[r.community_id],
                      type=r.type, org=r.org)
            for r in _by_id(stored.units)
        ),
        tuple(
            ResourceEntry(unit=units[r.unit_id], name=r.name, type=r.type, amount=r.amount)
            for r in _by_id(stored.resources)
        ),
        tuple(
            ServiceEntry(unit=units[r.unit_id], name=r.name, categories=tuple(r.categories or ()),
                         keywords=tuple(r.keywords or ()), capacity=r.capacity)
            for r in _by_id(stored.services)
        ),
    )  # fmt: skip


def _by_id(rows: dict[Any, Any]) -> list[Any]:
    return sorted(rows.values(), key=lambda row: row.id)


def _grid_entry(row: GridRow, communities: dict[int, str]) -> GridEntry:
    return GridEntry(code=row.code, name=row.name, community=communities[row.community_id])


def _building_entry(row: BuildingRow, grids: dict[int, GridRow]) -> BuildingEntry:
    aliases = tuple(row.aliases or ())
    return BuildingEntry(
        name=row.name, grid=grids[row.grid_id].code, aliases=aliases, lat=row.lat, lon=row.lon
    )


def _person_entry(
    row: PersonRow, communities: dict[int, str], grids: dict[int, GridRow], units: dict[int, str]
) -> PersonEntry:
    """A member's community goes without saying when it is their grid's."""
    role = Role(row.role)
    grid = grids.get(row.grid_id) if row.grid_id else None
    implied = grid is not None and role in GRID_ROLES and grid.community_id == row.community_id
    return PersonEntry(
        code=row.roster_key or "",
        name=row.name,
        role=role,
        grid=grid.code if grid else "",
        community="" if implied or row.community_id is None else communities[row.community_id],
        phone=row.phone or "",
        posts=tuple(row.posts or ()),
        skills=tuple(row.skills or ()),
        unit=units.get(row.unit_id or 0, ""),
    )
