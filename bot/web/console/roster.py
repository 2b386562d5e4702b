"""The roster on the console: people (add, edit, move, deactivate), the committee's secretary,
buildings and aliases. Changes take effect at once; buildings reach the address matcher."""

from typing import Any

from aiohttp import web

from bot.places import refresh_places
from bot.web.console.auth import ADMIN, number, reader, refused, text, words, writer
from bot.web.http import respond, state_of
from core import staff
from core.errors import Refused
from core.vocabulary import MEMBER_POSTS
from handlers.texts import render


async def people(request: web.Request) -> web.Response:
    viewer, admin = await reader(request, ADMIN)
    state = state_of(request)
    async with state.linli.uow() as uow:
        listed = await uow.community.staff(admin.community_id or 0)
        grids = {g.id: g.code for g in await uow.places.grids()}
        units = {u.id: u.code for u in await uow.units.of_community(admin.community_id or 0)}
    rows = [
        {
            "id": p.id,
            "code": code,
            "name": p.name,
            "role": str(p.role),
            "role_label": render(f"role.{p.role}", {}, viewer.locale),
            "grid": grids.get(p.grid_id or 0, ""),
            "unit": units.get(p.unit_id or 0, ""),
            "phone": p.phone or "",
            "posts": list(p.posts),
            "skills": list(p.skills),
            "active": p.active,
        }
        for code, p in listed
    ]
    return respond(request, viewer, {"people": rows, "posts": list(MEMBER_POSTS)})


def _form(data: dict[str, Any]) -> staff.StaffForm:
    return staff.StaffForm(
        code=text(data, "code", 64),
        name=text(data, "name", 100),
        role=text(data, "role", 16),
        grid=text(data, "grid", 32).upper(),
        unit=text(data, "unit", 32).upper(),
        phone=text(data, "phone", 32),
        posts=words(data, "posts"),
        skills=words(data, "skills"),
    )


async def save_person(request: web.Request) -> web.Response:
    """``POST /admin/api/people`` adds; ``…/people/{id}`` changes (a new grid is a move)."""
    viewer, admin, data = await writer(request)
    state = state_of(request)
    ctx = state.linli.context()
    person_id = request.match_info.get("id")
    try:
        if person_id is None:
            person = await staff.add_person(state.linli.uow(), ctx, admin.id, _form(data))
        else:
            person = await staff.edit_person(
                state.linli.uow(), ctx, admin.id, number(person_id), _form(data)
            )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(request, viewer, {"id": person.id})


async def set_active(request: web.Request) -> web.Response:
    viewer, admin, data = await writer(request)
    state = state_of(request)
    try:
        person = await staff.set_active(
            state.linli.uow(),
            state.linli.context(),
            admin.id,
            number(request.match_info["id"]),
            data.get("active") is True,
        )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(request, viewer, {"id": person.id, "active": person.active})


async def set_secretary(request: web.Request) -> web.Response:
    viewer, admin, data = await writer(request)
    state = state_of(request)
    chosen = data.get("person")
    try:
        await staff.set_secretary(
            state.linli.uow(),
            state.linli.context(),
            admin.id,
            None if chosen in (None, "") else number(chosen),
        )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(request, viewer, {"ok": True})


async def buildings(request: web.Request) -> web.Response:
    viewer, admin = await reader(request, ADMIN)
    async with state_of(request).linli.uow() as uow:
        grids = {g.id: g for g in await uow.places.grids() if g.community_id == admin.community_id}
        found = [b for b in await uow.places.buildings() if b.grid_id in grids]
    rows = [
        {"id": b.id, "name": b.name, "grid": grids[b.grid_id].code, "aliases": list(b.aliases)}
        for b in found
    ]
    return respond(request, viewer, {"buildings": rows})


async def save_building(request: web.Request) -> web.Response:
    """``POST /admin/api/buildings`` adds one; ``…/buildings/{id}`` sets its aliases."""
    viewer, admin, data = await writer(request)
    state = state_of(request)
    ctx = state.linli.context()
    building_id = request.match_info.get("id")
    try:
        if building_id is None:
            grid, name = text(data, "grid", 32), text(data, "name", 100)
            building = await staff.add_building(
                state.linli.uow(), ctx, admin.id, grid, name, words(data, "aliases")
            )
        else:
            building = await staff.set_aliases(
                state.linli.uow(), ctx, admin.id, number(building_id), words(data, "aliases")
            )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    await refresh_places(state.linli)
    return respond(request, viewer, {"id": building.id})
