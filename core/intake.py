"""A resident's message becomes a request: numbered, timed, routed to its grid, announced."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from core import buttons
from core.actions import alert, announce, load_actor, perform, refresh_card
from core.cards import card_ref, group_card, local_time, topic
from core.changes import NewRequest
from core.clock.deadlines import deadlines
from core.context import Context
from core.delivery import commit_with
from core.errors import Refused
from core.messages import Notice, Option, Reply, ToCommunity, ToGrid, ToPerson, t
from core.ports import UnitOfWork
from core.records import Person, Request
from core.vocabulary import Action, Role, Status


@dataclass(frozen=True, slots=True)
class Draft:
    """What the resident is about to submit, as understood and corrected in the dialog."""

    text: str
    category: str
    subcategory: str | None
    type: str
    urgent: bool = False
    confidence: float = 0.0
    keywords: tuple[str, ...] = ()
    building_id: int | None = None
    address: str = ""
    photos: tuple[str, ...] = ()
    hotlines: tuple[str, ...] = ()
    unplaced: bool = False  # the resident named no place on the roster: community triage


async def submit_request(uow: UnitOfWork, ctx: Context, resident_id: int, draft: Draft) -> Request:
    async with uow:
        resident = await load_actor(uow, resident_id)
        assert resident is not None
        if not draft.text.strip():
            raise Refused("refused.empty_request")
        request = await _create(uow, ctx, resident, draft)
        notices = [Notice(ToPerson(resident.id), _acknowledgement(request, ctx, draft))]
        if request.grid_id is not None:
            request = (await perform(uow, ctx, request.id, None, Action.ROUTE)).after
            notices += await _announce(uow, ctx, request, resident)
        else:
            notices += await _ask_admins_to_route(uow, request, resident)
        await commit_with(uow, notices, ctx.now)
    return request


async def _ask_admins_to_route(uow: UnitOfWork, request: Request, resident: Person) -> list[Notice]:
    """No grid matched: the community's admins dispatch it with one tap per grid."""
    communities = (
        [resident.community_id]
        if resident.community_id
        else [c.id for c in await uow.places.communities()]
    )
    grids = [g for g in await uow.places.grids() if g.community_id in communities]
    options = tuple(
        Option("button.route", buttons.Route(request.id, g.code).pack(), {"grid": g.name})
        for g in grids
    )
    reply = Reply(
        "admin.unrouted",
        {
            "number": request.number,
            "text": request.text,
            "urgent": t("card.urgent") if request.urgent else "",
        },
        options,
    )
    return [Notice(ToCommunity(community_id), reply) for community_id in communities]


async def _create(uow: UnitOfWork, ctx: Context, resident: Person, draft: Draft) -> Request:
    building_id = None if draft.unplaced else draft.building_id or resident.building_id
    building = await uow.places.building(building_id) if building_id else None
    grid_id = building.grid_id if building else None if draft.unplaced else resident.grid_id
    community = await _community_code(uow, grid_id, resident)
    claim_by, resolve_by = deadlines(
        ctx, ctx.now, draft.subcategory or draft.category, draft.urgent, community
    )
    day = ctx.now.astimezone(ZoneInfo(ctx.policy.timezone)).strftime("%Y%m%d")
    request = await uow.requests.add(
        NewRequest(
            number=await uow.requests.next_number(day),
            text=draft.text.strip(),
            photos=tuple(draft.photos),
            resident_id=resident.id,
            category=draft.category,
            subcategory=draft.subcategory,
            type=draft.type,
            urgent=draft.urgent,
            confidence=draft.confidence,
            keywords=tuple(draft.keywords),
            grid_id=grid_id,
            building_id=building.id if building else None,
            address=draft.address or resident.address_detail,
            status=Status.SUBMITTED,
            claim_by=claim_by,
            resolve_by=resolve_by,
        )
    )
    await uow.requests.add_event(
        request.id, resident.id, str(Action.SUBMIT), None, Status.SUBMITTED, "", ctx.now
    )
    return request


async def _community_code(uow: UnitOfWork, grid_id: int | None, resident: Person) -> str | None:
    """Whose working-hours calendar counts this request's time."""
    grid = await uow.places.grid(grid_id) if grid_id else None
    community_id = grid.community_id if grid else resident.community_id
    community = await uow.places.community(community_id) if community_id else None
    return community.code if community else None


def _acknowledgement(request: Request, ctx: Context, draft: Draft) -> Reply:
    params = {
        "number": request.number,
        "topic": topic(request, ctx),
        "deadline": local_time(request.resolve_by, ctx),
        "claim_by": local_time(request.claim_by, ctx),
    }
    unrouted = "_unrouted" if request.grid_id is None else ""
    if request.urgent:
        hotlines = "、".join(draft.hotlines) or "110/119/120"
        return Reply(f"resident.submitted_urgent{unrouted}", {**params, "hotlines": hotlines})
    return Reply(f"resident.submitted{unrouted}", params)


async def _announce(
    uow: UnitOfWork, ctx: Context, request: Request, resident: Person
) -> list[Notice]:
    """Post the card to the grid group, naming in it the members whose posts fit; alert
    the grid's leaders if urgent."""
    assert request.grid_id is not None
    building = await uow.places.building(request.building_id) if request.building_id else None
    posts = set(ctx.taxonomy.posts_for(request.subcategory or request.category))
    members = await uow.persons.in_grid(request.grid_id, [Role.MEMBER, Role.LEADER])
    fitting = [m.name for m in members if posts & set(m.posts)]
    card = group_card(request, ctx, resident, building, None, mentions=fitting)
    notices = [Notice(ToGrid(request.grid_id), card, ref=card_ref(request))]
    if request.urgent:
        leaders = await uow.persons.in_grid(request.grid_id, [Role.LEADER])
        notices += alert(
            leaders,
            "leader.urgent",
            number=request.number,
            topic=topic(request, ctx),
            text=request.text,
            where=building.name if building else request.address,
        )
    return notices


async def follow_request(
    uow: UnitOfWork, ctx: Context, request_id: int, resident_id: int
) -> Request:
    """ "Me too": the resident joins an open request instead of filing the same thing again."""
    async with uow:
        change = await perform(uow, ctx, request_id, resident_id, Action.FOLLOW)
        if not await uow.requests.add_follower(request_id, resident_id, ctx.now):
            raise Refused("refused.follow.already", number=change.after.number)
        request = await uow.requests.get(request_id)
        assert request is not None
        notices = [
            Notice(
                ToPerson(resident_id),
                Reply(
                    "resident.following",
                    {
                        "number": request.number,
                        "status": t(f"status.{request.status}"),
                        "count": request.followers + 1,
                    },
                ),
            )
        ]
        notices += await refresh_card(uow, ctx, request)
        await commit_with(uow, notices, ctx.now)
    return request


async def cancel_request(
    uow: UnitOfWork, ctx: Context, request_id: int, resident_id: int
) -> Request:
    async with uow:
        change = await perform(uow, ctx, request_id, resident_id, Action.CANCEL)
        notices = await announce(uow, ctx, change.after)
        await commit_with(uow, notices, ctx.now)
    return change.after
