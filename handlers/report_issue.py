"""A resident's message becomes a draft: what we understood, confirmed or corrected, submitted."""

from datetime import timedelta
from typing import Any

from core import intake
from core.intake import Draft
from core.messages import Option, t
from core.records import Person, Request
from core.vocabulary import OPEN_STATUSES
from handlers import payloads
from handlers.places import offer
from handlers.start import known_person
from handlers.turn import Turn

DRAFT_BUTTONS = (
    Option("button.submit", "draft:submit"),
    Option("button.change_category", "draft:cat"),
    Option("button.change_address", "draft:addr"),
    Option("button.cancel", "draft:cancel"),
)
MAX_TEXT = 2000


async def on_new_message(turn: Turn) -> None:
    """Any text or photo outside another flow starts a draft."""
    await known_person(turn)
    text = turn.incoming.text.strip()[:MAX_TEXT]
    photos = [turn.incoming.photo] if turn.incoming.photo else []
    if not text:
        turn.ask("draft", "text", photos=photos)
        turn.say("draft.need_text")
        return
    turn.finish()
    turn.ask("draft", "confirm", text=text, photos=photos)
    await understand(turn)


async def on_draft_text(turn: Turn) -> None:
    """More words or a photo while a draft is open join it (people write in pieces)."""
    if turn.step == "address":
        offer(turn, turn.services.understanding.match_address(turn.incoming.text))
        return
    if turn.incoming.photo:
        turn.data.setdefault("photos", []).append(turn.incoming.photo)
    extra = turn.incoming.text.strip()
    if extra:
        turn.data["text"] = f"{turn.data.get('text', '')} {extra}".strip()[:MAX_TEXT]
    if not turn.data.get("text"):
        turn.say("draft.need_text")
        return
    turn.step = "confirm"
    await understand(turn)


async def understand(turn: Turn) -> None:
    person = await known_person(turn)
    understood = turn.services.understanding.classify(turn.data["text"])
    turn.data.update(
        category=understood.category,
        subcategory=understood.subcategory,
        type=understood.type,
        urgent=understood.urgent,
        confidence=understood.confidence,
        keywords=list(understood.keywords),
        hotlines=list(understood.hotlines),
        candidates=list(understood.candidates),
        low=understood.low_confidence,
    )
    if "building_id" not in turn.data:
        guess = turn.services.understanding.match_address(turn.data["text"])
        turn.data["building_id"] = guess.building_id or person.building_id
    if understood.urgent:
        await submit(turn)
        return
    if turn.data["building_id"] is None:
        turn.step = "address"
        turn.say("draft.need_address")
        return
    duplicates = await _duplicates(turn, person)
    if duplicates:
        first = duplicates[0]
        turn.step = "duplicate"
        turn.data["duplicate"] = first.id
        turn.say(
            "draft.duplicate",
            (Option("button.join", f"dup:{first.id}"), Option("button.not_same", "dup:new")),
            number=first.number,
            text=first.text[:60],
            status=t(f"status.{first.status}"),
        )
        return
    await show_draft(turn)


async def _duplicates(turn: Turn, person: Person) -> list[Request]:
    building_id = turn.data.get("building_id")
    async with turn.uow() as uow:
        building = await uow.places.building(building_id) if building_id else None
        if building is None:
            return []
        since = turn.ctx.now - timedelta(hours=turn.ctx.policy.duplicate_window_hours)
        scope = await uow.requests.open_similar_scope(
            building.grid_id, turn.data["category"], since
        )
    scope = [r for r in scope if r.resident_id != person.id and r.status in OPEN_STATUSES]
    similar = turn.services.understanding.similar(
        turn.data["text"], turn.data["category"], scope, turn.ctx.now
    )
    by_id = {r.id: r for r in scope}
    return [by_id[i] for i in similar if i in by_id]


async def show_draft(turn: Turn) -> None:
    turn.step = "confirm"
    data = turn.data
    ctx = turn.ctx
    names = turn.services.understanding.building_name
    _, resolve_hours = ctx.taxonomy.deadline_hours(data["subcategory"] or data["category"], False)
    params: dict[str, Any] = {
        "topic": _topic(turn),
        "type": ctx.taxonomy.type_name(data["type"]),
        "where": names(data["building_id"]) if data.get("building_id") else "—",
        "hours": f"{resolve_hours:g}",
        "keywords": "、".join(data.get("keywords", [])) or "—",
        "photos": len(data.get("photos", [])),
    }
    if data.get("low"):
        options = tuple(
            Option(
                "button.category", f"draft:set:{code}", {"name": ctx.taxonomy.category_name(code)}
            )
            for code in data.get("candidates", [])[:3]
        )
        turn.say("draft.unsure", (*options, Option("button.other_category", "draft:cat")), **params)
        return
    turn.say("draft.summary", DRAFT_BUTTONS, **params)


def _topic(turn: Turn) -> str:
    taxonomy = turn.ctx.taxonomy
    names = [taxonomy.category_name(turn.data["category"])]
    if turn.data.get("subcategory"):
        names.append(taxonomy.subcategory_name(turn.data["subcategory"]))
    return " · ".join(names)


async def on_draft_button(turn: Turn) -> None:
    if turn.flow != "draft" or not turn.data.get("text"):
        raise_stale(turn)
        return
    action = (turn.incoming.payload or "").split(":")[1:]
    match action:
        case ["submit"]:
            await submit(turn)
        case ["cancel"]:
            turn.finish()
            turn.say("dialog.cancelled")
        case ["addr"]:
            turn.step = "address"
            turn.say("address.ask")
        case ["cat"]:
            options = tuple(
                Option("button.category", f"draft:set:{code}", {"name": name})
                for code, name in turn.ctx.taxonomy.categories()
            )
            turn.say("draft.pick_category", options)
        case ["set", code] if code in dict(turn.ctx.taxonomy.categories()):
            turn.data.update(category=code, subcategory=None, low=False)
            await show_draft(turn)
        case _:
            raise_stale(turn)


def raise_stale(turn: Turn) -> None:
    turn.finish()
    turn.notify("refused.stale_button")


async def on_duplicate_button(turn: Turn) -> None:
    if turn.flow != "draft":
        raise_stale(turn)
        return
    (choice,) = payloads.parts(turn, 1)
    if choice == "new":
        await show_draft(turn)
        return
    if payloads.number(choice) != turn.data.get("duplicate"):
        raise_stale(turn)
        return
    person = await known_person(turn)
    request = await intake.follow_request(turn.uow(), turn.ctx, payloads.number(choice), person.id)
    turn.finish()
    turn.notify("draft.joined", number=request.number)


async def submit(turn: Turn) -> None:
    person = await known_person(turn)
    data = turn.data
    draft = Draft(
        text=data["text"],
        category=data["category"],
        subcategory=data.get("subcategory"),
        type=data["type"],
        urgent=bool(data.get("urgent")),
        confidence=float(data.get("confidence", 0.0)),
        keywords=tuple(data.get("keywords", [])),
        building_id=data.get("building_id"),
        address=data.get("detail", ""),
        photos=tuple(data.get("photos", [])),
        hotlines=tuple(data.get("hotlines", [])),
    )
    await intake.submit_request(turn.uow(), turn.ctx, person.id, draft)
    turn.finish()
    if person.building_id is None and draft.building_id is None:
        turn.ask("address", "ask")
        turn.say("address.ask")
