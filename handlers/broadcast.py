"""/broadcast: a leader, an admin or a 政策宣传员 chooses the scope, types the notice, sees
the preview with how many it reaches and sends it (发送 / 修改 / 取消); /broadcasts lists
their recent ones with delivery counts; residents reply 退订 / 订阅 (/unsubscribe, /subscribe)."""

import secrets
from typing import Any

from core import broadcasting, buttons
from core.broadcast_ports import Broadcast, Delivery
from core.buttons import BroadcastVerb
from core.cards import local_time
from core.errors import Refused
from core.messages import Option, t
from core.payloads import number
from core.records import Grid, Person
from handlers.flows import BroadcastState, Step
from handlers.start import known_person, staff
from handlers.turn import Turn

WORDS = {"退订": False, "订阅": True}
LISTED = 10


def scope_label(scope: str, grid_ids: tuple[int, ...], grids: list[Grid]) -> Any:
    if scope == broadcasting.COMMUNITY:
        return t("broadcast.scope_community")
    names = {g.id: g.name for g in grids}
    return "、".join(names.get(g, "—") for g in grid_ids)


async def cmd_broadcast(turn: Turn) -> None:
    person = staff(turn)
    scopes = broadcasting.scopes_for(person)
    turn.ask(BroadcastState(), Step.SCOPE)
    options = tuple(
        Option(f"button.broadcast_{s}", _button(BroadcastVerb.SCOPE, s)) for s in scopes
    )
    turn.say("broadcast.ask_scope", options)


def _button(verb: BroadcastVerb, arg: str = "0") -> str:
    return buttons.Broadcast(verb, arg).pack()


async def on_button(turn: Turn, press: buttons.Broadcast) -> None:
    """``bcast:scope:S``, ``bcast:grid:ID``, ``bcast:done:0``, ``bcast:edit:0``,
    ``bcast:cancel:0``, ``bcast:send:TOKEN``."""
    verb, arg = press.verb, press.arg
    person = staff(turn)
    broadcasting.scopes_for(person)  # may they broadcast at all
    if verb == BroadcastVerb.SEND:
        await _send(turn, person, arg)
        return
    state = turn.expect(BroadcastState)
    if verb == BroadcastVerb.SCOPE and arg in broadcasting.SCOPES:
        await _choose(turn, state, person, arg)
    elif verb == BroadcastVerb.GRID:
        await _pick(turn, state, person, number(arg))
    elif verb in (BroadcastVerb.DONE, BroadcastVerb.EDIT) and state.grids:
        _ask_text(turn)
    elif verb == BroadcastVerb.CANCEL:
        turn.finish()
        turn.notify("dialog.cancelled")
    else:
        raise Refused("refused.stale_button")


async def _choose(turn: Turn, state: BroadcastState, person: Person, scope: str) -> None:
    if scope == broadcasting.GRIDS and scope in broadcasting.scopes_for(person):
        state.scope, state.grids = scope, []
        await _show_grids(turn, person)
        return
    target = await broadcasting.audience(turn.uow(), person, scope, ())
    state.scope, state.grids = scope, list(target.grid_ids)
    _ask_text(turn)


async def _pick(turn: Turn, state: BroadcastState, person: Person, grid_id: int) -> None:
    await broadcasting.audience(turn.uow(), person, broadcasting.GRIDS, (grid_id,))
    if grid_id not in state.grids:
        state.grids = [*state.grids, grid_id]
    await _show_grids(turn, person)


async def _show_grids(turn: Turn, person: Person) -> None:
    grids = await broadcasting.grids_for(turn.uow(), person)
    chosen = tuple(turn.expect(BroadcastState).grids)
    options = tuple(
        Option("button.broadcast_pick", _button(BroadcastVerb.GRID, str(g.id)), {"grid": g.name})
        for g in grids
        if g.id not in chosen
    )
    if chosen:
        options += (Option("button.broadcast_done", _button(BroadcastVerb.DONE)),)
    label = scope_label(broadcasting.GRIDS, chosen, grids) if chosen else "—"
    turn.step = Step.PICK
    turn.say("broadcast.pick_grids", options, chosen=label)


def _ask_text(turn: Turn) -> None:
    turn.step = Step.TEXT
    turn.say("broadcast.ask_text", limit=broadcasting.MAX_TEXT)


