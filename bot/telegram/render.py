"""A core :class:`Reply` as Telegram shows it: plain text, the rows of an inline keyboard, a
photo. Library-neutral: each adapter turns :class:`Button` rows into its own markup."""

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from core.messages import Option
from handlers.texts import render_option

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
WIDE_LABEL = 16  # display columns (a Chinese character is two); wider labels get a row alone
ELLIPSIS = "…"

# Telegram file ids are URL-safe base64; a web-chat upload ("web:…") or a test stub is not one.
_FILE_ID = re.compile(r"[A-Za-z0-9_-]{16,}")


def looks_like_file_id(photo: str | None) -> bool:
    return photo is not None and _FILE_ID.fullmatch(photo) is not None


def utf16_len(text: str) -> int:
    """Telegram measures message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def width(label: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label)


class CallbackDataTooLong(ValueError):
    """A button payload over Telegram's 64 bytes: the core's payloads never are."""


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: its label and the ``callback_data`` a press sends back."""

    text: str
    data: str


Keyboard = list[list[Button]]


def keyboard(options: Sequence[Option], locale: str) -> Keyboard | None:
    """Two buttons a row, a wide label on a row of its own; None when there are no options."""
    if not options:
        return None
    rows: Keyboard = []
    for option in options:
        if len(option.value.encode()) > CALLBACK_DATA_LIMIT:
            raise CallbackDataTooLong(option.value)
        label = render_option(option, locale)
        button = Button(label, option.value)
        last = rows[-1] if rows else None
        if (
            last is not None
            and len(last) == 1
            and width(label) <= WIDE_LABEL
            and width(last[0].text) <= WIDE_LABEL
        ):
            last.append(button)
        else:
            rows.append([button])
    return rows


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Parts of at most ``limit`` UTF-16 units, cut at a line break when there is one."""
    return list(_parts(text, limit)) or [text]


def _parts(text: str, limit: int) -> Iterator[str]:
    while utf16_len(text) > limit:
        cut = _fit(text, limit)
        newline = text.rfind("\n", 0, cut)
        if newline > cut // 2:
            cut = newline + 1
        yield text[:cut]
        text = text[cut:]
    if text:
        yield text


def _fit(text: str, limit: int) -> int:
    """The longest prefix length (in characters) that fits ``limit`` UTF-16 units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def truncate(text: str, limit: int) -> str:
    if utf16_len(text) <= limit:
        return text
    return text[: _fit(text, limit - 1)] + ELLIPSIS
