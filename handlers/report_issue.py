"""A resident's message becomes a draft: what we understood, confirmed or corrected, submitted.

One problem, one request: more words join the open draft only when they are about the same
thing; another matter is asked about and, if it is one, waits as the next draft. A message
too vague to file asks a question first. A place the roster does not know, or no place at
all, goes to the community's triage queue instead of a dead end.
"""

import re
from datetime import timedelta
from typing import Any

from core import intake
from core.intake import Draft
from core.messages import Option, t
from core.records import Person, Request
from core.redact import for_group
from core.vocabulary import OPEN_STATUSES
from handlers import payloads
from handlers.my_requests import answer_only_question
from handlers.places import offer
from handlers.start import known_person
from handlers.turn import Turn
from handlers.understanding_port import Understood

DRAFT_BUTTONS = (
    Option("button.submit", "draft:submit"),
    Option("button.change_category", "draft:cat"),
    Option("button.change_address", "draft:addr"),
    Option("button.cancel", "draft:cancel"),
)
SAME_OR_NEW = (
    Option("button.same_matter", "draft:same"),
    Option("button.new_matter", "draft:new"),
)
MAX_TEXT = 2000
WORDS = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
MARKUP = re.compile(r"<[^>]*>|&[a-z]+;")
HAN = re.compile(r"[\u3400-\u9fff]")
JUNK_UNDER = 2  # characters of words (Han, letters, digits) once markup is gone
VAGUE_UNDER = 4  # Han characters in a message the classifier is unsure of
# "You reported this already" must be sure: the finder's own threshold (0.4) suits a question
# to a neighbour, not telling someone their new problem is an old one (门禁坏了 vs 下水道堵了
# score 0.46; the same drain written twice 0.77)
OWN_REPEAT_AT = 0.6


def kept_text(turn: Turn, text: str) -> str:
    """``text`` within MAX_TEXT; when it is longer, the person is told what was kept."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        turn.say("draft.cut", kept=MAX_TEXT, total=len(text))
    return text[:MAX_TEXT]


async def on_new_message(turn: Turn) -> None:
    """Any text or photo outside another flow starts a draft (or answers a member's
    question, when the person has exactly one waiting)."""
    await known_person(turn)
    text = kept_text(turn, turn.incoming.text)
    photos = [turn.incoming.photo] if turn.incoming.photo else []
    if not text:
        turn.ask("draft", "text", photos=photos)
        turn.say("draft.need_text")
        return
    understood = turn.services.understanding.classify(text)
    if not understood.urgent and await answer_only_question(turn, text):
        return
    await start_draft(turn, text, photos, understood)


async def start_draft(
    turn: Turn,
    text: str,
    photos: list[str],
    understood: Understood | None = None,
    queued: list[str] | None = None,
) -> None:
    turn.finish()
    turn.ask("draft", "confirm", text=text, photos=photos, queued=queued or [])
    await understand(turn, understood)


async def on_draft_text(turn: Turn) -> None:
    """More words or a photo while a draft is open join it (people write in pieces), unless
    they are about another matter: then the person is asked which it is."""
    if turn.step == "address":
        place = turn.incoming.text.strip()
        guess = turn.services.understanding.match_address(place)
        if guess.building_id is None and place:
            turn.data["place_text"] = place[:100]
        offer(turn, guess)
        return
    if turn.incoming.photo:
        turn.data.setdefault("photos", []).append(turn.incoming.photo)
    extra = kept_text(turn, turn.incoming.text)
    if extra and turn.data.get("text") and turn.step != "text" and another_matter(turn, extra):
        turn.data["pending"] = extra
        turn.step = "which"
        turn.say("draft.same_or_new", SAME_OR_NEW, text=_short(turn.data["text"]))
        return
    if extra:
        turn.data["text"] = f"{turn.data.get('text', '')} {extra}".strip()[:MAX_TEXT]
    if not turn.data.get("text"):
        turn.say("draft.need_text")
        return
    turn.step = "confirm"
    await understand(turn)


def another_matter(turn: Turn, extra: str) -> bool:
    """Words that name another category or another building than the open draft's."""
    understanding = turn.services.understanding
    understood = understanding.classify(extra)
    if understood.low_confidence or understood.category == "other":
        return False
    if understood.category != turn.data.get("category") and not turn.data.get("low"):
        return True
    place = understanding.match_address(extra).building_id
    return place is not None and place != turn.data.get("building_id")


