"""The one path every change to a request takes: load, authorise, conditional update, audit."""

from dataclasses import dataclass
from typing import Any

from core.cards import card_ref, group_card, local_date, status_update
from core.changes import NO_CHANGE, RequestChange
from core.context import Context
from core.errors import Refused
from core.honours import card_footer
from core.lifecycle import authorize
from core.messages import Notice, Reply, ToGrid, ToPerson
from core.ports import UnitOfWork
from core.records import Person, Request
from core.vocabulary import Action, Status


@dataclass(frozen=True, slots=True)
class Change:
    before: Request
    after: Request
    actor: Person | None


async def load_request(uow: UnitOfWork, request_id: int) -> Request:
    request = await uow.requests.get(request_id)
    if request is None:
        raise Refused("refused.no_such_request")
    return request


async def load_actor(uow: UnitOfWork, actor_id: int | None) -> Person | None:
    if actor_id is None:
        return None
    actor = await uow.persons.get(actor_id)
    if actor is None:
        raise Refused("refused.unknown_person")
    return actor


async def community_of(uow: UnitOfWork, request: Request) -> int | None:
    """The grid's community; for a request not yet routed, the resident's."""
    if request.grid_id is None:
        resident = await uow.persons.get(request.resident_id)
        return resident.community_id if resident else None
    grid = await uow.places.grid(request.grid_id)
    return grid.community_id if grid else None


async def perform(
    uow: UnitOfWork,
    ctx: Context,
    request_id: int,
    actor_id: int | None,
    action: Action,
    note: str = "",
    to: Status | None = None,
    community: int | None = None,
    sets: RequestChange = NO_CHANGE,
) -> Change:
    """Authorise ``action``, apply it only if nobody changed the request meanwhile, audit it.

    ``to`` overrides the rule's target where the level decides it (a released escalation);
    ``community`` the community the request belongs to, where it has none yet (routing);
    ``sets`` what the action changes besides the status.
    """
    before = await load_request(uow, request_id)
    actor = await load_actor(uow, actor_id)
    owner = community if community is not None else await community_of(uow, before)
    target = to or authorize(action, before, actor, owner)
    if to is not None:
        authorize(action, before, actor, owner)
    if target != before.status or sets != NO_CHANGE:
        applied = await uow.requests.transition(before.id, [before.status], target, sets)
        if not applied:
            raise Refused("refused.conflict", number=before.number)
    await uow.requests.add_event(
        before.id,
        actor.id if actor else None,
        str(action),
        before.status,
        target if target != before.status else None,
        note,
        ctx.now,
    )
    return Change(before, await load_request(uow, before.id), actor)


async def refresh_card(uow: UnitOfWork, ctx: Context, request: Request) -> list[Notice]:
    """The grid group's card follows every state: edited in place, never posted twice."""
    if request.grid_id is None:
        return []
    resident = await uow.persons.get(request.resident_id)
    building = await uow.places.building(request.building_id) if request.building_id else None
    claimant = await uow.persons.get(request.claimant_id) if request.claimant_id else None
    footer = await card_footer(uow, request, claimant, local_date(ctx.now, ctx))
    card = group_card(request, ctx, resident, building, claimant, footer=footer)
    return [Notice(ToGrid(request.grid_id), card, ref=card_ref(request), edit=True)]


async def tell_resident(uow: UnitOfWork, request: Request, note: str = "") -> list[Notice]:
    """The filer and everyone who said "me too" hear of each state change."""
    reply = status_update(request, note)
    people = [request.resident_id, *await uow.requests.followers(request.id)]
    return [Notice(ToPerson(person_id), reply) for person_id in people]


async def announce(uow: UnitOfWork, ctx: Context, request: Request, note: str = "") -> list[Notice]:
    """What every state change sends: the resident (and followers) told, the card updated."""
    return await tell_resident(uow, request, note) + await refresh_card(uow, ctx, request)


def alert(people: list[Person], key: str, **params: Any) -> list[Notice]:
    return [Notice(ToPerson(leader.id), Reply(key, params)) for leader in people]


async def check_allowed(uow: UnitOfWork, request_id: int, actor_id: int, action: Action) -> Request:
    """Refuse early, before a dialog asks for a note, what the action itself would refuse."""
    async with uow:
        request = await load_request(uow, request_id)
        actor = await load_actor(uow, actor_id)
        authorize(action, request, actor, await community_of(uow, request))
    return request
