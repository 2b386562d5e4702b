"""What the database and the Bot API server say happened, for lost and duplicate counts."""

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from db.models import OutboxRow
from db.session import async_url
from tests.support import FakeBotApi

MESSAGE_CALLS = ("sendMessage", "sendPhoto", "editMessageText", "editMessageCaption")


@asynccontextmanager
async def engine_of(url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_url(url))
    try:
        yield engine
    finally:
        await engine.dispose()


async def scalar(engine: AsyncEngine, sql: str) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text(sql))).scalar() or 0)


async def column(engine: AsyncEngine, sql: str) -> list[str]:
    async with engine.connect() as connection:
        return [str(row[0]) for row in await connection.execute(text(sql))]


async def handled_updates(engine: AsyncEngine) -> int:
    return await scalar(
        engine, "SELECT count(*) FROM inbox WHERE channel = 'telegram' AND status = 'handled'"
    )


async def leased(engine: AsyncEngine) -> list[str]:
    return await column(engine, "SELECT id FROM outbox WHERE status = 'sending'")


def _among(ids: list[str]) -> str:
    """SQL: the row is one of ``ids`` (none when empty)."""
    return f"id IN ({', '.join(ids) or 'NULL'})"


async def chats_of(engine: AsyncEngine, ids: list[str]) -> set[str]:
    """The chats of the outbox rows ``ids``."""
    return set(await column(engine, f"SELECT chat_id FROM outbox WHERE {_among(ids)}"))


async def unsent(engine: AsyncEngine, ids: list[str] | None = None) -> int:
    where = "status IN ('pending', 'sending')"
    if ids is not None:
        where += f" AND {_among(ids)}"
    return await scalar(engine, f"SELECT count(*) FROM outbox WHERE {where}")


def first_reply(api: FakeBotApi, since: float) -> float | None:
    """When (``time.time()``) the bot first sent or edited a message at or after ``since``."""
    return next(
        (
            at
            for (method, _), at in zip(api.calls, api.call_times, strict=True)
            if at >= since and method in MESSAGE_CALLS
        ),
        None,
    )


async def last_sent(engine: AsyncEngine, ids: list[str]) -> float | None:
    """When (``time.time()``) the last of these outbox rows was marked sent."""
    async with engine.connect() as connection:
        at = await connection.scalar(
            select(func.max(OutboxRow.sent_at)).where(OutboxRow.id.in_([int(i) for i in ids]))
        )
    return at.timestamp() if at is not None else None


async def all_sent(engine: AsyncEngine, ids: list[str] | None = None) -> bool:
    return await unsent(engine, ids) == 0


async def all_handled(engine: AsyncEngine, total: int) -> bool:
    return await handled_updates(engine) >= total


async def wait_until(check: Callable[[], Awaitable[bool]], timeout: float) -> None:
    """Poll ``check()`` until it is true; TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not done within {timeout} s")
        await asyncio.sleep(0.1)


@dataclass(frozen=True)
class Deliveries:
    """Messages the chats got against the outbox rows marked sent (more: sent twice)."""

    calls: Counter[str]
    rows: Counter[str]

    @property
    def twice(self) -> int:
        return sum(max(0, self.calls[chat] - self.rows[chat]) for chat in self.calls)

    @property
    def repeated_chats(self) -> set[str]:
        """The chats that got more messages than their rows marked sent."""
        return {chat for chat in self.calls if self.calls[chat] > self.rows[chat]}

    @property
    def missing(self) -> int:
        return sum(max(0, self.rows[chat] - self.calls[chat]) for chat in self.rows)


async def deliveries(engine: AsyncEngine, api: FakeBotApi) -> Deliveries:
    calls = Counter(
        str(params.get("chat_id")) for method, params in api.calls if method in MESSAGE_CALLS
    )
    rows = Counter(
        await column(
            engine, "SELECT chat_id FROM outbox WHERE channel = 'telegram' AND status = 'sent'"
        )
    )
    return Deliveries(calls, rows)
