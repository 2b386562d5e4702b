"""The outbox's Telegram sender: a rendered Reply goes out as messages, photos and edits."""

import logging

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from bot.channels import RateLimits, RetryLater, Undeliverable
from bot.charts import ChartFiles
from bot.telegram.failures import is_not_modified, translated
from bot.telegram.render import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    CallbackDataTooLong,
    keyboard,
    looks_like_file_id,
    split_text,
    truncate,
    utf16_len,
)
from core.messages import Reply
from handlers.texts import DEFAULT_LOCALE, render_reply

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
STOPPED_RETRY_SECONDS = 30.0
_WRONG_FILE = ("wrong file identifier", "file", "image_process_failed", "type of file mismatch")


class TelegramSender:
    """A :class:`bot.channels.ChannelSender` over PTB's ``Bot``; message ids are returned as str."""

    channel = CHANNEL

    def __init__(
        self, bot: Bot, locale: str = DEFAULT_LOCALE, charts: ChartFiles | None = None
    ) -> None:
        self.bot = bot
        self.locale = locale
        self.charts = charts  # generated charts (chart:<name>) are sent as uploaded files
        self.limits = RateLimits()
        self.closed = False  # the channel stopped: leave the rows to the next start

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("-")

    async def send(self, chat_id: str, reply: Reply) -> str:
        text, markup = self._render(reply)
        with translated():
            await self._ready()
            chart = self.charts.path(reply.photo) if self.charts else None
            if chart is not None or looks_like_file_id(reply.photo):
                photo = chart.read_bytes() if chart else reply.photo or ""
                sent = await self._send_photo(int(chat_id), photo, text, markup)
                if sent is not None:
                    return str(sent.message_id)
            return str(await self._send_text(int(chat_id), text, markup))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        text, markup = self._render(reply)
        as_caption = looks_like_file_id(reply.photo) and utf16_len(text) <= CAPTION_LIMIT
        with translated():
            await self._ready()
            try:
                await self._edit(int(chat_id), int(message_id), text, markup, as_caption)
            except BadRequest as error:
                if is_not_modified(error):
                    return
                if "no text" not in error.message and "no caption" not in error.message:
                    raise
                # the message was sent the other way (caption vs. text): edit it that way
                await self._edit(int(chat_id), int(message_id), text, markup, not as_caption)

    async def _ready(self) -> None:
        if self.closed:
            raise RetryLater(STOPPED_RETRY_SECONDS, "telegram channel stopped")
        await self.bot.initialize()  # once; the channel's start usually did it

    def _render(self, reply: Reply) -> tuple[str, InlineKeyboardMarkup | None]:
        try:
            markup = keyboard(reply.options, self.locale)
        except CallbackDataTooLong as error:
            logger.error("reply %s has a button payload over 64 bytes", reply.key)
            raise Undeliverable(f"callback_data over 64 bytes: {error}") from error
        return render_reply(reply, self.locale), markup

    async def _send_photo(
        self, chat_id: int, photo: str | bytes, text: str, markup: InlineKeyboardMarkup | None
    ) -> Message | None:
        """The photo with the text as its caption; None when the text must follow as a message
        (too long for a caption, or the file id is not usable by this bot)."""
        fits = utf16_len(text) <= CAPTION_LIMIT
        try:
            sent = await self.bot.send_photo(
                chat_id,
                photo,
                caption=text if fits else None,
                reply_markup=markup if fits else None,
            )
        except BadRequest as error:
            if not any(sign in error.message.lower() for sign in _WRONG_FILE):
                raise
            logger.warning("photo not sendable to %s (%s): text only", chat_id, error.message)
            return None
        return sent if fits else None

    async def _send_text(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> int:
        """One message, or several for a text over 4,096: the first carries the buttons."""
        first: int | None = None
        for part in split_text(text, TEXT_LIMIT):
            sent = await self.bot.send_message(
                chat_id, part, reply_markup=markup if first is None else None
            )
            first = first or sent.message_id
        assert first is not None
        return first

    async def _edit(
        self,
        chat_id: int,
        message_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None,
        as_caption: bool,
    ) -> None:
        if as_caption:
            await self.bot.edit_message_caption(
                chat_id, message_id, caption=truncate(text, CAPTION_LIMIT), reply_markup=markup
            )
        else:
            await self.bot.edit_message_text(
                truncate(text, TEXT_LIMIT), chat_id, message_id, reply_markup=markup
            )
