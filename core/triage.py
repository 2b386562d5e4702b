"""Leaders' and admins' decisions: route, escalate, reject, merge, recategorise."""

from dataclasses import replace

from core.actions import (
    alert,
    announce,
    community_of,
    load_request,
    perform,
    refresh_card,
    tell_resident,
)
from core.cards import card_ref, group_card, topic
from core.changes import RequestChange
from core.clock.pausing import unpaused
from core.context import Context
from core.delivery import commit_with
from core.dispatching import community_claim_by
from core.errors import Refused
from core.lifecycle import next_level
from core.messages import Notice, ToCommunity
from core.ports import UnitOfWork
from core.records import Request
from core.vocabulary import OPEN_STATUSES, Action, Level, Role


async def route_request(
    uow: UnitOfWork, ctx: Context, request_id: int, admin_id: int, grid_code: str
) -> Request:
    """An admin sends a request whose address matched no grid to the right one."""
    async with uow:
        grid = await uow.places.grid_by_code(grid_code)
        if grid is None:
            raise Refused("refused.no_such_grid", code=grid_code)
        owner = await community_of(uow, await load_request(uow, request_id))
        if owner is not None and owner != grid.community_id:  # another community's grid
            raise Refused("refused.no_such_grid", code=grid_code)
        change = await perform(
            uow, ctx, request_id, admin_id, Action.ROUTE, community=grid.community_id,
            sets=RequestChange(grid_id=grid.id),
        )  # fmt: skip
        notices = await tell_resident(uow, change.after)
        notices += [replace(n, edit=False) for n in await refresh_card(uow, ctx, change.after)]
        if change.after.urgent:
            notices += alert(
                await uow.persons.in_grid(grid.id, [Role.LEADER]),
                "leader.urgent",
                number=change.after.number,
                topic=topic(change.after, ctx),
                text=change.after.text,
                where=change.after.address or "—",
            )
        await commit_with(uow, notices, ctx.now)
    return change.after


async def escalate_request(
    uow: UnitOfWork, ctx: Context, request_id: int, actor_id: int | None, note: str = ""
) -> Request:
    """Up the ladder grid → community (大党委) → co-building unit; never a dead end."""
    async with uow:
        request = await load_request(uow, request_id)
        level = next_level(request.level)
        if level is None:
            raise Refused("refused.escalate.top", number=request.number)
        if level == Level.UNIT:  # the community chooses the unit: that is a dispatch
            raise Refused("refused.escalate.dispatch", number=request.number)
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.ESCALATE,
            note=note,
            sets=replace(
                await unpaused(uow, ctx, request),
                level=level,
                claimant_id=None,
                claimed_at=None,
                claim_by=await community_claim_by(uow, ctx, request),
            ),
        )
        after = change.after
        notices = await announce(uow, ctx, after)
        grid = await uow.places.grid(after.grid_id) if after.grid_id else None
        if grid is not None:
            resident = await uow.persons.get(after.resident_id)
            building = await uow.places.building(after.building_id) if after.building_id else None
            card = group_card(after, ctx, resident, building, None)
            level_ref = f"{card_ref(after)}:{level}"
            notices.append(Notice(ToCommunity(grid.community_id), card, ref=level_ref))
        await commit_with(uow, notices, ctx.now)
    return after


async def reject_request(
    uow: UnitOfWork, ctx: Context, request_id: int, actor_id: int, reason: str
) -> Request:
    if not reason.strip():
        raise Refused("refused.reason_required")
    async with uow:
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.REJECT,
            note=reason.strip(),
            sets=RequestChange(reject_reason=reason.strip()),
        )
        notices = await announce(uow, ctx, change.after, reason.strip())
        await commit_with(uow, notices, ctx.now)
    return change.after


async def merge_request(
    uow: UnitOfWork, ctx: Context, request_id: int, actor_id: int, into_number: str
) -> Request:
    """A duplicate joins the original: its resident follows the original from now on."""
    async with uow:
        request = await load_request(uow, request_id)
        original = await uow.requests.by_number(into_number)
        if original is None or original.id == request.id:
            raise Refused("refused.merge.target", number=into_number)
        if original.status not in OPEN_STATUSES or original.grid_id != request.grid_id:
            raise Refused("refused.merge.target", number=into_number)
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.MERGE,
            note=original.number,
            sets=RequestChange(merged_into_id=original.id),
        )
        await uow.requests.add_follower(original.id, request.resident_id, ctx.now)
        notices = await announce(uow, ctx, change.after, original.number)
        followed = await uow.requests.get(original.id)
        assert followed is not None
        notices += await refresh_card(uow, ctx, followed)
        await commit_with(uow, notices, ctx.now)
    return change.after


async def recategorise_request(
    uow: UnitOfWork,
    ctx: Context,
    request_id: int,
    actor_id: int,
    category: str,
    subcategory: str | None = None,
) -> Request:
    """A leader corrects the category; the event is kept as training data."""
    known = {code for code, _ in ctx.taxonomy.categories()}
    if category not in known:
        raise Refused("refused.no_such_category", code=category)
    async with uow:
        request = await load_request(uow, request_id)
        change = await perform(
            uow,
            ctx,
            request_id,
            actor_id,
            Action.RECATEGORISE,
            note=f"{request.category}->{category}",
            sets=RequestChange(category=category, subcategory=subcategory),
        )
        notices = await refresh_card(uow, ctx, change.after)
        await commit_with(uow, notices, ctx.now)
    return change.after
