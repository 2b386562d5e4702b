"""The Bot API objects as python-telegram-bot and aiogram both model them.

Both libraries name their fields after the Bot API, so code that reads updates is written once
against these Protocols (read-only properties: each library's classes satisfy them as they are)
and shared by both adapters. Every Telegram event carries the channel name ``telegram``,
whichever library fetched it: identities, group bindings and the inbox stay the same when a
deployment switches library.
"""

from collections.abc import Sequence
from typing import Protocol

CHANNEL = "telegram"
GROUP_TYPES = ("group", "supergroup")
ALLOWED_UPDATES = ["message", "callback_query"]


class AnyUser(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def is_bot(self) -> bool: ...
    @property
    def username(self) -> str | None: ...
    @property
    def full_name(self) -> str: ...


class AnyChat(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def type(self) -> str: ...


class AnyPhotoSize(Protocol):
    @property
    def file_id(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def file_size(self) -> int | None: ...


class AnyLocation(Protocol):
    @property
    def latitude(self) -> float: ...
    @property
    def longitude(self) -> float: ...


class InChat(Protocol):
    """A message, or what is left of an old one (a button under it can still be pressed)."""

    @property
    def chat(self) -> AnyChat: ...


class AnyMessage(InChat, Protocol):
    @property
    def from_user(self) -> AnyUser | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def caption(self) -> str | None: ...
    @property
    def photo(self) -> Sequence[AnyPhotoSize] | None: ...
    @property
    def location(self) -> AnyLocation | None: ...
    @property
    def new_chat_members(self) -> Sequence[AnyUser] | None: ...
    @property
    def migrate_to_chat_id(self) -> int | None: ...
    @property
    def migrate_from_chat_id(self) -> int | None: ...


class AnyCallbackQuery(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def from_user(self) -> AnyUser: ...
    @property
    def data(self) -> str | None: ...
    @property
    def message(self) -> InChat | None: ...


class AnyUpdate(Protocol):
    @property
    def update_id(self) -> int: ...
    @property
    def message(self) -> AnyMessage | None: ...
    @property
    def callback_query(self) -> AnyCallbackQuery | None: ...
