"""The chart that comes with /stats: a leader's grid month by month, the grids side by side
for an admin (drawn by the charts service the composition root gives the dialogs)."""

from core import chart_data
from core.periods import month_of
from core.records import Person
from core.vocabulary import Role
from handlers.points import account_uow
from handlers.turn import Turn


async def stats_photo(turn: Turn, person: Person) -> str | None:
    charts = turn.services.charts
    if charts is None:
        return None
    period = month_of(turn.ctx.now, turn.ctx.policy.timezone)
    if person.role == Role.ADMIN and not turn.incoming.args:
        chart = await chart_data.by_grid(account_uow(turn), turn.ctx, period)
    else:
        grid_id = person.grid_id
        if turn.incoming.args:
            async with turn.uow() as uow:
                grid = await uow.places.grid_by_code(turn.incoming.args)
            grid_id = grid.id if grid else None
        chart = await chart_data.trend(account_uow(turn), turn.ctx, period, grid_id)
    return await charts.photo(chart)
