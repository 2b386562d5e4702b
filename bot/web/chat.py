"""The chat itself: who am I, my transcript, say something, press a chip, send a photo,
sign in with an invite code, and the live stream of what arrives."""

import asyncio
import contextlib
import json
import re
import uuid
from typing import Any

from aiohttp import web

from bot.web.http import (
    SECURITY_HEADERS,
    Viewer,
    WebState,
    guard,
    read_json,
    refuse,
    respond,
    set_cookie,
    state_of,
    viewer_of,
)
from bot.web.render import labels, message_json
from bot.web.sender import RELOAD, OwnMessage
from bot.web.uploads import discard_photo, read_photo_form, save_photo
from core.vocabulary import Role
from handlers.texts import CATALOGUES, render, render_reply
from handlers.types import Ack, ChatKind, Incoming

MAX_TEXT = 10_000  # the dialogs keep 2,000 characters of it and say so
MAX_PAYLOAD = 64
CLIENT_ID = re.compile(r"^[A-Za-z0-9-]{8,36}$")
INVITE = re.compile(r"^[A-Za-z0-9]{4,32}$")
HEARTBEAT_SECONDS = 15.0


def views_of(viewer: Viewer) -> list[str]:
    views = ["chat"]
    if viewer.room:
        views.append("room")
    if viewer.role in (Role.LEADER,):
        views.append("leader")
    if viewer.role in (None, Role.RESIDENT):
        views.append("signin")
    return views


def session_json(state: WebState, viewer: Viewer) -> dict[str, Any]:
    person = viewer.person
    return {
        "csrf": state.signer.csrf(viewer.session),
        "demo": state.linli.settings.demo_mode,
        "persona": viewer.session.persona,
        "role": str(person.role) if person else "resident",
        "name": person.name if person and person.role != Role.RESIDENT else "",
        "room": viewer.room_name,
        "views": views_of(viewer),
        "locale": viewer.locale,
        "locales": [
            {"code": code, "label": CATALOGUES[code]["web.locale_name"]} for code in CATALOGUES
        ],
        "labels": labels(viewer.locale),
    }


async def session(request: web.Request) -> web.Response:
    viewer = await viewer_of(request)
    return respond(request, viewer, session_json(state_of(request), viewer))


def chat_of(viewer: Viewer, name: object) -> str:
    """``private`` (this session's own chat) or ``room``; never an id taken from the URL."""
    if name == "room":
        if viewer.room is None:
            raise refuse(403, "web.error.not_in_room", viewer.locale)
        return viewer.room
    return viewer.actor


async def messages(request: web.Request) -> web.Response:
    viewer = await viewer_of(request)
    chat_id = chat_of(viewer, request.query.get("chat", "private"))
    async with state_of(request).linli.uow() as uow:
        rows = await uow.web.messages(chat_id)
    items = [message_json(m, viewer.locale) for m in rows]
    return respond(request, viewer, {"messages": items})


def incoming(
    state: WebState,
    viewer: Viewer,
    data: dict[str, Any],
    room: bool,
    name: str | None = None,
    **fields: Any,
) -> Incoming:
    client_id = str(data.get("client_id") or "")
    if not CLIENT_ID.match(client_id):
        client_id = uuid.uuid4().hex
    return Incoming(
        channel="web",
        chat_id=viewer.room if room and viewer.room else viewer.actor,
        user_id=viewer.actor,
        update_id=f"{viewer.session.uid}:{client_id}",
        chat_kind=ChatKind.GROUP if room else ChatKind.PRIVATE,
        user_name=user_name(viewer, state.linli.settings.demo_mode) if name is None else name,
        locale=viewer.locale,
        **fields,
    )


def user_name(viewer: Viewer, demo: bool) -> str:
    """Residents give no name on the web; the demo's resident borrows one from the catalogue."""
    if viewer.person is not None:
        return viewer.person.name
    return render("web.demo.resident_name", {}, viewer.locale) if demo else ""


