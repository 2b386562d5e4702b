"""When a request is due: claim-by and resolve-by from the taxonomy's hours."""

from datetime import datetime, timedelta

from core.context import Context


def due_after(ctx: Context, start: datetime, hours: float) -> datetime:
    return start + timedelta(hours=hours)


def deadlines(
    ctx: Context, start: datetime, subcategory: str | None, urgent: bool
) -> tuple[datetime, datetime]:
    claim_hours, resolve_hours = ctx.taxonomy.deadline_hours(subcategory, urgent)
    return due_after(ctx, start, claim_hours), due_after(ctx, start, resolve_hours)
