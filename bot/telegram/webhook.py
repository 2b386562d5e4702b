"""Webhook mode: Telegram POSTs updates to a route on the bot's own aiohttp server."""

import hmac
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram/webhook"


def webhook_path(url: str) -> str:
    """The route is the path of the public URL (a proxy in front may keep it as is)."""
    return urlsplit(url).path or DEFAULT_PATH


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def webhook_handler(application: Application, secret: str) -> Handler:
    """Checks the secret token (403 otherwise) and queues the update for the application."""

    async def on_webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            logger.warning("telegram webhook: wrong or no secret token from %s", request.remote)
            return web.Response(status=403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            logger.warning("telegram webhook: body is not an update")
            return web.Response(status=400)
        await application.update_queue.put(update)
        return web.Response()

    return on_webhook