def understood_fields(understood: Understood) -> dict[str, Any]:
    """What a draft keeps of the classifier's reading (JSON, for the dialog state)."""
    return {
        "category": understood.category,
        "subcategory": understood.subcategory,
        "type": understood.type,
        "urgent": understood.urgent,
        "confidence": understood.confidence,
        "keywords": list(understood.keywords),
        "hotlines": list(understood.hotlines),
        "candidates": list(understood.candidates),
        "low": understood.low_confidence,
    }


def _vague(text: str, understood: Understood) -> bool:
    words = WORDS.findall(MARKUP.sub("", text))
    if len(words) < JUNK_UNDER:
        return True
    return understood.low_confidence and len(HAN.findall(text)) < VAGUE_UNDER


async def understand(turn: Turn, understood: Understood | None = None) -> None:
    person = await known_person(turn)
    data = turn.data
    understood = understood or turn.services.understanding.classify(data["text"])
    data.update(understood_fields(understood))
    if not understood.urgent and _vague(data["text"], understood) and not data.get("asked"):
        data["asked"] = True
        turn.step = "text"
        turn.say("draft.clarify")
        return
    if "building_id" not in data:
        guess = turn.services.understanding.match_address(data["text"])
        data["building_id"] = guess.building_id or person.building_id
    if understood.urgent:
        await submit(turn)
        return
    if data["building_id"] is None:
        ask_place(turn)
        return
    await placed(turn)


async def placed(turn: Turn) -> None:
    """The draft has its place: a likely duplicate is offered (once per draft, however
    often the draft grows), else the draft is shown."""
    if not turn.data.get("checked"):
        turn.data["checked"] = True
        if await _offer_duplicate(turn, await known_person(turn)):
            return
    await show_draft(turn)


def ask_place(turn: Turn) -> None:
    turn.step = "address"
    turn.say("draft.need_address", (Option("button.no_place", "draft:nowhere"),))


async def _offer_duplicate(turn: Turn, person: Person) -> bool:
    """Your own open request about the same thing (whatever category each was filed under),
    or a neighbour's in the same category: say so, once."""
    understanding = turn.services.understanding
    data, now = turn.data, turn.ctx.now
    since = now - timedelta(hours=turn.ctx.policy.duplicate_window_hours)
    async with turn.uow() as uow:
        filed = await uow.requests.of_resident(person.id)
    mine = [
        r
        for r in filed
        if r.resident_id == person.id and r.status in OPEN_STATUSES and r.created_at >= since
    ]
    theirs = [r for r in await _open_scope(turn) if r.resident_id != person.id]
    for requests, category, own, at_least in (
        (mine, None, True, OWN_REPEAT_AT),
        (theirs, data["category"], False, 0.0),
    ):
        similar = understanding.similar(data["text"], category, requests, now, at_least)
        by_id = {r.id: r for r in requests}
        found = [by_id[i] for i in similar if i in by_id]
        if found:
            await _say_duplicate(turn, found[0], own)
            return True
    return False


async def _open_scope(turn: Turn) -> list[Request]:
    building_id = turn.data.get("building_id")
    async with turn.uow() as uow:
        building = await uow.places.building(building_id) if building_id else None
        if building is None:
            return []
        since = turn.ctx.now - timedelta(hours=turn.ctx.policy.duplicate_window_hours)
        scope = await uow.requests.open_similar_scope(
            building.grid_id, turn.data["category"], since
        )
    return [r for r in scope if r.status in OPEN_STATUSES]


