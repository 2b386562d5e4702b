"""The clock's own messages: remind the claimant, report a breach, announce an unclaimed task."""

from core import buttons
from core.actions import alert, community_of, load_request, refresh_card
from core.cards import local_time, topic
from core.context import Context
from core.delivery import commit_with, deliver
from core.messages import Notice, Option, Reply, ToCommunity, ToGrid, ToPerson, t
from core.ports import UnitOfWork
from core.records import Request
from core.vocabulary import Level, Role


async def _supervisors(uow: UnitOfWork, request: Request, reply: Reply) -> list[Notice]:
    """A grid's request goes to its leaders; one held higher up to the community (大党委)."""
    if request.level == Level.GRID and request.grid_id is not None:
        leaders = await uow.persons.in_grid(request.grid_id, [Role.LEADER])
        return alert(leaders, reply.key, **reply.params)
    community_id = await community_of(uow, request)
    return [Notice(ToCommunity(community_id), reply)] if community_id else []


async def remind_claimant(uow: UnitOfWork, ctx: Context, request_id: int) -> None:
    """Three quarters of the time is gone: the claimant hears when it is due."""
    async with uow:
        request = await load_request(uow, request_id)
        if request.claimant_id is None:
            return
        reply = Reply(
            "member.reminder",
            {
                "number": request.number,
                "topic": topic(request, ctx),
                "deadline": local_time(request.resolve_by, ctx),
            },
        )
        await deliver(uow, [Notice(ToPerson(request.claimant_id), reply)], ctx.now)
        await uow.commit()


async def report_breach(uow: UnitOfWork, ctx: Context, request_id: int) -> None:
    """Past resolve-by: the leaders are alerted and the group card turns red."""
    async with uow:
        request = await load_request(uow, request_id)
        claimant = await uow.persons.get(request.claimant_id) if request.claimant_id else None
        reply = Reply(
            "leader.overdue",
            {
                "number": request.number,
                "topic": topic(request, ctx),
                "deadline": local_time(request.resolve_by, ctx),
                "status": t(f"status.{request.status}"),
                "claimant": claimant.name if claimant else "—",
            },
        )
        notices = await refresh_card(uow, ctx, request)
        notices += await _supervisors(uow, request, reply)
        await commit_with(uow, notices, ctx.now)


async def reannounce(uow: UnitOfWork, ctx: Context, request_id: int) -> None:
    """Nobody claimed it in time: the grid group is asked again, with the button."""
    async with uow:
        request = await load_request(uow, request_id)
        assert request.grid_id is not None
        reply = Reply(
            "group.unclaimed",
            {
                "number": request.number,
                "topic": topic(request, ctx),
                "claim_by": local_time(request.claim_by, ctx),
            },
            (Option("button.claim", buttons.Claim(request.id).pack()),),
        )
        await deliver(uow, [Notice(ToGrid(request.grid_id), reply)], ctx.now)
        await uow.commit()


def stale_claim_notice(request: Request, ctx: Context) -> list[Notice]:
    """Why the claimant lost the task: no progress for ``stale_claim_hours`` (in days)."""
    if request.claimant_id is None:
        return []
    days = f"{ctx.policy.stale_claim_hours / 24:.3g}"
    reply = Reply("member.stale_released", {"number": request.number, "days": days})
    return [Notice(ToPerson(request.claimant_id), reply)]
