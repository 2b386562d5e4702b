"""The roster as data: communities, grids, buildings and people a community admin keeps in a file.

Pure. ``core.roster_records`` turns a file's rows into these entries; this module checks the
whole roster and says what is wrong as data — a catalogue key and its parameters per problem,
worded for people by the adapters. ``db/roster.py`` writes the entries.
"""

import dataclasses
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.vocabulary import Role

COLUMNS = (
    "kind", "code", "name", "community", "grid", "aliases",
    "lat", "lon", "role", "phone", "posts", "skills",
    "unit", "type", "org", "categories", "keywords", "amount", "capacity",
)  # fmt: skip
KINDS = ("community", "grid", "building", "person", "unit", "resource", "service")
ROSTER_ROLES = (Role.MEMBER, Role.LEADER, Role.ADMIN, Role.UNIT)
GRID_ROLES = frozenset({Role.MEMBER, Role.LEADER})
_UNKNOWN = {
    "community": "roster.problem.unknown_community",
    "grid": "roster.problem.unknown_grid",
    "unit": "roster.problem.unknown_unit",
}


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """One bad row: its number in the file (header = row 1; 0 for the file as a whole), the
    column, and what is wrong as a catalogue key with its parameters."""

    row: int
    field: str
    key: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # ``field``: a column
    sheet: str = ""


def problem(row: int, field: str, key: str, sheet: str = "", **params: Any) -> RosterProblem:
    return RosterProblem(row, field, key, params, sheet)


def column_label(column: str) -> dict[str, str]:
    """The column's name as a nested catalogue entry, rendered in the reader's language."""
    return {"$t": f"roster.column.{column}"}


class RosterError(Exception):
    """The roster was not applied; ``problems`` says which rows are wrong and why."""

    def __init__(self, problems: Sequence[RosterProblem]) -> None:
        super().__init__(f"{len(problems)} roster problem(s)")
        self.problems = list(problems)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Located:
    row: int = field(default=0, compare=False)
    sheet: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class CommunityEntry(_Located):
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class GridEntry(_Located):
    code: str
    name: str
    community: str


@dataclass(frozen=True, slots=True)
class BuildingEntry(_Located):
    name: str
    grid: str
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class PersonEntry(_Located):
    code: str
    name: str
    role: Role
    grid: str = ""
    community: str = ""
    phone: str = ""
    posts: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    unit: str = ""  # a unit's representative, or its party member in a grid (双报到)


@dataclass(frozen=True, slots=True)
class UnitEntry(_Located):
    """A co-building unit (驻区单位/共建单位); ``type`` one of ``UNIT_TYPES``."""

    code: str
    name: str
    community: str
    type: str = "other"
    org: str = ""


@dataclass(frozen=True, slots=True)
class ResourceEntry(_Located):
    """A line of a unit's 资源清单; ``type`` one of ``RESOURCE_TYPES``."""

    unit: str
    name: str
    type: str = "other"
    amount: str = ""


@dataclass(frozen=True, slots=True)
class ServiceEntry(_Located):
    """A line of a unit's 服务清单: taxonomy category codes, words, needs it takes at once."""

    unit: str
    name: str
    categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    capacity: int = 1


@dataclass(frozen=True, slots=True)
class Roster:
    communities: tuple[CommunityEntry, ...] = ()
    grids: tuple[GridEntry, ...] = ()
    buildings: tuple[BuildingEntry, ...] = ()
    people: tuple[PersonEntry, ...] = ()
    units: tuple[UnitEntry, ...] = ()
    resources: tuple[ResourceEntry, ...] = ()
    services: tuple[ServiceEntry, ...] = ()
    problems: tuple[RosterProblem, ...] = field(default=(), compare=False)

    def entries(self) -> tuple[tuple[Any, ...], ...]:
        """The entries of each kind, in the order of ``KINDS``."""
        return (
            self.communities, self.grids, self.buildings, self.people,
            self.units, self.resources, self.services,
        )  # fmt: skip

    def counts(self) -> dict[str, int]:
        """How many entries of each kind, by ``KINDS``."""
        return {kind: len(items) for kind, items in zip(KINDS, self.entries(), strict=True)}


@dataclass(frozen=True, slots=True)
class KnownCodes:
    """What the database already holds: community codes, each grid's and each unit's
    community."""

    communities: frozenset[str] = frozenset()
    grids: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)


def _duplicates(
    entries: Iterable[Any], key: Callable[[Any], Hashable], column: str, what: str
) -> list[RosterProblem]:
    """Every entry whose ``key`` an earlier entry already had, reported on ``column`` (whose
    value the message quotes); ``what`` is the catalogue key naming that identity."""
    first: dict[Hashable, Any] = {}
    found = []
    for entry in entries:
        value = key(entry)
        if value in first:
            found.append(
                problem(entry.row, column, "roster.problem.duplicate", entry.sheet,
                        what={"$t": what}, value=getattr(entry, column), first=first[value].row)
            )  # fmt: skip
        elif all(value if isinstance(value, tuple) else (value,)):
            first[value] = entry
    return found


def check_roster(roster: Roster, known: KnownCodes = KnownCodes()) -> list[RosterProblem]:
    """Every problem of the roster, in file order: its bad values, duplicates, unknown codes."""
    found = list(roster.problems)
    for entries, key, column, what in (
        (roster.communities, lambda c: c.code, "code", "roster.identity.community"),
        (roster.grids, lambda g: g.code, "code", "roster.identity.grid"),
        (roster.buildings, lambda b: (b.grid, b.name), "name", "roster.identity.building"),
        (roster.people, lambda p: p.code, "code", "roster.identity.person"),
        (roster.units, lambda u: u.code, "code", "roster.identity.unit"),
        (roster.resources, lambda r: (r.unit, r.name), "name", "roster.identity.resource"),
        (roster.services, lambda s: (s.unit, s.name), "name", "roster.identity.service"),
    ):
        found += _duplicates(entries, key, column, what)
    communities = known.communities | {c.code for c in roster.communities}
    grids = {**known.grids, **{g.code: g.community for g in roster.grids}}
    units = {**known.units, **{u.code: u.community for u in roster.units}}

    def refer(entry: Any, column: str, value: str, codes: Collection[str]) -> None:
        if value and value not in codes:
            found.append(problem(entry.row, column, _UNKNOWN[column], entry.sheet, value=value))

    for grid in roster.grids:
        refer(grid, "community", grid.community, communities)
    for building in roster.buildings:
        refer(building, "grid", building.grid, grids)
    for unit in roster.units:
        refer(unit, "community", unit.community, communities)
    listed: tuple[ResourceEntry | ServiceEntry, ...] = (*roster.resources, *roster.services)
    for item in listed:
        refer(item, "unit", item.unit, units)
    for person in roster.people:
        refer(person, "grid", person.grid, grids)
        refer(person, "community", person.community, communities)
        refer(person, "unit", person.unit, units)
        actual = grids.get(person.grid)
        if person.community in communities and actual not in (None, person.community):
            found.append(
                problem(person.row, "community", "roster.problem.mismatch", person.sheet,
                        grid=person.grid, actual=actual, value=person.community)
            )  # fmt: skip
    return sorted(found, key=lambda p: (p.sheet, p.row))
