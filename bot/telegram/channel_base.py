"""The Telegram channel, whichever library talks to the Bot API: updates fetched by long
polling (or posted to the webhook route) are committed to the inbox before Telegram is told we
have them, then handed to the dialogs. A library's channel subclasses this with its calls."""

import asyncio
import contextlib
import logging
import secrets
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.charts import ChartFiles
from bot.telegram import groups
from bot.telegram.delivery import TelegramDelivery
from bot.telegram.objects import CHANNEL, AnyUpdate
from bot.telegram.updates import is_unsupported, to_incoming
from bot.telegram.webhook import webhook_handler, webhook_path
from bot.wiring import Linli
from core.messages import Reply
from core.ports import TurnUnitOfWork
from core.vocabulary import Role
from handlers.types import Ack, ChatKind, Incoming

logger = logging.getLogger(__name__)

POLL_SECONDS = 30
START_RETRY_SECONDS = (5, 15, 60, 300)
POLL_RETRY_SECONDS = (1, 2, 5, 15, 30)


class TelegramChannelBase(ABC):
    """A :class:`bot.channels.Channel`: ``add_routes`` (webhook mode), ``start``, ``stop``."""

    sender: TelegramDelivery
    unreachable: tuple[type[Exception], ...]  # the Bot API cannot be reached (yet)
    api_errors: tuple[type[Exception], ...]  # any answer of the Bot API that is an error

    def __init__(self, linli: Linli) -> None:
        settings = linli.settings
        if settings.telegram_token is None:
            raise ValueError("Telegram is off: LINLI_TELEGRAM_TOKEN is not set")
        self.linli = linli
        self.locale = settings.locale
        self.webhook_url = settings.telegram_webhook_url
        secret = settings.telegram_webhook_secret
        self.webhook_secret = secret.get_secret_value() if secret else secrets.token_urlsafe(32)
        self.charts = ChartFiles(Path(settings.data_dir) / "charts", self.locale)
        linli.dispatcher.after_turn[CHANNEL] = self.after_turn
        self._retrying: asyncio.Task[None] | None = None
        self._polling: asyncio.Task[None] | None = None

    @property
    @abstractmethod
    def username(self) -> str:
        """The bot's username (known once connected)."""

    @abstractmethod
    async def _connect(self) -> None:
        """Reach the Bot API (``getMe``); raises one of ``unreachable`` when it cannot."""

    @abstractmethod
    async def _publish_menus(self) -> None: ...

    @abstractmethod
    async def _publish_for(self, chat_id: str, role: Role) -> None: ...

    @abstractmethod
    async def _set_webhook(self) -> None:
        """``setWebhook(webhook_url, secret_token=webhook_secret, ALLOWED_UPDATES)``."""

    @abstractmethod
    async def _delete_webhook(self) -> None: ...

    @abstractmethod
    async def _fetch(self, offset: int | None) -> Sequence[AnyUpdate]:
        """One ``getUpdates`` long poll (``POLL_SECONDS``); an empty batch when it timed out."""

    @abstractmethod
    async def _answer(self, query_id: str, ack: Ack | None) -> None:
        """Answer a press (``answerCallbackQuery``); a press too old to answer is logged."""

    @abstractmethod
    def _parse(self, data: Any) -> AnyUpdate:
        """The library's Update from a webhook body; ValueError (TypeError …) if not one."""

    @abstractmethod
    async def _close(self) -> None: ...

    def add_routes(self, app: web.Application) -> None:
        if self.webhook_url:
            handler = webhook_handler(self._parse, self.webhook_secret, self.receive)
            app.router.add_post(webhook_path(self.webhook_url), handler)

    async def start(self) -> None:
        """Begin receiving; if Telegram is unreachable, keep trying in the background."""
        try:
            await self._begin()
        except self.unreachable as error:
            logger.warning("telegram: cannot reach the Bot API (%s); retrying", error)
            self._retrying = asyncio.create_task(self._begin_later())

    async def _begin_later(self) -> None:
        for attempt in range(10**6):
            await asyncio.sleep(START_RETRY_SECONDS[min(attempt, len(START_RETRY_SECONDS) - 1)])
            try:
                await self._begin()
            except self.unreachable as error:
                logger.warning("telegram: still cannot reach the Bot API (%s)", error)
            else:
                return

    async def _begin(self) -> None:
        await self._connect()
        try:
            await self._publish_menus()
        except self.api_errors:
            logger.warning("telegram: command menus not set", exc_info=True)
        if self.webhook_url:
            await self._set_webhook()
        else:
            await self._delete_webhook()
            self._polling = asyncio.create_task(self._poll())
        mode = "webhook" if self.webhook_url else "long polling"
        logger.info("telegram: @%s is receiving by %s", self.username, mode)

    async def _poll(self) -> None:
        """getUpdates with the next offset only once the batch before it is committed: an
        update Telegram forgets is one we have stored."""
        offset: int | None = None
        failures = 0
        while True:
            try:
                updates = await self._fetch(offset)
                if updates:
                    await self.receive(updates)
                    offset = updates[-1].update_id + 1
                failures = 0
            except Exception as error:
                wait = POLL_RETRY_SECONDS[min(failures, len(POLL_RETRY_SECONDS) - 1)]
                failures += 1
                logger.warning("telegram: polling failed (%r); again in %s s", error, wait)
                await asyncio.sleep(wait)

    async def stop(self) -> None:
        self.sender.closed = True
        for task in (self._retrying, self._polling):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await self.linli.dispatcher.settle()
        await self._close()

    async def receive(self, updates: Sequence[AnyUpdate]) -> None:
        """Commit a batch to the inbox (raises if it cannot: then Telegram must send it again),
        then let the dialogs handle it in the background."""
        events: list[Incoming] = []
        unsupported: list[AnyUpdate] = []
        for update in updates:
            if update.message is not None and (moved := groups.migration(update.message)):
                await groups.follow_migration(self.linli.uow(), *moved)
                continue
            incoming = to_incoming(update, self.username, self.locale)
            if incoming is not None:
                events.append(incoming)
            elif is_unsupported(update):
                unsupported.append(update)
            elif update.callback_query is not None:
                await self._answer(update.callback_query.id, None)

        async def say_unsupported(uow: TurnUnitOfWork, fresh: list[bool]) -> None:
            now = self.linli.clock.now()
            for update in unsupported:
                assert update.message is not None
                if await uow.inbox.record(CHANNEL, str(update.update_id), now):
                    reply = Reply("telegram.unsupported")
                    chat_id = str(update.message.chat.id)
                    await uow.outbox.add(CHANNEL, chat_id, reply, None, False, now)

        await self.linli.dispatcher.accept(events, say_unsupported if unsupported else None)
        self.linli.dispatcher.handle_later(events)

    async def after_turn(self, incoming: Incoming, ack: Ack) -> None:
        """A press is answered (toast or alert); a redeemed staff invite brings its menu."""
        query_id = incoming.extra.get("callback_query_id")
        if query_id is not None:
            await self._answer(query_id, ack)
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
            await self._publish_for(incoming.chat_id, Role(person.role))
