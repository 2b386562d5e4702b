"""The clock stops while a request waits on the resident (asked for details) and restarts
when they answer, with its deadlines moved on by the time it stood still."""

from dataclasses import replace
from datetime import datetime

from core import buttons
from core.actions import community_of, load_request, perform, refresh_card
from core.cards import local_time
from core.changes import KEEP, NO_CHANGE, Keep, RequestChange
from core.clock.calendar import WorkCalendar
from core.clock.deadlines import calendar_for
from core.context import Context
from core.delivery import commit_with
from core.errors import Refused
from core.messages import Notice, Option, Reply, ToPerson
from core.ports import UnitOfWork
from core.records import Request
from core.vocabulary import Action


async def request_calendar(uow: UnitOfWork, ctx: Context, request: Request) -> WorkCalendar:
    """The calendar ``request``'s time counts on: its community's, or wall-clock if urgent."""
    community_id = await community_of(uow, request)
    community = await uow.places.community(community_id) if community_id else None
    return calendar_for(ctx, community.code if community else None, request.urgent)


async def unpaused(uow: UnitOfWork, ctx: Context, request: Request) -> RequestChange:
    """The change that ends a pause: deadlines still ahead when it stopped move on by the
    (working) time it stood still. No change when the request is not paused."""
    paused_at = request.paused_at
    if paused_at is None:
        return NO_CHANGE
    calendar = await request_calendar(uow, ctx, request)
    stood = calendar.between(paused_at, ctx.now)

    def moved(due: datetime | None) -> datetime | Keep | None:
        return calendar.add(due, stood) if due is not None and due > paused_at else KEEP

    return RequestChange(
        paused_at=None, claim_by=moved(request.claim_by), resolve_by=moved(request.resolve_by)
    )


async def pause_request(
    uow: UnitOfWork, ctx: Context, request_id: int, actor_id: int, note: str = ""
) -> Request:
    """The claimant (or a leader) asks the resident something; ``note`` is the question."""
    async with uow:
        request = await load_request(uow, request_id)
        if request.paused_at is not None:
            raise Refused("refused.pause.already", number=request.number)
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.PAUSE,
            note=note.strip(),
            sets=RequestChange(paused_at=ctx.now, last_progress_at=ctx.now),
        )
        question = Reply(
            "resident.question",
            {"number": request.number, "question": note.strip() or "—"},
            (Option("button.answer", buttons.Answer(request.id).pack()),),
        )
        notices = [Notice(ToPerson(request.resident_id), question)]
        notices += await refresh_card(uow, ctx, change.after)
        await commit_with(uow, notices, ctx.now)
    return change.after


async def resume_request(
    uow: UnitOfWork, ctx: Context, request_id: int, actor_id: int | None, note: str = ""
) -> Request:
    """The resident answered: deadlines still ahead when it stopped move on by the pause."""
    async with uow:
        request = await load_request(uow, request_id)
        if request.paused_at is None:
            raise Refused("refused.resume.not_paused", number=request.number)
        moved = await unpaused(uow, ctx, request)
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.RESUME,
            note=note.strip(),
            sets=replace(moved, last_progress_at=ctx.now),
        )
        after = change.after
        notices = await refresh_card(uow, ctx, after)
        if after.claimant_id and after.claimant_id != actor_id:
            reply = Reply(
                "member.resumed",
                {
                    "number": after.number,
                    "deadline": local_time(after.resolve_by, ctx),
                    "note": note.strip() or "—",
                },
            )
            notices.append(Notice(ToPerson(after.claimant_id), reply))
        await commit_with(uow, notices, ctx.now)
    return after
