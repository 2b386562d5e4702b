"""The three lists on the console: units with their resource and service lists, the needs with
the units proposed for each need, community projects, and a unit's own page."""

from typing import Any

from aiohttp import web

from bot.web.console.auth import ADMIN, STAFF, number, reader, refused, text, words, writer
from bot.web.console.queue import queue_item
from bot.web.http import respond, state_of
from core import dispatching, units
from core.errors import Refused
from core.matching import Proposal
from core.redact import for_group
from core.unit_records import UnitLists
from core.unit_report import unit_report
from core.vocabulary import CLAIMABLE_STATUSES, OPEN_STATUSES, Level
from handlers.texts import render

PROPOSED = 3


def lists_json(lists: UnitLists, categories: dict[str, str], locale: str) -> dict[str, Any]:
    unit = lists.unit
    return {
        "id": unit.id,
        "code": unit.code,
        "name": unit.name,
        "type": unit.type,
        "type_label": render(f"unittype.{unit.type}", {}, locale),
        "org": unit.org,
        "active": unit.active,
        "open_needs": lists.open_needs,
        "resources": [
            {"id": r.id, "name": r.name, "type": r.type, "amount": r.amount,
             "type_label": render(f"resourcetype.{r.type}", {}, locale)}
            for r in lists.resources
        ],
        "services": [
            {"id": s.id, "name": s.name, "capacity": s.capacity, "keywords": list(s.keywords),
             "categories": list(s.categories),
             "category_labels": [categories.get(c, c) for c in s.categories]}
            for s in lists.services
        ],
    }  # fmt: skip


async def unit_lists(request: web.Request) -> web.Response:
    viewer, admin = await reader(request, ADMIN)
    state = state_of(request)
    categories = dict(state.linli.context().taxonomy.categories())
    async with state.linli.uow() as uow:
        found = await units.lists_of(uow, admin.community_id or 0)
    items = [lists_json(u, categories, viewer.locale) for u in found]
    return respond(request, viewer, {"units": items})


async def save_unit(request: web.Request) -> web.Response:
    viewer, admin, data = await writer(request)
    state = state_of(request)
    try:
        unit = await units.save_unit(
            state.linli.uow(),
            state.linli.context(),
            admin.id,
            text(data, "code", 32),
            text(data, "name", 100),
            text(data, "type", 32) or "other",
            text(data, "org", 100),
            data.get("active") is not False,
        )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(request, viewer, {"id": unit.id})


async def save_item(request: web.Request) -> web.Response:
    """``POST …/units/{id}/resources``, ``…/services`` (add or change by name), ``…/drop``."""
    viewer, admin, data = await writer(request)
    state = state_of(request)
    ctx = state.linli.context()
    unit_id, kind = number(request.match_info["id"]), request.match_info["kind"]
    uow = state.linli.uow()
    try:
        if kind == "resources":
            await units.put_resource(
                uow, ctx, admin.id, unit_id, text(data, "name", 100),
                text(data, "type", 32) or "other", text(data, "amount", 100),
            )  # fmt: skip
        elif kind == "services":
            capacity = data.get("capacity", 1)
            await units.put_service(
                uow, ctx, admin.id, unit_id, text(data, "name", 100), words(data, "categories"),
                words(data, "keywords"), capacity if isinstance(capacity, int) else -1,
            )  # fmt: skip
        else:
            which = "resource" if data.get("kind") == "resource" else "service"
            await units.drop_item(uow, ctx, admin.id, unit_id, which, number(data.get("id")))
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(request, viewer, {"ok": True})


def proposal_json(proposal: Proposal, locale: str) -> dict[str, Any]:
    unit = proposal.lists.unit
    return {
        "unit_id": unit.id,
        "unit": unit.name,
        "score": proposal.score,
        "capacity_left": proposal.capacity_left,
        "reasons": [render(r.key, r.params, locale) for r in proposal.reasons],
    }


async def needs(request: web.Request) -> web.Response:
    """The needs list: open needs above the grid, waiting ones first, each with the units that
    fit it (dispatching goes through the dialogs: ``dispatch:<need>:<unit>``)."""
    viewer, admin = await reader(request, ADMIN)
    state = state_of(request)
    ctx = state.linli.context()
    words_of = state.linli.services.understanding.key_words
    async with state.linli.uow() as uow:
        found = await uow.community.open_requests(admin.community_id or 0, None)
        unit_names = {u.id: u.name for u in await uow.units.of_community(admin.community_id or 0)}
        grid_names = {g.id: g.name for g in await uow.places.grids()}
    above = [r for r in found if r.level != Level.GRID and r.status in OPEN_STATUSES]
    above.sort(key=lambda r: (r.level != Level.COMMUNITY, r.id))
    names = {"grids": grid_names, "units": unit_names, "people": {}, "locale": viewer.locale}
    items = []
    for need in above:
        item = queue_item(need, admin, admin.community_id, ctx, names)
        item["project"] = need.type == dispatching.PROJECT_TYPE
        if need.status in CLAIMABLE_STATUSES:
            _, found_units = await dispatching.proposals(state.linli.uow(), ctx, need.id, words_of)
            item["proposals"] = [proposal_json(p, viewer.locale) for p in found_units[:PROPOSED]]
        items.append(item)
    return respond(request, viewer, {"needs": items})


async def add_project(request: web.Request) -> web.Response:
    viewer, admin, data = await writer(request)
    state = state_of(request)
    try:
        need = await dispatching.add_project(
            state.linli.uow(),
            state.linli.context(),
            admin.id,
            text(data, "text", 2000),
            text(data, "category", 32),
            text(data, "grid", 32) or None,
        )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(request, viewer, {"number": need.number})


async def report(request: web.Request) -> web.Response:
    """A unit's page: its needs in hand and its members' month (in-service members in
    grids). Its own representatives and the community's admins only."""
    viewer, person = await reader(request, STAFF)
    state = state_of(request)
    ctx = state.linli.context()
    try:
        found = await unit_report(
            state.linli.uow(), ctx, person.id, number(request.match_info["id"])
        )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(
        request,
        viewer,
        {
            "unit": found.unit.name,
            "needs": [
                {"number": r.number, "text": for_group(r.text)[:80],
                 "status_label": render(f"status.{r.status}", {}, viewer.locale),
                 "category_label": ctx.taxonomy.category_name(r.category)}
                for r in found.needs
            ],
            "members": [
                {"name": m.person.name, "grid": m.grid, "resolved": m.resolved, "open": m.open}
                for m in found.members
            ],
        },
    )  # fmt: skip
