"""The ladder on a working calendar: nights, a weekend and a holiday do not count."""

from dataclasses import replace
from datetime import UTC, date, datetime, time

from core.clock.calendar import Calendars, WorkCalendar
from tests.env import Env
from tests.seed import seed
from tests.sla.support import claimed, run, sent, submit

OFFICE = WorkCalendar(
    hours=((time(8, 30), time(17, 30)),), holidays=frozenset({date(2026, 11, 30)})
)


def at(env: Env, month: int, day: int, hour: int, minute: int = 0):
    """Move the clock to a Shanghai wall-clock time; the context that goes with it."""
    env.clock.current = datetime(2026, month, day, hour - 8, minute, tzinfo=UTC)
    return replace(env.ctx, calendars=Calendars(OFFICE))


async def test_friday_request_waits_out_the_weekend_and_the_holiday(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s, at(env, 11, 27, 16, 30))  # Friday afternoon
    assert request.claim_by == datetime(2026, 12, 1, 8, 30, tzinfo=UTC)  # Tuesday 16:30
    assert request.resolve_by == datetime(2026, 12, 3, 8, 30, tzinfo=UTC)  # Thursday 16:30
    assert await run(env, at(env, 11, 28, 16, 30)) == []  # 24 wall-clock hours: Saturday
    assert await run(env, at(env, 11, 30, 17, 0)) == []  # Monday, a holiday
    assert await run(env, at(env, 12, 1, 16, 30)) == [("reannounce", request.id)]


async def test_reminder_and_escalation_count_working_hours(env: Env) -> None:
    env.policy = replace(env.policy, escalate_after_hours=48)  # two working days
    s = await seed(env)
    request = await claimed(env, s, at(env, 11, 27, 16, 30))
    # 27 working hours to Thursday 16:30; three quarters (20¼ h) fall on Thursday 09:45.
    assert await run(env, at(env, 12, 3, 9, 44)) == []
    assert await run(env, at(env, 12, 3, 9, 45)) == [("remind", request.id)]
    assert await run(env, at(env, 12, 3, 16, 30)) == [("breach", request.id)]
    # 18 working hours later: Thursday 1, Friday 9, and Monday 8.
    assert await run(env, at(env, 12, 5, 10, 0)) == []
    assert await run(env, at(env, 12, 7, 16, 29)) == []
    assert await run(env, at(env, 12, 7, 16, 30)) == [("escalate", request.id)]
    assert len(await sent(env, "member.reminder")) == 1
