"""A grid's response, resolution and satisfaction rates, for its leader and for admins
(what they count: core/rates.py)."""

from datetime import timedelta

from core import rates
from core.context import Context
from core.errors import Refused
from core.ports import UnitOfWork
from core.vocabulary import Role


async def grid_stats(
    uow: UnitOfWork, ctx: Context, actor_id: int, grid_code: str | None = None, days: int = 30
) -> dict[str, float | int | str | None]:
    async with uow:
        actor = await uow.persons.get(actor_id)
        if actor is None or actor.role not in (Role.LEADER, Role.ADMIN):
            raise Refused("refused.stats.not_leader")
        grid = (
            await uow.places.grid_by_code(grid_code)
            if grid_code
            else (await uow.places.grid(actor.grid_id) if actor.grid_id else None)
        )
        if grid_code and grid is None:
            raise Refused("refused.no_such_grid", code=grid_code)
        if actor.role == Role.LEADER and (grid is None or grid.id != actor.grid_id):
            raise Refused("refused.stats.not_leader")
        facts = await uow.requests.rate_facts(
            grid.id if grid else None, ctx.now - timedelta(days=days)
        )
    return {**rates.figures(facts, ctx.now), "grid": grid.name if grid else "", "days": days}