async def _say_duplicate(turn: Turn, first: Request, own: bool) -> None:
    turn.step = "duplicate"
    turn.data["duplicate"] = first.id
    status = t(f"status.{first.status}")
    if own:
        turn.say(
            "draft.already_reported",
            (Option("button.not_same", "dup:new"), Option("button.drop_draft", "draft:cancel")),
            number=first.number,
            status=status,
        )
        return
    async with turn.uow() as uow:
        resident = await uow.persons.get(first.resident_id)
    text = for_group(first.text, resident.name if resident else "")
    turn.say(
        "draft.duplicate",
        (Option("button.join", f"dup:{first.id}"), Option("button.not_same", "dup:new")),
        number=first.number,
        text=_short(text),
        status=status,
    )


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


async def show_draft(turn: Turn) -> None:
    turn.step = "confirm"
    data = turn.data
    ctx = turn.ctx
    names = turn.services.understanding.building_name
    _, resolve_hours = ctx.taxonomy.deadline_hours(data["subcategory"] or data["category"], False)
    params: dict[str, Any] = {
        "topic": _topic(turn),
        "type": ctx.taxonomy.type_name(data["type"]),
        "where": names(data["building_id"]) if data.get("building_id") else t("draft.no_place"),
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


async def reprompt(turn: Turn) -> None:
    """Say again what the open draft is waiting for (after an emergency interrupted it)."""
    match turn.step:
        case "text":
            turn.say("draft.need_text")
        case "address":
            ask_place(turn)
        case "which":
            turn.say("draft.same_or_new", SAME_OR_NEW, text=_short(turn.data["text"]))
        case _:
            await show_draft(turn)


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
            turn.say("dialog.cancelled")
            await next_draft(turn)
        case ["addr"]:
            turn.step = "address"
            turn.say("address.ask")
        case ["nowhere"] if turn.step == "address":
            turn.data["building_id"] = None
            turn.data["nowhere"] = True
            await submit(turn)
        case ["same"] if turn.step == "which":
            pending = turn.data.pop("pending", "")
            turn.data["text"] = f"{turn.data['text']} {pending}".strip()[:MAX_TEXT]
            turn.step = "confirm"
            await understand(turn)
        case ["new"] if turn.step == "which":
            turn.data.setdefault("queued", []).append(turn.data.pop("pending", ""))
            turn.say("draft.queued")
            await show_draft(turn)
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
    turn.notify("draft.joined", number=request.number)
    await next_draft(turn)


def draft_of(data: dict[str, Any]) -> Draft:
    return Draft(
        text=data["text"],
        category=data["category"],
        subcategory=data.get("subcategory"),
        type=data["type"],
        urgent=bool(data.get("urgent")),
        confidence=float(data.get("confidence", 0.0)),
        keywords=tuple(data.get("keywords", [])),
        building_id=data.get("building_id"),
        address=data.get("detail") or data.get("place_text", ""),
        photos=tuple(data.get("photos", [])),
        hotlines=tuple(data.get("hotlines", [])),
        unplaced=bool(data.get("nowhere")),
    )


async def file_draft(turn: Turn, data: dict[str, Any]) -> Request:
    """Submit ``data`` as the sender's request; the dialog state is the caller's to move."""
    person = await known_person(turn)
    return await intake.submit_request(turn.uow(), turn.ctx, person.id, draft_of(data))


async def submit(turn: Turn) -> None:
    request = await file_draft(turn, turn.data)
    person = await known_person(turn)
    if person.building_id is None and request.building_id is None and not turn.data.get("nowhere"):
        turn.finish()
        turn.ask("address", "ask")
        turn.say("address.ask")
        return
    await next_draft(turn)


async def next_draft(turn: Turn) -> None:
    """The draft is done with: another matter the person mentioned becomes the next one."""
    queued = [text for text in turn.data.get("queued", []) if text]
    turn.finish()
    if not queued:
        return
    turn.say("draft.next", text=_short(queued[0]))
    await start_draft(turn, queued[0], [], queued=queued[1:])
