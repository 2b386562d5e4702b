"""The clock loop in ``bot/``: ticks, wakes the senders when it fired, stops cleanly."""

import asyncio
from pathlib import Path

from bot.clock import SlaClock, load_calendars
from tests.env import Env
from tests.seed import seed
from tests.sla.support import sent, submit


async def test_loop_ticks_wakes_the_senders_and_stops(env: Env) -> None:
    s = await seed(env)
    await submit(env, s)
    env.clock.advance(hours=24)
    woken: list[bool] = []
    clock = SlaClock(env.uow, lambda: env.ctx, 3600, wake=lambda: woken.append(True))
    task = asyncio.create_task(clock.run())
    for _ in range(200):
        if woken:
            break
        await asyncio.sleep(0.01)
    clock.stop()
    await asyncio.wait_for(task, 5)
    assert woken == [True]
    assert len(await sent(env, "group.unclaimed")) == 1
    assert (await clock.tick_once()).fired == ()


def test_calendar_file_or_round_the_clock(tmp_path: Path) -> None:
    assert load_calendars(None, "Asia/Urumqi").default.timezone == "Asia/Urumqi"
    path = tmp_path / "calendar.yaml"
    path.write_text(
        "hours: [08:30-12:00, 14:00-17:30]\n"
        "holidays: [2026-10-01..2026-10-07]\n"
        "communities:\n  XFL:\n    hours: []\n",
        encoding="utf-8",
    )
    calendars = load_calendars(path, "Asia/Shanghai")
    assert calendars.default.day_hours == 7 and len(calendars.default.holidays) == 7
    assert calendars.of("XFL").always


async def test_clock_forgets_old_update_ids_so_reused_ids_are_not_dropped(env: Env) -> None:
    await seed(env)
    async with env.uow() as uow:
        assert await uow.inbox.record("telegram", "1001", env.clock.now())
        await uow.commit()
    clock = SlaClock(env.uow, lambda: env.ctx, 3600)
    await clock.tick_once()
    async with env.uow() as uow:
        assert not await uow.inbox.record("telegram", "1001", env.clock.now())
    env.clock.advance(days=7)
    await clock.tick_once()
    async with env.uow() as uow:
        assert await uow.inbox.record("telegram", "1001", env.clock.now())
