"""The periods reports are made for: a month (2026-11), a quarter (2026Q4) or any dates, in
the community's time zone; stored and compared as UTC instants, the end exclusive."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")


class PeriodError(ValueError):
    """A period written wrongly; ``key`` is the catalogue key saying so."""

    def __init__(self, key: str, given: str) -> None:
        super().__init__(f"{key}: {given}")
        self.key = key
        self.given = given


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    first: date
    last: date  # inclusive
    timezone: str

    @property
    def start(self) -> datetime:
        return _midnight(self.first, self.timezone)

    @property
    def end(self) -> datetime:
        return _midnight(self.last + timedelta(days=1), self.timezone)

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def _midnight(day: date, timezone: str) -> datetime:
    return datetime.combine(day, time(), ZoneInfo(timezone)).astimezone(UTC)


def month(text: str, timezone: str) -> Period:
    found = MONTH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise PeriodError("period.bad_month", text)
    year, number = int(found.group(1)), int(found.group(2))
    return _months(year, number, 1, f"{year}-{number:02d}", timezone)


def quarter(text: str, timezone: str) -> Period:
    found = QUARTER.match(text.strip())
    if not found:
        raise PeriodError("period.bad_quarter", text)
    year, number = int(found.group(1)), int(found.group(2))
    return _months(year, 3 * number - 2, 3, f"{year}Q{number}", timezone)


def between(first: str, last: str, timezone: str) -> Period:
    try:
        start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
    except ValueError:
        raise PeriodError("period.bad_dates", f"{first} {last}") from None
    if end < start:
        raise PeriodError("period.bad_dates", f"{first} {last}")
    return Period(f"{start.isoformat()}—{end.isoformat()}", start, end, timezone)


def _months(year: int, first_month: int, count: int, label: str, timezone: str) -> Period:
    first = date(year, first_month, 1)
    after_month = first_month + count
    after = date(year + (after_month - 1) // 12, (after_month - 1) % 12 + 1, 1)
    return Period(label, first, after - timedelta(days=1), timezone)


def month_of(moment: datetime, timezone: str) -> Period:
    local = moment.astimezone(ZoneInfo(timezone))
    return month(f"{local.year}-{local.month:02d}", timezone)


def months_in(period: Period) -> list[Period]:
    """Every calendar month the period touches, in order."""
    found, day = [], period.first.replace(day=1)
    while day <= period.last:
        found.append(month(f"{day.year}-{day.month:02d}", period.timezone))
        day = found[-1].last + timedelta(days=1)
    return found


def trailing(period: Period, count: int) -> list[Period]:
    """The ``count`` months ending with the one ``period`` ends in, oldest first."""
    last = month(f"{period.last.year}-{period.last.month:02d}", period.timezone)
    found = [last]
    while len(found) < count:
        previous = found[0].first - timedelta(days=1)
        found.insert(0, month(f"{previous.year}-{previous.month:02d}", period.timezone))
    return found


def chosen(
    timezone: str,
    month_text: str | None = None,
    quarter_text: str | None = None,
    first: str | None = None,
    last: str | None = None,
    now: datetime | None = None,
) -> Period:
    """The one period a command or page asks for; the current month when none is given."""
    given = [v for v in (month_text, quarter_text, first or last) if v]
    if len(given) > 1:
        raise PeriodError("period.one_only", " ".join(given))
    if month_text:
        return month(month_text, timezone)
    if quarter_text:
        return quarter(quarter_text, timezone)
    if first or last:
        if not (first and last):
            raise PeriodError("period.bad_dates", first or last or "")
        return between(first, last, timezone)
    return month_of(now or datetime.now(UTC), timezone)
