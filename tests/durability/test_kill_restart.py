"""SIGKILL through the real stack: ``linli run`` as a process of its own, the real PTB HTTP
stack, the local Bot API server. After a restart: no update lost, no request filed twice, no
message sent twice but for those the dead sender held leased when it died (handed to
Telegram, their mark not yet committed: at least once), and replies flowing again within
10 s of the restart, the dead process's leased messages too.

Scaled down from benchmarks/telegram_burst.py (1,000 updates, 200 residents) to keep the
suite short: the messages go out at Telegram's real pace (30/s, 1/s per private chat).
"""

import asyncio
import time
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.adapters.conftest_telegram import POSTGRES_URL, database
from tests.durability.bot_process import BotProcess, Start, bot_processes
from tests.durability.ledger import (
    all_handled,
    all_sent,
    chats_of,
    deliveries,
    engine_of,
    first_reply,
    handled_updates,
    last_sent,
    leased,
    scalar,
    wait_until,
)
from tests.durability.residents import PROBLEMS, burst, residents
from tests.support import FakeBotApi

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="set LINLI_TEST_POSTGRES_URL"),
    ),
]
RESUMED_WITHIN = 10.0


def queue_updates(api: FakeBotApi, count: int) -> tuple[list[int], int]:
    """Each resident sends five messages before the bot has read any: who, the last id."""
    last, users = 0, []
    for number, person in enumerate(residents(api, count // 5)):
        users.append(person.user)
        for text in ("/start", PROBLEMS[number % 8], "/help", PROBLEMS[(number + 3) % 8], "/my"):
            last = api.user_sends(person.user, text=text)["update_id"]
    return users, last


async def restart_and_catch_up(
    api: FakeBotApi, start: Start, engine: AsyncEngine, leased_at_kill: list[str]
) -> BotProcess:
    """Start again; replies resume, and the dead process's leased rows go out, within 10 s."""
    again = await start("second")
    await api.wait_for(lambda: first_reply(api, again.started_at), RESUMED_WITHIN)
    await wait_until(lambda: all_sent(engine, leased_at_kill), RESUMED_WITHIN)
    resumed = first_reply(api, again.started_at)
    assert resumed is not None and resumed - again.started_at <= RESUMED_WITHIN
    back = await last_sent(engine, leased_at_kill) or again.started_at
    assert back - again.started_at <= RESUMED_WITHIN
    return again


@pytest.mark.parametrize("backend", BACKENDS)
async def test_updates_fetched_but_not_handled_at_a_kill_are_handled_after_restart(
    tmp_path: Path, backend: str
) -> None:
    total = 150
    async with (
        FakeBotApi() as api,
        database(tmp_path, backend) as url,
        engine_of(url) as engine,
        bot_processes(api, url, tmp_path) as start,
    ):
        users, last = queue_updates(api, total)
        first = await start("first")
        await api.wait_for(lambda: api.acknowledged >= last, 30)  # Telegram forgets them now
        await first.kill()
        handled_at_kill = await handled_updates(engine)
        leased_at_kill = await leased(engine)
        in_flight_chats = await chats_of(engine, leased_at_kill)
        assert handled_at_kill < total  # the kill did hit updates not handled yet

        again = await restart_and_catch_up(api, start, engine, leased_at_kill)
        try:
            await wait_until(lambda: all_handled(engine, total), 60)
            await wait_until(lambda: all_sent(engine), 60)
        finally:
            await again.stop()
        handled = await handled_updates(engine)
        delivered = await deliveries(engine, api)

    assert handled == total  # no update lost
    assert delivered.missing == 0
    # only what the killed sender held may go out again (it sends without waiting for each
    # answer, so more than one row can be on its way when it dies)
    assert delivered.twice <= len(leased_at_kill)
    assert delivered.repeated_chats <= in_flight_chats
    answers = {delivered.rows[str(user)] for user in users}
    assert len(answers) == 1 and answers.pop() >= 5  # each answered alike: none left out


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_kill_in_the_middle_of_a_burst_of_filing_loses_and_repeats_nothing(
    tmp_path: Path, backend: str
) -> None:
    count, each = 30, 2
    async with (
        FakeBotApi() as api,
        database(tmp_path, backend) as url,
        engine_of(url) as engine,
        bot_processes(api, url, tmp_path) as start,
    ):
        people = residents(api, count)
        first = await start("first")
        filing = asyncio.create_task(burst(people, each, timeout=40))
        presses = lambda: len(api.calls_of("answerCallbackQuery"))  # noqa: E731
        await api.wait_for(lambda: presses() >= count + count // 2, 60)  # mid-burst
        await first.kill()
        killed_at = time.time()
        leased_at_kill = await leased(engine)
        in_flight_chats = await chats_of(engine, leased_at_kill)
        again = await restart_and_catch_up(api, start, engine, leased_at_kill)
        try:
            await filing
            await wait_until(lambda: all_sent(engine), 60)
        finally:
            await again.stop()
        requests = await scalar(engine, "SELECT count(*) FROM request")
        delivered = await deliveries(engine, api)

    assert again.started_at - killed_at < 1.0
    assert [p.stuck for p in people] == [0] * count  # every step answered: nothing lost
    assert [p.filed for p in people] == [each] * count
    assert requests == count * each  # none filed twice, none merged into an open draft
    assert delivered.missing == 0
    assert delivered.twice <= len(leased_at_kill)
    assert delivered.repeated_chats <= in_flight_chats
