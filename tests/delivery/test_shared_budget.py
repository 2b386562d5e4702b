"""The send budget shared through Redis: two processes (two budgets on their own clients, two
senders with their own owners and engines) spend one budget, and a wait one of them is told
holds the other too. Real Redis (LINLI_TEST_REDIS_URL) and real outbox rows."""

import asyncio
from bisect import bisect_left
from itertools import pairwise

import pytest
from redis.asyncio import Redis

from bot.channels import DeliveryPolicy, RateLimits
from bot.outbox_sender import OutboxSender
from bot.redis_budget import RedisBudget
from bot.wiring import SystemClock
from core.messages import Reply
from tests.databases import REDIS_URL
from tests.delivery.fakes import RecordingChannel, rows, twin_engine, uow_on
from tests.env import Env

LIMITS = RateLimits(overall_per_second=10.0, private_per_second=1.0, group_per_minute=20.0)
NOW = 1_800_000_000.0
EPSILON = 1e-6


def is_group(chat_id: str) -> bool:
    return chat_id.startswith("group")


async def budgets(prefix: str, count: int = 2) -> list[tuple[Redis, RedisBudget]]:
    """``count`` budgets on one namespace, each on a client of its own, as processes have."""
    assert REDIS_URL
    made = []
    for _ in range(count):
        client = Redis.from_url(REDIS_URL, decode_responses=True)
        made.append((client, RedisBudget(client, f"{prefix}:test", LIMITS, is_group)))
    return made


async def test_a_hold_one_process_is_told_holds_the_other(redis_prefix: str) -> None:
    (one_client, one), (two_client, two) = await budgets(redis_prefix)
    try:
        await one.hold("100", NOW, 5.0)
        assert await two.busy(NOW + 1) == {"100"}
        assert await two.soonest(NOW + 1) == pytest.approx(4.0)
        assert await two.acquire("100", NOW + 1) == pytest.approx(4.0)
        assert await two.acquire("200", NOW + 1) == 0  # other chats go on
        assert await two.acquire("100", NOW + 5 + EPSILON) == 0
        assert await one.busy(NOW + 5 + EPSILON) == {"100"}  # just written to, by two
    finally:
        await one_client.aclose()
        await two_client.aclose()


async def test_two_processes_cannot_both_write_to_a_chat_within_its_budget(
    redis_prefix: str, redis_client: Redis
) -> None:
    (one_client, one), (two_client, two) = await budgets(redis_prefix)
    try:
        assert await one.acquire("100", NOW) == 0
        assert await two.acquire("100", NOW + 0.5) == pytest.approx(0.5)
        assert await two.acquire("100", NOW + 1.0) == 0
        assert await one.acquire("group-a", NOW + 2.0) == 0
        assert await two.acquire("group-a", NOW + 4.0) == pytest.approx(1.0)  # 20 a minute
        assert await two.acquire("group-a", NOW + 5.0) == 0
        ttl = await redis_client.pttl(f"{redis_prefix}:test:chat:100")
        assert 0 < ttl <= 3000  # an idle chat's bucket expires
    finally:
        await one_client.aclose()
        await two_client.aclose()


async def test_the_last_token_is_spent_once(redis_prefix: str) -> None:
    """Twenty chats asked for at one instant from two processes: one message may go."""
    made = await budgets(redis_prefix)
    try:
        asked = [made[n % 2][1].acquire(str(300 + n), NOW) for n in range(20)]
        waits = await asyncio.gather(*asked)
        assert sorted(waits)[:2] == [0, pytest.approx(0.1)]
    finally:
        for client, _ in made:
            await client.aclose()


def most_in_a_second(times: list[float]) -> int:
    """The most sends in any window [t, t + 1 s) that starts at a send."""
    return max(bisect_left(times, t + 1.0) - n for n, t in enumerate(times))


async def test_two_senders_share_one_budget(env: Env, redis_prefix: str) -> None:
    """Two senders, one database, one Redis budget of 10 a second: together they keep to it,
    and every row goes out once. A send is stamped when the channel is called, a moment
    after its budget was taken, so a window may see one more than the cap."""
    clock = SystemClock()
    chats = [f"{100 + n}" for n in range(30)] + ["500"] * 3 + ["group-a"] * 2
    async with uow_on(env.engine, clock)() as uow:
        for n, chat in enumerate(chats):
            await uow.outbox.add("test", chat, Reply(f"m{n}"), None, False, clock.now())
        await uow.commit()
    other = await twin_engine(env.engine)
    made = await budgets(redis_prefix)
    channels = [RecordingChannel(clock, limits=LIMITS) for _ in made]
    policy = DeliveryPolicy(poll_seconds=0.1)
    senders = [
        OutboxSender(channel, uow, clock, policy, owner=owner, budget=budget)
        for channel, (_, budget), owner, uow in zip(
            channels,
            made,
            ("one", "two"),
            (uow_on(env.engine, clock), uow_on(other, clock)),
            strict=True,
        )
    ]
    running = [asyncio.create_task(sender.run()) for sender in senders]
    try:
        for _ in range(300):
            if sum(len(c.calls) for c in channels) >= len(chats):
                break
            await asyncio.sleep(0.05)
    finally:
        for sender in senders:
            sender.stop()
        await asyncio.wait_for(asyncio.gather(*running), 10)
        await other.dispose()
        for client, _ in made:
            await client.aclose()
    calls = sorted((call for c in channels for call in c.calls), key=lambda call: call.at)
    assert sorted(call.key for call in calls) == sorted(f"m{n}" for n in range(len(chats)))
    assert {r.status for r in await rows(env)} == {"sent"}
    assert all(channel.calls for channel in channels)  # both processes sent
    times = [call.at.timestamp() for call in calls]
    assert most_in_a_second(times) <= LIMITS.overall_per_second + 1
    assert times[-1] - times[0] >= (len(times) - 1) / LIMITS.overall_per_second - 0.1
    for chat, gap in (("500", 1.0), ("group-a", 3.0)):
        sent = [call.at.timestamp() for call in calls if call.chat_id == chat]
        assert min(b - a for a, b in pairwise(sent)) >= gap - 0.1
