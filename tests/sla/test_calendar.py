"""How time counts: 24/7, working hours across a weekend, a holiday and a make-up working day."""

from datetime import UTC, date, datetime, time

import pytest

from core.clock.calendar import ALWAYS, Calendars, WorkCalendar
from core.clock.calendar_file import CalendarError, parse_calendars
from core.clock.deadlines import deadlines
from core.context import Context, Policy
from tests.env import FakeTaxonomy

OFFICE = WorkCalendar(
    hours=((time(8, 30), time(17, 30)),),
    holidays=frozenset({date(2026, 11, 30)}),
    workdays=frozenset({date(2026, 12, 6)}),
)


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A Shanghai wall-clock time in late 2026, as UTC."""
    return datetime(2026, month, day, hour - 8, minute, tzinfo=UTC)


def test_round_the_clock_is_wall_clock() -> None:
    start = local(27, 16, 30)
    assert ALWAYS.add(start, 30) == datetime(2026, 11, 28, 14, 30, tzinfo=UTC)
    assert ALWAYS.between(start, ALWAYS.add(start, 30)) == 30


def test_a_working_day_counts_as_24_hours() -> None:
    monday = local(23, 9, 30)
    assert OFFICE.day_hours == 9
    assert OFFICE.add(monday, 24) == local(24, 9, 30)
    assert OFFICE.add(monday, 12) == local(23, 14, 0)  # half a day: 4.5 working hours


def test_friday_afternoon_runs_over_the_weekend_and_a_holiday() -> None:
    friday = local(27, 16, 30)
    # Friday 1 h, Saturday and Sunday off, Monday 30 Nov a holiday, Tuesday 8 h.
    assert OFFICE.add(friday, 24) == local(1, 16, 30, month=12)
    assert OFFICE.between(friday, local(1, 16, 30, month=12)) == pytest.approx(24)


def test_outside_hours_the_clock_starts_next_morning() -> None:
    saturday_night = local(28, 22)
    assert OFFICE.add(saturday_night, 8) == local(1, 11, 30, month=12)  # 3 working hours
    assert OFFICE.between(saturday_night, local(1, 8, 0, month=12)) == 0


def test_a_make_up_sunday_is_worked() -> None:
    saturday = local(5, 12, month=12)
    assert OFFICE.is_workday(date(2026, 12, 6)) and not OFFICE.is_workday(date(2026, 12, 5))
    assert OFFICE.add(saturday, 24) == local(6, 17, 30, month=12)


def test_three_quarters_of_the_working_time() -> None:
    start, end = local(27, 16, 30), local(1, 16, 30, month=12)
    # 9 working hours in all (Friday 1, Tuesday 8): three quarters is Tuesday 8:30 + 5¾ h.
    assert OFFICE.point(start, end, 0.75) == local(1, 14, 15, month=12)


def test_urgent_requests_count_wall_clock_on_any_calendar() -> None:
    ctx = Context(local(27, 16, 30), Policy(), FakeTaxonomy(), Calendars(OFFICE))
    claim_by, resolve_by = deadlines(ctx, ctx.now, None, urgent=True)
    assert (claim_by - ctx.now).total_seconds() == 1800
    assert (resolve_by - ctx.now).total_seconds() == 4 * 3600
    ordinary = deadlines(ctx, ctx.now, None, urgent=False)
    assert ordinary == (local(1, 16, 30, month=12), local(3, 16, 30, month=12))


def test_a_community_has_its_own_calendar() -> None:
    calendars = parse_calendars(
        {
            "hours": "08:30-17:30",
            "weekdays": ["mon", "tue", "wed", "thu", "fri"],
            "holidays": [date(2026, 10, 1), "2026-10-02..2026-10-07"],
            "workdays": ["2026-09-27"],
            "communities": {
                "XFL": {"hours": ["08:00-12:00", "14:00-18:00"], "holidays": ["2026-11-30"]},
                "NIGHT": {"hours": []},
            },
        },
        "Asia/Shanghai",
    )
    assert calendars.default.day_hours == 9 and len(calendars.default.holidays) == 7
    xfl = calendars.of("XFL")
    assert xfl.day_hours == 8 and date(2026, 11, 30) in xfl.holidays
    assert date(2026, 10, 3) in xfl.holidays and date(2026, 9, 27) in xfl.workdays
    assert calendars.of("NIGHT").always and calendars.of("OTHER") is calendars.default
    assert parse_calendars(None, "Asia/Shanghai").default.always


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"hours": "17:30-08:30"}, "hours"),
        ({"hours": "9-5"}, "hours"),
        ({"weekdays": ["someday"]}, "weekdays"),
        ({"holidays": ["2026-13-01"]}, "holidays"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"hours": "08:30-17:30", "weekdays": []}, "weekdays"),
        ({"communities": {"XFL": {"workdays": ["soon"]}}}, "communities.XFL.workdays"),
    ],
)
def test_a_wrong_calendar_file_says_where(data: dict, where: str) -> None:
    with pytest.raises(CalendarError, match=where):
        parse_calendars(data, "Asia/Shanghai")
