"""State of the fake Bot API and the plain-Python control surface tests use."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

from .bot_api_objects import (
    ApiError,
    JSONDict,
    chat_member_object,
    chat_object,
    command_entities,
    image_size,
)

T = TypeVar("T")

# Update types delivered when no allowed_updates were given (Bot API docs of getUpdates).
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes

    def describe(self) -> JSONDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }

    def photo_sizes(self) -> list[JSONDict]:
        size = image_size(self.data)
        if size is None:
            raise ValueError("not a PNG, GIF or JPEG image")
        return [self.describe() | {"width": size[0], "height": size[1]}]


class BotApiState:
    """Users, chats, messages, files and updates of one fake bot, plus recording and control.

    Everything here is synchronous and meant to be called from the test's event loop.
    """

    def __init__(self, token: str, bot_username: str, bot_name: str) -> None:
        self.token = token
        self.bot_user: JSONDict = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.calls: list[tuple[str, JSONDict]] = []
        self.latency = 0.0
        self.users: dict[int, JSONDict] = {}
        self.chats: dict[int, JSONDict] = {}
        self.reply_keyboards: dict[int, JSONDict] = {}
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_error: tuple[int, str] | None = None
        self.pending_updates: list[JSONDict] = []
        self.call_times: list[float] = []  # time.time() of each call, beside ``calls``
        self.acknowledged = 0  # the highest update id a getUpdates offset has confirmed
        self.allowed_updates: list[str] = []
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._chat_messages: dict[int, list[int]] = {}  # message ids per chat, in order
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._files: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._members: dict[tuple[int, int], JSONDict] = {}
        self._blocked: set[int] = set()
        self._failures: dict[str, list[ApiError]] = {}
        self._consumed_calls: set[int] = set()
        self._poll_generation = 0
        self._changed = asyncio.Event()
        self._closing = False

    # -- users and chats -------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "zh-hans",
    ) -> JSONDict:
        """Register a user who has started the bot (so their private chat exists)."""
        user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"user{user_id}",
            **({"last_name": last_name} if last_name else {}),
            "username": username or f"user{user_id}",
            "language_code": language_code,
        }
        self.users[user_id] = user
        self.chats[user_id] = chat_object(user_id, user=user)
        return user

    def add_chat(self, chat_id: int, title: str | None = None) -> JSONDict:
        """Register a group (negative id; -100… ids are supergroups) the bot is a member of."""
        if chat_id >= 0:
            raise ValueError("group chats have negative ids; private chats come from add_user")
        self.chats[chat_id] = chat_object(chat_id, title=title)
        return self.chats[chat_id]

    def set_chat_member(self, chat_id: int, user_id: int, status: str, **fields: Any) -> None:
        """What getChatMember answers for this user in this chat (default: "member")."""
        self._members[chat_id, user_id] = chat_member_object(self._user(user_id), status, fields)

    def chat_member(self, chat_id: int, user_id: int) -> JSONDict:
        member = self._members.get((chat_id, user_id))
        return member or chat_member_object(self._user(user_id), "member", {})

    def _user(self, user: JSONDict | int) -> JSONDict:
        if isinstance(user, dict):
            registered = self.add_user(user["id"])
            registered.update(user)
            self.chats[user["id"]] = chat_object(user["id"], user=registered)
            return registered
        return self.users.get(user) or self.add_user(user)

    def _chat(self, chat: JSONDict | int | None, sender: JSONDict) -> JSONDict:
        if chat is None:
            return self.chats[sender["id"]]
        if isinstance(chat, dict):
            self.chats[chat["id"]] = chat_object(chat["id"], title=chat.get("title")) | chat
            return self.chats[chat["id"]]
        return self.chats.get(chat) or self.add_chat(chat)

    # -- messages and files ----------------------------------------------------------------

    def _new_message(self, chat: JSONDict, sender: JSONDict) -> JSONDict:
        counter = self._message_ids.setdefault(chat["id"], itertools.count(1))
        return {"message_id": next(counter), "from": sender, "chat": chat, "date": int(time.time())}

    def _store_message(self, message: JSONDict) -> JSONDict:
        key = (message["chat"]["id"], message["message_id"])
        if key not in self._messages:
            self._chat_messages.setdefault(key[0], []).append(key[1])
        self._messages[key] = message
        return copy.deepcopy(message)

    def store_file(self, data: bytes, folder: str, suffix: str) -> StoredFile:
        number = next(self._file_counter)
        digest = hashlib.sha256(data).hexdigest()
        stored = StoredFile(
            file_id=f"{folder}-{number}-{digest[:24]}",
            file_unique_id=digest[:16],
            file_path=f"{folder}/file_{number}{suffix}",
            data=data,
        )
        self._files[stored.file_id] = stored
        return stored

    def file_by_path(self, file_path: str) -> StoredFile | None:
        return next((f for f in self._files.values() if f.file_path == file_path), None)

    def sent_to(self, chat_id: int) -> list[JSONDict]:
        """Messages the bot sent to this chat and did not delete, in their current state."""
        in_chat = (self._messages.get((chat_id, i)) for i in self._chat_messages.get(chat_id, ()))
        return [
            copy.deepcopy(message)
            for message in in_chat
            if message is not None and message["from"]["id"] == self.bot_user["id"]
        ]

    def calls_of(self, method: str) -> list[JSONDict]:
        """Parameters of every recorded call of this Bot API method, oldest first."""
        return [params for name, params in self.calls if name == method]

    # -- injecting user activity -----------------------------------------------------------

    def user_sends(
        self,
        user: JSONDict | int,
        chat: JSONDict | int | None = None,
        *,
        text: str | None = None,
        photo: bytes | None = None,
        caption: str | None = None,
        location: tuple[float, float] | None = None,
    ) -> JSONDict:
        """Queue a ``message`` Update from a user (private chat unless ``chat`` is given)."""
        sender = self._user(user)
        message = self._new_message(self._chat(chat, sender), sender)
        if text is not None:
            message["text"] = text
            if entities := command_entities(text):
                message["entities"] = entities
        if photo is not None:
            message["photo"] = self.store_file(photo, "photos", ".jpg").photo_sizes()
        if caption is not None:
            message["caption"] = caption
            if entities := command_entities(caption):
                message["caption_entities"] = entities
        if location is not None:
            message["location"] = {"latitude": location[0], "longitude": location[1]}
        if not {"text", "photo", "location"} & message.keys():
            raise ValueError("a message needs text, a photo or a location")
        return self._push_update("message", self._store_message(message))

    def user_presses(self, user: JSONDict | int, message: JSONDict, callback_data: str) -> JSONDict:
        """Queue a ``callback_query`` Update for an inline button of a message the bot sent."""
        stored = self._messages.get((message["chat"]["id"], message["message_id"]))
        if stored is None:
            raise ValueError("that message does not exist (any more)")
        rows = stored.get("reply_markup", {}).get("inline_keyboard", [])
        if callback_data not in [button.get("callback_data") for row in rows for button in row]:
            raise ValueError(f"no inline button with callback_data {callback_data!r}")
        query_id = str(4_000_000_000_000_000 + next(self._callback_ids))
        self._open_callbacks.add(query_id)
        query = {
            "id": query_id,
            "from": self._user(user),
            "message": copy.deepcopy(stored),
            "chat_instance": str(abs(stored["chat"]["id"]) * 7919),
            "data": callback_data,
        }
        return self._push_update("callback_query", query)

    def _push_update(self, kind: str, payload: JSONDict) -> JSONDict:
        update = {"update_id": next(self._update_ids), kind: payload}
        if self.allowed_updates:
            delivered = kind in self.allowed_updates
        else:
            delivered = kind not in _OPT_IN_UPDATES
        if delivered:
            self.pending_updates.append(update)
            self._notify()
        return copy.deepcopy(update)

    # -- fault injection -------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error_code: int = 429,
        description: str | None = None,
        *,
        retry_after: int = 2,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail. A 429 carries ``retry_after``."""
        if error_code == HTTPStatus.TOO_MANY_REQUESTS:
            default = f"Too Many Requests: retry after {retry_after}"
            error = ApiError(error_code, description or default, {"retry_after": retry_after})
        else:
            error = ApiError(error_code, description or HTTPStatus(error_code).phrase)
        self._failures.setdefault(method.lower(), []).extend([error] * times)

    def block_user(self, chat_id: int) -> None:
        """Sends and edits to this chat fail with 403 "bot was blocked by the user"."""
        self._blocked.add(chat_id)

    def unblock_user(self, chat_id: int) -> None:
        self._blocked.discard(chat_id)

    # -- waiting ---------------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_until(self, predicate: Callable[[], T], timeout: float) -> T:
        """The first truthy ``predicate()``, re-checked on every state change, or the last one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (result := predicate()) and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                break
        return result

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Wait until ``predicate()`` is truthy (checked after every request) and return it."""
        result = await self._wait_until(predicate, timeout)
        if not result:
            recent = [name for name, _ in self.calls[-10:]]
            raise TimeoutError(f"condition not met within {timeout}s; last calls: {recent}")
        return result

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[JSONDict], bool] | None = None,
        timeout: float = 5.0,
    ) -> JSONDict:
        """Parameters of the oldest call of ``method`` (matching ``predicate``) not yet returned
        by an earlier ``wait_for_call``, waiting for it if necessary."""

        def unclaimed() -> tuple[JSONDict] | None:
            for index, (name, params) in enumerate(self.calls):
                claimed = name != method or index in self._consumed_calls
                if not claimed and (predicate is None or predicate(params)):
                    self._consumed_calls.add(index)
                    return (params,)
            return None

        (params,) = await self.wait_for(unclaimed, timeout)
        return params
