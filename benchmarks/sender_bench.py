"""The outbox sender against Telegram's limits: messages a second, and how long they waited.

    .venv/bin/python benchmarks/sender_bench.py                    # SQLite file
    .venv/bin/python benchmarks/sender_bench.py --postgres URL     # PostgreSQL (emptied first)
    .venv/bin/python benchmarks/sender_bench.py --senders 2 --redis URL   # two sharing a budget

What `linli run` builds (migrations, the demo roster), the real Telegram channel (PTB) against
the local Bot API server of tests/support, and the outbox sender with Telegram's limits (30
messages a second overall, 1 a second per private chat, 20 a minute per group). --residents
(default 200) file --requests (default 1,000), each filing one transaction that queues the
resident's receipt and the grid group's card (three grids, a group each); every
--urgent-every'th request is urgent. With --burst 0 everything is queued before the sender
starts (the sender alone); with --burst S the filings are spread over S seconds while it
runs (on SQLite they take the database's one write lock turn about with it). The sender
runs until every private message is out (with --groups, until the groups' queues are empty
too: 20 messages a minute each, most of them digests).

With --senders N, N senders (owners of their own, as N processes would have) deliver the
queue side by side: with --redis URL they share one budget through Redis (LINLI_REDIS_URL),
without it each keeps its own, as processes did before.

Prints the messages sent a second while private messages were queued (the channel's cap is
30), the count per kind of chat (private, group: cards, digests and the cards folded into
them, still queued), and the p50 / p95 wait of each kind from queued to sent.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path

from redis.asyncio import Redis
from sqlalchemy import ColumnElement, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import each_database  # noqa: E402
from bot.channels import ChannelSender, DeliveryPolicy  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.outbox_sender import OutboxSender  # noqa: E402
from bot.redis_budget import RedisBudget  # noqa: E402
from bot.send_budget import SendBudget  # noqa: E402
from bot.telegram import telegram_channel  # noqa: E402
from bot.wiring import Linli, build  # noqa: E402
from core import intake  # noqa: E402
from core.changes import NewPerson  # noqa: E402
from core.intake import Draft  # noqa: E402
from core.vocabulary import Role  # noqa: E402
from db.models import OutboxRow  # noqa: E402
from tests.support import FakeBotApi  # noqa: E402

GRIDS = ("XF-01", "XF-02", "XF-03")
FIRST_RESIDENT = 20_000
DRAFTS = (
    Draft("楼道灯坏了好几天了，晚上黑乎乎的", "repair", "repair.corridor_light", "complaint"),
    Draft("小区门口垃圾堆了好几天没人清，臭得很", "env", "env.rubbish", "complaint"),
    Draft("楼上天天半夜拖椅子，吵得睡不着", "dispute", "dispute.noise", "complaint"),
    Draft("想问问高龄补贴怎么申请", "service", None, "consult"),
)
URGENT = Draft("楼道里冒烟了，好大的焦味", "safety", None, "help", urgent=True)


def group_chat(index: int) -> int:
    return -1_009_000_000_000 - index


async def residents_and_groups(linli: Linli, api: FakeBotApi, count: int) -> list[int]:
    """``count`` residents with a Telegram chat, spread over the grids; a group per grid."""
    people = []
    async with linli.uow() as uow:
        grids = [await uow.places.grid_by_code(code) for code in GRIDS]
        buildings = await uow.places.buildings()
        for index, grid in enumerate(grids):
            assert grid is not None
            api.add_chat(group_chat(index), grid.name)
            await uow.places.bind_chat("telegram", str(group_chat(index)), grid.id, None)
        for n in range(count):
            building = buildings[n % len(buildings)]
            person = await uow.persons.add(
                NewPerson(
                    name=f"居民{n}",
                    role=Role.RESIDENT,
                    grid_id=building.grid_id,
                    building_id=building.id,
                )
            )
            chat = str(FIRST_RESIDENT + n)
            await uow.persons.link_identity("telegram", chat, chat, person.id)
            api.add_user(FIRST_RESIDENT + n, f"居民{n}")
            people.append(person.id)
        await uow.commit()
    return people


async def file_burst(
    linli: Linli, people: list[int], requests: int, seconds: float, urgent_every: int
) -> None:
    start = time.perf_counter()
    for n in range(requests):
        wait = start + seconds * n / requests - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        urgent = urgent_every and n % urgent_every == urgent_every - 1
        draft = URGENT if urgent else DRAFTS[n % len(DRAFTS)]
        resident = people[n % len(people)]
        await intake.submit_request(linli.uow(), linli.context(), resident, draft)


async def queued(linli: Linli, groups: bool) -> int:
    """Rows still to go to private chats (or, with ``groups``, to any chat)."""
    where: list[ColumnElement[bool]] = [OutboxRow.status.in_(("pending", "sending"))]
    if not groups:
        where.append(~OutboxRow.chat_id.startswith("-"))
    async with linli.uow() as uow:
        return len(list(await uow.session.scalars(select(OutboxRow.id).where(*where))))


def percentiles(waits: list[float]) -> str:
    if not waits:
        return "—"
    ordered = sorted(waits)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered):.1f} s, p95 {p95:.1f} s"


def sent_at(row: OutboxRow) -> datetime:
    """When a sent row went out (the sender stamps every row it sends)."""
    assert row.sent_at is not None
    return row.sent_at


def report(rows: list[OutboxRow], kind: str, start: datetime) -> None:
    """Figures from the outbox rows; a wait counts from when the row was queued, or from the
    sender's start for rows queued before it."""
    sent = [r for r in rows if r.status == "sent"]
    private = [r for r in sent if not r.chat_id.startswith("-")]
    group = [r for r in sent if r.chat_id.startswith("-")]
    times = sorted(sent_at(r) for r in private)
    busy = [r for r in sent if times[0] <= sent_at(r) <= times[-1]]
    seconds = (times[-1] - times[0]).total_seconds()
    busiest = max(Counter(sent_at(r).replace(microsecond=0) for r in sent).values())
    digests = [r for r in group if (r.ref or "").startswith("digest:")]
    folded = sum(1 for r in rows if r.status == "folded")
    waiting = sum(1 for r in rows if r.status in ("pending", "sending"))

    def waits(chosen: list[OutboxRow]) -> list[float]:
        return [(sent_at(r) - max(r.created_at, start)).total_seconds() for r in chosen]

    print(
        f"{kind}: {len(busy) / seconds:.1f} messages/s sent while private messages were "
        f"queued ({len(busy)} in {seconds:.1f} s; cap 30/s; busiest second {busiest})"
    )
    print(f"  private: {len(private)} sent, queue wait {percentiles(waits(private))}")
    print(
        f"  group:   {len(group)} sent ({len(group) - len(digests)} cards, {len(digests)} digests "
        f"holding {folded + len(digests)} requests), {waiting} still queued, "
        f"queue wait {percentiles(waits(group))}"
    )