async def on_text(turn: Turn) -> None:
    """The notice's text (at the preview, a new text replaces it): the preview follows."""
    person = staff(turn)
    if turn.step not in (Step.TEXT, Step.PREVIEW):
        await reprompt(turn)
        return
    state = turn.expect(BroadcastState)
    text = broadcasting.checked_text(turn.incoming.text)
    scope, grid_ids = state.scope, tuple(state.grids)
    target = await broadcasting.audience(turn.uow(), person, scope, grid_ids)
    reach = await broadcasting.preview(turn.uow(), target)
    token = secrets.token_hex(8)
    state.text, state.token = text, token
    turn.step = Step.PREVIEW
    grids = await broadcasting.grids_for(turn.uow(), person)
    resident, _ = broadcasting.notices(person, text)
    options = (
        Option("button.broadcast_send", _button(BroadcastVerb.SEND, token)),
        Option("button.broadcast_edit", _button(BroadcastVerb.EDIT)),
        Option("button.cancel", _button(BroadcastVerb.CANCEL)),
    )
    turn.say(
        "broadcast.preview",
        options,
        scope=scope_label(scope, target.grid_ids, grids),
        residents=reach.residents,
        groups=reach.groups,
        skipped=reach.skipped,
        notice=t(resident.key, **resident.params),
    )


async def _send(turn: Turn, person: Person, token: str) -> None:
    state = turn.state_of(BroadcastState)
    if state is not None and state.token == token:
        scope, grid_ids, text = state.scope, state.grids, state.text
    else:
        scope, grid_ids, text = "", [], ""  # only a broadcast this token already sent
    async with turn.uow() as uow:
        done = await uow.broadcasts.by_token(token)
    if done is None and not text:
        raise Refused("refused.stale_button")
    sent = await broadcasting.send(turn.uow(), turn.ctx, person, scope, grid_ids, text, token)
    turn.finish()
    if not sent.fresh:
        turn.notify("broadcast.already_sent", number=sent.broadcast.id)
        return
    turn.say(
        "broadcast.sent",
        number=sent.broadcast.id,
        queued=sent.queued,
        skipped=sent.broadcast.skipped,
    )


async def reprompt(turn: Turn) -> None:
    if turn.step == Step.PICK:
        await _show_grids(turn, staff(turn))
    elif turn.step in (Step.TEXT, Step.PREVIEW):
        _ask_text(turn)
    else:
        await cmd_broadcast(turn)


def line(broadcast: Broadcast, delivery: Delivery, label: Any, turn: Turn) -> dict[str, Any]:
    return t(
        "broadcast.line",
        number=broadcast.id,
        at=local_time(broadcast.created_at, turn.ctx),
        scope=label,
        text=broadcast.text[:30],
        queued=delivery.queued,
        sent=delivery.sent,
        waiting=delivery.waiting,
        failed=delivery.failed,
        skipped=broadcast.skipped,
    )


async def cmd_broadcasts(turn: Turn) -> None:
    person = staff(turn)
    found = await broadcasting.recent(turn.uow(), person, LISTED)
    if not found:
        turn.say("broadcast.none")
        return
    grids = await broadcasting.grids_for(turn.uow(), person)
    lines = [line(b, d, scope_label(b.scope, b.grid_ids, grids), turn) for b, d in found]
    turn.say("broadcast.list", lines=lines)


async def cmd_unsubscribe(turn: Turn) -> None:
    await _subscribe(turn, wanted=False)


async def cmd_subscribe(turn: Turn) -> None:
    await _subscribe(turn, wanted=True)


async def _subscribe(turn: Turn, wanted: bool) -> None:
    person = await known_person(turn)
    await broadcasting.subscribe(turn.uow(), turn.ctx, person.id, wanted)
    turn.say("broadcast.subscribed" if wanted else "broadcast.unsubscribed")


async def on_subscription_word(turn: Turn) -> bool:
    """退订 / 订阅 typed anywhere in private chat; True when it was one."""
    wanted = WORDS.get(turn.incoming.text.strip())
    if wanted is None or turn.incoming.payload is not None:
        return False
    await _subscribe(turn, wanted)
    return True
