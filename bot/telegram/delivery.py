"""The outbox's Telegram sender, library-neutral: a rendered Reply goes out as messages,
photos and edits through :class:`BotCalls`, which each adapter implements over its library
(raising :class:`RetryLater`, :class:`Undeliverable` or :class:`Rejected`)."""

import logging
from typing import Protocol

from bot.channels import RateLimits, RetryLater, Undeliverable
from bot.charts import ChartFiles
from bot.telegram.objects import CHANNEL
from bot.telegram.refusals import STOPPED_RETRY_SECONDS, Rejected
from bot.telegram.render import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    CallbackDataTooLong,
    Keyboard,
    keyboard,
    looks_like_file_id,
    split_text,
    truncate,
    utf16_len,
)
from core.messages import Reply
from handlers.texts import DEFAULT_LOCALE, render_reply

logger = logging.getLogger(__name__)


class BotCalls(Protocol):
    """The Bot API calls a sender makes; each returns the message id where there is one."""

    async def ready(self) -> None: ...

    async def send_text(self, chat_id: int, text: str, buttons: Keyboard | None) -> int: ...

    async def send_photo(
        self, chat_id: int, photo: str | bytes, caption: str | None, buttons: Keyboard | None
    ) -> int: ...

    async def edit_text(
        self, chat_id: int, message_id: int, text: str, buttons: Keyboard | None
    ) -> None: ...

    async def edit_caption(
        self, chat_id: int, message_id: int, caption: str, buttons: Keyboard | None
    ) -> None: ...


class TelegramDelivery:
    """A :class:`bot.channels.ChannelSender`; message ids are returned as str."""

    channel = CHANNEL

    def __init__(
        self, calls: BotCalls, locale: str = DEFAULT_LOCALE, charts: ChartFiles | None = None
    ) -> None:
        self.calls = calls
        self.locale = locale
        self.charts = charts  # generated charts (chart:<name>) are sent as uploaded files
        self.limits = RateLimits()
        self.closed = False  # the channel stopped: leave the rows to the next start

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("-")

    async def send(self, chat_id: str, reply: Reply) -> str:
        text, buttons = self._render(reply)
        await self._ready()
        chart = self.charts.path(reply.photo) if self.charts else None
        if chart is not None or looks_like_file_id(reply.photo):
            photo = chart.read_bytes() if chart else reply.photo or ""
            sent = await self._send_photo(int(chat_id), photo, text, buttons)
            if sent is not None:
                return str(sent)
        return str(await self._send_text(int(chat_id), text, buttons))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        text, buttons = self._render(reply)
        as_caption = looks_like_file_id(reply.photo) and utf16_len(text) <= CAPTION_LIMIT
        await self._ready()
        try:
            await self._edit(int(chat_id), int(message_id), text, buttons, as_caption)
        except Rejected as error:
            if error.not_modified:
                return
            if not error.sent_the_other_way:
                raise
            # the message was sent the other way (caption vs. text): edit it that way
            await self._edit(int(chat_id), int(message_id), text, buttons, not as_caption)

    async def _ready(self) -> None:
        if self.closed:
            raise RetryLater(STOPPED_RETRY_SECONDS, "telegram channel stopped")
        await self.calls.ready()

    def _render(self, reply: Reply) -> tuple[str, Keyboard | None]:
        try:
            buttons = keyboard(reply.options, self.locale)
        except CallbackDataTooLong as error:
            logger.error("reply %s has a button payload over 64 bytes", reply.key)
            raise Undeliverable(f"callback_data over 64 bytes: {error}") from error
        return render_reply(reply, self.locale), buttons

    async def _send_photo(
        self, chat_id: int, photo: str | bytes, text: str, buttons: Keyboard | None
    ) -> int | None:
        """The photo with the text as its caption; None when the text must follow as a message
        (too long for a caption, or the file id is not usable by this bot)."""
        fits = utf16_len(text) <= CAPTION_LIMIT
        try:
            sent = await self.calls.send_photo(
                chat_id, photo, text if fits else None, buttons if fits else None
            )
        except Rejected as error:
            if not error.wrong_file:
                raise
            logger.warning("photo not sendable to %s (%s): text only", chat_id, error.description)
            return None
        return sent if fits else None

    async def _send_text(self, chat_id: int, text: str, buttons: Keyboard | None) -> int:
        """One message, or several for a text over 4,096: the first carries the buttons."""
        first: int | None = None
        for part in split_text(text, TEXT_LIMIT):
            sent = await self.calls.send_text(chat_id, part, buttons if first is None else None)
            first = first or sent
        assert first is not None
        return first

    async def _edit(
        self, chat_id: int, message_id: int, text: str, buttons: Keyboard | None, as_caption: bool
    ) -> None:
        if as_caption:
            caption = truncate(text, CAPTION_LIMIT)
            await self.calls.edit_caption(chat_id, message_id, caption, buttons)
        else:
            await self.calls.edit_text(chat_id, message_id, truncate(text, TEXT_LIMIT), buttons)
