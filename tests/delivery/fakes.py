"""A recording chat channel (a double of our own ChannelSender protocol) and helpers."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels import RateLimits
from core.messages import Reply
from core.ports import Clock
from db.models import OutboxRow
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork
from tests.databases import POSTGRES_URL
from tests.env import Env, FixedClock


@dataclass(frozen=True)
class Call:
    at: datetime
    op: str
    chat_id: str
    key: str
    message_id: str
    reply: Reply


@dataclass
class RecordingChannel:
    """Sends nothing anywhere: records each call and its time, raises scripted failures."""

    clock: Clock
    channel: str = "test"
    limits: RateLimits = field(default_factory=RateLimits)
    failures: dict[str, list[Exception]] = field(default_factory=lambda: defaultdict(list))
    calls: list[Call] = field(default_factory=list)

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("group")

    def _record(self, op: str, chat_id: str, reply: Reply, message_id: str) -> None:
        if self.failures[chat_id]:
            raise self.failures[chat_id].pop(0)
        self.calls.append(Call(self.clock.now(), op, chat_id, reply.key, message_id, reply))

    async def send(self, chat_id: str, reply: Reply) -> str:
        message_id = f"m{sum(c.op == 'send' for c in self.calls) + 1}"
        self._record("send", chat_id, reply, message_id)
        return message_id

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self._record("edit", chat_id, reply, message_id)

    def keys(self, chat_id: str | None = None) -> list[str]:
        return [c.key for c in self.calls if chat_id is None or c.chat_id == chat_id]


def fake_sleep(clock: FixedClock):
    async def sleep(seconds: float) -> None:
        clock.advance(seconds=seconds)

    return sleep


async def queue(
    env: Env, chat_id: str, key: str | Reply, ref: str | None = None, edit: bool = False
) -> None:
    reply = Reply(key) if isinstance(key, str) else key
    async with env.uow() as uow:
        await uow.outbox.add("test", chat_id, reply, ref, edit, env.clock.now())
        await uow.commit()


async def rows(env: Env) -> list[OutboxRow]:
    async with env.uow() as uow:
        return list(await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


async def twin_engine(engine: AsyncEngine) -> AsyncEngine:
    """A second engine on the same database, as a second bot process would have."""
    if engine.dialect.name == "sqlite":
        return create_engine(engine.url.render_as_string(hide_password=False))
    async with engine.connect() as connection:
        schema = await connection.scalar(text("SELECT current_schema()"))
    assert POSTGRES_URL
    return create_engine(
        POSTGRES_URL, connect_args={"server_settings": {"search_path": str(schema)}}
    )


def uow_on(engine: AsyncEngine, clock: Clock):
    sessions = session_factory(engine)
    return lambda: SqlAlchemyUnitOfWork(sessions, clock)
