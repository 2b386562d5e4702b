"""A broadcast to many residents: how long the confirming turn takes, and in what order the
outbox sender drains it next to a request filed after it.

    .venv/bin/python benchmarks/broadcast_bench.py                      # SQLite file
    .venv/bin/python benchmarks/broadcast_bench.py --postgres URL       # and PostgreSQL

What `linli run` builds (migrations, the demo roster, the real Dispatcher), with --residents
(default 10,000) residents added to grid XF-01, each with a private chat, and a grid group.
The grid's leader sends /broadcast, 本网格, the text and 发送 through the real dialogs; the
发送 turn (one transaction: the broadcast row and one INSERT … SELECT of every outbox row) is
timed. Then a resident files a request (its card goes to the group, its receipt to the
resident, both queued after the broadcast), and the real outbox sender drains everything to
a channel that only records (--rate messages a second overall; Telegram's per-chat limits).
Prints the accept time, and where the card and the receipt went out among the sends.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from sqlalchemy import insert, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import each_database  # noqa: E402
from bot.channels import RateLimits  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.outbox_sender import OutboxSender  # noqa: E402
from bot.wiring import Linli, build  # noqa: E402
from core.messages import Reply  # noqa: E402
from db.models import (  # noqa: E402
    BuildingRow,
    ChatBindingRow,
    GridRow,
    IdentityRow,
    OutboxRow,
    PersonRow,
)
from db.uow import SqlAlchemyUnitOfWork  # noqa: E402
from handlers.types import Incoming  # noqa: E402

CHANNEL, GROUP, LEADER = "bench", "group-bench", "leader-bench"


class RecordingChannel:
    """Delivers nowhere: keeps the order of what it was given."""

    channel = CHANNEL

    def __init__(self, rate: float) -> None:
        self.limits = RateLimits(overall_per_second=rate)
        self.sent: list[tuple[str, str]] = []

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("group")

    async def send(self, chat_id: str, reply: Reply) -> str:
        self.sent.append((chat_id, reply.key))
        return str(len(self.sent))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self.sent.append((chat_id, reply.key))


async def populate(linli: Linli, residents: int) -> None:
    """``residents`` residents of XF-01 with a private chat each; the leader and a group."""
    now = linli.clock.now()
    async with linli.sessions() as session:
        grid = await session.scalar(select(GridRow).where(GridRow.code == "XF-01"))
        assert grid is not None
        leader = await session.scalar(
            select(PersonRow).where(PersonRow.grid_id == grid.id, PersonRow.role == "leader")
        )
        building = await session.scalar(select(BuildingRow).where(BuildingRow.grid_id == grid.id))
        assert leader is not None and building is not None
        rows = [
            {"name": f"居民{n}", "role": "resident", "grid_id": grid.id,
             "building_id": building.id, "created_at": now}
            for n in range(residents)
        ]  # fmt: skip
        ids = (await session.scalars(insert(PersonRow).returning(PersonRow.id), rows)).all()
        chats = [{"channel": CHANNEL, "external_id": f"r{i}", "chat_id": f"r{i}", "person_id": i}
                 for i in ids]  # fmt: skip
        chats.append({"channel": CHANNEL, "external_id": LEADER, "chat_id": LEADER,
                      "person_id": leader.id})  # fmt: skip
        await session.execute(insert(IdentityRow), chats)
        session.add(ChatBindingRow(channel=CHANNEL, chat_id=GROUP, grid_id=grid.id))
        await session.commit()


class Talk:
    def __init__(self, linli: Linli) -> None:
        self.linli = linli
        self.updates = 0

    async def say(self, user: str, text: str = "", payload: str | None = None) -> float:
        self.updates += 1
        event = Incoming(CHANNEL, user, user, str(self.updates), text=text, payload=payload)
        start = time.perf_counter()
        await self.linli.dispatcher.handle(event)
        return time.perf_counter() - start

    async def last_options(self, user: str) -> dict[str, str]:
        async with self.linli.sessions() as session:
            row = await session.scalar(
                select(OutboxRow).where(OutboxRow.chat_id == user).order_by(OutboxRow.id.desc())
            )
        assert row is not None
        return {label: value for label, value, _ in row.reply["options"]}


async def run(database_url: str, data_dir: Path, residents: int, rate: float) -> None:
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=data_dir,
        demo=True,
    )
    linli = await build(settings)
    kind = database_url.split(":", 1)[0]
    try:
        await populate(linli, residents)
        talk = Talk(linli)
        await talk.say(LEADER, "/broadcast")
        await talk.say(LEADER, payload="bcast:scope:grid")
        await talk.say(LEADER, "本周六上午9点在社区广场开展垃圾分类宣传活动，欢迎参加。")
        confirm = (await talk.last_options(LEADER))["button.broadcast_send"]
        accept = await talk.say(LEADER, payload=confirm)
        async with linli.sessions() as session:
            queued = await session.scalar(
                text("SELECT count(*) FROM outbox WHERE broadcast_id IS NOT NULL")
            )
        print(f"{kind:<10} broadcast to {residents:,} residents: 发送 accepted in "
              f"{accept * 1000:.0f} ms ({queued:,} outbox rows in that turn)")  # fmt: skip
        filer = f"r{residents // 2}"
        await talk.say(filer, "小区门口垃圾桶满了好几天")
        await talk.say(filer, payload=(await talk.last_options(filer))["button.submit"])
        await drain(linli, rate, filer, kind)
    finally:
        await linli.close()


async def drain(linli: Linli, rate: float, filer: str, kind: str) -> None:
    channel = RecordingChannel(rate)
    sender = OutboxSender(channel, lambda: SqlAlchemyUnitOfWork(linli.sessions, linli.clock),
                          linli.clock, owner="bench")  # fmt: skip
    start = time.perf_counter()
    while await sender.deliver_due() or await waiting(linli):
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - start
    group = [key for chat, key in channel.sent if chat == GROUP]
    mine = [key for chat, key in channel.sent if chat == filer]
    card = next(n for n, (chat, key) in enumerate(channel.sent) if key == "card.request")
    first_notice = next(n for n, (_, key) in enumerate(channel.sent) if key.startswith("broadc"))
    print(f"{kind:<10} drained {len(channel.sent):,} messages in {elapsed:.1f} s "
          f"({len(channel.sent) / elapsed:.0f}/s, cap {rate:.0f}/s); the request's card was "
          f"send #{card + 1} (first notice #{first_notice + 1}); group order {group}; "
          f"the filer's order {mine}")  # fmt: skip


async def waiting(linli: Linli) -> int:
    async with linli.sessions() as session:
        count = await session.scalar(
            text("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")
        )
    return int(count or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument(
        "--rate", type=float, default=1000.0, help="the recording channel's messages a second"
    )
    parser.add_argument("--postgres", help="a PostgreSQL database the benchmark may empty")
    args = parser.parse_args()
    for database, data_dir in each_database(args.postgres):
        asyncio.run(run(database, data_dir, args.residents, args.rate))


if __name__ == "__main__":
    main()
