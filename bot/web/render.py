"""Stored messages as the page shows them, rendered in the reader's language when read."""

import re
from typing import Any

from bot.charts import CHART_PREFIX
from core.messages import Reply
from db.web import PHOTO_PREFIX, WebMessage
from handlers.texts import CATALOGUES, DEFAULT_LOCALE, catalogue, render_option, render_reply

HOTLINE = re.compile(r"\d{3,5}")  # the numbers a resident is told to call (110、120)


def locale_of(value: object) -> str:
    return value if isinstance(value, str) and value in CATALOGUES else DEFAULT_LOCALE


def photo_url(photo: object) -> str | None:
    """Only our own uploads and charts can be shown; other channels' file ids have no web
    address."""
    if isinstance(photo, str) and photo.startswith(PHOTO_PREFIX):
        return f"/web/photo/{photo[len(PHOTO_PREFIX) :]}"
    if isinstance(photo, str) and photo.startswith(CHART_PREFIX):
        return f"/web/chart/{photo[len(CHART_PREFIX) :]}"
    return None


def message_json(message: WebMessage, locale: str) -> dict[str, Any]:
    base: dict[str, Any] = {"id": message.id, "kind": message.kind, "version": message.version}
    if message.kind == "user":
        return {
            **base,
            "text": str(message.body.get("text") or ""),
            "photo": photo_url(message.body.get("photo")),
            "options": [],
        }
    reply = Reply.from_json(message.body)
    return {
        **base,
        "key": reply.key,
        "text": render_reply(reply, locale),
        "calls": HOTLINE.findall(str(reply.params.get("hotlines") or "")),
        "photo": photo_url(reply.photo),
        "options": [
            {"label": render_option(option, locale), "value": option.value}
            for option in reply.options
        ],
    }


def labels(locale: str) -> dict[str, str]:
    """The page's own words: every ``web.*`` entry of the catalogue, plus state names."""
    texts = catalogue(locale)
    return {
        key: value for key, value in texts.items() if key.startswith(("web.", "status.", "role."))
    }
