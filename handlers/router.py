"""Which dialog an event belongs to: group or private, command, button, or the open flow."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from core import buttons, payloads
from core.payloads import Payload
from handlers import (
    address,
    broadcast,
    community,
    emergency,
    group,
    leader,
    my_requests,
    phone,
    points,
    promises,
    report_issue,
    stars,
    start,
    tasks,
    wishes,
)
from handlers.flows import Flow
from handlers.turn import Turn
from handlers.types import ChatKind

Handler = Callable[[Turn], Awaitable[None]]
P = TypeVar("P", bound=Payload)
CANCEL_WORDS = frozenset({"取消", "算了", "不用了", "cancel"})
NOTICE_FLOWS = frozenset({Flow.BROADCAST})  # text written for others: never filed as one's own

COMMANDS: dict[str, Handler] = {
    "start": start.on_start,
    "help": start.on_help,
    "my": my_requests.cmd_my,
    "address": address.cmd_address,
    "forget": my_requests.cmd_forget,
    "mydata": my_requests.cmd_mydata,
    "phone": phone.cmd_phone,
    "tasks": tasks.cmd_tasks,
    "open": leader.cmd_open,
    "stats": leader.cmd_stats,
    "needs": community.cmd_needs,
    "unit": community.cmd_unit,
    "points": points.cmd_points,
    "stars": stars.cmd_stars,
    "wishes": wishes.cmd_wishes,
    "promise": promises.cmd_promise,
    "broadcast": broadcast.cmd_broadcast,
    "broadcasts": broadcast.cmd_broadcasts,
    "unsubscribe": broadcast.cmd_unsubscribe,
    "subscribe": broadcast.cmd_subscribe,
}


def button(kind: type[P], handler: Callable[[Turn, P], Awaitable[None]]) -> tuple[str, Handler]:
    """A button's prefix, and its handler given the pressed payload parsed strictly."""

    async def pressed(turn: Turn) -> None:
        await handler(turn, kind.unpack(turn.incoming.payload or ""))

    return kind.prefix, pressed


BUTTONS: dict[str, Handler] = dict(
    [
        button(buttons.Draft, report_issue.on_draft_button),
        button(buttons.Duplicate, report_issue.on_duplicate_button),
        button(buttons.Address, address.on_address_button),
        button(buttons.Confirm, my_requests.on_confirm),
        button(buttons.Reopen, my_requests.on_reopen),
        button(buttons.Rate, my_requests.on_rate),
        button(buttons.Cancel, my_requests.on_cancel),
        button(buttons.Forget, my_requests.on_forget_button),
        button(buttons.Phone, phone.on_phone_button),
        button(buttons.Claim, tasks.on_claim),
        button(buttons.Progress, tasks.on_note_button),
        button(buttons.Resolve, tasks.on_note_button),
        button(buttons.Ask, tasks.on_note_button),
        button(buttons.Answer, my_requests.on_answer_button),
        button(buttons.Release, tasks.on_release),
        button(buttons.Assign, leader.on_assign),
        button(buttons.AssignTo, leader.on_assign_to),
        button(buttons.Escalate, leader.on_escalate),
        button(buttons.Reject, leader.on_ask_reason),
        button(buttons.Close, leader.on_ask_reason),
        button(buttons.Merge, leader.on_ask_reason),
        button(buttons.Recategorise, leader.on_recategorise),
        button(buttons.RecategoriseTo, leader.on_recategorise_to),
        button(buttons.Route, leader.on_route),
        button(buttons.MergeTo, leader.on_merge_to),
        button(buttons.Units, community.on_units),
        button(buttons.Dispatch, community.on_dispatch),
        button(buttons.Hours, points.on_hours),
        button(buttons.StarsPublish, stars.on_publish),
        button(buttons.WishClaim, wishes.on_claim),
        button(buttons.WishShow, wishes.on_show),
        button(buttons.WishThanks, wishes.on_thanks_button),
        button(buttons.PromiseSpan, promises.on_span),
        button(buttons.PromiseMark, promises.on_mark),
        button(buttons.Broadcast, broadcast.on_button),
    ]
)

FLOWS: dict[Flow, Handler] = {
    Flow.ADDRESS: address.on_address_text,
    Flow.DRAFT: report_issue.on_draft_text,
    Flow.NOTE: tasks.on_note_text,
    Flow.REASON: leader.on_reason_text,
    Flow.ANSWER: my_requests.on_answer_text,
    Flow.PHONE: phone.on_phone_text,
    Flow.FORGET: my_requests.cmd_forget,
    Flow.NAME: start.on_name_text,
    Flow.THANKS: wishes.on_thanks_text,
    Flow.PROMISE: promises.reprompt,
    Flow.BROADCAST: broadcast.on_text,
}

REPROMPTS: dict[Flow, Handler] = {
    Flow.ADDRESS: address.cmd_address,
    Flow.DRAFT: report_issue.reprompt,
    Flow.NOTE: tasks.reprompt,
    Flow.REASON: leader.reprompt,
    Flow.ANSWER: my_requests.reprompt_answer,
    Flow.PHONE: phone.cmd_phone,
    Flow.FORGET: my_requests.cmd_forget,
    Flow.THANKS: wishes.reprompt_thanks,
    Flow.PROMISE: promises.reprompt,
    Flow.BROADCAST: broadcast.reprompt,
}


async def route(turn: Turn) -> None:
    incoming = turn.incoming
    if incoming.chat_kind == ChatKind.GROUP:
        await group.on_group(turn)
        return
    if incoming.command == "cancel" or incoming.text.strip().lower() in CANCEL_WORDS:
        turn.finish()
        turn.say("dialog.cancelled")
        return
    if await broadcast.on_subscription_word(turn):
        return
    if incoming.payload is not None:
        handler = BUTTONS.get(payloads.prefix_of(incoming.payload))
        if handler is None:
            turn.notify("refused.stale_button")
            return
        await handler(turn)
        return
    if incoming.command:
        await COMMANDS.get(incoming.command, start.on_unknown_command)(turn)
        return
    if incoming.location is not None:
        await address.on_location(turn)
        return
    if turn.flow not in NOTICE_FLOWS and await emergency.file_if_urgent(turn):
        turn.say("dialog.resume")
        await REPROMPTS.get(turn.flow, _resume_elsewhere)(turn)
        return
    await FLOWS.get(turn.flow, report_issue.on_new_message)(turn)


async def _resume_elsewhere(turn: Turn) -> None:
    turn.say("dialog.resume_any")
