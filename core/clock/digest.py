"""Digests: the leaders' daily digest (网格日报), one message per leader per day, whoever
sends it; and the group digest, a grid group's new requests as one message when the group
has more waiting than it can take (a group takes 20 messages a minute)."""

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core import buttons
from core.cards import CARD
from core.clock.ladder import Kind, Mark
from core.clock.marking import Fired, MarkedUnitOfWork
from core.context import Context
from core.delivery import deliver
from core.messages import Notice, Option, Reply, ToPerson, t
from core.payloads import prefix_of
from core.ports import UnitOfWork
from core.rates import GridDay, overdue
from core.records import Grid, Person
from core.vocabulary import Role


def digest_day(ctx: Context) -> date | None:
    """Today in the deployment's timezone, once the digest hour has come; else None."""
    local = ctx.now.astimezone(ZoneInfo(ctx.policy.timezone))
    return local.date() if local.hour >= ctx.policy.digest_hour else None


async def send_digests(uow_factory: Callable[[], UnitOfWork], ctx: Context) -> list[Mark]:
    """Today's digest to every grid leader who has not had it yet; the marks it took.

    It covers the day up to today's digest hour, so a late digest neither misses nor
    repeats anything.
    """
    day = digest_day(ctx)
    if day is None:
        return []
    async with uow_factory() as uow:
        leaders = [
            (grid, leader)
            for grid in await uow.places.grids()
            for leader in await uow.persons.in_grid(grid.id, [Role.LEADER])
        ]
        marks = {leader.id: _mark(leader, day) for _, leader in leaders}
        done = await uow.sla.fired(list(marks.values()))
    zone = ZoneInfo(ctx.policy.timezone)
    until = datetime.combine(day, time(ctx.policy.digest_hour), zone)
    window = (until - timedelta(days=1), until)
    sent = []
    for grid, leader in leaders:
        mark = marks[leader.id]
        if mark not in done and await _send(uow_factory(), ctx, mark, grid, day, window):
            sent.append(mark)
    return sent


def digest_figures(day: GridDay, now: datetime) -> dict[str, int]:
    """The day's figures: filed, resolved and rated in it; open and overdue as they stand."""
    return {
        "new": day.filed,
        "open": len(day.open),
        "overdue": sum(1 for facts in day.open if overdue(facts, now)),
        "resolved": day.resolved,
        "rated": day.rated,
    }


def _mark(leader: Person, day: date) -> Mark:
    return Mark(Kind.DIGEST, leader.id, int(day.strftime("%Y%m%d")))


async def _send(
    uow: UnitOfWork,
    ctx: Context,
    mark: Mark,
    grid: Grid,
    day: date,
    window: tuple[datetime, datetime],
) -> bool:
    try:
        async with MarkedUnitOfWork(uow, ctx, mark) as marked:
            figures = digest_figures(await marked.sla.grid_day(grid.id, *window), ctx.now)
            reply = Reply("leader.digest", {"date": day.isoformat(), "grid": grid.name, **figures})
            await deliver(marked, [Notice(ToPerson(mark.subject_id), reply)], ctx.now)
            await marked.commit()
    except Fired:
        return False
    return True


EXCERPT = 30
NOT_CLAIMED = "—"
CLAIM = buttons.Claim.prefix


def foldable(card: Reply) -> bool:
    """A new request's group card that may wait in a digest: any but an urgent one."""
    return card.key == CARD and not card.params.get("urgent")


def group_digest(cards: Sequence[Reply]) -> Reply:
    """New requests' cards as one message: overdue first, then the soonest claim-by, each
    with a 认领 button while it can be claimed."""
    entries = sorted((_entry(card) for card in cards), key=_urgency)
    return _digest(entries)


def digest_with(digest: Reply, card: Reply) -> Reply:
    """The digest with one request's entry brought up to date from its latest card (claimed:
    its status and claimant shown, its button gone); the order stays as posted."""
    entries = _entries(digest)
    number = card.params.get("number")
    known = next((e for e in entries if e["number"] == number), None)
    if known is None:
        return digest
    updated = _entry(card, known)
    return _digest([updated if e is known else e for e in entries])


def _entry(card: Reply, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """A request's line, from its card (and, for an edit, from the line it replaces: an
    edited card no longer names the members whose posts fit)."""
    p = card.params
    claim = next(
        (buttons.Claim.unpack(o.value) for o in card.options if prefix_of(o.value) == CLAIM),
        None,
    )
    text = str(p.get("text", ""))
    before = known or {}
    return {
        "id": claim.request_id if claim else before.get("id"),
        "claimable": claim is not None,
        "number": p.get("number", ""),
        "topic": p.get("topic", ""),
        "where": p.get("where", ""),
        "claim_by": p.get("claim_by", ""),
        "due": p.get("due", ""),
        "overdue": p.get("overdue", ""),
        "mention": (p.get("mention") or before.get("mention", "")) if claim else "",
        "excerpt": text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…",
        "state": ""
        if claim
        else t(
            "group.digest_state",
            status=p.get("status", ""),
            claimant=p.get("claimant", NOT_CLAIMED),
        ),
    }


def _urgency(entry: dict[str, Any]) -> tuple[bool, str, str]:
    return (not entry["overdue"], entry["due"] or "~", entry["number"])


def _entries(digest: Reply) -> list[dict[str, Any]]:
    return [dict(item["params"]) for item in digest.params.get("items", [])]


def _digest(entries: list[dict[str, Any]]) -> Reply:
    options = tuple(
        Option(
            "button.claim_n",
            buttons.Claim(e["id"]).pack(),
            {"number": e["number"].rsplit("-", 1)[-1]},
        )
        for e in entries
        if e["claimable"] and e["id"] is not None
    )
    items = [t("group.digest_item", **entry) for entry in entries]
    return Reply("group.digest", {"count": len(entries), "items": items}, options)
