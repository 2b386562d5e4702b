"""The messages a request produces: the group card, the resident's updates, task details."""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from core.context import Context
from core.deadlines import is_overdue
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
) -> Reply:
    """The grid group's view: masked resident, no phone, a 认领 button while claimable.

    ``overdue`` (by default: open past its resolve-by and not paused) puts a red mark on it;
    ``mentions`` names the members whose posts fit, inside the card (one message, not two).
    ``due`` (claim-by, ISO) is not shown: a digest of cards puts the most urgent first by it.
    """
    if overdue is None:
        overdue = is_overdue(request, ctx.now)
    options: tuple[Option, ...] = ()
    if request.status in CLAIMABLE_STATUSES:
        options = (Option("button.claim", f"claim:{request.id}"),)
    return Reply(
        CARD,
        {
            "number": request.number,
            "topic": topic(request, ctx),
            "type": ctx.taxonomy.type_name(request.type),
            "urgent": t("card.urgent") if request.urgent else "",
            "overdue": t("card.overdue") if overdue else "",
            "who": resident.masked_name if resident else "**",
            "where": building.name if building else (request.address or "—"),
            "deadline": local_time(request.resolve_by, ctx),
            "claim_by": local_time(request.claim_by, ctx),
            "keywords": "、".join(request.keywords) or "—",
            "status": t(f"status.{request.status}"),
            "claimant": claimant.name if claimant else "—",
            "text": for_group(request.text, resident.name if resident else ""),
            "followers": request.followers,
            "mention": t("card.mention", names="、".join(mentions)) if mentions else "",
            "due": request.claim_by.isoformat() if request.claim_by else "",
        },
        options,
        request.photos[0] if request.photos else None,
    )


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
            Option("button.progress", f"progress:{request.id}"),
            Option("button.ask", f"ask:{request.id}"),
            Option("button.resolve", f"resolve:{request.id}"),
            Option("button.release", f"release:{request.id}"),
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
                Option("button.fixed", f"confirm:{request.id}"),
                Option("button.not_fixed", f"reopen:{request.id}"),
            ),
        )
    return Reply(
        "resident.status",
        {"number": request.number, "status": t(f"status.{request.status}"), "note": note},
    )


def rating_prompt(request: Request) -> Reply:
    return Reply(
        "resident.rate",
        {"number": request.number},
        tuple(Option(f"button.stars.{n}", f"rate:{request.id}:{n}") for n in range(1, 6)),
    )
