"""How time counts towards a deadline: round the clock, or working hours on working days.

Hours on a working calendar are counted the way people speak of time limits: a working day
counts as 24 hours, so "claim within 24 hours" means "within one working day" (签收 within 1
working day, as the 12345 hotline rules say) and 72 hours means three working days.
Urgent requests never use a working calendar: their time is wall-clock time.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS = 3660
DAY = 24.0
Window = tuple[time, time]


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Working ``hours`` (local time windows) on ``weekdays`` (Monday = 0), minus
    ``holidays``, plus ``workdays`` (调休: weekend days worked). No hours: 24/7."""

    timezone: str = "Asia/Shanghai"
    hours: tuple[Window, ...] = ()
    weekdays: frozenset[int] = frozenset(range(5))
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    @property
    def always(self) -> bool:
        return not self.hours

    @property
    def day_hours(self) -> float:
        """Working hours in one working day."""
        if self.always:
            return DAY
        return sum(_length(start, end) for start, end in self.hours) / 3600

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day not in self.holidays and day.weekday() in self.weekdays

    def _windows(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_workday(day):
            return []
        zone = ZoneInfo(self.timezone)
        return [
            (datetime.combine(day, start, zone), datetime.combine(day, end, zone))
            for start, end in self.hours
        ]

    def _local_day(self, moment: datetime) -> date:
        return moment.astimezone(ZoneInfo(self.timezone)).date()

    def add(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` of this calendar's time after ``start``."""
        if self.always:
            return start + timedelta(hours=hours)
        if hours <= 0:
            return start
        remaining = timedelta(hours=hours * self.day_hours / DAY)
        day = self._local_day(start)
        for _ in range(MAX_DAYS):
            for window_start, window_end in self._windows(day):
                begin = max(window_start, start)
                if window_end <= begin:
                    continue
                if remaining <= window_end - begin:
                    return (begin + remaining).astimezone(UTC)
                remaining -= window_end - begin
            day += timedelta(days=1)
        raise ValueError("the working calendar has no working time ahead")

    def between(self, start: datetime, end: datetime) -> float:
        """Hours of this calendar's time from ``start`` to ``end`` (0 if ``end`` is earlier)."""
        if end <= start:
            return 0.0
        if self.always:
            return (end - start).total_seconds() / 3600
        worked = timedelta()
        day, last = self._local_day(start), self._local_day(end)
        while day <= last:
            for window_start, window_end in self._windows(day):
                overlap = min(window_end, end) - max(window_start, start)
                worked += max(overlap, timedelta())
            day += timedelta(days=1)
        return worked.total_seconds() / 3600 * DAY / self.day_hours

    def point(self, start: datetime, end: datetime, fraction: float) -> datetime:
        """The moment ``fraction`` of the calendar time from ``start`` to ``end`` has passed."""
        return self.add(start, self.between(start, end) * fraction)


def _length(start: time, end: time) -> float:
    return (datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds()


ALWAYS = WorkCalendar()


@dataclass(frozen=True, slots=True)
class Calendars:
    """The deployment's calendar and any community's own, by community code."""

    default: WorkCalendar = ALWAYS
    communities: Mapping[str, WorkCalendar] = field(default_factory=dict)

    def of(self, community_code: str | None) -> WorkCalendar:
        if community_code is None:
            return self.default
        return self.communities.get(community_code, self.default)
