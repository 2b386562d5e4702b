"""Broadcasts on the console: a small form (scope, grids, text) previewed with the count it
reaches and sent through the same core service as /broadcast; the recent ones with counts."""

import secrets
from typing import Any

from aiohttp import web

from bot.web.console.auth import number, reader, refused, text, writer
from bot.web.http import respond, state_of
from core import broadcasting
from core.broadcast_ports import Broadcast, Delivery
from core.cards import local_time
from core.context import Context
from core.errors import Refused
from core.records import Grid
from core.vocabulary import Role
from handlers.texts import render

SENDERS = frozenset({Role.ADMIN, Role.LEADER})


def item(b: Broadcast, d: Delivery, grids: list[Grid], ctx: Context, locale: str) -> dict[str, Any]:
    names = {g.id: g.name for g in grids}
    scope = (
        render("broadcast.scope_community", {}, locale)
        if b.scope == broadcasting.COMMUNITY
        else "、".join(names.get(g, "—") for g in b.grid_ids)
    )
    return {"id": b.id, "at": local_time(b.created_at, ctx), "scope": scope, "text": b.text,
            "queued": d.queued, "sent": d.sent, "waiting": d.waiting, "failed": d.failed,
            "skipped": b.skipped}  # fmt: skip


async def recent(request: web.Request) -> web.Response:
    viewer, person = await reader(request, SENDERS)
    state = state_of(request)
    ctx = state.linli.context()
    try:
        scopes = broadcasting.scopes_for(person)
        found = await broadcasting.recent(state.linli.uow(), person)
        grids = await broadcasting.grids_for(state.linli.uow(), person)
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    return respond(
        request,
        viewer,
        {
            "scopes": [
                {"value": s, "label": render(f"button.broadcast_{s}", {}, viewer.locale)}
                for s in scopes
            ],
            "grids": [{"value": g.id, "label": g.name} for g in grids],
            "broadcasts": [item(b, d, grids, ctx, viewer.locale) for b, d in found],
        },
    )


def chosen(data: dict[str, Any]) -> tuple[str, tuple[int, ...]]:
    grids = data.get("grids")
    ids = grids if isinstance(grids, list) else [grids] if grids else []
    return text(data, "scope", 16), tuple(number(g) for g in ids)


async def preview(request: web.Request) -> web.Response:
    viewer, person, data = await writer(request, SENDERS)
    state = state_of(request)
    scope, grid_ids = chosen(data)
    try:
        body = broadcasting.checked_text(text(data, "text", broadcasting.MAX_TEXT + 1))
        target = await broadcasting.audience(state.linli.uow(), person, scope, grid_ids)
        reach = await broadcasting.preview(state.linli.uow(), target)
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    notice, _ = broadcasting.notices(person, body)
    return respond(
        request,
        viewer,
        {
            "residents": reach.residents,
            "groups": reach.groups,
            "skipped": reach.skipped,
            "notice": render(notice.key, notice.params, viewer.locale),
            "token": secrets.token_hex(8),
        },
    )


async def send(request: web.Request) -> web.Response:
    viewer, person, data = await writer(request, SENDERS)
    state = state_of(request)
    scope, grid_ids = chosen(data)
    token = text(data, "token", 32)
    if len(token) != 16 or not token.isalnum():
        raise refused(Refused("refused.stale_button"), viewer.locale)
    body = text(data, "text", broadcasting.MAX_TEXT + 1)
    try:
        sent = await broadcasting.send(
            state.linli.uow(), state.linli.context(), person, scope, grid_ids, body, token
        )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    key = "broadcast.sent" if sent.fresh else "broadcast.already_sent"
    params = {"number": sent.broadcast.id, "queued": sent.queued, "skipped": sent.broadcast.skipped}
    return respond(
        request,
        viewer,
        {"number": sent.broadcast.id, "queued": sent.queued, "fresh": sent.fresh,
         "message": render(key, params, viewer.locale)},
    )  # fmt: skip
