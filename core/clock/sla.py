"""The clock's service: at each tick, fire every ladder event that is due, each exactly once.

Nothing lives in memory between ticks: deadlines and fired marks are rows, so any number of
bot processes may tick against one database (see ``core/clock/marking.py``).
"""

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from core.claims import release_request
from core.clock.alerts import reannounce, remind_claimant, report_breach, stale_claim_notice
from core.clock.calendar import WorkCalendar
from core.clock.community_alerts import alert_undispatched, remind_unit, report_unit_late
from core.clock.deadlines import calendar_for
from core.clock.digest import send_digests
from core.clock.ladder import Kind, Mark, Timed, due
from core.clock.marking import Fired, MarkedUnitOfWork
from core.closing import close_without_answer
from core.context import Context
from core.errors import Refused
from core.ports import UnitOfWork
from core.triage import escalate_request

logger = logging.getLogger(__name__)

UowFactory = Callable[[], UnitOfWork]
Fire = Callable[[UnitOfWork, Context, int], Awaitable[object]]

FIRE: dict[Kind, Fire] = {
    Kind.REANNOUNCE: reannounce,
    Kind.REMIND: remind_claimant,
    Kind.BREACH: report_breach,
    Kind.ESCALATE: lambda uow, ctx, request_id: escalate_request(uow, ctx, request_id, None),
    Kind.RELEASE: lambda uow, ctx, request_id: release_request(uow, ctx, request_id, None),
    Kind.AUTO_CLOSE: close_without_answer,
    Kind.COMMUNITY_LATE: alert_undispatched,
    Kind.UNIT_REMIND: remind_unit,
    Kind.UNIT_LATE: report_unit_late,
}


@dataclass(frozen=True, slots=True)
class TickReport:
    """What one tick did: events fired, events left (another worker's, or no longer due),
    events that failed (logged; tried again next tick)."""

    fired: tuple[Mark, ...] = ()
    skipped: tuple[Mark, ...] = ()
    failed: tuple[Mark, ...] = ()


async def tick(uow_factory: UowFactory, ctx: Context) -> TickReport:
    fired: list[Mark] = []
    skipped: list[Mark] = []
    failed: list[Mark] = []
    for timed, mark, calendar in await _due_now(uow_factory, ctx):
        outcome = await _fire(uow_factory, ctx, timed, mark, calendar)
        if outcome is None:
            failed.append(mark)
        elif outcome:
            fired.append(mark)
        else:
            skipped.append(mark)
    fired += await send_digests(uow_factory, ctx)
    return TickReport(tuple(fired), tuple(skipped), tuple(failed))


async def _due_now(uow_factory: UowFactory, ctx: Context) -> list[tuple[Timed, Mark, WorkCalendar]]:
    """Every due event not yet marked, with the calendar its request's time counts on."""
    async with uow_factory() as uow:
        resolved_before = ctx.now - timedelta(days=ctx.policy.auto_close_days)
        candidates = await uow.sla.candidates(ctx.now, resolved_before)
        codes = {c.id: c.code for c in await uow.places.communities()}
        communities = {g.id: codes.get(g.community_id) for g in await uow.places.grids()}
        events = []
        for timed in candidates:
            request = timed.request
            code = communities.get(request.grid_id) if request.grid_id else None
            calendar = calendar_for(ctx, code, request.urgent)
            events += [(timed, m, calendar) for m in due(timed, ctx.now, ctx.policy, calendar)]
        done = await uow.sla.fired([mark for _, mark, _ in events])
    return [event for event in events if event[1] not in done]


async def _fire(
    uow_factory: UowFactory, ctx: Context, timed: Timed, mark: Mark, calendar: WorkCalendar
) -> bool | None:
    """True: fired. False: not ours or no longer due. None: failed, to be tried again."""

    def still_due(fresh: Timed) -> bool:
        return mark in due(fresh, ctx.now, ctx.policy, calendar)

    notices = stale_claim_notice(timed.request, ctx) if mark.kind == Kind.RELEASE else []
    marked = MarkedUnitOfWork(uow_factory(), ctx, mark, still_due, notices)
    try:
        await FIRE[mark.kind](cast(UnitOfWork, marked), ctx, mark.subject_id)
    except Fired:
        return False
    except Refused as refusal:
        logger.info("clock: %s of request %s refused: %s", mark.kind, mark.subject_id, refusal)
        return False
    except Exception:
        logger.exception("clock: %s of request %s failed", mark.kind, mark.subject_id)
        return None
    logger.info("clock: %s of request %s", mark.kind, mark.subject_id)
    return True
