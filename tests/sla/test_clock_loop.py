"""The clock loop in ``bot/``: ticks, wakes the senders when it fired, stops cleanly."""

import asyncio
from pathlib import Path

from bot.clock import SlaClock, load_calendars
from tests.conftest import Env
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
