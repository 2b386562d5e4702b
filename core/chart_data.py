"""What the charts show, as plain numbers: monthly trends of the three rates for a grid or
the community, and the grids side by side for a period. ``bot/charts.py`` draws them."""

from dataclasses import dataclass
from typing import Any, Protocol

from core.account_figures import counted_at
from core.account_ports import AccountUnitOfWork
from core.assessment import Scope, ScopeKind, scope_figures
from core.context import Context
from core.messages import t
from core.periods import Period, trailing

RATES = ("response_rate", "resolution_rate", "satisfaction_rate")
TREND_MONTHS = 6


@dataclass(frozen=True, slots=True)
class Chart:
    """``series``: a catalogue key (``report.col.<rate>``) and one value per label (0–1)."""

    kind: str
    title: dict[str, Any]
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]


async def trend(
    uow: AccountUnitOfWork, ctx: Context, period: Period, grid_id: int | None = None
) -> Chart:
    """The three rates month by month, the last ``TREND_MONTHS`` up to ``period``."""
    months = trailing(period, TREND_MONTHS)
    async with uow:
        grid = await uow.places.grid(grid_id) if grid_id else None
        per_month = [await uow.account.handled(m.start, m.end) for m in months]
    scope = (
        Scope(ScopeKind.GRID, grid.code, grid.name, grid.id)
        if grid
        else Scope(ScopeKind.COMMUNITY, "community", "")
    )
    figures = [
        scope_figures(scope, handled, counted_at(m, ctx.now))
        for m, handled in zip(months, per_month, strict=True)
    ]
    return Chart(
        "trend",
        t("chart.trend", name=grid.name if grid else t("chart.community")),
        tuple(m.label for m in months),
        tuple((f"report.col.{rate}", tuple(_rate(f.get(rate)) for f in figures)) for rate in RATES),
    )


async def by_grid(uow: AccountUnitOfWork, ctx: Context, period: Period) -> Chart:
    async with uow:
        grids = await uow.places.grids()
        handled = await uow.account.handled(period.start, period.end)
    as_of = counted_at(period, ctx.now)
    figures = [
        scope_figures(Scope(ScopeKind.GRID, g.code, g.name, g.id), handled, as_of) for g in grids
    ]
    return Chart(
        "grids",
        t("chart.grids", period=period.label),
        tuple(g.name for g in grids),
        tuple((f"report.col.{rate}", tuple(_rate(f.get(rate)) for f in figures)) for rate in RATES),
    )


def _rate(value: float | int | None) -> float | None:
    return float(value) if value is not None else None


class ChartPhotos(Protocol):
    """Draws a chart and gives the photo reference a channel can send (None: cannot draw)."""

    async def photo(self, chart: Chart) -> str | None: ...
