"""微心愿 and the wish wall (心愿墙): open wishes anyone may read, claimed by members and unit
representatives, fulfilled (with a photo if the resident agrees) and thanked.

The wall shows a wish's words as a group would read them (core/redact.py's ``for_group``)
and without any building or alias of the roster: the place is the grid's name only, the
resident a masked surname (王**). A thank-you is masked the same way.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from core import buttons, claims
from core.account_ports import AccountUnitOfWork
from core.account_records import StarLevel
from core.cards import local_date
from core.changes import WishChange
from core.context import Context
from core.delivery import commit_with
from core.errors import Refused
from core.messages import Notice, Option, Reply, ToPerson
from core.promises import running
from core.records import Building, Request
from core.redact import NAME_HIDDEN, for_group
from core.wish_status import WISH, WishState, wish_due, wish_state

MAX_THANKS = 200


@dataclass(frozen=True, slots=True)
class WallWish:
    request_id: int
    number: str
    text: str
    grid: str
    resident: str
    state: WishState
    claimant: str
    due: str
    overdue: bool
    filed: str
    thanks: str
    photo: str | None


@dataclass(frozen=True, slots=True)
class WallPromise:
    name: str
    text: str
    until: str


@dataclass(frozen=True, slots=True)
class Wall:
    wishes: tuple[WallWish, ...]
    promises: tuple[WallPromise, ...]
    stars: tuple[StarLevel, ...]


def for_wall(text: str, name: str, buildings: list[Building]) -> str:
    """What the wall may show of a resident's words: no name, phone, door, building."""
    shown = for_group(text, name)
    places = sorted(
        {w for b in buildings for w in (b.name, *b.aliases) if len(w) >= 2}, key=len, reverse=True
    )
    if places:
        shown = re.sub("|".join(map(re.escape, places)), NAME_HIDDEN, shown)
    return shown


async def wall(uow: AccountUnitOfWork, ctx: Context) -> Wall:
    rules = ctx.accountability.wishes
    async with uow:
        since = ctx.now - timedelta(days=rules.shown_days)
        found = [
            (request, claimed_at, state)
            for request, claimed_at in await uow.wishes.on_wall(since)
            if (state := wish_state(request)) is not None
        ]
        extras = await uow.wishes.of_requests([r.id for r, _, _ in found])
        buildings = await uow.places.buildings()
        grids = {g.id: g for g in await uow.places.grids()}
        stars = await uow.honours.latest_published([f"{g.code}" for g in grids.values()])
        people = {}
        for request, _, _ in found:
            for pid in (request.resident_id, request.claimant_id):
                if pid and pid not in people:
                    people[pid] = await uow.persons.get(pid)
    items = []
    for request, claimed_at, state in found:
        resident, extra = people.get(request.resident_id), extras.get(request.id)
        name = resident.name if resident else ""
        claimant = people.get(request.claimant_id) if request.claimant_id else None
        due = wish_due(request, rules, claimed_at)
        grid = grids.get(request.grid_id or 0)
        items.append(
            WallWish(
                request.id,
                request.number,
                for_wall(request.text, name, buildings),
                grid.name if grid else "",
                resident.masked_name if resident else "**",
                state,
                claimant.name if claimant and state != WishState.WAITING else "",
                local_date(due, ctx) if due else "",
                due is not None and due < ctx.now,
                local_date(request.created_at, ctx),
                for_wall(extra.thanks, name, buildings) if extra and extra.thanks else "",
                extra.photo if extra and extra.photo_public and extra.photo else None,
            )
        )
    promises = tuple(
        WallPromise(person.name, promise.text, promise.last_day.isoformat())
        for promise, person in await running(uow, ctx)
    )
    return Wall(tuple(items), promises, tuple(stars.values()))


async def _wish(uow: AccountUnitOfWork, request_id: int) -> Request:
    request = await uow.requests.get(request_id)
    if request is None or request.type != WISH:
        raise Refused("refused.wish.not_a_wish")
    return request


async def claim_wish(
    uow: AccountUnitOfWork, ctx: Context, request_id: int, person_id: int
) -> Request:
    """认领心愿: the same claim as any request (one winner), refused for what is no wish."""
    async with uow:
        await _wish(uow, request_id)
    return await claims.claim_request(uow, ctx, request_id, person_id)


async def fulfilled(
    uow: AccountUnitOfWork, ctx: Context, request_id: int, photo: str | None
) -> None:
    """After the claimant resolved a wish: keep its photo, and ask the resident whether the
    wall may show it, and for a word of thanks."""
    async with uow:
        request = await _wish(uow, request_id)
        await uow.wishes.save(request_id, WishChange(photo=photo, photo_public=None))
        options: tuple[Option, ...] = (
            Option("button.wish_thanks", buttons.WishThanks(request_id).pack()),
        )
        if photo:
            options = (
                Option("button.wish_show", buttons.WishShow(request_id, True).pack()),
                Option("button.wish_hide", buttons.WishShow(request_id, False).pack()),
                *options,
            )
        key = "wish.ask_photo" if photo else "wish.ask_thanks"
        reply = Reply(key, {"number": request.number}, options, photo)
        await commit_with(uow, [Notice(ToPerson(request.resident_id), reply)], ctx.now)


async def consent(
    uow: AccountUnitOfWork, ctx: Context, request_id: int, resident_id: int, public: bool
) -> Request:
    async with uow:
        request = await _filer_wish(uow, request_id, resident_id)
        extra = await uow.wishes.get(request_id)
        if extra is None or not extra.photo:
            raise Refused("refused.wish.no_photo", number=request.number)
        await uow.wishes.save(request_id, WishChange(photo_public=public))
        await uow.commit()
    return request


async def thank(
    uow: AccountUnitOfWork, ctx: Context, request_id: int, resident_id: int, text: str
) -> Request:
    text = " ".join(text.split())
    if not text:
        raise Refused("refused.wish.thanks_empty")
    async with uow:
        request = await _filer_wish(uow, request_id, resident_id)
        await uow.wishes.save(request_id, WishChange(thanks=text[:MAX_THANKS], thanks_at=ctx.now))
        notices = []
        if request.claimant_id:
            reply = Reply("wish.thanked", {"number": request.number, "text": text[:MAX_THANKS]})
            notices.append(Notice(ToPerson(request.claimant_id), reply))
        await commit_with(uow, notices, ctx.now)
    return request


async def _filer_wish(uow: AccountUnitOfWork, request_id: int, resident_id: int) -> Request:
    request = await _wish(uow, request_id)
    if request.resident_id != resident_id:
        raise Refused("refused.wish.not_yours")
    if wish_state(request) != WishState.FULFILLED:
        raise Refused("refused.wish.not_fulfilled", number=request.number)
    return request
