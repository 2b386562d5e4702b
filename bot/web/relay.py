"""Live pushes across processes: with ``LINLI_REDIS_URL`` set, the web chat's new and edited
messages go to one Redis channel (``<prefix>:web``), and every process pushes what it hears
there to its own open pages. A page may hold its stream open to one process while another
handled the message or delivered the reply.

Redis publish/subscribe keeps nothing: a process that is not listening misses what is said
meanwhile. So while Redis cannot be reached a process pushes its own messages to its own
pages, and once it hears Redis again every page it serves fetches its transcript anew (the
messages themselves are in the database whatever happens here).
"""

import asyncio
import contextlib
import json
import logging
from dataclasses import asdict

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.web.sender import Hub
from db.web import WebMessage

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 1.0  # between attempts to hear Redis again
LISTEN_SECONDS = 1.0  # the longest one read waits for a message
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def encode(message: WebMessage) -> str:
    return json.dumps(asdict(message), ensure_ascii=False)


def decode(data: str) -> WebMessage | None:
    """The message a process published; None for anything else on the channel."""
    try:
        fields = json.loads(data)
        message = WebMessage(**fields)
    except (TypeError, ValueError):
        return None
    if not isinstance(message.id, int) or not isinstance(message.chat_id, str):
        return None
    return message


class RedisHub(Hub):
    """A ``Hub`` whose ``publish`` reaches the pages of every process on ``channel``."""

    def __init__(self, client: Redis, channel: str) -> None:
        super().__init__()
        self._client = client
        self._channel = channel
        self._outgoing: asyncio.Queue[WebMessage] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._lost = False

    async def start(self) -> None:
        """Try to listen before anything is published, so this process hears its own first
        push (if Redis cannot be reached now, ``_listen`` keeps trying)."""
        tried = asyncio.Event()
        self._tasks = [
            asyncio.create_task(self._listen(tried)),
            asyncio.create_task(self._send()),
        ]
        await tried.wait()

    def publish(self, message: WebMessage) -> None:
        """Queued, so one process's pushes go out in the order it made them."""
        self._outgoing.put_nowait(message)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        await super().stop()

    async def _send(self) -> None:
        while True:
            message = await self._outgoing.get()
            try:
                await self._client.publish(self._channel, encode(message))
            except UNREACHABLE as error:
                self._lose(error)
                self.deliver(message)  # this process's pages at least

    async def _listen(self, tried: asyncio.Event) -> None:
        while True:
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self._channel)
                tried.set()
                self._found()
                while True:
                    item = await pubsub.get_message(timeout=LISTEN_SECONDS)
                    if item is not None:
                        self._heard(item["data"])
            except UNREACHABLE as error:
                self._lose(error)
                tried.set()
            finally:
                with contextlib.suppress(*UNREACHABLE):
                    await pubsub.aclose()
            await asyncio.sleep(PAUSE_SECONDS)

    def _heard(self, data: str) -> None:
        message = decode(data)
        if message is None:
            logger.warning("web chat: ignored a push on %s that is not a message", self._channel)
            return
        self.deliver(message)

    def _lose(self, error: BaseException) -> None:
        if not self._lost:
            self._lost = True
            logger.warning(
                "web chat: live pushes through Redis lost (%s); this process's own only",
                str(error) or type(error).__name__,
            )

    def _found(self) -> None:
        if self._lost:
            self._lost = False
            logger.warning("web chat: live pushes through Redis back; open pages reload")
            self.reload_all()
