"""Webhook mode (either library): Telegram POSTs updates to a route on the bot's own aiohttp
server. The answer is 200 only once the update is committed to the inbox; anything else (a
5xx when it cannot be stored) makes Telegram send it again."""

import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from bot.telegram.objects import AnyUpdate

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram/webhook"


def webhook_path(url: str) -> str:
    """The route is the path of the public URL (a proxy in front may keep it as is)."""
    return urlsplit(url).path or DEFAULT_PATH


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Parse = Callable[[Any], AnyUpdate]  # the library's Update from the JSON body
Receive = Callable[[Sequence[AnyUpdate]], Awaitable[None]]


def webhook_handler(parse: Parse, secret: str, receive: Receive) -> Handler:
    """Checks the secret token (403 otherwise), then stores the update before answering."""

    async def on_webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            logger.warning("telegram webhook: wrong or no secret token from %s", request.remote)
            return web.Response(status=403)
        try:
            update = parse(await request.json())
        except (ValueError, TypeError, KeyError, AttributeError):
            logger.warning("telegram webhook: body is not an update")
            return web.Response(status=400)
        try:
            await receive([update])
        except Exception:
            logger.exception("telegram webhook: update %s not stored", update.update_id)
            return web.Response(status=503)
        return web.Response()

    return on_webhook
