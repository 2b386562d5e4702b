"""Which dialog an event belongs to: group or private, command, button, or the open flow."""

from collections.abc import Awaitable, Callable

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
from handlers.turn import Turn
from handlers.types import ChatKind

Handler = Callable[[Turn], Awaitable[None]]
CANCEL_WORDS = frozenset({"取消", "算了", "不用了", "cancel"})
NOTICE_FLOWS = frozenset({broadcast.FLOW})  # text written for others: never filed as one's own

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

BUTTONS: dict[str, Handler] = {
    "draft": report_issue.on_draft_button,
    "dup": report_issue.on_duplicate_button,
    "addr": address.on_address_button,
    "confirm": my_requests.on_confirm,
    "reopen": my_requests.on_reopen,
    "rate": my_requests.on_rate,
    "cancel": my_requests.on_cancel,
    "forget": my_requests.on_forget_button,
    "phone": phone.on_phone_button,
    "claim": tasks.on_claim,
    "progress": tasks.on_note_button,
    "resolve": tasks.on_note_button,
    "ask": tasks.on_note_button,
    "answer": my_requests.on_answer_button,
    "release": tasks.on_release,
    "assign": leader.on_assign,
    "assignto": leader.on_assign_to,
    "escalate": leader.on_escalate,
    "reject": leader.on_ask_reason,
    "close": leader.on_ask_reason,
    "merge": leader.on_ask_reason,
    "recat": leader.on_recategorise,
    "recatto": leader.on_recategorise_to,
    "route": leader.on_route,
    "mergeto": leader.on_merge_to,
    "units": community.on_units,
    "dispatch": community.on_dispatch,
    "hours": points.on_hours,
    "starspub": stars.on_publish,
    "wishclaim": wishes.on_claim,
    "wishshow": wishes.on_show,
    "wishthanks": wishes.on_thanks_button,
    "promisespan": promises.on_span,
    "promisemark": promises.on_mark,
    "bcast": broadcast.on_button,
}

FLOWS: dict[str, Handler] = {
    "address": address.on_address_text,
    "draft": report_issue.on_draft_text,
    "note": tasks.on_note_text,
    "reason": leader.on_reason_text,
    "answer": my_requests.on_answer_text,
    "phone": phone.on_phone_text,
    "forget": my_requests.cmd_forget,
    "name": start.on_name_text,
    "thanks": wishes.on_thanks_text,
    "promise": promises.reprompt,
    "broadcast": broadcast.on_text,
}

REPROMPTS: dict[str, Handler] = {
    "address": address.cmd_address,
    "draft": report_issue.reprompt,
    "note": tasks.reprompt,
    "reason": leader.reprompt,
    "answer": my_requests.reprompt_answer,
    "phone": phone.cmd_phone,
    "forget": my_requests.cmd_forget,
    "thanks": wishes.reprompt_thanks,
    "promise": promises.reprompt,
    "broadcast": broadcast.reprompt,
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
        handler = BUTTONS.get(incoming.payload.split(":", 1)[0])
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
