"""The Telegram channel through aiogram: :class:`TelegramChannelBase` with aiogram's ``Bot``.

It calls ``getUpdates`` itself rather than running aiogram's ``Dispatcher.start_polling``:
aiogram's poller moves the offset past each update as it is yielded, before the update is
stored, and the durability rule wants the offset sent only once the batch is committed."""

import logging
from collections.abc import Sequence
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramServerError
from aiogram.types import Update

from bot.aiogram import commands
from bot.aiogram.sender import AiogramSender
from bot.config import Settings
from bot.telegram import menus
from bot.telegram.channel_base import POLL_SECONDS, TelegramChannelBase
from bot.telegram.objects import ALLOWED_UPDATES, AnyUpdate
from bot.telegram.updates import press_answer
from bot.wiring import Linli
from core.vocabulary import Role
from handlers.types import Ack

logger = logging.getLogger(__name__)

CONNECTIONS = 32  # sends, edits and press answers at once, and the long poll
API_URL = "https://api.telegram.org/bot"
FILE_URL = "https://api.telegram.org/file/bot"


def build_bot(settings: Settings) -> Bot:
    """The bot on ``LINLI_TELEGRAM_BASE_URL`` / ``…_BASE_FILE_URL`` as PTB reads them (the
    token is appended)."""
    assert settings.telegram_token is not None
    server = TelegramAPIServer(
        base=(settings.telegram_base_url or API_URL) + "{token}/{method}",
        file=(settings.telegram_base_file_url or FILE_URL) + "{token}/{path}",
    )
    session = AiohttpSession(api=server, limit=CONNECTIONS)
    return Bot(settings.telegram_token.get_secret_value(), session=session)


class AiogramChannel(TelegramChannelBase):
    unreachable = (TelegramNetworkError, TelegramServerError)
    api_errors = (TelegramAPIError,)

    def __init__(self, linli: Linli) -> None:
        super().__init__(linli)
        self.bot = build_bot(linli.settings)
        self.sender = AiogramSender(self.bot, self.locale, self.charts)
        self._username = ""

    @property
    def username(self) -> str:
        return self._username

    async def _connect(self) -> None:
        me = await self.bot.get_me()
        self._username = me.username or ""

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
        """A long poll, the request given the session's timeout on top (as aiogram's poller)."""
        return await self.bot.get_updates(
            offset=offset,
            timeout=POLL_SECONDS,
            allowed_updates=ALLOWED_UPDATES,
            request_timeout=int(self.bot.session.timeout) + POLL_SECONDS,
        )

    async def _answer(self, query_id: str, ack: Ack | None) -> None:
        """Every press is answered (the spinner stops); refusals as an alert to close."""
        text, alert = press_answer(ack, self.locale)
        try:
            await self.bot.answer_callback_query(query_id, text=text, show_alert=alert)
        except TelegramAPIError as error:  # too old, or answered already: nothing to do
            logger.info("callback query %s not answered: %s", query_id, error)

    def _parse(self, data: Any) -> AnyUpdate:
        return Update.model_validate(data, context={"bot": self.bot})

    async def _close(self) -> None:
        await self.bot.session.close()
