"""A period's assessment: for every scope the rates (core/rates.py), and the points, hours,
wishes fulfilled and promises kept behind it. Reports and star levels read this."""

from dataclasses import dataclass
from datetime import datetime

from core.account_ports import AccountUnitOfWork
from core.account_records import Promise
from core.assessment import Figures, Handled, Scope, ScopeKind, scope_figures, scopes
from core.context import Context
from core.ledger import settled_lines
from core.periods import Period
from core.points import Line
from core.records import Person

KEPT = "kept"


@dataclass(frozen=True, slots=True)
class Assessment:
    period: Period
    community: str
    scopes: tuple[Scope, ...]
    figures: dict[str, Figures]
    handled: tuple[Handled, ...]
    lines: tuple[Line, ...]
    staff: tuple[Person, ...]
    promises: tuple[Promise, ...]

    def of(self, kind: str) -> list[tuple[Scope, Figures]]:
        return [(s, self.figures[s.key]) for s in self.scopes if s.kind == kind]


async def assess(uow: AccountUnitOfWork, ctx: Context, period: Period) -> Assessment:
    lines = await settled_lines(uow, ctx, period)
    async with uow:
        communities = await uow.places.communities()
        grids = await uow.places.grids()
        staff = await uow.account.staff()
        handled = await uow.account.handled(period.start, period.end)
        promises = await uow.honours.promises(overlapping=(period.first, period.last))
    community = communities[0].name if communities else ""
    found = scopes(community, grids, staff)
    as_of = counted_at(period, ctx.now)
    figures = {
        scope.key: _with_account(
            scope, scope_figures(scope, handled, as_of), lines, staff, promises
        )
        for scope in found
    }
    return Assessment(
        period,
        community,
        tuple(found),
        figures,
        tuple(handled),
        tuple(lines),
        tuple(staff),
        tuple(promises),
    )


def counted_at(period: Period, now: datetime) -> datetime:
    """When a period's requests are judged due: its end, or now while it runs. A past month
    therefore counts what fell due within it, whenever its report is made."""
    return min(now, period.end)


def people_of(scope: Scope, staff: list[Person] | tuple[Person, ...]) -> set[int]:
    if scope.kind == ScopeKind.COMMUNITY:
        return {p.id for p in staff}
    if scope.kind == ScopeKind.GRID:
        return {p.id for p in staff if p.grid_id == scope.grid_id}
    return set(scope.person_ids)


def _with_account(
    scope: Scope,
    figures: Figures,
    lines: list[Line],
    staff: list[Person],
    promises: list[Promise],
) -> Figures:
    people = people_of(scope, staff)
    mine = [line for line in lines if line.person_id in people]
    return {
        **figures,
        "points": sum(line.points for line in mine),
        "hours": round(sum(line.hours for line in mine), 2),
        "promises_kept": sum(1 for p in promises if p.person_id in people and p.status == KEPT),
        "promises": sum(1 for p in promises if p.person_id in people),
    }
