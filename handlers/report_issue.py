"""A resident's message becomes a draft: what we understood, confirmed or corrected, submitted.

One problem, one request: more words join the open draft only when they are about the same
thing; another matter is asked about and, if it is one, waits as the next draft. A message
too vague to file asks a question first. A place the roster does not know, or no place at
all, goes to the community's triage queue instead of a dead end.
"""

import re
from datetime import timedelta
from typing import Any

from core import buttons, intake
from core.buttons import DraftAction, Other
from core.intake import Draft
from core.messages import Option, t
from core.records import Person, Request
from core.redact import for_group
from core.vocabulary import OPEN_STATUSES
from handlers.flows import ABSENT, AddressState, DraftState, Step
from handlers.my_requests import answer_only_question
from handlers.places import offer
from handlers.start import known_person
from handlers.turn import Turn
from handlers.understanding_port import Understood

DRAFT_BUTTONS = (
    Option("button.submit", buttons.Draft(DraftAction.SUBMIT).pack()),
    Option("button.change_category", buttons.Draft(DraftAction.CATEGORIES).pack()),
    Option("button.change_address", buttons.Draft(DraftAction.ADDRESS).pack()),
    Option("button.cancel", buttons.Draft(DraftAction.CANCEL).pack()),
)
SAME_OR_NEW = (
    Option("button.same_matter", buttons.Draft(DraftAction.SAME).pack()),
    Option("button.new_matter", buttons.Draft(DraftAction.NEW).pack()),
)
NO_PLACE = Option("button.no_place", buttons.Draft(DraftAction.NOWHERE).pack())
NOT_SAME = Option("button.not_same", buttons.Duplicate(Other.NEW).pack())
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
        turn.ask(DraftState(photos=photos), Step.TEXT)
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
    turn.ask(DraftState(text=text, photos=photos, queued=queued or []), Step.CONFIRM)
    await understand(turn, understood)


async def on_draft_text(turn: Turn) -> None:
    """More words or a photo while a draft is open join it (people write in pieces), unless
    they are about another matter: then the person is asked which it is."""
    draft = turn.expect(DraftState)
    if turn.step == Step.ADDRESS:
        place = turn.incoming.text.strip()
        guess = turn.services.understanding.match_address(place)
        if guess.building_id is None and place:
            draft.place_text = place[:100]
        offer(turn, guess)
        return
    if turn.incoming.photo:
        draft.photos.append(turn.incoming.photo)
    extra = kept_text(turn, turn.incoming.text)
    if extra and draft.text and turn.step != Step.TEXT and another_matter(turn, draft, extra):
        draft.pending = extra
        turn.step = Step.WHICH
        turn.say("draft.same_or_new", SAME_OR_NEW, text=_short(draft.text))
        return
    if extra:
        draft.text = f"{draft.text} {extra}".strip()[:MAX_TEXT]
    if not draft.text:
        turn.say("draft.need_text")
        return
    turn.step = Step.CONFIRM
    await understand(turn)


def another_matter(turn: Turn, draft: DraftState, extra: str) -> bool:
    """Words that name another category or another building than the open draft's."""
    understanding = turn.services.understanding
    understood = understanding.classify(extra)
    if understood.low_confidence or understood.category == "other":
        return False
    if understood.category != draft.category and not draft.low:
        return True
    place = understanding.match_address(extra).building_id
    return place is not None and place != draft.place


def keep_understood(draft: DraftState, understood: Understood) -> None:
    """What a draft keeps of the classifier's reading."""
    draft.category = understood.category
    draft.subcategory = understood.subcategory
    draft.type = understood.type
    draft.urgent = understood.urgent
    draft.confidence = understood.confidence
    draft.keywords = list(understood.keywords)
    draft.hotlines = list(understood.hotlines)
    draft.candidates = list(understood.candidates)
    draft.low = understood.low_confidence


def _vague(text: str, understood: Understood) -> bool:
    words = WORDS.findall(MARKUP.sub("", text))
    if len(words) < JUNK_UNDER:
        return True
    return understood.low_confidence and len(HAN.findall(text)) < VAGUE_UNDER


