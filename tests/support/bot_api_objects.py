"""Stateless pieces of the fake Bot API: errors, parameter decoding and object builders."""

from __future__ import annotations

import json
import re
import struct
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

JSONDict = dict[str, Any]

# Parameters that are strings in the Bot API even when they look like JSON ("123", "true").
# Every other form field is JSON-decoded: PTB and aiogram send ints, bools and nested objects
# as JSON text in form fields.
_STRING_PARAMS = frozenset(
    {
        "action", "address", "animation", "audio", "business_connection_id", "callback_query_id",
        "caption", "custom_title", "description", "document", "emoji", "file_id", "first_name",
        "inline_message_id", "ip_address", "language_code", "last_name", "message_effect_id",
        "name", "parse_mode", "phone_number", "photo", "query", "secret_token",
        "short_description", "sticker", "text", "thumbnail", "title", "url", "video", "voice",
    }
)  # fmt: skip


class ApiError(Exception):
    """A Bot API failure; served with ``error_code`` as the HTTP status, as Telegram does."""

    def __init__(self, error_code: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def envelope(self) -> JSONDict:
        body: JSONDict = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    data: bytes


def decode_param(name: str, value: Any) -> Any:
    """Turn a form field (always text) into the typed value the Bot API would see."""
    if not isinstance(value, str) or name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id="@channel"


def utf16_len(text: str) -> int:
    """Entity offsets and lengths are counted in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def command_entities(text: str) -> list[JSONDict]:
    """``bot_command`` entities for every ``/command`` in a user's text, as clients send them."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _COMMAND.finditer(text)
    ]


_HTML_ENTITY_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "code": "code", "pre": "pre", "a": "text_link", "tg-spoiler": "spoiler", "span": "spoiler",
    "blockquote": "blockquote",
}  # fmt: skip


class _TelegramHtml(HTMLParser):
    """Telegram's ``parse_mode=HTML``: supported tags become entities, anything else is a 400."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.entities: list[JSONDict] = []
        self._open: list[tuple[str, int, JSONDict]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        kind = _HTML_ENTITY_TYPES.get(tag)
        if kind is None or (tag == "span" and attributes.get("class") != "tg-spoiler"):
            raise bad_request(f'can\'t parse entities: Unsupported start tag "{tag}"')
        entity: JSONDict = {"type": kind}
        if tag == "a":
            entity["url"] = attributes.get("href") or ""
        self._open.append((tag, utf16_len(self.text), entity))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            raise bad_request(f'can\'t parse entities: Unexpected end tag "{tag}"')
        _, start, entity = self._open.pop()
        if length := utf16_len(self.text) - start:
            self.entities.append({**entity, "offset": start, "length": length})

    def handle_data(self, data: str) -> None:
        self.text += data

    def parse(self, markup: str) -> tuple[str, list[JSONDict]]:
        self.feed(markup)
        self.close()
        if self._open:
            raise bad_request(
                f"can't parse entities: Can't find end tag corresponding to start tag "
                f'"{self._open[-1][0]}"'
            )
        return self.text, sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))


def formatted_text(
    text: str, parse_mode: str | None, entities: list[JSONDict] | None
) -> tuple[str, list[JSONDict] | None]:
    """Text and entities as stored by Telegram. Only HTML is parsed; Markdown stays verbatim."""
    if parse_mode and parse_mode.upper() == "HTML":
        text, entities = _TelegramHtml().parse(text)
    return text, entities or None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or JPEG image, None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments up to the start-of-frame header that holds the size."""
    position = 2
    while position + 9 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
    return None


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A valid red PNG, for tests that send or receive photos."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def chat_object(
    chat_id: int, *, title: str | None = None, user: JSONDict | None = None
) -> JSONDict:
    """A Chat: private for positive ids, supergroup for -100… ids, group otherwise."""
    if chat_id > 0:
        chat: JSONDict = {"id": chat_id, "type": "private"}
        if user is not None:
            chat |= {k: user[k] for k in ("first_name", "last_name", "username") if k in user}
        return chat
    kind = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
    return {"id": chat_id, "type": kind, "title": title or f"group {-chat_id}"}


def chat_full_info(chat: JSONDict) -> JSONDict:
    """getChat's ChatFullInfo: the Chat plus the fields PTB 22 and aiogram 3 require."""
    gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
    return chat | {
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys((*gifts, "gifts_from_channels"), False),
    }


_ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories", "can_pin_messages",
)  # fmt: skip
_RESTRICTIONS = (
    "can_change_info", "can_invite_users", "can_pin_messages", "can_send_messages",
    "can_send_polls", "can_send_other_messages", "can_add_web_page_previews", "can_manage_topics",
    "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
    "can_send_video_notes", "can_send_voice_notes", "can_edit_tag", "can_react_to_messages",
)  # fmt: skip
_MEMBER_DEFAULTS: dict[str, JSONDict] = {
    "creator": {"is_anonymous": False},
    "administrator": {"can_be_edited": False, "is_anonymous": False}
    | dict.fromkeys(_ADMIN_RIGHTS, True),
    "member": {},
    "restricted": {"is_member": True, "until_date": 0} | dict.fromkeys(_RESTRICTIONS, False),
    "left": {},
    "kicked": {"until_date": 0},
}


def chat_member_object(user: JSONDict, status: str, fields: JSONDict) -> JSONDict:
    """A ChatMember of the given status with every field the libraries require."""
    if status not in _MEMBER_DEFAULTS:
        raise ValueError(f"unknown chat member status {status!r}")
    return {"status": status, "user": user} | _MEMBER_DEFAULTS[status] | fields
