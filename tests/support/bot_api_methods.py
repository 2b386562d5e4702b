"""The Bot API methods the fake server implements, on top of :class:`BotApiState`."""

from __future__ import annotations

import copy
import json
import mimetypes
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import PurePath
from typing import Any

from .bot_api_objects import (
    ApiError,
    JSONDict,
    Upload,
    bad_request,
    chat_full_info,
    formatted_text,
    utf16_len,
)
from .bot_api_state import BotApiState, StoredFile

Handler = Callable[[JSONDict], Awaitable[Any]]

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_BAD_QUERY = "query is too old and response timeout expired or query ID is invalid"
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")


def _inline_markup(params: JSONDict) -> JSONDict | None:
    """The reply_markup a Message carries: only non-empty inline keyboards are echoed."""
    markup = params.get("reply_markup")
    return markup if isinstance(markup, dict) and markup.get("inline_keyboard") else None


def _scope_key(params: JSONDict) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), params.get("language_code") or ""


class BotApiMethods(BotApiState):
    """Dispatches Bot API calls (method name, decoded parameters) to their implementations."""

    def __init__(self, token: str, bot_username: str, bot_name: str) -> None:
        super().__init__(token, bot_username, bot_name)
        handlers: dict[str, Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "getFile": self._get_file,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
        }
        # Telegram matches method names case-insensitively.
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

    async def call(self, method: str, params: JSONDict) -> Any:
        """Record and execute one Bot API call; raises :class:`ApiError` for failures."""
        name, handler = self._handlers.get(method.lower(), (method, None))
        self.calls.append((name, params))
        self.call_times.append(time.time())
        self._notify()
        try:
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            if failures := self._failures.get(name.lower()):
                raise failures.pop(0)
            return await handler(params)
        finally:
            self._notify()

    # -- parameter helpers -----------------------------------------------------------------

    def _known_chat(self, params: JSONDict) -> JSONDict:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self.chats:
            raise bad_request("chat not found")
        return self.chats[chat_id]

    def _target_chat(self, params: JSONDict) -> JSONDict:
        """The chat a send or edit goes to; blocked users answer 403."""
        chat = self._known_chat(params)
        if chat["id"] in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _file_param(self, params: JSONDict, name: str, folder: str) -> StoredFile:
        value = params.get(name)
        if isinstance(value, Upload):
            suffix = PurePath(value.filename).suffix if folder == "documents" else ".jpg"
            return self.store_file(value.data, folder, suffix)
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if not value:
            raise bad_request(f"there is no {name} in the request")
        raise bad_request("wrong file identifier/HTTP URL specified")

    @staticmethod
    def _text(params: JSONDict, key: str, entities_key: str, limit: int) -> JSONDict:
        text, entities = formatted_text(
            params.get(key) or "", params.get("parse_mode"), params.get(entities_key)
        )
        if utf16_len(text) > limit:
            raise bad_request(f"message {'is' if key == 'text' else 'caption is'} too long")
        return {key: text or None, entities_key: entities}

    def _send(self, params: JSONDict, content: JSONDict) -> JSONDict:
        chat = self._target_chat(params)
        message = self._new_message(chat, self.bot_user)
        reply_to = (params.get("reply_parameters") or {}).get("message_id") or params.get(
            "reply_to_message_id"
        )
        if reply_to is not None:
            original = self._messages.get((chat["id"], reply_to))
            if original is None:
                raise bad_request("message to be replied not found")
            message["reply_to_message"] = {
                k: v for k, v in copy.deepcopy(original).items() if k != "reply_to_message"
            }
        markup = params.get("reply_markup") or {}
        if "keyboard" in markup:
            self.reply_keyboards[chat["id"]] = markup
        elif markup.get("remove_keyboard"):
            self.reply_keyboards.pop(chat["id"], None)
        content |= {"reply_markup": _inline_markup(params)}
        message |= {key: value for key, value in content.items() if value is not None}
        return self._store_message(message)

    def _stored_bot_message(self, params: JSONDict, missing: str) -> JSONDict:
        chat = self._known_chat(params)
        if params.get("message_id") is None:
            raise bad_request("message identifier is not specified")
        message = self._messages.get((chat["id"], params["message_id"]))
        if message is None:
            raise bad_request(missing)
        return message

    def _edit(self, params: JSONDict, changes: JSONDict) -> JSONDict:
        self._target_chat(params)
        message = self._stored_bot_message(params, "message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        updated = {k: v for k, v in (message | changes).items() if v is not None}
        if updated == message:
            raise bad_request(_NOT_MODIFIED)
        return self._store_message(updated | {"edit_date": int(time.time())})

    # -- methods ---------------------------------------------------------------------------

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return self.bot_user | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self.acknowledged = max(self.acknowledged, offset - 1)
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        elif offset < 0:
            self.pending_updates = self.pending_updates[offset:]
        if params.get("allowed_updates") is not None:
            self.allowed_updates = list(params["allowed_updates"])
        self._poll_generation += 1
        generation = self._poll_generation
        await self._wait_until(
            lambda: self.pending_updates or generation != self._poll_generation,
            float(params.get("timeout") or 0),
        )
        if generation != self._poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        return copy.deepcopy(self.pending_updates[:limit])

    async def _set_webhook(self, params: JSONDict) -> bool:
        if params.get("drop_pending_updates"):
            self.pending_updates.clear()
        if params.get("allowed_updates") is not None:
            self.allowed_updates = list(params["allowed_updates"])
        self.webhook_url = params.get("url") or ""
        self.webhook_secret = params.get("secret_token")
        self.webhook_error = None
        return True

    async def _delete_webhook(self, params: JSONDict) -> bool:
        return await self._set_webhook({"drop_pending_updates": params.get("drop_pending_updates")})

    async def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending_updates),
        }
        if self.webhook_url:
            info |= {"max_connections": 40}
            if self.allowed_updates:
                info["allowed_updates"] = self.allowed_updates
        if self.webhook_error:
            info |= {"last_error_date": self.webhook_error[0]}
            info |= {"last_error_message": self.webhook_error[1]}
        return info

    async def _send_message(self, params: JSONDict) -> JSONDict:
        content = self._text(params, "text", "entities", 4096)
        if content["text"] is None:
            raise bad_request("message text is empty")
        return self._send(params, content)

    async def _send_photo(self, params: JSONDict) -> JSONDict:
        self._target_chat(params)
        content = self._text(params, "caption", "caption_entities", 1024)
        try:
            photo = self._file_param(params, "photo", "photos").photo_sizes()
        except ValueError:
            raise bad_request("IMAGE_PROCESS_FAILED") from None
        return self._send(params, content | {"photo": photo})

    async def _send_document(self, params: JSONDict) -> JSONDict:
        self._target_chat(params)
        content = self._text(params, "caption", "caption_entities", 1024)
        stored = self._file_param(params, "document", "documents")
        document = stored.describe()
        if isinstance(params["document"], Upload):
            name = params["document"].filename
            mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            document |= {"file_name": name, "mime_type": mime_type}
        return self._send(params, content | {"document": document})

    async def _send_chat_action(self, params: JSONDict) -> bool:
        self._target_chat(params)
        if not params.get("action"):
            raise bad_request("action is empty")
        return True

    async def _edit_message_text(self, params: JSONDict) -> JSONDict:
        message = self._stored_bot_message(params, "message to edit not found")
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        content = self._text(params, "text", "entities", 4096)
        if content["text"] is None:
            raise bad_request("message text is empty")
        return self._edit(params, content | {"reply_markup": _inline_markup(params)})

    async def _edit_message_caption(self, params: JSONDict) -> JSONDict:
        message = self._stored_bot_message(params, "message to edit not found")
        if "text" in message:
            raise bad_request("there is no caption in the message to edit")
        content = self._text(params, "caption", "caption_entities", 1024)
        return self._edit(params, content | {"reply_markup": _inline_markup(params)})

    async def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        return self._edit(params, {"reply_markup": _inline_markup(params)})

    async def _delete_message(self, params: JSONDict) -> bool:
        message = self._stored_bot_message(params, "message to delete not found")
        del self._messages[message["chat"]["id"], message["message_id"]]
        return True

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = params.get("callback_query_id")
        if query_id not in self._open_callbacks:
            raise bad_request(_BAD_QUERY)
        self._open_callbacks.discard(query_id)
        return True

    async def _get_file(self, params: JSONDict) -> JSONDict:
        stored = self._files.get(params.get("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return stored.describe() | {"file_path": stored.file_path}

    async def _get_chat(self, params: JSONDict) -> JSONDict:
        return chat_full_info(self._known_chat(params))

    async def _get_chat_member(self, params: JSONDict) -> JSONDict:
        chat = self._known_chat(params)
        if params.get("user_id") not in self.users:
            raise bad_request("user not found")
        return self.chat_member(chat["id"], params["user_id"])

    async def _set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("commands are empty")
        for command in commands:
            description = command.get("description") or ""
            if not _COMMAND_NAME.fullmatch(command.get("command") or "") or not (
                1 <= len(description) <= 256
            ):
                raise bad_request("BOT_COMMAND_INVALID")
        self._commands[_scope_key(params)] = commands
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return self._commands.get(_scope_key(params), [])

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(_scope_key(params), None)
        return True

    def my_commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """Commands set for a scope (default scope if None) and language, as the client sees."""
        return self._commands.get(_scope_key({"scope": scope, "language_code": language_code}), [])
