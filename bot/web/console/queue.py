"""The console's reading pages: who am I, the community-wide queue (oldest due first, with
the leaders' actions), and the grids side by side."""

from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from bot.web.console.auth import ADMIN, reader
from bot.web.console.labels import labels_of, views_of
from bot.web.http import respond, state_of, viewer_of
from bot.web.leader import actions, deadline_of, tone
from core import buttons, stats
from core.cards import local_time
from core.context import Context
from core.payloads import prefix_of
from core.records import Person, Request
from core.roster import ROSTER_ROLES
from core.unit_records import RESOURCE_TYPES, UNIT_TYPES
from core.vocabulary import CLAIMABLE_STATUSES, Level, Role, Status
from handlers.texts import render

FILTERS = ("escalated", "unrouted", "overdue", "urgent")
RATES = ("response_rate", "resolution_rate", "satisfaction_rate", "total", "open", "overdue")
FAR = datetime.max.replace(tzinfo=UTC)


async def me(request: web.Request) -> web.Response:
    """Who is signed in and what they may open; for anyone else, just enough to sign in."""
    viewer = await viewer_of(request)
    state = state_of(request)
    person = viewer.person
    base = {
        "csrf": state.signer.csrf(viewer.session),
        "labels": labels_of(viewer.locale),
        "role": str(person.role) if person else "",
        "views": views_of(person) if person else [],
    }
    if person is None or not base["views"]:
        return respond(request, viewer, base)
    ctx = state.linli.context()
    async with state.linli.uow() as uow:
        community = await uow.places.community(person.community_id or 0)
        grids = [g for g in await uow.places.grids() if g.community_id == person.community_id]
        units = await uow.units.of_community(person.community_id or 0)
    return respond(
        request,
        viewer,
        {
            **base,
            "name": person.name,
            "community": community.name if community else "",
            "secretary": community.secretary_id if community else None,
            "unit": person.unit_id,
            "grids": [{"value": g.code, "label": g.name} for g in grids],
            "units": [{"value": u.code, "label": u.name} for u in units],
            "categories": [{"value": c, "label": n} for c, n in ctx.taxonomy.categories()],
            "roles": [str(r) for r in ROSTER_ROLES],
            "unit_types": list(UNIT_TYPES),
            "resource_types": list(RESOURCE_TYPES),
        },
    )


def _actions(request: Request, person: Person, community_id: int | None, locale: str) -> list[Any]:
    """The leader page's actions (the same payloads, through the dialogs); above the grid the
    next step is a dispatch to a unit, not another escalation."""
    found = [
        a
        for a in actions(request, person, community_id, locale)
        if request.level == Level.GRID or prefix_of(a["payload"]) != buttons.Escalate.prefix
    ]
    if (
        person.role == Role.ADMIN
        and request.level != Level.GRID
        and request.status in CLAIMABLE_STATUSES
    ):
        label = render("button.proposals", {}, locale)
        found.insert(0, {"label": label, "payload": buttons.Units(request.id).pack()})
    return found


def queue_item(
    request: Request, person: Person, community_id: int | None, ctx: Context, names: dict[str, Any]
) -> dict[str, Any]:
    locale = names["locale"]
    return {
        "id": request.id,
        "number": request.number,
        "text": request.text[:120],
        "status": str(request.status),
        "status_label": render(f"status.{request.status}", {}, locale),
        "level": str(request.level),
        "level_label": render(f"level.{request.level}", {}, locale),
        "category": request.category,
        "category_label": ctx.taxonomy.category_name(request.category),
        "grid": names["grids"].get(request.grid_id, ""),
        "unit": names["units"].get(request.unit_id, ""),
        "urgent": request.urgent,
        "deadline": local_time(deadline_of(request), ctx),
        "tone": tone(request, ctx.now),
        "claimant": names["people"].get(request.claimant_id, ""),
        "actions": _actions(request, person, community_id, locale) + _routes(request, names),
    }


def _routes(request: Request, names: dict[str, Any]) -> list[Any]:
    """A request no grid matched: one button per grid, as the admins' chat alert has."""
    if request.grid_id is not None or request.status != Status.SUBMITTED:
        return []
    return [
        {
            "label": render("button.route", {"grid": name}, names["locale"]),
            "payload": buttons.Route(request.id, code).pack(),
        }
        for code, name in names.get("codes", {}).items()
    ]


def wanted(request: Request, kind: str, category: str, now: datetime) -> bool:
    if category and request.category != category:
        return False
    return (
        kind == ""
        or (kind == "escalated" and request.level != Level.GRID)
        or (kind == "unrouted" and request.grid_id is None)
        or (kind == "overdue" and tone(request, now) == "red")
        or (kind == "urgent" and request.urgent)
    )


async def queue(request: web.Request) -> web.Response:
    """Admins: every grid's open requests (or one grid's); leaders: their own grid's."""
    viewer, person = await reader(request, {Role.ADMIN, Role.LEADER})
    state = state_of(request)
    ctx = state.linli.context()
    kind = request.query.get("filter", "")
    kind = kind if kind in FILTERS else ""
    async with state.linli.uow() as uow:
        grids = {g.id: g for g in await uow.places.grids()}
        ours = {i: g for i, g in grids.items() if g.community_id == person.community_id}
        grid_id = person.grid_id if person.role == Role.LEADER else None
        code = request.query.get("grid", "")
        if person.role == Role.ADMIN and code:
            grid_id = next((i for i, g in ours.items() if g.code == code), -1)
        found = await uow.community.open_requests(person.community_id or 0, grid_id)
        units = {u.id: u.name for u in await uow.units.of_community(person.community_id or 0)}
        people = {}
        for r in found:
            if r.claimant_id and r.claimant_id not in people:
                claimant = await uow.persons.get(r.claimant_id)
                people[r.claimant_id] = claimant.name if claimant else ""
    names: dict[str, Any] = {
        "grids": {i: g.name for i, g in ours.items()},
        "units": units,
        "people": people,
    }
    names["locale"] = viewer.locale
    if person.role == Role.ADMIN:
        names["codes"] = {g.code: g.name for g in ours.values()}
    chosen = [r for r in found if wanted(r, kind, request.query.get("category", ""), ctx.now)]
    chosen.sort(key=lambda r: (deadline_of(r) or FAR, r.id))
    items = [queue_item(r, person, person.community_id, ctx, names) for r in chosen]
    return respond(request, viewer, {"requests": items})


async def grids(request: web.Request) -> web.Response:
    """Every grid of the community with its leaders and figures, and the community's own."""
    viewer, person = await reader(request, ADMIN)
    state = state_of(request)
    ctx = state.linli.context()
    rows = []
    async with state.linli.uow() as uow:
        ours = [g for g in await uow.places.grids() if g.community_id == person.community_id]
        leaders = {g.id: await uow.persons.in_grid(g.id, [Role.LEADER]) for g in ours}
    for grid in ours:
        figures = await stats.grid_stats(state.linli.uow(), ctx, person.id, grid.code)
        rows.append(
            {
                "code": grid.code,
                "name": grid.name,
                "leaders": "、".join(p.name for p in leaders[grid.id]) or "—",
                "stats": {k: figures[k] for k in RATES},
            }
        )
    whole = await stats.grid_stats(state.linli.uow(), ctx, person.id)
    return respond(request, viewer, {"grids": rows, "community": {k: whole[k] for k in RATES}})
