"""Delivery to the web chat: a message is stored in the chat's transcript and pushed to the
pages that have that chat open (Server-Sent Events)."""

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bot.channels import RateLimits, Undeliverable
from core.messages import Reply
from core.ports import TurnUnitOfWork
from db.uow import SqlAlchemyUnitOfWork
from db.web import WebMessage, WebUpload

logger = logging.getLogger(__name__)

CHANNEL = "web"
ROOM_PREFIXES = ("grid:", "community:")
QUEUE_SIZE = 256
RELOAD = "reload"  # a listener fell behind: it should fetch the transcript again


class Hub:
    """Open pages of this process, by the chat they listen to; each gets its own queue.
    ``publish`` pushes to them (``bot.web.relay.RedisHub`` pushes to every process's)."""

    def __init__(self) -> None:
        self._listeners: defaultdict[str, set[asyncio.Queue[WebMessage | str | None]]] = (
            defaultdict(set)
        )

    def subscribe(self, chats: list[str]) -> asyncio.Queue[WebMessage | str | None]:
        queue: asyncio.Queue[WebMessage | str | None] = asyncio.Queue(QUEUE_SIZE)
        for chat_id in chats:
            self._listeners[chat_id].add(queue)
        return queue

    def unsubscribe(self, chats: list[str], queue: asyncio.Queue[WebMessage | str | None]) -> None:
        for chat_id in chats:
            listeners = self._listeners.get(chat_id)
            if listeners is not None:
                listeners.discard(queue)
                if not listeners:
                    del self._listeners[chat_id]

    async def start(self) -> None:
        """Nothing to start: this process's own pages are all it pushes to."""

    def publish(self, message: WebMessage) -> None:
        self.deliver(message)

    def deliver(self, message: WebMessage) -> None:
        """Push ``message`` to this process's pages that have its chat open."""
        for queue in list(self._listeners.get(message.chat_id, ())):
            self._put(queue, message)

    def reload_all(self) -> None:
        """Every open page fetches its transcript again (pushes may have been missed)."""
        for queue in {queue for listeners in self._listeners.values() for queue in listeners}:
            self._put(queue, RELOAD)

    @staticmethod
    def _put(queue: asyncio.Queue[WebMessage | str | None], item: WebMessage | str) -> None:
        try:
            queue.put_nowait(item)
        except asyncio.QueueFull:
            with contextlib.suppress(asyncio.QueueEmpty):
                queue.get_nowait()
            queue.put_nowait(RELOAD)

    async def stop(self) -> None:
        """Tell every open stream to end (server shutdown)."""
        for listeners in list(self._listeners.values()):
            for queue in list(listeners):
                with contextlib.suppress(asyncio.QueueFull):
                    queue.put_nowait(None)


class OwnMessage:
    """What the person typed or uploaded, so their side of the chat shows too. It is written
    with their update's inbox row (``Dispatcher.handle(…, with_turn=own)``), before the turn:
    kept only if the update is stored (its turn then follows, after a restart if need be),
    and not written again for a redelivered update."""

    def __init__(self, chat_id: str, text: str, upload: WebUpload | None = None) -> None:
        self.chat_id = chat_id
        self.upload = upload
        self.body = {"text": text, "photo": upload.ref if upload else None}
        self.stored: WebMessage | None = None

    async def __call__(self, uow: TurnUnitOfWork) -> None:
        assert isinstance(uow, SqlAlchemyUnitOfWork)
        if self.upload is not None:
            await uow.web.add_upload(self.upload)
        self.stored = await uow.web.add_message(self.chat_id, "user", self.body)


class WebSender:
    """The web chat's :class:`~bot.channels.ChannelSender`: store, then push."""

    channel = CHANNEL
    # Nothing upstream throttles us; keep the outbox's pacing out of the way.
    limits = RateLimits(overall_per_second=500.0, private_per_second=50.0, group_per_minute=6000.0)

    def __init__(
        self,
        uow: Callable[[], SqlAlchemyUnitOfWork],
        hub: Hub,
        uploads: Path,
    ) -> None:
        self._uow = uow
        self.hub = hub
        self._uploads = uploads

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith(ROOM_PREFIXES)

    async def send(self, chat_id: str, reply: Reply) -> str:
        async with self._uow() as uow:
            if reply.key == "forget.done" and not self.is_group(chat_id):
                await self._erase(uow, chat_id)
            message = await uow.web.add_message(chat_id, "bot", reply.to_json())
            await uow.commit()
        self.hub.publish(message)
        return str(message.id)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        if not message_id.isdigit():
            raise Undeliverable(f"not a web message id: {message_id!r}")
        async with self._uow() as uow:
            message = await uow.web.edit_message(chat_id, int(message_id), reply.to_json())
            await uow.commit()
        if message is None:
            raise Undeliverable(f"web message {message_id} is gone")
        self.hub.publish(message)

    def show_own(self, own: OwnMessage) -> None:
        """Push the person's own message once their turn has committed it."""
        if own.stored is not None:
            self.hub.publish(own.stored)

    async def _erase(self, uow: SqlAlchemyUnitOfWork, chat_id: str) -> None:
        """The resident deleted their data: their transcript and their photos go too."""
        await uow.web.purge_chat(chat_id)
        for name in await uow.web.drop_uploads_of(chat_id):
            with contextlib.suppress(FileNotFoundError):
                (self._uploads / name).unlink()
        logger.info("web chat: erased a transcript and its uploads on request")
