"""When a request is due: claim-by and resolve-by from the taxonomy's hours, on a calendar.

Urgent requests count wall-clock time; the others count on their community's working
calendar (24/7 unless one is configured).
"""

from datetime import datetime

from core.clock.calendar import ALWAYS, WorkCalendar
from core.context import Context
from core.records import Request
from core.vocabulary import OPEN_STATUSES


def calendar_for(ctx: Context, community_code: str | None, urgent: bool) -> WorkCalendar:
    return ALWAYS if urgent else ctx.calendars.of(community_code)


def due_after(
    ctx: Context, start: datetime, hours: float, calendar: WorkCalendar | None = None
) -> datetime:
    return (calendar or ctx.calendars.default).add(start, hours)


def deadlines(
    ctx: Context,
    start: datetime,
    subcategory: str | None,
    urgent: bool,
    community_code: str | None = None,
) -> tuple[datetime, datetime]:
    claim_hours, resolve_hours = ctx.taxonomy.deadline_hours(subcategory, urgent)
    calendar = calendar_for(ctx, community_code, urgent)
    return due_after(ctx, start, claim_hours, calendar), due_after(
        ctx, start, resolve_hours, calendar
    )


def is_overdue(request: Request, now: datetime) -> bool:
    """Open past its resolve-by, and not waiting on the resident."""
    return (
        request.status in OPEN_STATUSES
        and request.paused_at is None
        and request.resolve_by is not None
        and now >= request.resolve_by
    )
