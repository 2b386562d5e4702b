"""The message catalogue: every user-facing string, zh-CN first, English second.

The core and the dialogs speak in keys and parameters; adapters call :func:`render`.
A parameter may itself be a catalogue entry (``{"$t": "status.claimed"}``) so that it
is rendered in the reader's language too.
"""

import logging
from collections.abc import Mapping
from typing import Any

from core.messages import Option, Reply
from handlers.texts import en, zh_cn

logger = logging.getLogger(__name__)

CATALOGUES: dict[str, Mapping[str, str]] = {"zh-CN": zh_cn.TEXTS, "en": en.TEXTS}
DEFAULT_LOCALE = "zh-CN"


def catalogue(locale: str) -> Mapping[str, str]:
    return CATALOGUES.get(locale) or CATALOGUES[DEFAULT_LOCALE]


def _value(value: Any, locale: str) -> Any:
    if isinstance(value, dict) and "$t" in value:
        return render(value["$t"], value.get("params") or {}, locale)
    if isinstance(value, list):
        return "\n".join(str(_value(item, locale)) for item in value)
    return value


class _Params(dict[str, Any]):
    """Placeholders a caller forgot are logged and left empty, never a crash mid-send."""

    def __init__(self, key: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.key = key

    def __missing__(self, name: str) -> str:
        logger.error("catalogue key %s rendered without placeholder %s", self.key, name)
        return ""


def render(key: str, params: Mapping[str, Any] | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """The text of ``key`` with its named placeholders filled."""
    template = catalogue(locale).get(key) or CATALOGUES[DEFAULT_LOCALE].get(key)
    if template is None:
        logger.error("missing catalogue key %s", key)
        return key
    values = {name: _value(value, locale) for name, value in (params or {}).items()}
    return template.format_map(_Params(key, values))


def render_reply(reply: Reply, locale: str = DEFAULT_LOCALE) -> str:
    return render(reply.key, reply.params, locale)


def render_option(option: Option, locale: str = DEFAULT_LOCALE) -> str:
    return render(option.label, option.params, locale)
