"""A request's full timeline (its audit trail): every event, actor, note, time, and its
photos; for the admins and the grid's leaders, and masked for a unit it was dispatched to."""

from aiohttp import web

from bot.web.console.auth import reader, refused
from bot.web.http import respond, state_of
from bot.web.render import photo_url
from core.actions import community_of
from core.cards import local_time
from core.errors import Refused
from core.records import Person, Request
from core.redact import for_group
from core.vocabulary import Role
from handlers.texts import render


async def timeline(request: web.Request) -> web.Response:
    """A request's every event: admins and the grid's leaders see it all; a unit's
    representative only a need dispatched to their unit, the resident masked."""
    viewer, person = await reader(request)
    state = state_of(request)
    ctx = state.linli.context()
    async with state.linli.uow() as uow:
        found = await uow.requests.by_number(request.match_info["number"])
        community_id = await community_of(uow, found) if found else None
        masked = _masked(person, found, community_id)
        if found is None or masked is None:
            raise refused(Refused("refused.no_such_request"), viewer.locale)
        events = await uow.community.timeline(found.id)
        resident = await uow.persons.get(found.resident_id)
    name = resident.name if resident else ""
    text = for_group(found.text, name) if masked else found.text
    lines = [
        {
            "at": local_time(e.at, ctx),
            "action": render(f"action.{e.action}", {}, viewer.locale),
            "to": render(f"status.{e.to_status}", {}, viewer.locale) if e.to_status else "",
            "note": e.note,
            "actor": _actor(e.actor, found, masked, viewer.locale),
        }
        for e in events
    ]
    photos = [url for url in map(photo_url, found.photos) if url]
    return respond(
        request,
        viewer,
        {
            "number": found.number,
            "text": text,
            "category_label": ctx.taxonomy.category_name(found.category),
            "status_label": render(f"status.{found.status}", {}, viewer.locale),
            "level_label": render(f"level.{found.level}", {}, viewer.locale),
            "photos": photos,
            "events": lines,
        },
    )


def _masked(person: Person, found: Request | None, community_id: int | None) -> bool | None:
    """False: may see everything; True: may see it masked; None: may not see it."""
    if found is None:
        return None
    if person.role == Role.ADMIN and person.community_id == community_id:
        return False
    if person.role == Role.LEADER and found.grid_id is not None:
        return False if person.grid_id == found.grid_id else None
    if person.role == Role.UNIT and found.unit_id is not None and person.unit_id == found.unit_id:
        return True
    return None


def _actor(actor: Person | None, found: Request, masked: bool, locale: str) -> str:
    if actor is None:
        return render("console.system", {}, locale)
    name = actor.masked_name if masked and actor.id == found.resident_id else actor.name
    return render("console.actor", {"name": name, "role": {"$t": f"role.{actor.role}"}}, locale)
