"""Leaders' triage from private chat: /open, assign, escalate, reject, merge, close,
recategorise, and /stats."""

import unicodedata
from typing import Any

from core import buttons, claims, closing, stats, triage
from core.actions import check_allowed
from core.cards import excerpt
from core.errors import Refused
from core.messages import Option, t
from core.records import Person, Request
from core.vocabulary import OPEN_STATUSES, Action, Role
from handlers.flows import ReasonState, Step
from handlers.start import staff
from handlers.stats_chart import stats_photo
from handlers.turn import Turn

LISTED = 10
EXCERPT = 60
SUGGESTED = 3
UNSURE_CATEGORY = "other"  # where a message the classifier could not place is filed
REASON_PROMPTS = {
    Step.REJECT: "leader.ask_reason",
    Step.CLOSE: "leader.ask_close_note",
    Step.MERGE: "leader.ask_merge",
}
TRIAGE_BUTTONS = (
    buttons.Assign,
    buttons.Escalate,
    buttons.Reject,
    buttons.Merge,
    buttons.Recategorise,
    buttons.Close,
)


def leader(turn: Turn) -> Person:
    person = staff(turn)
    if person.role not in (Role.LEADER, Role.ADMIN):
        raise Refused("refused.not_leader")
    return person


def triage_options(request_id: int) -> tuple[Option, ...]:
    return tuple(
        Option(f"button.{kind.prefix}", kind(request_id).pack()) for kind in TRIAGE_BUTTONS
    )


async def cmd_open(turn: Turn) -> None:
    """Open requests, urgent ones first (then the newest), each with its place."""
    person = leader(turn)
    async with turn.uow() as uow:
        requests = await uow.requests.of_grid(person.grid_id, list(OPEN_STATUSES))
        listed = sorted(requests, key=lambda r: (not r.urgent, -r.id))[:LISTED]
        places = {
            r.building_id: await uow.places.building(r.building_id)
            for r in listed
            if r.building_id is not None
        }
    if not listed:
        turn.say("leader.none_open")
        return
    for request in listed:
        building = places.get(request.building_id) if request.building_id is not None else None
        say_item(turn, request, building.name if building else "—")


def say_item(turn: Turn, request: Request, place: str) -> None:
    """One open request; one filed as `other` also names the classifier's best guesses."""
    params: dict[str, Any] = {
        "number": request.number,
        "text": excerpt(request.text, EXCERPT, turn.services.understanding.words(request.text)),
        "status": t(f"status.{request.status}"),
        "urgent": t("leader.urgent_mark") if request.urgent else "",
        "place": place,
    }
    maybe = suggestions(turn, request) if request.category == UNSURE_CATEGORY else []
    if not maybe:
        turn.say("leader.item", triage_options(request.id), **params)
        return
    names = " / ".join(turn.ctx.taxonomy.category_name(code) for code in maybe)
    turn.say("leader.item_unsure", triage_options(request.id), maybe=names, **params)


def suggestions(turn: Turn, request: Request) -> list[str]:
    """Up to three categories the classifier finds likeliest for the request's text, best
    first, leaving out the one it is filed under and labels the taxonomy does not list."""
    known = dict(turn.ctx.taxonomy.categories())
    candidates = turn.services.understanding.classify(request.text).candidates
    return [code for code in candidates if code in known and code != request.category][:SUGGESTED]


async def cmd_stats(turn: Turn) -> None:
    """The grid's figures, and what the rates count (core/rates.py)."""
    person = leader(turn)
    figures = await stats.grid_stats(turn.uow(), turn.ctx, person.id, turn.incoming.args or None)
    shown: dict[str, Any] = {k: _shown(k, v) for k, v in figures.items()}
    turn.say("leader.stats", photo=await stats_photo(turn, person), rules=t("stats.rules"), **shown)


def _shown(key: str, value: float | int | str | None) -> str:
    if value is None:
        return "—"
    if key.endswith("_rate") and isinstance(value, float):
        return f"{value:.0%}"
    if isinstance(value, float):
        return f"{value:.1f}" if key == "average_stars" else f"{value:g}"
    return str(value)


async def on_assign(turn: Turn, press: buttons.Assign) -> None:
    person = leader(turn)
    request_id = press.request_id
    async with turn.uow() as uow:
        request = await uow.requests.get(request_id)
        if request is None or request.grid_id is None:
            raise Refused("refused.no_such_request")
        members = await uow.persons.in_grid(request.grid_id, [Role.MEMBER, Role.LEADER])
    if person.role == Role.LEADER and person.grid_id != request.grid_id:
        raise Refused("refused.who.assign", number=request.number)
    options = tuple(
        Option(
            "button.member",
            buttons.AssignTo(request_id, m.id).pack(),
            {"name": m.name, "posts": "、".join(m.posts) or "—"},
        )
        for m in members
    )
    turn.say("leader.pick_member", options, number=request.number)


async def on_assign_to(turn: Turn, press: buttons.AssignTo) -> None:
    person = leader(turn)
    request = await claims.assign_request(
        turn.uow(), turn.ctx, press.request_id, person.id, press.member_id
    )
    turn.notify("leader.assigned", number=request.number)


async def on_escalate(turn: Turn, press: buttons.Escalate) -> None:
    person = leader(turn)
    request = await triage.escalate_request(turn.uow(), turn.ctx, press.request_id, person.id)
    turn.notify("leader.escalated_done", number=request.number, level=t(f"level.{request.level}"))


