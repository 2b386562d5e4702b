"""The community level in chat: admins see needs waiting (/needs), the units that fit one,
and dispatch it with one tap; a unit's representative sees its work (/unit)."""

from typing import Any

from core import buttons, dispatching
from core.cards import topic
from core.errors import Refused
from core.matching import Proposal
from core.messages import Option
from core.unit_report import unit_report
from core.vocabulary import CLAIMABLE_STATUSES, Level, Role
from handlers.start import staff
from handlers.turn import Turn

LISTED = 10
PROPOSED = 5


def admin(turn: Turn) -> None:
    if staff(turn).role != Role.ADMIN:
        raise Refused("refused.console.not_admin")


async def cmd_needs(turn: Turn) -> None:
    """The community's undispatched needs, oldest first, each with 推荐单位."""
    admin(turn)
    person = staff(turn)
    async with turn.uow() as uow:
        scope = await uow.community.open_requests(person.community_id or 0, None)
    waiting = [r for r in scope if r.level == Level.COMMUNITY and r.status in CLAIMABLE_STATUSES]
    if not waiting:
        turn.say("admin.no_needs")
        return
    for request in waiting[:LISTED]:
        turn.say(
            "admin.need",
            (Option("button.proposals", buttons.Units(request.id).pack()),),
            number=request.number,
            topic=topic(request, turn.ctx),
            text=request.text[:80],
        )


def reason_lines(proposal: Proposal) -> list[dict[str, Any]]:
    return [{"$t": r.key, "params": r.params} for r in proposal.reasons]


async def on_units(turn: Turn, press: buttons.Units) -> None:
    """The units that fit a need, best first, with why; one tap dispatches."""
    admin(turn)
    request, found = await dispatching.proposals(
        turn.uow(), turn.ctx, press.request_id, turn.services.understanding.key_words
    )
    if not found:
        turn.say("admin.no_proposals", number=request.number)
        return
    lines: list[dict[str, Any]] = []
    for rank, proposal in enumerate(found[:PROPOSED], start=1):
        unit = proposal.lists.unit.name
        lines.append({"$t": "admin.proposal_unit", "params": {"rank": rank, "unit": unit}})
        lines += reason_lines(proposal)
    options = tuple(
        Option("button.dispatch_to", buttons.Dispatch(request.id, p.lists.unit.id).pack(),
               {"unit": p.lists.unit.name})
        for p in found[:PROPOSED]
    )  # fmt: skip
    turn.say("admin.proposals", options, number=request.number, lines=lines)


async def on_dispatch(turn: Turn, press: buttons.Dispatch) -> None:
    admin(turn)
    request = await dispatching.dispatch_need(
        turn.uow(), turn.ctx, press.request_id, staff(turn).id, press.unit_id
    )
    async with turn.uow() as uow:
        unit = await uow.units.get(press.unit_id)
    turn.notify("admin.dispatched", number=request.number, unit=unit.name if unit else "—")


async def cmd_unit(turn: Turn) -> None:
    """A representative's view of their unit: needs in hand, members' month."""
    person = staff(turn)
    report = await unit_report(turn.uow(), turn.ctx, person.id)
    members = [
        {"$t": "unit.member_line", "params": {"name": r.person.name, "grid": r.grid or "—",
                                              "resolved": r.resolved, "open": r.open}}
        for r in report.members
    ] or [{"$t": "unit.no_members"}]  # fmt: skip
    needs = [
        {"$t": "unit.need_line", "params": {"number": r.number, "topic": topic(r, turn.ctx)}}
        for r in report.needs
    ] or [{"$t": "unit.no_needs"}]
    turn.say("unit.report", unit=report.unit.name, members=members, needs=needs)
