"""The Telegram channel: a PTB Application fed by long polling or a webhook route, handing
each update to the dialogs, and a sender the outbox delivers through."""

import asyncio
import contextlib
import logging
import secrets
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from telegram import Update
from telegram.constants import ChatType
from telegram.error import NetworkError, TelegramError
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.charts import ChartFiles
from bot.config import Settings
from bot.telegram import commands, groups
from bot.telegram.adapter import CHANNEL, answer, is_unsupported, to_incoming
from bot.telegram.render import truncate
from bot.telegram.sender import TelegramSender
from bot.telegram.webhook import webhook_handler, webhook_path
from bot.wiring import Linli
from core.messages import Reply
from core.vocabulary import Role
from handlers.texts import render
from handlers.types import Ack, ChatKind, Incoming

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
POLL_TIMEOUT = timedelta(seconds=30)
CONCURRENT_UPDATES = 32  # the dispatcher still takes one event at a time per user
START_RETRY_SECONDS = (5, 15, 60, 300)


def build_application(settings: Settings, webhook: bool) -> Application:
    assert settings.telegram_token is not None
    builder = Application.builder().token(settings.telegram_token.get_secret_value())
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    builder = builder.concurrent_updates(CONCURRENT_UPDATES)
    if webhook:
        builder = builder.updater(None)
    return builder.build()


class TelegramChannel:
    """A :class:`bot.channels.Channel`: ``add_routes`` (webhook mode), ``start``, ``stop``."""

    def __init__(self, linli: Linli) -> None:
        settings = linli.settings
        if settings.telegram_token is None:
            raise ValueError("Telegram is off: LINLI_TELEGRAM_TOKEN is not set")
        self.linli = linli
        self.locale = settings.locale
        self.webhook_url = settings.telegram_webhook_url
        secret = settings.telegram_webhook_secret
        self.webhook_secret = secret.get_secret_value() if secret else secrets.token_urlsafe(32)
        self.application = build_application(settings, webhook=bool(self.webhook_url))
        self.application.add_handler(TypeHandler(Update, self.on_update))
        self.application.add_error_handler(self.on_error)
        charts = ChartFiles(Path(settings.data_dir) / "charts", self.locale)
        self.sender = TelegramSender(self.application.bot, self.locale, charts)
        self._retrying: asyncio.Task[None] | None = None

    def add_routes(self, app: web.Application) -> None:
        if self.webhook_url:
            handler = webhook_handler(self.application, self.webhook_secret)
            app.router.add_post(webhook_path(self.webhook_url), handler)

    async def start(self) -> None:
        """Begin receiving; if Telegram is unreachable, keep trying in the background."""
        try:
            await self._begin()
        except NetworkError as error:
            logger.warning("telegram: cannot reach the Bot API (%s); retrying", error)
            self._retrying = asyncio.create_task(self._begin_later())

    async def _begin_later(self) -> None:
        for attempt in range(10**6):
            await asyncio.sleep(START_RETRY_SECONDS[min(attempt, len(START_RETRY_SECONDS) - 1)])
            try:
                await self._begin()
            except NetworkError as error:
                logger.warning("telegram: still cannot reach the Bot API (%s)", error)
            else:
                return

    async def _begin(self) -> None:
        app = self.application
        await app.initialize()
        try:
            await commands.publish(app.bot, self.linli.uow, self.locale)
        except TelegramError:
            logger.warning("telegram: command menus not set", exc_info=True)
        if not app.running:
            await app.start()
        if self.webhook_url:
            await app.bot.set_webhook(
                self.webhook_url, secret_token=self.webhook_secret, allowed_updates=ALLOWED_UPDATES
            )
        else:
            assert app.updater is not None
            await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=POLL_TIMEOUT)
        mode = "webhook" if self.webhook_url else "long polling"
        logger.info("telegram: @%s is receiving by %s", app.bot.username, mode)

    async def stop(self) -> None:
        self.sender.closed = True
        if self._retrying is not None:
            self._retrying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrying
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.message is not None and (moved := groups.migration(update.message)):
            await groups.follow_migration(self.linli.uow(), *moved)
            return
        incoming = to_incoming(update, self.application.bot.username, self.locale)
        if incoming is None:
            if is_unsupported(update):
                await self._say_unsupported(update)
            if update.callback_query is not None:
                await answer(update.callback_query, None, self.locale)
            return
        ack = await self.linli.dispatcher.handle(incoming)
        if update.callback_query is not None:
            await answer(update.callback_query, ack, self.locale)
        await self._refresh_menu(incoming, ack)

    async def _refresh_menu(self, incoming: Incoming, ack: Ack) -> None:
        """Someone just redeemed a staff invite: give them their commands at once."""
        if ack.duplicate or incoming.command != "start" or not incoming.args:
            return
        if incoming.chat_kind != ChatKind.PRIVATE:
            return
        async with self.linli.uow() as uow:
            person = await uow.persons.by_identity(CHANNEL, incoming.user_id)
        if person is not None and person.role != Role.RESIDENT:
            await commands.publish_for(
                self.application.bot, incoming.chat_id, Role(person.role), self.locale
            )

    async def _say_unsupported(self, update: Update) -> None:
        assert update.effective_chat is not None
        now = self.linli.clock.now()
        async with self.linli.uow() as uow:
            if not await uow.inbox.record(CHANNEL, str(update.update_id), now):
                return
            chat_id = str(update.effective_chat.id)
            await uow.outbox.add(CHANNEL, chat_id, Reply("telegram.unsupported"), None, False, now)
            await uow.commit()
        self.linli.dispatcher.on_outbox()

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with the traceback; tell the person something went wrong if we can."""
        update_id = update.update_id if isinstance(update, Update) else None
        logger.error("telegram: update %s failed", update_id, exc_info=context.error)
        if not isinstance(update, Update):
            return
        text = render("error.generic", None, self.locale)
        chat = update.effective_chat
        with contextlib.suppress(TelegramError):
            if update.callback_query is not None:
                await update.callback_query.answer(truncate(text, 200), show_alert=True)
            elif chat is not None and chat.type == ChatType.PRIVATE:
                await context.bot.send_message(chat.id, text)
