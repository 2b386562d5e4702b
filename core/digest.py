"""The leaders' daily digest (网格日报): one message per leader per day, whoever sends it."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.context import Context
from core.delivery import deliver
from core.ladder import Kind, Mark
from core.marking import Fired, MarkedUnitOfWork
from core.messages import Notice, Reply, ToPerson
from core.ports import UnitOfWork
from core.records import Grid, Person
from core.vocabulary import Role


def digest_day(ctx: Context) -> date | None:
    """Today in the deployment's timezone, once the digest hour has come; else None."""
    local = ctx.now.astimezone(ZoneInfo(ctx.policy.timezone))
    return local.date() if local.hour >= ctx.policy.digest_hour else None


async def send_digests(uow_factory: Callable[[], UnitOfWork], ctx: Context) -> list[Mark]:
    """Today's digest to every grid leader who has not had it yet; the marks it took.

    It covers the day up to today's digest hour, so a late digest neither misses nor
    repeats anything.
    """
    day = digest_day(ctx)
    if day is None:
        return []
    async with uow_factory() as uow:
        leaders = [
            (grid, leader)
            for grid in await uow.places.grids()
            for leader in await uow.persons.in_grid(grid.id, [Role.LEADER])
        ]
        marks = {leader.id: _mark(leader, day) for _, leader in leaders}
        done = await uow.sla.fired(list(marks.values()))
    zone = ZoneInfo(ctx.policy.timezone)
    until = datetime.combine(day, time(ctx.policy.digest_hour), zone)
    window = (until - timedelta(days=1), until)
    sent = []
    for grid, leader in leaders:
        mark = marks[leader.id]
        if mark not in done and await _send(uow_factory(), ctx, mark, grid, day, window):
            sent.append(mark)
    return sent


def _mark(leader: Person, day: date) -> Mark:
    return Mark(Kind.DIGEST, leader.id, int(day.strftime("%Y%m%d")))


async def _send(
    uow: UnitOfWork,
    ctx: Context,
    mark: Mark,
    grid: Grid,
    day: date,
    window: tuple[datetime, datetime],
) -> bool:
    try:
        async with MarkedUnitOfWork(uow, ctx, mark) as marked:
            figures = await marked.sla.digest(grid.id, *window, ctx.now)
            reply = Reply("leader.digest", {"date": day.isoformat(), "grid": grid.name, **figures})
            await deliver(marked, [Notice(ToPerson(mark.subject_id), reply)], ctx.now)
            await marked.commit()
    except Fired:
        return False
    return True