def budgets(
    channel: ChannelSender, senders: int, redis_url: str | None
) -> tuple[list[SendBudget | None], list[Redis]]:
    """One budget per sender: shared through Redis (a client each, under a namespace of this
    run's), or None, each sender its own."""
    if redis_url is None:
        return [None] * senders, []
    namespace = f"linli-bench-{uuid.uuid4().hex[:8]}:{channel.channel}"
    clients = [Redis.from_url(redis_url, decode_responses=True) for _ in range(senders)]
    shared: list[SendBudget | None] = [
        RedisBudget(client, namespace, channel.limits, channel.is_group) for client in clients
    ]
    return shared, clients


async def run(
    database_url: str,
    data_dir: Path,
    requests: int,
    residents: int,
    burst: float,
    urgent: int,
    groups: bool,
    senders: int = 1,
    redis_url: str | None = None,
) -> None:
    async with FakeBotApi() as api:
        settings = Settings(
            _env_file=None,
            database_url=database_url,
            data_dir=data_dir,
            telegram_token=api.token,
            telegram_base_url=api.base_url,
            telegram_base_file_url=api.base_file_url,
            demo=True,
        )
        linli = await build(settings)
        channel = telegram_channel(linli)
        shared, clients = budgets(channel.sender, senders, redis_url)
        outboxes = [
            OutboxSender(
                channel.sender,
                linli.uow,
                linli.clock,
                DeliveryPolicy(),
                owner=f"bench-{n}",
                budget=budget,
            )
            for n, budget in enumerate(shared)
        ]
        try:
            people = await residents_and_groups(linli, api, residents)
            if not burst:  # everything queued first: the sender alone
                await file_burst(linli, people, requests, burst, urgent)
            start = linli.clock.now()
            delivering = [asyncio.create_task(sender.run()) for sender in outboxes]
            if burst:  # filing goes on while the sender works, as in a real flood
                await file_burst(linli, people, requests, burst, urgent)
            while await queued(linli, groups=False):
                for sender in outboxes:
                    sender.wake()
                await asyncio.sleep(0.5)
            private_done = linli.clock.now()
            while groups and await queued(linli, groups=True):
                await asyncio.sleep(1.0)
            for sender in outboxes:
                sender.stop()
            await asyncio.gather(*delivering)
            async with linli.uow() as uow:
                rows = list(await uow.session.scalars(select(OutboxRow)))
        finally:
            with contextlib.suppress(Exception):
                await channel.bot.shutdown()
            await linli.close()
            for client in clients:
                await client.aclose()
    kind = database_url.split(":", 1)[0]
    if senders > 1:
        kind += f", {senders} senders " + ("sharing a Redis budget" if redis_url else "apart")
    report(rows, kind, start)
    if groups:
        drained = max(sent_at(r) for r in rows if r.status == "sent")
        print(
            f"  groups drained {(drained - start).total_seconds():.0f} s after the start "
            f"({(private_done - start).total_seconds():.0f} s for the private chats)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument(
        "--burst", type=float, default=0.0, help="seconds the filings span (0: queued first)"
    )
    parser.add_argument("--urgent-every", type=int, default=50, help="0: none urgent")
    parser.add_argument(
        "--groups", action="store_true", help="go on until the groups' queues are empty too"
    )
    parser.add_argument("--postgres", help="a PostgreSQL database the benchmark may empty")
    parser.add_argument("--senders", type=int, default=1, help="senders side by side")
    parser.add_argument("--redis", help="a Redis the senders share their budget through")
    args = parser.parse_args()
    for database, data_dir in each_database(args.postgres):
        asyncio.run(
            run(
                database,
                data_dir,
                args.requests,
                args.residents,
                args.burst,
                args.urgent_every,
                args.groups,
                args.senders,
                args.redis,
            )
        )


if __name__ == "__main__":
    main()
