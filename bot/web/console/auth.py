"""Who may use the console, and how: the web chat's signed session (staff signed in with
their invite), checked server-side on every call; for changes also its CSRF token, our
origin and a pace of its own."""

from collections.abc import Awaitable, Callable, Collection
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.web.http import (
    SECURITY_HEADERS,
    Viewer,
    read_json,
    refuse,
    respond,
    same_origin,
    state_of,
    viewer_of,
)
from bot.web.session import RateLimiter
from core.errors import Refused
from core.payloads import MAX_ID
from core.records import Person
from core.vocabulary import Role

STATIC = Path(__file__).with_name("static")
TYPES = {"console.js": "text/javascript", "console.css": "text/css"}
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
STAFF = frozenset({Role.ADMIN, Role.LEADER, Role.UNIT})
ADMIN = frozenset({Role.ADMIN})
LIMITER = web.AppKey("linli_console_limiter", RateLimiter)
NOT_FOUND = frozenset(
    {
        "refused.unknown_person",
        "refused.unit.unknown",
        "refused.no_such_grid",
        "refused.no_such_building",
        "refused.no_such_request",
        "refused.unit.no_item",
    }
)
FORBIDDEN = frozenset(
    {
        "refused.console.not_admin",
        "refused.unit.not_yours",
        "refused.inactive",
        "refused.broadcast.not_allowed",
        "refused.broadcast.community_admins_only",
        "refused.broadcast.grid_not_yours",
    }
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def page(request: web.Request) -> web.StreamResponse:
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": PAGE_POLICY}
    return web.FileResponse(
        STATIC / "console.html", headers={**headers, "Content-Type": "text/html; charset=utf-8"}
    )


async def static(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if name not in TYPES:
        raise web.HTTPNotFound()
    headers = {**SECURITY_HEADERS, "Content-Type": f"{TYPES[name]}; charset=utf-8"}
    return web.FileResponse(STATIC / name, headers={**headers, "Cache-Control": "no-cache"})


def person_of(viewer: Viewer, roles: Collection[Role]) -> Person:
    person = viewer.person
    if person is None or not person.active or person.role not in roles:
        raise refuse(403, "refused.console.not_staff", viewer.locale)
    return person


async def reader(request: web.Request, roles: Collection[Role] = STAFF) -> tuple[Viewer, Person]:
    """For a page's data: a signed-in member of staff in one of ``roles``."""
    viewer = await viewer_of(request)
    return viewer, person_of(viewer, roles)


async def writer(
    request: web.Request, roles: Collection[Role] = ADMIN
) -> tuple[Viewer, Person, dict[str, Any]]:
    """For a change: a known session from our origin with its CSRF token, at a person's pace,
    in one of ``roles``; and the JSON body."""
    data = await read_json(request)
    viewer = await viewer_of(request, data.get("locale"))
    state = state_of(request)
    if viewer.fresh or not same_origin(request):
        raise refuse(403, "web.error.csrf", viewer.locale)
    if not state.signer.check_csrf(viewer.session, request.headers.get("X-CSRF-Token")):
        raise refuse(403, "web.error.csrf", viewer.locale)
    if not request.app[LIMITER].allow(viewer.actor):
        raise refuse(429, "web.error.rate_limited", viewer.locale)
    return viewer, person_of(viewer, roles), data


def refused(refusal: Refused, locale: str) -> web.HTTPException:
    """A refusal from the core as the page shows it, with a status that says what kind."""
    status = 404 if refusal.key in NOT_FOUND else 403 if refusal.key in FORBIDDEN else 400
    return refuse(status, refusal.key, locale, **refusal.params)


def answer(request: web.Request, viewer: Viewer, data: Any) -> web.Response:
    return respond(request, viewer, data)


def text(data: dict[str, Any], name: str, limit: int = 200) -> str:
    value = data.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def words(data: dict[str, Any], name: str) -> tuple[str, ...]:
    """A list field: a JSON list of strings, or one string split at 、，, and spaces."""
    value = data.get(name)
    if isinstance(value, str):
        value = value.replace("，", ",").replace("、", ",").replace(" ", ",").split(",")
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(v.strip()[:50] for v in value if isinstance(v, str) and v.strip()))


def number(value: object) -> int:
    """An id from a path or body: digits only, within range; else 400."""
    text_value = str(value)
    if not (text_value.isascii() and text_value.isdigit()) or int(text_value) > MAX_ID:
        raise refuse(400, "web.error.bad_request")
    return int(text_value)
