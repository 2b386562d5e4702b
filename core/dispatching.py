"""The 需求清单 at work: the community proposes units for a need, dispatches it to one, and
enters community projects of its own."""

from datetime import datetime
from zoneinfo import ZoneInfo

from core import buttons
from core.actions import community_of, load_request, perform, refresh_card
from core.cards import group_card, local_time
from core.changes import NewRequest, RequestChange
from core.clock.pausing import request_calendar
from core.context import Context
from core.delivery import commit_with
from core.errors import Refused
from core.matching import Proposal, Words, propose
from core.messages import Notice, Option, Reply, ToCommunity, ToPerson
from core.ports import UnitOfWork
from core.records import Request
from core.unit_records import Unit
from core.units import admin_of, lists_of
from core.vocabulary import Action, Level, Status

PROJECT_TYPE = "project"


async def community_claim_by(uow: UnitOfWork, ctx: Context, request: Request) -> datetime:
    """When the community must have dispatched a need that reached it now."""
    calendar = await request_calendar(uow, ctx, request)
    return calendar.add(ctx.now, ctx.policy.community_dispatch_hours)


async def proposals(
    uow: UnitOfWork, ctx: Context, request_id: int, words_of: Words
) -> tuple[Request, list[Proposal]]:
    """The need and the units that fit it, best first."""
    async with uow:
        request = await load_request(uow, request_id)
        community_id = await community_of(uow, request)
        units = await lists_of(uow, community_id) if community_id else []
    return request, propose(request, words_of(request.text), units, words_of)


async def _unit_for(uow: UnitOfWork, request: Request, unit_id: int) -> Unit:
    unit = await uow.units.get(unit_id)
    if unit is None or not unit.active or unit.community_id != await community_of(uow, request):
        raise Refused("refused.unit.unknown")
    return unit


async def dispatch_need(
    uow: UnitOfWork, ctx: Context, request_id: int, admin_id: int, unit_id: int
) -> Request:
    """The admin gives a need at community level to a unit: its representatives are asked
    to claim it (认领) within the unit's time limit, and the resident is told who has it."""
    async with uow:
        request = await load_request(uow, request_id)
        if request.level == Level.GRID:
            raise Refused("refused.dispatch.level", number=request.number)
        unit = await _unit_for(uow, request, unit_id)
        calendar = await request_calendar(uow, ctx, request)
        _, resolve_hours = ctx.taxonomy.deadline_hours(
            request.subcategory or request.category, request.urgent
        )
        change = await perform(
            uow,
            ctx,
            request_id,
            admin_id,
            Action.DISPATCH,
            note=unit.name,
            sets=RequestChange(
                level=Level.UNIT,
                unit_id=unit.id,
                claimant_id=None,
                claimed_at=None,
                claim_by=calendar.add(ctx.now, ctx.policy.unit_claim_hours),
                resolve_by=calendar.add(ctx.now, resolve_hours),
            ),
        )
        after = change.after
        told = Reply("resident.dispatched", {"number": after.number, "unit": unit.name})
        people = [after.resident_id, *await uow.requests.followers(after.id)]
        notices = [Notice(ToPerson(p), told) for p in people]
        notices += await refresh_card(uow, ctx, after)
        notices += await _ask_unit(uow, ctx, after, unit)
        await commit_with(uow, notices, ctx.now)
    return after


async def _ask_unit(uow: UnitOfWork, ctx: Context, request: Request, unit: Unit) -> list[Notice]:
    """Each representative of the unit gets the need (as the grid group sees it) with 认领;
    with none linked yet, the admins are told to invite one."""
    reps = await uow.units.representatives(unit.id)
    if not reps:
        community_id = await community_of(uow, request)
        reply = Reply("admin.unit_no_rep", {"number": request.number, "unit": unit.name})
        return [Notice(ToCommunity(community_id), reply)] if community_id else []
    resident = await uow.persons.get(request.resident_id)
    building = await uow.places.building(request.building_id) if request.building_id else None
    card = group_card(request, ctx, resident, building, None)
    params = {**card.params, "unit": unit.name, "claim_by": local_time(request.claim_by, ctx)}
    options = (Option("button.claim", buttons.Claim(request.id).pack()),)
    need = Reply("unit.need", params, options, card.photo)
    return [Notice(ToPerson(rep.id), need, ref=f"req:{request.id}:unit") for rep in reps]


async def add_project(
    uow: UnitOfWork,
    ctx: Context,
    admin_id: int,
    text: str,
    category: str,
    grid_code: str | None = None,
) -> Request:
    """A need the community itself puts on its list (fix the old compound's drains, a summer
    class for children): filed by the admin at community level, ready to dispatch."""
    if not text.strip():
        raise Refused("refused.empty_request")
    if category not in {code for code, _ in ctx.taxonomy.categories()}:
        raise Refused("refused.no_such_category", code=category[:32])
    async with uow:
        admin = await admin_of(uow, admin_id)
        grid = await uow.places.grid_by_code(grid_code) if grid_code else None
        if grid_code and (grid is None or grid.community_id != admin.community_id):
            raise Refused("refused.no_such_grid", code=grid_code[:32])
        community = await uow.places.community(admin.community_id or 0)
        calendar = ctx.calendars.of(community.code if community else None)
        _, resolve_hours = ctx.taxonomy.deadline_hours(category, False)
        day = ctx.now.astimezone(ZoneInfo(ctx.policy.timezone)).strftime("%Y%m%d")
        request = await uow.requests.add(
            NewRequest(
                number=await uow.requests.next_number(day),
                text=text.strip()[:2000],
                resident_id=admin.id,
                category=category,
                type=PROJECT_TYPE,
                grid_id=grid.id if grid else None,
                status=Status.ESCALATED,
                level=Level.COMMUNITY,
                claim_by=calendar.add(ctx.now, ctx.policy.community_dispatch_hours),
                resolve_by=calendar.add(ctx.now, resolve_hours),
            )
        )
        await uow.requests.add_event(
            request.id, admin.id, str(Action.SUBMIT), None, Status.ESCALATED, "", ctx.now
        )
        await uow.commit()
    return request
