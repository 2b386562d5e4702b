"""The Telegram channel through python-telegram-bot: :class:`TelegramChannelBase` with PTB's
``Bot`` (its own ``getUpdates`` loop, not PTB's Updater: the offset moves only once a batch is
committed to the inbox)."""

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import Bot, Update
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.telegram import commands, menus
from bot.telegram.channel_base import POLL_SECONDS, TelegramChannelBase
from bot.telegram.objects import ALLOWED_UPDATES, AnyUpdate
from bot.telegram.sender import TelegramSender
from bot.telegram.updates import press_answer
from bot.wiring import Linli
from core.vocabulary import Role
from handlers.types import Ack

logger = logging.getLogger(__name__)

CONNECTIONS = 32  # sends, edits and press answers at once (getUpdates has its own)


def build_bot(settings: Settings) -> Bot:
    assert settings.telegram_token is not None
    return Bot(
        settings.telegram_token.get_secret_value(),
        base_url=settings.telegram_base_url or "https://api.telegram.org/bot",
        base_file_url=settings.telegram_base_file_url or "https://api.telegram.org/file/bot",
        request=HTTPXRequest(connection_pool_size=CONNECTIONS),
    )


class TelegramChannel(TelegramChannelBase):
    unreachable = (NetworkError,)
    api_errors = (TelegramError,)

    def __init__(self, linli: Linli) -> None:
        super().__init__(linli)
        self.bot = build_bot(linli.settings)
        self.sender = TelegramSender(self.bot, self.locale, self.charts)

    @property
    def username(self) -> str:
        return self.bot.username

    async def _connect(self) -> None:
        await self.bot.initialize()

    async def _publish_menus(self) -> None:
        await menus.publish(commands.Menus(self.bot), self.linli.uow, self.locale)

    async def _publish_for(self, chat_id: str, role: Role) -> None:
        await menus.publish_for(commands.Menus(self.bot), chat_id, role, self.locale)

    async def _set_webhook(self) -> None:
        assert self.webhook_url is not None
        await self.bot.set_webhook(
            self.webhook_url, secret_token=self.webhook_secret, allowed_updates=ALLOWED_UPDATES
        )

    async def _delete_webhook(self) -> None:
        await self.bot.delete_webhook()

    async def _fetch(self, offset: int | None) -> Sequence[AnyUpdate]:
        try:
            return await self.bot.get_updates(
                offset=offset,
                timeout=timedelta(seconds=POLL_SECONDS),
                allowed_updates=ALLOWED_UPDATES,
            )
        except TimedOut:
            return ()

    async def _answer(self, query_id: str, ack: Ack | None) -> None:
        """Every press is answered (the spinner stops); refusals as an alert to close."""
        text, alert = press_answer(ack, self.locale)
        try:
            await self.bot.answer_callback_query(query_id, text, show_alert=alert)
        except TelegramError as error:  # too old, or answered already: nothing to do
            logger.info("callback query %s not answered: %s", query_id, error)

    def _parse(self, data: Any) -> AnyUpdate:
        return Update.de_json(data, self.bot)

    async def _close(self) -> None:
        await self.bot.shutdown()
