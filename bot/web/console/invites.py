"""Invite codes made on the console, shown with a QR code (SVG) that opens the sign-in page
with the code filled in; in chat, ``/start CODE`` does the same."""

import segno
from aiohttp import web

from bot.web.console.auth import refused, text, writer
from bot.web.http import respond, state_of
from core import onboarding
from core.cards import local_time
from core.errors import Refused
from core.vocabulary import Role

ROLES = {r.value: r for r in (Role.MEMBER, Role.LEADER, Role.ADMIN, Role.UNIT)}


def join_url(request: web.Request, code: str) -> str:
    return str(request.url.with_path("/join").with_query({"code": code}))


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI (dark on white, a quiet zone of four)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, dark="#222", light="#fff")


async def create(request: web.Request) -> web.Response:
    viewer, admin, data = await writer(request)
    state = state_of(request)
    ctx = state.linli.context()
    role = ROLES.get(text(data, "role", 16))
    if role is None:
        raise refused(Refused("refused.console.role", role=text(data, "role", 16)), viewer.locale)
    try:
        invite = await onboarding.create_invite(
            state.linli.uow(),
            ctx,
            role,
            text(data, "grid", 32).upper() or None,
            None,
            text(data, "unit", 32).upper() or None,
            community_id=admin.community_id,
        )
    except Refused as refusal:
        raise refused(refusal, viewer.locale) from None
    url = join_url(request, invite.code)
    return respond(
        request,
        viewer,
        {
            "code": invite.code,
            "url": url,
            "qr": qr_svg(url),
            "expires": local_time(invite.expires_at, ctx),
        },
    )
