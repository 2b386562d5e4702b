"""The monthly (quarterly, any period) report as tables: a sheet per scope (community, grids,
members, units), the points ledger, the star levels, the wishes and the promises. Column
titles and words are catalogue keys (``t(...)``), rendered by whoever writes the file."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.account_figures import Assessment, assess
from core.account_ports import AccountUnitOfWork
from core.account_records import StarLevel
from core.assessment import Figures, Scope, ScopeKind
from core.context import Context
from core.messages import t
from core.periods import Period
from core.rates import solved
from core.stars import stars_text
from core.wish_status import WISH

Cell = str | int | float | dict[str, Any] | list[dict[str, Any]] | None  # a list: one a line


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the figure's name; the title is the catalogue's ``report.col.<key>``
    kind: str  # text, int, rate, hours, float
    width: int = 12


@dataclass(frozen=True, slots=True)
class Table:
    sheet: str  # ``report.sheet.<sheet>``
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    community: str
    generated: datetime
    tables: tuple[Table, ...]


DEFINITIONS = (
    "counted",
    "response_rate",
    "resolution_rate",
    "satisfaction_rate",
    "on_time_rate",
    "reopen_rate",
    "medians",
    "points",
    "hours",
    "stars",
)
RATE_COLUMNS = (
    Column("total", "int", 8),
    Column("due_response", "int", 10),
    Column("response_rate", "rate", 11),
    Column("due_resolution", "int", 10),
    Column("resolution_rate", "rate", 10),
    Column("on_time_rate", "rate", 11),
    Column("reopen_rate", "rate", 11),
    Column("rated", "int", 8),
    Column("satisfaction_rate", "rate", 10),
    Column("average_stars", "float", 9),
    Column("median_response_hours", "hours", 12),
    Column("median_resolution_hours", "hours", 12),
    Column("wishes_fulfilled", "int", 10),
    Column("points", "int", 8),
    Column("hours", "float", 10),
    Column("promises_kept", "int", 10),
)
SCOPE_SHEETS = (
    (ScopeKind.COMMUNITY, "community"),
    (ScopeKind.GRID, "grids"),
    (ScopeKind.MEMBER, "members"),
    (ScopeKind.UNIT, "units"),
)


async def build_report(uow: AccountUnitOfWork, ctx: Context, period: Period) -> Report:
    assessment = await assess(uow, ctx, period)
    async with uow:
        stars = {s.subject_key: s for s in await uow.honours.stars(period.label)}
    grids = {s.grid_id: s.name for s in assessment.scopes if s.kind == ScopeKind.GRID}
    tables = [
        _scope_table(sheet, assessment.of(kind), grids, stars) for kind, sheet in SCOPE_SHEETS
    ]
    tables += [_ledger(assessment, grids), _stars(stars), _wishes(assessment, grids)]
    tables.append(_promises(assessment))
    return Report(period, assessment.community, ctx.now, tuple(tables))


def _scope_table(
    sheet: str,
    rows: list[tuple[Scope, Figures]],
    grids: dict[int | None, str],
    stars: dict[str, StarLevel],
) -> Table:
    """A row per scope; members and units with their grid, and the month's star level."""
    people = sheet in ("members", "units")
    names = (Column("name", "text", 18), *((Column("grid", "text", 14),) if people else ()))
    columns = (*names, *RATE_COLUMNS, Column("stars", "text", 12))
    return Table(
        sheet,
        columns,
        tuple(
            (
                scope.name,
                *((grids.get(scope.grid_id, ""),) if people else ()),
                *(figures.get(c.key) for c in RATE_COLUMNS),
                _star_cell(stars.get(scope.key)),
            )
            for scope, figures in rows
        ),
    )


def _star_cell(level: Any) -> Cell:
    if level is None:
        return ""
    state = "report.star.published" if level.published else "report.star.proposed"
    return t(state, stars=stars_text(level.level))


def _ledger(assessment: Assessment, grids: dict[int | None, str]) -> Table:
    people = {p.id: p for p in assessment.staff}
    columns = (
        Column("month", "text", 9),
        Column("name", "text", 14),
        Column("grid", "text", 14),
        Column("number", "text", 16),
        Column("rule", "text", 16),
        Column("points", "int", 7),
        Column("hours", "float", 8),
        Column("note", "text", 30),
        Column("line", "int", 7),
    )
    rows = []
    for line in assessment.lines:
        person = people.get(line.person_id)
        rows.append(
            (
                line.month,
                person.name if person else "",
                grids.get(person.grid_id if person else None, ""),
                line.number,
                t(f"points.rule.{line.rule}"),
                line.points,
                line.hours,
                line.note,
                line.id,
            )
        )
    return Table("ledger", columns, tuple(rows))


def _stars(stars: dict[str, StarLevel]) -> Table:
    columns = (
        Column("scope", "text", 10),
        Column("name", "text", 16),
        Column("stars", "text", 10),
        Column("status", "text", 8),
        Column("reasons", "text", 70),
    )
    rows = tuple(
        (
            t(f"report.scope.{level.scope}"),
            level.name,
            stars_text(level.level),
            t(f"report.star_status.{level.status}"),
            [_reason(r) for r in level.reasons],
        )
        for level in stars.values()
    )
    return Table("stars", columns, rows)


def _reason(reason: dict[str, Any]) -> dict[str, Any]:
    return t(
        "stars.reason_met" if reason["met"] else "stars.reason_missed",
        figure=t(f"report.col.{reason['figure']}"),
        value=shown(reason["figure"], reason["value"]),
        at_least=shown(reason["figure"], reason["at_least"]),
    )


def shown(figure: str, value: Any) -> str:
    """A figure as people read it: rates in per cent, — for nothing due."""
    if value is None:
        return "—"
    if figure.endswith("_rate"):
        return f"{value:.0%}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _wishes(assessment: Assessment, grids: dict[int | None, str]) -> Table:
    people = {p.id: p.name for p in assessment.staff}
    columns = (
        Column("number", "text", 16),
        Column("grid", "text", 14),
        Column("state", "text", 10),
        Column("claimant", "text", 14),
    )
    rows = tuple(
        (
            h.number,
            grids.get(h.grid_id, ""),
            t("report.wish.fulfilled" if solved(h.facts) else "report.wish.open"),
            people.get(h.handler_id or 0, ""),
        )
        for h in assessment.handled
        if h.type == WISH
    )
    return Table("wishes", columns, rows)


def _promises(assessment: Assessment) -> Table:
    people = {p.id: p.name for p in assessment.staff}
    columns = (
        Column("name", "text", 14),
        Column("promise", "text", 40),
        Column("first_day", "text", 12),
        Column("last_day", "text", 12),
        Column("status", "text", 10),
    )
    rows = tuple(
        (
            people.get(p.person_id, ""),
            p.text,
            p.first_day.isoformat(),
            p.last_day.isoformat(),
            t(f"promise.status.{p.status}"),
        )
        for p in assessment.promises
    )
    return Table("promises", columns, rows)