REASON_ACTIONS = {
    Step.REJECT: Action.REJECT,
    Step.CLOSE: Action.CLOSE_UNFIXED,
    Step.MERGE: Action.MERGE,
}


async def on_ask_reason(turn: Turn, press: buttons.Reject | buttons.Close | buttons.Merge) -> None:
    person = leader(turn)
    step = Step(press.prefix)
    request = await check_allowed(turn.uow(), press.request_id, person.id, REASON_ACTIONS[step])
    turn.ask(ReasonState(request.id, request.number), step)
    options = await merge_targets(turn, request) if step == Step.MERGE else ()
    turn.say(REASON_PROMPTS[step], options, number=request.number)


async def merge_targets(turn: Turn, request: Request) -> tuple[Option, ...]:
    """The open requests of the grid that read like ``request``, as one-tap choices."""
    if request.grid_id is None:
        return ()
    async with turn.uow() as uow:
        scope = await uow.requests.of_grid(request.grid_id, list(OPEN_STATUSES))
    scope = [r for r in scope if r.id != request.id and r.category == request.category]
    similar = turn.services.understanding.similar(
        request.text, request.category, scope, turn.ctx.now
    )
    by_id = {r.id: r for r in scope}
    return tuple(
        Option(
            "button.merge_into", buttons.MergeTo(request.id, i).pack(), {"number": by_id[i].number}
        )
        for i in similar[:SUGGESTED]
        if i in by_id
    )


async def reprompt(turn: Turn) -> None:
    turn.say(REASON_PROMPTS[turn.step], number=turn.expect(ReasonState).number)


async def on_reason_text(turn: Turn) -> None:
    person = leader(turn)
    text = turn.incoming.text.strip()
    request_id = turn.expect(ReasonState).request_id
    if not text:
        await reprompt(turn)
        return
    if turn.step == Step.REJECT:
        request = await triage.reject_request(turn.uow(), turn.ctx, request_id, person.id, text)
    elif turn.step == Step.MERGE:
        into = await merge_number(turn, request_id, text)
        if into is None:
            turn.say("refused.merge.target", number=text[:20])
            await reprompt(turn)
            return
        request = await triage.merge_request(turn.uow(), turn.ctx, request_id, person.id, into)
    else:
        request = await closing.close_unfixed(turn.uow(), turn.ctx, request_id, person.id, text)
    turn.finish()
    turn.say("leader.done", number=request.number, status=t(f"status.{request.status}"))


async def merge_number(turn: Turn, request_id: int, typed: str) -> str | None:
    """The full number of an open request of the same grid that ``typed`` names: the whole
    number (20261122-0012) or its short form (0012, 12), the newest if several days match."""
    typed = unicodedata.normalize("NFKC", typed)  # ００１２ → 0012
    digits = "".join(c for c in typed if c.isascii() and c.isdigit())
    async with turn.uow() as uow:
        request = await uow.requests.get(request_id)
        if request is None or request.grid_id is None:
            return None
        scope = await uow.requests.of_grid(request.grid_id, list(OPEN_STATUSES))
    scope = [r for r in scope if r.id != request_id]
    if not digits:
        return None
    for candidate in sorted(scope, key=lambda r: r.number, reverse=True):
        whole = candidate.number.replace("-", "")
        if digits == whole or (len(digits) <= 4 and candidate.number.endswith(f"-{digits:0>4}")):
            return candidate.number
    return None


async def on_merge_to(turn: Turn, press: buttons.MergeTo) -> None:
    person = leader(turn)
    request_id = press.request_id
    reason = turn.state_of(ReasonState)
    if reason is None or turn.step != Step.MERGE or reason.request_id != request_id:
        raise Refused("refused.stale_button")
    async with turn.uow() as uow:
        target = await uow.requests.get(press.target_id)
    if target is None:
        raise Refused("refused.stale_button")
    request = await triage.merge_request(turn.uow(), turn.ctx, request_id, person.id, target.number)
    turn.finish()
    turn.say("leader.done", number=request.number, status=t(f"status.{request.status}"))


async def on_recategorise(turn: Turn, press: buttons.Recategorise) -> None:
    """The picker: the classifier's suggestions for the text first (建议), then the rest."""
    leader(turn)
    request_id = press.request_id
    async with turn.uow() as uow:
        request = await uow.requests.get(request_id)
    if request is None:
        raise Refused("refused.no_such_request")
    suggested = suggestions(turn, request)
    options = tuple(
        Option(
            "button.category_suggested",
            buttons.RecategoriseTo(request_id, code).pack(),
            {"name": turn.ctx.taxonomy.category_name(code)},
        )
        for code in suggested
    ) + tuple(
        Option("button.category", buttons.RecategoriseTo(request_id, code).pack(), {"name": name})
        for code, name in turn.ctx.taxonomy.categories()
        if code not in suggested
    )
    turn.say("leader.pick_category", options)


async def on_recategorise_to(turn: Turn, press: buttons.RecategoriseTo) -> None:
    person = leader(turn)
    request = await triage.recategorise_request(
        turn.uow(), turn.ctx, press.request_id, person.id, press.category
    )
    turn.notify(
        "leader.recategorised",
        number=request.number,
        category=turn.ctx.taxonomy.category_name(press.category),
    )


async def on_route(turn: Turn, press: buttons.Route) -> None:
    """An admin sends a request no grid matched to the grid they chose."""
    admin = staff(turn)
    request = await triage.route_request(
        turn.uow(), turn.ctx, press.request_id, admin.id, press.grid
    )
    turn.notify("admin.routed", number=request.number, grid=press.grid)