async def understand(turn: Turn, understood: Understood | None = None) -> None:
    person = await known_person(turn)
    draft = turn.expect(DraftState)
    understood = understood or turn.services.understanding.classify(draft.text)
    keep_understood(draft, understood)
    if not understood.urgent and _vague(draft.text, understood) and not draft.asked:
        draft.asked = True
        turn.step = Step.TEXT
        turn.say("draft.clarify")
        return
    if draft.building_id is ABSENT:
        guess = turn.services.understanding.match_address(draft.text)
        draft.building_id = guess.building_id or person.building_id
    if understood.urgent:
        await submit(turn)
        return
    if draft.building_id is None:
        ask_place(turn)
        return
    await placed(turn)


async def placed(turn: Turn) -> None:
    """The draft has its place: a likely duplicate is offered (once per draft, however
    often the draft grows), else the draft is shown."""
    draft = turn.expect(DraftState)
    if not draft.checked:
        draft.checked = True
        if await _offer_duplicate(turn, draft, await known_person(turn)):
            return
    await show_draft(turn)


def ask_place(turn: Turn) -> None:
    turn.step = Step.ADDRESS
    turn.say("draft.need_address", (NO_PLACE,))


async def _offer_duplicate(turn: Turn, draft: DraftState, person: Person) -> bool:
    """Your own open request about the same thing (whatever category each was filed under),
    or a neighbour's in the same category: say so, once."""
    understanding = turn.services.understanding
    now = turn.ctx.now
    since = now - timedelta(hours=turn.ctx.policy.duplicate_window_hours)
    async with turn.uow() as uow:
        filed = await uow.requests.of_resident(person.id)
    mine = [
        r
        for r in filed
        if r.resident_id == person.id and r.status in OPEN_STATUSES and r.created_at >= since
    ]
    theirs = [r for r in await _open_scope(turn, draft) if r.resident_id != person.id]
    for requests, category, own, at_least in (
        (mine, None, True, OWN_REPEAT_AT),
        (theirs, draft.category, False, 0.0),
    ):
        similar = understanding.similar(draft.text, category, requests, now, at_least)
        by_id = {r.id: r for r in requests}
        found = [by_id[i] for i in similar if i in by_id]
        if found:
            await _say_duplicate(turn, draft, found[0], own)
            return True
    return False


async def _open_scope(turn: Turn, draft: DraftState) -> list[Request]:
    building_id = draft.place
    async with turn.uow() as uow:
        building = await uow.places.building(building_id) if building_id else None
        if building is None:
            return []
        since = turn.ctx.now - timedelta(hours=turn.ctx.policy.duplicate_window_hours)
        scope = await uow.requests.open_similar_scope(building.grid_id, draft.category, since)
    return [r for r in scope if r.status in OPEN_STATUSES]


async def _say_duplicate(turn: Turn, draft: DraftState, first: Request, own: bool) -> None:
    turn.step = Step.DUPLICATE
    draft.duplicate = first.id
    status = t(f"status.{first.status}")
    if own:
        drop = Option("button.drop_draft", buttons.Draft(DraftAction.CANCEL).pack())
        turn.say(
            "draft.already_reported",
            (NOT_SAME, drop),
            number=first.number,
            status=status,
        )
        return
    async with turn.uow() as uow:
        resident = await uow.persons.get(first.resident_id)
    text = for_group(first.text, resident.name if resident else "")
    turn.say(
        "draft.duplicate",
        (Option("button.join", buttons.Duplicate(first.id).pack()), NOT_SAME),
        number=first.number,
        text=_short(text),
        status=status,
    )


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def category_option(code: str, name: str) -> Option:
    return Option("button.category", buttons.Draft(DraftAction.SET, code).pack(), {"name": name})


async def show_draft(turn: Turn) -> None:
    turn.step = Step.CONFIRM
    draft = turn.expect(DraftState)
    ctx = turn.ctx
    names = turn.services.understanding.building_name
    _, resolve_hours = ctx.taxonomy.deadline_hours(draft.subcategory or draft.category, False)
    params: dict[str, Any] = {
        "topic": _topic(turn, draft),
        "type": ctx.taxonomy.type_name(draft.type),
        "where": names(draft.place) if draft.place else t("draft.no_place"),
        "hours": f"{resolve_hours:g}",
        "keywords": "、".join(draft.keywords) or "—",
        "photos": len(draft.photos),
    }
    if draft.low:
        options = tuple(
            category_option(code, ctx.taxonomy.category_name(code)) for code in draft.candidates[:3]
        )
        other = Option("button.other_category", buttons.Draft(DraftAction.CATEGORIES).pack())
        turn.say("draft.unsure", (*options, other), **params)
        return
    turn.say("draft.summary", DRAFT_BUTTONS, **params)


