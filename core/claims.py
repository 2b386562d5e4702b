"""Members take requests and work them: claim, assign, release, progress, resolve."""

from dataclasses import replace

from core.actions import announce, load_request, perform, refresh_card, tell_resident
from core.cards import task_details
from core.changes import RequestChange
from core.clock.pausing import unpaused
from core.context import Context
from core.delivery import commit_with
from core.errors import Refused
from core.lifecycle import release_target
from core.messages import Notice, Reply, ToPerson
from core.ports import UnitOfWork
from core.records import Request
from core.vocabulary import Action, Role, Status


async def _details_for(uow: UnitOfWork, ctx: Context, request: Request, person_id: int) -> Notice:
    resident = await uow.persons.get(request.resident_id)
    building = await uow.places.building(request.building_id) if request.building_id else None
    return Notice(ToPerson(person_id), task_details(request, ctx, resident, building))


async def _check_capacity(uow: UnitOfWork, ctx: Context, person_id: int) -> None:
    if await uow.persons.open_claims(person_id) >= ctx.policy.max_open_claims:
        raise Refused("refused.claim.limit", limit=ctx.policy.max_open_claims)


async def claim_request(uow: UnitOfWork, ctx: Context, request_id: int, member_id: int) -> Request:
    """Exactly one of any number of concurrent claims wins; the database decides."""
    async with uow:
        request = await load_request(uow, request_id)
        if request.status == Status.CLAIMED:
            raise Refused("refused.claim.taken", number=request.number)
        await _check_capacity(uow, ctx, member_id)
        try:
            change = await perform(
                uow,
                ctx,
                request_id,
                member_id,
                Action.CLAIM,
                sets=RequestChange(
                    claimant_id=member_id, claimed_at=ctx.now, last_progress_at=ctx.now
                ),
            )
        except Refused as refusal:
            if refusal.key == "refused.conflict":
                raise Refused("refused.claim.taken", number=request.number) from None
            raise
        claimant = change.actor
        assert claimant is not None
        notices = await announce(uow, ctx, change.after)
        notices.append(await _details_for(uow, ctx, change.after, claimant.id))
        await commit_with(uow, notices, ctx.now)
    return change.after


def _with_photo(request: Request, photo: str | None) -> tuple[str, ...]:
    """The request's photos, with a member's new one (progress, done) added."""
    return (*request.photos, photo) if photo else request.photos


async def assign_request(
    uow: UnitOfWork, ctx: Context, request_id: int, leader_id: int, member_id: int
) -> Request:
    async with uow:
        request = await load_request(uow, request_id)
        member = await uow.persons.get(member_id)
        if (
            member is None
            or member.grid_id != request.grid_id
            or member.role not in (Role.MEMBER, Role.LEADER)
        ):
            raise Refused("refused.assign.not_member", number=request.number)
        await _check_capacity(uow, ctx, member_id)
        change = await perform(
            uow,
            ctx,
            request_id,
            leader_id,
            Action.ASSIGN,
            note=member.name,
            sets=RequestChange(claimant_id=member_id, claimed_at=ctx.now, last_progress_at=ctx.now),
        )
        notices = await announce(uow, ctx, change.after)
        notices.append(await _details_for(uow, ctx, change.after, member_id))
        if request.claimant_id and request.claimant_id != member_id:
            notices.append(
                Notice(
                    ToPerson(request.claimant_id),
                    Reply("member.reassigned", {"number": request.number, "to": member.name}),
                )
            )
        await commit_with(uow, notices, ctx.now)
    return change.after


async def release_request(
    uow: UnitOfWork, ctx: Context, request_id: int, actor_id: int | None, note: str = ""
) -> Request:
    """Give a claim back: by the claimant, a leader, or the clock when a claim goes stale."""
    async with uow:
        request = await load_request(uow, request_id)
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.RELEASE,
            note=note,
            to=release_target(request.level),
            sets=replace(await unpaused(uow, ctx, request), claimant_id=None, claimed_at=None),
        )
        notices = await refresh_card(uow, ctx, change.after)
        if request.claimant_id and request.claimant_id != actor_id:
            notices.append(
                Notice(
                    ToPerson(request.claimant_id),
                    Reply("member.released", {"number": request.number, "note": note or "—"}),
                )
            )
        await commit_with(uow, notices, ctx.now)
    return change.after


async def report_progress(
    uow: UnitOfWork,
    ctx: Context,
    request_id: int,
    member_id: int,
    note: str,
    photo: str | None = None,
) -> Request:
    if not note.strip() and not photo:
        raise Refused("refused.progress.empty")
    async with uow:
        request = await load_request(uow, request_id)
        change = await perform(
            uow,
            ctx,
            request_id,
            member_id,
            Action.PROGRESS,
            note=note.strip(),
            sets=RequestChange(last_progress_at=ctx.now, photos=_with_photo(request, photo)),
        )
        notices = await tell_resident(uow, change.after, note.strip())
        await commit_with(uow, notices, ctx.now)
    return change.after


async def resolve_request(
    uow: UnitOfWork,
    ctx: Context,
    request_id: int,
    actor_id: int,
    note: str,
    photo: str | None = None,
) -> Request:
    """The member says it is done; only the resident's confirmation (or silence) closes it."""
    async with uow:
        request = await load_request(uow, request_id)
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.RESOLVE,
            note=note.strip(),
            sets=RequestChange(resolved_at=ctx.now, photos=_with_photo(request, photo)),
        )
        notices = await announce(uow, ctx, change.after, note.strip())
        await commit_with(uow, notices, ctx.now)
    return change.after
