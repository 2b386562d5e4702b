"""The points ledger as people use it: settle a month, a member's own lines, leaderboards,
an admin's correction, the hours a member enters at resolve (rules: core/points.py)."""

from core.account_ports import AccountUnitOfWork
from core.context import Context
from core.errors import Refused
from core.periods import Period, months_in
from core.points import Line, Standing, derive, standings
from core.records import Person
from core.vocabulary import Role, Status

MAX_HOURS = 24.0
MAX_CORRECTION = 100
CORRECTION = "correction"


async def settle(uow: AccountUnitOfWork, ctx: Context, month: Period) -> list[Line]:
    """Derive the month's rule lines again from the audit trail; the whole ledger after."""
    async with uow:
        events = await uow.account.point_events(month.start, month.end)
        hours = await uow.account.entered_hours(sorted({e.request_id for e in events}))
        lines = derive(events, month, ctx.accountability, hours)
        await uow.account.sync_rule_lines(month.label, lines)
        ledger = await uow.account.ledger(month.label)
        await uow.commit()
    return ledger


async def settled_lines(uow: AccountUnitOfWork, ctx: Context, period: Period) -> list[Line]:
    """Every line of every month the period touches, each month settled first."""
    lines: list[Line] = []
    for month in months_in(period):
        lines += await settle(uow, ctx, month)
    return lines


async def own_standing(
    uow: AccountUnitOfWork, ctx: Context, person: Person, month: Period
) -> Standing:
    lines = [line for line in await settle(uow, ctx, month) if line.person_id == person.id]
    found = standings(lines, {person.id: (person.name, person.grid_id)})
    return found[0] if found else Standing(person.id, person.name, person.grid_id, 0, 0.0)


async def leaderboard(
    uow: AccountUnitOfWork,
    ctx: Context,
    viewer: Person,
    month: Period,
    whole_community: bool,
    grid_code: str | None = None,
) -> list[Standing]:
    """The grid's (a leader's own, an admin's chosen) or the community's standings."""
    if viewer.role not in (Role.LEADER, Role.ADMIN):
        raise Refused("refused.points.not_leader")
    if viewer.role == Role.LEADER and (whole_community or grid_code):
        raise Refused("refused.points.not_admin")
    lines = await settle(uow, ctx, month)
    async with uow:
        people = {p.id: (p.name, p.grid_id) for p in await uow.account.staff()}
        grid = await uow.places.grid_by_code(grid_code) if grid_code else None
    if grid_code and grid is None:
        raise Refused("refused.no_such_grid", code=grid_code)
    found = standings(lines, people)
    if whole_community:
        return found
    grid_id = grid.id if grid else viewer.grid_id
    return [s for s in found if s.grid_id is not None and s.grid_id == grid_id]


async def correct(
    uow: AccountUnitOfWork, ctx: Context, line_id: int, admin_id: int, points: int, reason: str
) -> Line:
    """An admin's correction of a line: a line of its own, with the reason, kept for good."""
    reason = reason.strip()
    if not reason:
        raise Refused("refused.reason_required")
    if points == 0 or abs(points) > MAX_CORRECTION:
        raise Refused("refused.points.amount", limit=MAX_CORRECTION)
    async with uow:
        admin = await uow.persons.get(admin_id)
        if admin is None or admin.role != Role.ADMIN:
            raise Refused("refused.points.not_admin")
        line = await uow.account.line(line_id)
        if line is None:
            raise Refused("refused.points.no_such_line", line=line_id)
        added = await uow.account.add_correction(
            Line(
                line.month,
                line.person_id,
                line.request_id,
                None,
                CORRECTION,
                points,
                0.0,
                line.number,
                reason,
                corrects_id=line.id,
                actor_id=admin_id,
            )
        )
        await uow.commit()
    return added


async def enter_hours(
    uow: AccountUnitOfWork, ctx: Context, request_id: int, person_id: int, hours: float
) -> str:
    """The claimant of a resolved request says how long it took; the request's number."""
    if not 0 < hours <= MAX_HOURS:
        raise Refused("refused.points.hours", limit=int(MAX_HOURS))
    async with uow:
        request = await uow.requests.get(request_id)
        if request is None:
            raise Refused("refused.no_such_request")
        if request.claimant_id != person_id or request.status not in (
            Status.RESOLVED,
            Status.CLOSED,
        ):
            raise Refused("refused.points.not_yours", number=request.number)
        await uow.account.set_hours(request_id, person_id, hours)
        await uow.commit()
    return request.number
