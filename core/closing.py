"""Closing the loop: the resident confirms or reopens, rates; silence closes; leaders close."""

from core.actions import alert, announce, load_request, perform, refresh_card
from core.cards import rating_prompt
from core.changes import RequestChange
from core.context import Context
from core.delivery import commit_with
from core.errors import Refused
from core.messages import Notice, Reply, ToPerson
from core.ports import UnitOfWork
from core.records import Person, Request
from core.vocabulary import Action, Outcome, Role


async def _leaders(uow: UnitOfWork, request: Request) -> list[Person]:
    return await uow.persons.in_grid(request.grid_id, [Role.LEADER]) if request.grid_id else []


async def confirm_fixed(
    uow: UnitOfWork, ctx: Context, request_id: int, resident_id: int
) -> Request:
    async with uow:
        change = await perform(
            uow,
            ctx,
            request_id,
            resident_id,
            Action.CONFIRM,
            sets=RequestChange(outcome=Outcome.FIXED, closed_at=ctx.now),
        )
        notices = [Notice(ToPerson(resident_id), rating_prompt(change.after))]
        notices += await refresh_card(uow, ctx, change.after)
        if change.after.claimant_id:
            notices.append(
                Notice(
                    ToPerson(change.after.claimant_id),
                    Reply("member.confirmed", {"number": change.after.number}),
                )
            )
        await commit_with(uow, notices, ctx.now)
    return change.after


async def reopen_request(
    uow: UnitOfWork, ctx: Context, request_id: int, resident_id: int, note: str = ""
) -> Request:
    """Not solved: back to the grid, the previous claimant and the leaders told."""
    async with uow:
        request = await load_request(uow, request_id)
        change = await perform(
            uow,
            ctx,
            request_id,
            resident_id,
            Action.REOPEN,
            note=note,
            sets=RequestChange(
                claimant_id=None,
                claimed_at=None,
                resolved_at=None,
                reopen_count=request.reopen_count + 1,
            ),
        )
        after = change.after
        notices = await announce(uow, ctx, after)
        if request.claimant_id:
            notices.append(
                Notice(
                    ToPerson(request.claimant_id),
                    Reply("member.reopened", {"number": after.number, "note": note or "—"}),
                )
            )
        notices += alert(
            await _leaders(uow, after),
            "leader.reopened",
            number=after.number,
            times=after.reopen_count,
            note=note or "—",
        )
        await commit_with(uow, notices, ctx.now)
    return after


async def close_unfixed(
    uow: UnitOfWork, ctx: Context, request_id: int, leader_id: int, note: str
) -> Request:
    """A leader closes what cannot be fixed; it is recorded as "closed, not fixed"."""
    if not note.strip():
        raise Refused("refused.reason_required")
    async with uow:
        change = await perform(
            uow,
            ctx,
            request_id,
            leader_id,
            Action.CLOSE_UNFIXED,
            note=note.strip(),
            sets=RequestChange(outcome=Outcome.NOT_FIXED, closed_at=ctx.now, claimant_id=None),
        )
        notices = await announce(uow, ctx, change.after, note.strip())
        await commit_with(uow, notices, ctx.now)
    return change.after


async def close_without_answer(uow: UnitOfWork, ctx: Context, request_id: int) -> Request:
    """The resident did not answer within the configured days: closed, recorded as such."""
    async with uow:
        change = await perform(
            uow,
            ctx,
            request_id,
            None,
            Action.AUTO_CLOSE,
            sets=RequestChange(outcome=Outcome.NO_ANSWER, closed_at=ctx.now),
        )
        notices = await announce(uow, ctx, change.after)
        await commit_with(uow, notices, ctx.now)
    return change.after


async def rate_request(
    uow: UnitOfWork,
    ctx: Context,
    request_id: int,
    resident_id: int,
    stars: int,
    comment: str = "",
) -> Request:
    if not 1 <= stars <= 5:
        raise Refused("refused.rate.range")
    async with uow:
        change = await perform(uow, ctx, request_id, resident_id, Action.RATE, note=str(stars))
        if not await uow.requests.add_rating(request_id, resident_id, stars, comment, ctx.now):
            raise Refused("refused.rate.already", number=change.after.number)
        notices = [
            Notice(
                ToPerson(resident_id),
                Reply("resident.thanks", {"number": change.after.number, "stars": stars}),
            )
        ]
        if stars <= ctx.policy.low_rating:
            notices += alert(
                await _leaders(uow, change.after),
                "leader.low_rating",
                number=change.after.number,
                stars=stars,
                comment=comment or "—",
            )
        if change.after.claimant_id:
            notices.append(
                Notice(
                    ToPerson(change.after.claimant_id),
                    Reply("member.rated", {"number": change.after.number, "stars": stars}),
                )
            )
        await commit_with(uow, notices, ctx.now)
    return change.after
