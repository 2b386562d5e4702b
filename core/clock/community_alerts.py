"""The clock above the grid: a need the community has not dispatched, a unit that has not
claimed what it was given."""

from core import buttons
from core.actions import community_of, load_request
from core.cards import local_time, topic
from core.context import Context
from core.delivery import commit_with
from core.messages import Notice, Option, Reply, ToCommunity, ToPerson
from core.ports import UnitOfWork
from core.records import Request


async def _to_community(uow: UnitOfWork, request: Request, reply: Reply) -> list[Notice]:
    """The community's admins (and its chats), and its 大党委 secretary if not an admin."""
    community_id = await community_of(uow, request)
    community = await uow.places.community(community_id) if community_id else None
    if community is None:
        return []
    notices = [Notice(ToCommunity(community.id), reply)]
    admins = {a.id for a in await uow.persons.admins(community.id)}
    if community.secretary_id is not None and community.secretary_id not in admins:
        notices.append(Notice(ToPerson(community.secretary_id), reply))
    return notices


async def alert_undispatched(uow: UnitOfWork, ctx: Context, request_id: int) -> None:
    """The community's time to dispatch a need ran out."""
    async with uow:
        request = await load_request(uow, request_id)
        reply = Reply(
            "admin.undispatched",
            {
                "number": request.number,
                "topic": topic(request, ctx),
                "since": local_time(request.claim_by, ctx),
            },
            (Option("button.proposals", buttons.Units(request.id).pack()),),
        )
        await commit_with(uow, await _to_community(uow, request, reply), ctx.now)


async def remind_unit(uow: UnitOfWork, ctx: Context, request_id: int) -> None:
    """The unit's time to claim ran out: each of its representatives is asked again."""
    async with uow:
        request = await load_request(uow, request_id)
        reps = await uow.units.representatives(request.unit_id) if request.unit_id else []
        reply = Reply(
            "unit.reminder",
            {"number": request.number, "topic": topic(request, ctx)},
            (Option("button.claim", buttons.Claim(request.id).pack()),),
        )
        await commit_with(uow, [Notice(ToPerson(rep.id), reply) for rep in reps], ctx.now)


async def report_unit_late(uow: UnitOfWork, ctx: Context, request_id: int) -> None:
    """Reminded, and still nobody of the unit claimed it: the community is told."""
    async with uow:
        request = await load_request(uow, request_id)
        unit = await uow.units.get(request.unit_id) if request.unit_id else None
        reply = Reply(
            "admin.unit_unclaimed",
            {
                "number": request.number,
                "unit": unit.name if unit else "—",
                "since": local_time(request.claim_by, ctx),
            },
            (Option("button.proposals", buttons.Units(request.id).pack()),),
        )
        await commit_with(uow, await _to_community(uow, request, reply), ctx.now)
