"""What every web chat route shares: the channel's state, who is asking, and the guards
(session cookie, CSRF token, origin, body size, pace)."""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.web.render import locale_of
from bot.web.sender import Hub, WebSender
from bot.web.session import COOKIE, RateLimiter, Session, Signer, new_session, set_cookie
from bot.wiring import Linli
from core.records import Person
from core.vocabulary import Role
from handlers.texts import render

JSON_LIMIT = 64 * 1024  # a message of MAX_TEXT Chinese characters fits
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Cache-Control": "no-store",
}


@dataclass
class WebState:
    linli: Linli
    signer: Signer
    hub: Hub
    sender: WebSender
    uploads: Path
    limiter: RateLimiter = field(default_factory=RateLimiter)


STATE = web.AppKey("linli_web", WebState)


@dataclass
class Viewer:
    """The person behind a request, as far as this session proves it."""

    session: Session
    person: Person | None
    locale: str
    room: str | None = None
    room_name: str = ""
    fresh: bool = False

    @property
    def actor(self) -> str:
        return self.session.actor

    @property
    def role(self) -> Role | None:
        return self.person.role if self.person else None


def state_of(request: web.Request) -> WebState:
    return request.app[STATE]


async def room_of(state: WebState, person: Person | None) -> tuple[str | None, str]:
    """The web room a person may read: their grid's (members, leaders) or community's (admins)."""
    if person is None:
        return None, ""
    async with state.linli.uow() as uow:
        if person.role in (Role.MEMBER, Role.LEADER) and person.grid_id is not None:
            grid = await uow.places.grid(person.grid_id)
            return (f"grid:{grid.code}", grid.name) if grid else (None, "")
        if person.role == Role.ADMIN and person.community_id is not None:
            community = await uow.places.community(person.community_id)
            return (f"community:{community.code}", community.name) if community else (None, "")
    return None, ""


async def viewer_for(state: WebState, session: Session, locale: str, fresh: bool = False) -> Viewer:
    async with state.linli.uow() as uow:
        person = await uow.persons.by_identity("web", session.actor)
    if person is not None and not person.active:  # deactivated: a resident's view, no room
        person = replace(person, role=Role.RESIDENT)
    room, room_name = await room_of(state, person)
    return Viewer(session, person, locale, room, room_name, fresh)


async def viewer_of(request: web.Request, locale: object = None) -> Viewer:
    """Who asks: the signed cookie's session, or a new one when it is missing or forged."""
    state = state_of(request)
    session = state.signer.load(request.cookies.get(COOKIE))
    fresh = session is None
    if session is not None and not state.linli.settings.demo_mode:
        session = Session(session.uid)  # demo personas end with demo mode
    chosen = locale if locale is not None else request.query.get("locale")
    return await viewer_for(state, session or new_session(), locale_of(chosen), fresh)


def respond(request: web.Request, viewer: Viewer, data: Any, status: int = 200) -> web.Response:
    response = web.json_response(data, status=status, headers=SECURITY_HEADERS)
    if viewer.fresh:
        set_cookie(response, state_of(request).signer, viewer.session, request.secure)
    return response


def refuse(status: int, key: str, locale: str = "zh-CN", **params: Any) -> web.HTTPException:
    """An error the page shows as it is: its words come from the catalogue."""
    body = json.dumps({"error": key, "message": render(key, params, locale)}, ensure_ascii=False)
    error_classes: dict[int, type[web.HTTPException]] = {
        400: web.HTTPBadRequest,
        403: web.HTTPForbidden,
        404: web.HTTPNotFound,
        413: web.HTTPRequestEntityTooLarge,
        429: web.HTTPTooManyRequests,
    }
    error_class = error_classes[status]
    if status == 413:
        return web.HTTPRequestEntityTooLarge(
            max_size=0, actual_size=0, text=body, content_type="application/json"
        )
    return error_class(text=body, content_type="application/json")


def same_origin(request: web.Request) -> bool:
    """A browser names the page that sent a POST; it must be one of ours."""
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin is None
    return origin.split("://", 1)[-1] == request.host


async def guard(request: web.Request, locale: object = None, bucket: str = "") -> Viewer:
    """For a state-changing request: a known session, our origin, its CSRF token, its pace.

    The pace is counted per identity (a demo tab plays several), in ``bucket`` if given.
    """
    viewer = await viewer_of(request, locale)
    state = state_of(request)
    if viewer.fresh or not same_origin(request):
        raise refuse(403, "web.error.csrf", viewer.locale)
    if not state.signer.check_csrf(viewer.session, request.headers.get("X-CSRF-Token")):
        raise refuse(403, "web.error.csrf", viewer.locale)
    if not state.limiter.allow(f"{viewer.actor}{bucket}"):
        raise refuse(429, "web.error.rate_limited", viewer.locale)
    return viewer


async def read_json(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > JSON_LIMIT:
        raise refuse(413, "web.error.too_large")
    raw = await request.content.read(JSON_LIMIT + 1)
    if len(raw) > JSON_LIMIT:
        raise refuse(413, "web.error.too_large")
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        raise refuse(400, "web.error.bad_request") from None
    if not isinstance(data, dict):
        raise refuse(400, "web.error.bad_request")
    return data


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