def ack_json(ack: Ack, locale: str) -> dict[str, Any]:
    return {
        "toast": render_reply(ack.toast, locale) if ack.toast else None,
        "duplicate": ack.duplicate,
    }


async def send(request: web.Request) -> web.Response:
    data = await read_json(request)
    viewer = await guard(request, data.get("locale"))
    state = state_of(request)
    room = data.get("chat") == "room"
    if room:
        chat_of(viewer, "room")
    payload = data.get("payload")
    text = str(data.get("text") or "").strip()
    if len(text) > MAX_TEXT:
        raise refuse(413, "web.error.too_long", viewer.locale)
    own = None
    if payload is not None:
        if not isinstance(payload, str) or not 0 < len(payload) <= MAX_PAYLOAD:
            raise refuse(400, "web.error.bad_request", viewer.locale)
        event = incoming(state, viewer, data, room, payload=payload)
    elif room or not text:
        raise refuse(400, "web.error.bad_request", viewer.locale)
    else:
        event = incoming(state, viewer, data, room, text=text)
        own = OwnMessage(viewer.actor, text)  # commands too: the person sees what they sent
    ack = await handle(state, event, own)
    return respond(request, viewer, ack_json(ack, viewer.locale))


async def handle(state: WebState, event: Incoming, own: OwnMessage | None) -> Ack:
    """The turn, with the person's own message (if any) stored and shown along with it."""
    ack = await state.linli.dispatcher.handle(event, own)
    if own is not None:
        state.sender.show_own(own)
    return ack


async def upload(request: web.Request) -> web.Response:
    viewer = await guard(request, request.query.get("locale"))
    data, caption = await read_photo_form(request, viewer.locale)
    photo = save_photo(request, viewer, data)
    state = state_of(request)
    own = OwnMessage(viewer.actor, caption, photo)
    event = incoming(state, viewer, dict(request.query), False, text=caption, photo=photo.ref)
    try:
        ack = await handle(state, event, own)
    finally:
        if own.stored is None:
            discard_photo(request, photo)
    return respond(request, viewer, ack_json(ack, viewer.locale))


async def signin(request: web.Request) -> web.Response:
    """Members and leaders redeem their invite code: ``/start CODE`` through the dialogs."""
    data = await read_json(request)
    viewer = await guard(request, data.get("locale"))
    code = str(data.get("code") or "").strip()
    if not INVITE.match(code):
        raise refuse(400, "refused.invite.unknown", viewer.locale)
    state = state_of(request)
    # a newcomer's name is asked for in the chat, never the demo resident's borrowed
    event = incoming(state, viewer, data, False, name="", text=f"/start {code}")
    ack = await state.linli.dispatcher.handle(event)
    after = await viewer_of(request, viewer.locale)
    return respond(
        request,
        after,
        {**ack_json(ack, viewer.locale), "session": session_json(state_of(request), after)},
    )


async def events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: every new or edited message of my chat and my room."""
    viewer = await viewer_of(request)
    state = state_of(request)
    chats = {viewer.actor: "private", **({viewer.room: "room"} if viewer.room else {})}
    response = web.StreamResponse(
        headers={**SECURITY_HEADERS, "Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
    )
    if viewer.fresh:
        set_cookie(response, state.signer, viewer.session, request.secure)
    await response.prepare(request)
    queue = state.hub.subscribe(list(chats))
    try:
        await response.write(b"retry: 2000\nevent: ready\ndata: {}\n\n")
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")
                continue
            if item is None:
                break
            if item == RELOAD:
                await response.write(b"event: reload\ndata: {}\n\n")
                continue
            assert not isinstance(item, str)
            body = {"chat": chats[item.chat_id], "message": message_json(item, viewer.locale)}
            await response.write(f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode())
    except ConnectionResetError:
        pass
    finally:
        state.hub.unsubscribe(list(chats), queue)
    with contextlib.suppress(ConnectionResetError, RuntimeError):
        await response.write_eof()
    return response
