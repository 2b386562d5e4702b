"""The leader's page: the grid's open requests with their clocks, filters, the triage actions
(the same button payloads as the leader's private chat) and the grid's rates."""

from datetime import datetime
from typing import Any

from aiohttp import web

from bot.web.accountability import leader_extras
from bot.web.http import Viewer, refuse, respond, state_of, viewer_of
from core import buttons, stats
from core.cards import local_time
from core.context import Context
from core.errors import Refused
from core.lifecycle import authorize
from core.records import Person, Request
from core.vocabulary import CLAIMABLE_STATUSES, OPEN_STATUSES, Action, Role, Status
from handlers.texts import render

AMBER_SHARE = 0.25
VERBS: dict[type[buttons.OnRequest], Action] = {
    buttons.Assign: Action.ASSIGN,
    buttons.Escalate: Action.ESCALATE,
    buttons.Reject: Action.REJECT,
    buttons.Merge: Action.MERGE,
    buttons.Recategorise: Action.RECATEGORISE,
    buttons.Close: Action.CLOSE_UNFIXED,
}
RATES = ("response_rate", "resolution_rate", "satisfaction_rate")


def deadline_of(request: Request) -> datetime | None:
    """The clock that runs now: claim-by until someone claims it, then resolve-by."""
    if request.status in CLAIMABLE_STATUSES and request.claim_by is not None:
        return request.claim_by
    return request.resolve_by


def tone(request: Request, now: datetime) -> str:
    """green; amber with less than a quarter of the time left; red when overdue."""
    due = deadline_of(request)
    if due is None:
        return "none"
    at = request.paused_at or now
    left, total = (due - at).total_seconds(), (due - request.created_at).total_seconds()
    if left <= 0:
        return "red"
    return "amber" if total > 0 and left < AMBER_SHARE * total else "green"


def shown_tone(request: Request, now: datetime) -> str:
    """An urgent request is never shown as having time to spare: red when overdue, else
    ``urgent``."""
    plain = tone(request, now)
    return "urgent" if request.urgent and plain != "red" else plain


def actions(request: Request, leader: Person, community_id: int | None, locale: str) -> list[Any]:
    allowed = []
    for kind, action in VERBS.items():
        try:
            authorize(action, request, leader, community_id)
        except Refused:
            continue
        label = render(f"button.{kind.prefix}", {}, locale)
        allowed.append({"label": label, "payload": kind(request.id).pack()})
    return allowed


def item(
    request: Request,
    leader: Person,
    community_id: int | None,
    ctx: Context,
    claimants: dict[int, str],
    places: dict[int, str],
    locale: str,
) -> dict[str, Any]:
    return {
        "number": request.number,
        "text": request.text[:120],
        "place": places.get(request.building_id or 0, request.address or "—"),
        "status": str(request.status),
        "status_label": render(f"status.{request.status}", {}, locale),
        "category": request.category,
        "category_label": ctx.taxonomy.category_name(request.category),
        "urgent": request.urgent,
        "deadline": local_time(deadline_of(request), ctx),
        "tone": shown_tone(request, ctx.now),
        "claimant": claimants.get(request.claimant_id or 0, ""),
        "actions": actions(request, leader, community_id, locale),
    }


async def leader_page(request: web.Request) -> web.Response:
    viewer = await viewer_of(request)
    leader = _leader(viewer)
    state = state_of(request)
    ctx = state.linli.context()
    wanted = request.query.get("status") or None
    category = request.query.get("category") or None
    statuses = [Status(wanted)] if wanted in OPEN_STATUSES else list(OPEN_STATUSES)
    async with state.linli.uow() as uow:
        grid = await uow.places.grid(leader.grid_id) if leader.grid_id else None
        requests = await uow.requests.of_grid(leader.grid_id, statuses)
        claimants, places = {}, {}
        for r in requests:
            if r.claimant_id and r.claimant_id not in claimants:
                person = await uow.persons.get(r.claimant_id)
                claimants[r.claimant_id] = person.name if person else ""
            if r.building_id and r.building_id not in places:
                building = await uow.places.building(r.building_id)
                places[r.building_id] = building.name if building else "—"
    if category:
        requests = [r for r in requests if r.category == category]
    community_id = grid.community_id if grid else None
    figures = await stats.grid_stats(state.linli.uow(), ctx, leader.id)
    return respond(
        request,
        viewer,
        {
            "grid": grid.name if grid else "",
            "requests": [
                item(r, leader, community_id, ctx, claimants, places, viewer.locale)
                for r in sorted(requests, key=lambda r: (not r.urgent, r.id))
            ],
            "stats": {key: figures[key] for key in (*RATES, "total", "open", "overdue")},
            "stats_rules": render("stats.rules", {}, viewer.locale),
            "account": await leader_extras(request, leader, viewer.locale),
            "statuses": [
                {"value": str(s), "label": render(f"status.{s}", {}, viewer.locale)}
                for s in Status
                if s in OPEN_STATUSES
            ],
            "categories": [
                {"value": code, "label": name} for code, name in ctx.taxonomy.categories()
            ],
        },
    )


def _leader(viewer: Viewer) -> Person:
    person = viewer.person
    if person is None or person.role != Role.LEADER or person.grid_id is None:
        raise refuse(403, "refused.not_leader", viewer.locale)
    return person
