"""The 三率 for any scope — the community, a grid, a member, a unit — over any period.

What the rates count is core/rates.py; this module only decides which requests belong to
which scope. A request belongs to its grid (and the community), and to the person
answerable for it: its claimant, or, once a claim ended (reopened, closed), the last person
who claimed it or was assigned it. A unit is counted by the unit's representative who
claimed (``unit_key``): when unit records exist, a representative's unit id takes its place.
"""

from dataclasses import dataclass
from datetime import datetime

from core import rates
from core.rates import RateFacts
from core.records import Grid, Person
from core.vocabulary import Role
from core.wish_status import WISH

Figures = dict[str, float | int | None]


class ScopeKind:
    COMMUNITY = "community"
    GRID = "grid"
    MEMBER = "member"
    UNIT = "unit"


SCOPE_KINDS = (ScopeKind.COMMUNITY, ScopeKind.GRID, ScopeKind.MEMBER, ScopeKind.UNIT)
MEMBER_ROLES = (Role.MEMBER, Role.LEADER)


@dataclass(frozen=True, slots=True)
class Handled:
    """One request as the assessment reads it: its rate facts and who answers for it."""

    request_id: int
    number: str
    grid_id: int | None
    type: str
    category: str
    handler_id: int | None
    facts: RateFacts


@dataclass(frozen=True, slots=True)
class Scope:
    kind: str
    key: str
    name: str
    grid_id: int | None = None
    person_ids: tuple[int, ...] = ()


def unit_key(person: Person) -> str:
    """Which unit a representative counts for (for now: themselves)."""
    return f"unit:{person.id}"


def scopes(community_name: str, grids: list[Grid], staff: list[Person]) -> list[Scope]:
    """The community, each grid, each member and leader, each unit, in that order."""
    found = [Scope(ScopeKind.COMMUNITY, "community", community_name)]
    names = {g.id: g.name for g in grids}
    found += [Scope(ScopeKind.GRID, g.code, g.name, g.id) for g in grids]
    members = [p for p in staff if p.role in MEMBER_ROLES]
    found += [
        Scope(ScopeKind.MEMBER, f"person:{p.id}", p.name, p.grid_id, (p.id,))
        for p in sorted(members, key=lambda p: (names.get(p.grid_id or 0, ""), p.id))
    ]
    units: dict[str, list[Person]] = {}
    for person in staff:
        if person.role == Role.UNIT:
            units.setdefault(unit_key(person), []).append(person)
    found += [
        Scope(ScopeKind.UNIT, key, people[0].name, None, tuple(p.id for p in people))
        for key, people in sorted(units.items(), key=lambda item: item[1][0].id)
    ]
    return found


def belongs(scope: Scope, item: Handled) -> bool:
    if scope.kind == ScopeKind.COMMUNITY:
        return True
    if scope.kind == ScopeKind.GRID:
        return item.grid_id == scope.grid_id
    return item.handler_id is not None and item.handler_id in scope.person_ids


def of_scope(scope: Scope, handled: list[Handled]) -> list[Handled]:
    return [item for item in handled if belongs(scope, item)]


def scope_figures(scope: Scope, handled: list[Handled], now: datetime) -> Figures:
    """The rates, counts and median times of the requests of ``scope`` (core/rates.py)."""
    mine = of_scope(scope, handled)
    shown = rates.figures([item.facts for item in mine], now)
    shown["wishes_fulfilled"] = sum(
        1 for item in mine if item.type == WISH and rates.solved(item.facts)
    )
    return shown
