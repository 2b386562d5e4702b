"""The messages a request produces: the group card, the resident's updates, task details."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from core import buttons
from core.clock.deadlines import is_overdue
from core.context import Context
from core.messages import Option, Reply, t
from core.records import Building, Person, Request
from core.redact import for_group
from core.vocabulary import CLAIMABLE_STATUSES, Status

CARD = "card.request"


def card_ref(request: Request) -> str:
    return f"req:{request.id}:card"


def local_time(moment: datetime | None, ctx: Context) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(ZoneInfo(ctx.policy.timezone)).strftime("%m-%d %H:%M")


def local_date(moment: datetime, ctx: Context) -> str:
    return moment.astimezone(ZoneInfo(ctx.policy.timezone)).strftime("%Y-%m-%d")


ELLIPSIS = "…"
BREAKS = frozenset(" \t\n，。！？；、：,.!?;:")


def excerpt(text: str, limit: int, words: Sequence[str] = ()) -> str:
    """``text`` cut to at most ``limit`` characters at the end of a word, with an ellipsis.

    ``words`` is ``text`` cut into words (jieba's); without them, or when the first word
    alone is too long, it is cut at a space or punctuation mark, else at ``limit``.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    ends = [at for at in _word_ends(text, words) if at <= room]
    if not ends:
        ends = [at for at in range(room, 0, -1) if text[at] in BREAKS or text[at - 1] in BREAKS]
    cut = max(ends) if ends else room
    return text[:cut].rstrip("".join(BREAKS)) + ELLIPSIS


def _word_ends(text: str, words: Sequence[str]) -> list[int]:
    """Where each word of ``words`` ends in ``text`` (words that are not found are skipped)."""
    ends, at = [], 0
    for word in words:
        found = text.find(word.strip(), at) if word.strip() else -1
        if found >= 0:
            at = found + len(word.strip())
            ends.append(at)
    return ends


def topic(request: Request, ctx: Context) -> str:
    names = [ctx.taxonomy.category_name(request.category)]
    if request.subcategory:
        names.append(ctx.taxonomy.subcategory_name(request.subcategory))
    return " · ".join(names)


def group_card(
    request: Request,
    ctx: Context,
    resident: Person | None,
    building: Building | None,
    claimant: Person | None,
    overdue: bool | None = None,
    mentions: Sequence[str] = (),
    footer: dict[str, Any] | str = "",
) -> Reply:
    """The grid group's view: masked resident, no phone, a 认领 button while claimable.

    ``overdue`` (by default: open past its resolve-by and not paused) puts a red mark on it;
    ``mentions`` names the members whose posts fit, inside the card (one message, not two).
    ``due`` (claim-by, ISO) is not shown: a digest of cards puts the most urgent first by it.
    ``footer``: the star levels and promise shown under it (core/honours.py).
    """
    if overdue is None:
        overdue = is_overdue(request, ctx.now)
    name = resident.name if resident else ""
    options: tuple[Option, ...] = ()
    if request.status in CLAIMABLE_STATUSES:
        options = (Option("button.claim", buttons.Claim(request.id).pack()),)
    return Reply(
        CARD,
        {
            "number": request.number,
            "topic": topic(request, ctx),
            "type": ctx.taxonomy.type_name(request.type),
            "urgent": t("card.urgent") if request.urgent else "",
            "overdue": t("card.overdue") if overdue else "",
            "who": resident.masked_name if resident else "**",
            "where": building.name if building else (for_group(request.address) or "—"),
            "clock": clock(request, ctx),
            "keywords": for_group("、".join(request.keywords), name) or "—",
            "status": t(f"status.{request.status}"),
            "claimant": claimant.name if claimant and claimant.name else "—",
            "text": for_group(request.text, name),
            "followers": request.followers,
            "mention": t("card.mention", names="、".join(mentions)) if mentions else "",
            "due": request.claim_by.isoformat() if request.claim_by else "",
            "footer": footer,
        },
        options,
        request.photos[0] if request.photos else None,
    )


def clock(request: Request, ctx: Context) -> dict[str, Any]:
    """The time limit that runs now: claim-by while it waits for a claimant, then resolve-by."""
    if request.status in CLAIMABLE_STATUSES and request.claim_by is not None:
        return t("card.claim_by", time=local_time(request.claim_by, ctx))
    return t("card.resolve_by", time=local_time(request.resolve_by, ctx))


def task_details(
    request: Request, ctx: Context, resident: Person | None, building: Building | None
) -> Reply:
    """What only the claimant (and grid leaders) see: name, address and, if agreed, phone."""
    phone = resident.phone if resident and resident.share_phone and resident.phone else None
    return Reply(
        "task.details",
        {
            "number": request.number,
            "topic": topic(request, ctx),
            "text": request.text,
            "name": resident.name if resident and resident.name else "—",
            "phone": phone or t("task.phone_hidden"),
            "where": " ".join(
                part for part in (building.name if building else "", request.address) if part
            )
            or "—",
            "deadline": local_time(request.resolve_by, ctx),
        },
        (
            Option("button.progress", buttons.Progress(request.id).pack()),
            Option("button.ask", buttons.Ask(request.id).pack()),
            Option("button.resolve", buttons.Resolve(request.id).pack()),
            Option("button.release", buttons.Release(request.id).pack()),
        ),
        request.photos[0] if request.photos else None,
    )


def status_update(request: Request, note: str = "") -> Reply:
    """What the resident (and followers) hear when their request moves."""
    if request.status == Status.RESOLVED:
        return Reply(
            "resident.resolved",
            {"number": request.number, "note": note or "—"},
            (
                Option("button.fixed", buttons.Confirm(request.id).pack()),
                Option("button.not_fixed", buttons.Reopen(request.id).pack()),
            ),
        )
    params = {"number": request.number, "status": t(f"status.{request.status}")}
    if note.strip():
        return Reply("resident.status_note", {**params, "note": note.strip()})
    return Reply("resident.status", params)


def rating_prompt(request: Request) -> Reply:
    return Reply(
        "resident.rate",
        {"number": request.number},
        tuple(Option(f"button.stars.{n}", buttons.Rate(request.id, n).pack()) for n in range(1, 6)),
    )
