"""The calendar file (YAML, read by ``bot/``): working hours, weekdays, holidays, 调休.

```yaml
timezone: Asia/Shanghai
hours: ["08:30-12:00", "14:00-17:30"]   # leave out (or []) for 24/7
weekdays: [mon, tue, wed, thu, fri]     # or ISO numbers 1-7
holidays: [2026-01-01, 2026-10-01..2026-10-07]
workdays: [2026-09-27, 2026-10-10]      # 调休: weekend days that are worked
communities:
  XFL:                                  # a community code from the roster
    hours: ["08:00-18:00"]              # replaces; holidays/workdays add to the shared ones
```
"""

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.clock.calendar import Calendars, Window, WorkCalendar

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_RANGE_DAYS = 366


class CalendarError(ValueError):
    """The calendar file is wrong; the message says where."""


def parse_calendars(data: Mapping[str, Any] | None, timezone: str) -> Calendars:
    data = data or {}
    default = _calendar(data, WorkCalendar(timezone=timezone), "")
    communities = data.get("communities") or {}
    if not isinstance(communities, Mapping):
        raise CalendarError("communities: expected a mapping of community code to calendar")
    return Calendars(
        default,
        {
            str(code): _calendar(entry or {}, default, f"communities.{code}.")
            for code, entry in communities.items()
        },
    )


def _calendar(entry: Any, base: WorkCalendar, where: str) -> WorkCalendar:
    if not isinstance(entry, Mapping):
        raise CalendarError(f"{where or 'calendar'}: expected a mapping")
    calendar = base
    if "timezone" in entry:
        calendar = replace(calendar, timezone=_timezone(entry["timezone"], where))
    if "hours" in entry:
        calendar = replace(calendar, hours=_hours(entry["hours"] or [], where))
    if "weekdays" in entry:
        calendar = replace(calendar, weekdays=_weekdays(entry["weekdays"] or [], where))
    holidays = _days(entry.get("holidays") or [], f"{where}holidays")
    workdays = _days(entry.get("workdays") or [], f"{where}workdays")
    calendar = replace(
        calendar, holidays=base.holidays | holidays, workdays=base.workdays | workdays
    )
    if not calendar.always and not calendar.weekdays and not calendar.workdays:
        raise CalendarError(f"{where}weekdays: a calendar with hours needs working days")
    return calendar


def _timezone(value: Any, where: str) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarError(f"{where}timezone: unknown timezone {value!r}") from None
    return str(value)


def _hours(value: Any, where: str) -> tuple[Window, ...]:
    items = [value] if isinstance(value, str) else value
    windows: list[Window] = []
    for item in items:
        try:
            start, end = (time.fromisoformat(part.strip()) for part in str(item).split("-"))
        except ValueError:
            raise CalendarError(f"{where}hours: {item!r} is not like 08:30-17:30") from None
        if end <= start or (windows and start < windows[-1][1]):
            raise CalendarError(f"{where}hours: {item!r} must end after it starts, in order")
        windows.append((start, end))
    return tuple(windows)


def _weekdays(values: Iterable[Any], where: str) -> frozenset[int]:
    days: set[int] = set()
    for value in values:
        word = str(value).strip().lower()[:3]
        if word in WEEKDAYS:
            days.add(WEEKDAYS.index(word))
        elif word.isdigit() and 1 <= int(word) <= 7:
            days.add(int(word) - 1)
        else:
            raise CalendarError(f"{where}weekdays: {value!r} is not mon…sun or 1…7")
    return frozenset(days)


def _days(values: Iterable[Any], where: str) -> frozenset[date]:
    days: set[date] = set()
    for value in values:
        first, _, last = str(value).partition("..")
        try:
            start = date.fromisoformat(first.strip())
            end = date.fromisoformat(last.strip()) if last else start
        except ValueError:
            raise CalendarError(f"{where}: {value!r} is not a date like 2026-10-01") from None
        if not 0 <= (end - start).days <= MAX_RANGE_DAYS:
            raise CalendarError(f"{where}: {value!r} is not a range of at most a year")
        days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return frozenset(days)