async def reprompt(turn: Turn) -> None:
    """Say again what the open draft is waiting for (after an emergency interrupted it)."""
    match turn.step:
        case Step.TEXT:
            turn.say("draft.need_text")
        case Step.ADDRESS:
            ask_place(turn)
        case Step.WHICH:
            turn.say("draft.same_or_new", SAME_OR_NEW, text=_short(turn.expect(DraftState).text))
        case _:
            await show_draft(turn)


def _topic(turn: Turn, draft: DraftState) -> str:
    taxonomy = turn.ctx.taxonomy
    names = [taxonomy.category_name(draft.category)]
    if draft.subcategory:
        names.append(taxonomy.subcategory_name(draft.subcategory))
    return " · ".join(names)


async def on_draft_button(turn: Turn, press: buttons.Draft) -> None:
    draft = turn.state_of(DraftState)
    if draft is None or not draft.text:
        raise_stale(turn)
        return
    match press.action, press.category:
        case DraftAction.SUBMIT, None:
            await submit(turn)
        case DraftAction.CANCEL, None:
            turn.say("dialog.cancelled")
            await next_draft(turn)
        case DraftAction.ADDRESS, None:
            turn.step = Step.ADDRESS
            turn.say("address.ask")
        case DraftAction.NOWHERE, None if turn.step == Step.ADDRESS:
            draft.building_id = None
            draft.nowhere = True
            await submit(turn)
        case DraftAction.SAME, None if turn.step == Step.WHICH:
            draft.text = f"{draft.text} {draft.pending}".strip()[:MAX_TEXT]
            draft.pending = ""
            turn.step = Step.CONFIRM
            await understand(turn)
        case DraftAction.NEW, None if turn.step == Step.WHICH:
            draft.queued.append(draft.pending)
            draft.pending = ""
            turn.say("draft.queued")
            await show_draft(turn)
        case DraftAction.CATEGORIES, None:
            options = tuple(
                category_option(code, name) for code, name in turn.ctx.taxonomy.categories()
            )
            turn.say("draft.pick_category", options)
        case DraftAction.SET, str(code) if code in dict(turn.ctx.taxonomy.categories()):
            draft.category, draft.subcategory, draft.low = code, None, False
            await show_draft(turn)
        case _:
            raise_stale(turn)


def raise_stale(turn: Turn) -> None:
    turn.finish()
    turn.notify("refused.stale_button")


async def on_duplicate_button(turn: Turn, press: buttons.Duplicate) -> None:
    draft = turn.state_of(DraftState)
    if draft is None:
        raise_stale(turn)
        return
    if press.choice is Other.NEW:
        await show_draft(turn)
        return
    if press.choice != draft.duplicate:
        raise_stale(turn)
        return
    person = await known_person(turn)
    request = await intake.follow_request(turn.uow(), turn.ctx, press.choice, person.id)
    turn.notify("draft.joined", number=request.number)
    await next_draft(turn)


def draft_of(draft: DraftState) -> Draft:
    return Draft(
        text=draft.text,
        category=draft.category,
        subcategory=draft.subcategory,
        type=draft.type,
        urgent=draft.urgent,
        confidence=draft.confidence,
        keywords=tuple(draft.keywords),
        building_id=draft.place,
        address=draft.detail or draft.place_text,
        photos=tuple(draft.photos),
        hotlines=tuple(draft.hotlines),
        unplaced=draft.nowhere,
    )


async def file_draft(turn: Turn, draft: DraftState) -> Request:
    """Submit ``draft`` as the sender's request; the dialog state is the caller's to move."""
    person = await known_person(turn)
    return await intake.submit_request(turn.uow(), turn.ctx, person.id, draft_of(draft))


async def submit(turn: Turn) -> None:
    draft = turn.expect(DraftState)
    request = await file_draft(turn, draft)
    person = await known_person(turn)
    if person.building_id is None and request.building_id is None and not draft.nowhere:
        turn.ask(AddressState(), Step.ASK)
        turn.say("address.ask")
        return
    await next_draft(turn)


async def next_draft(turn: Turn) -> None:
    """The draft is done with: another matter the person mentioned becomes the next one."""
    draft = turn.expect(DraftState)
    queued = [text for text in draft.queued if text]
    turn.finish()
    if not queued:
        return
    turn.say("draft.next", text=_short(queued[0]))
    await start_draft(turn, queued[0], [], queued=queued[1:])
