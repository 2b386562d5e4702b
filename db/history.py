"""A community's own history as labelled data: what its requests finally turned out to be."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.vocabulary import Action, Status
from db.models import RequestEventRow, RequestRow

UNLABELLED = (Status.CANCELLED, Status.MERGED)


async def labelled_requests(
    sessions: async_sessionmaker[AsyncSession], since: datetime | None = None
) -> list[dict[str, Any]]:
    """One row per request in the labelled-data contract (text, category, type, urgent),
    with ``corrected`` set where a leader recategorised it — the most valuable rows."""
    corrected = select(RequestEventRow.request_id).where(
        RequestEventRow.action == str(Action.RECATEGORISE)
    )
    query = select(RequestRow, RequestRow.id.in_(corrected)).where(
        RequestRow.status.not_in([str(s) for s in UNLABELLED])
    )
    if since is not None:
        query = query.where(RequestRow.created_at >= since)
    async with sessions() as session:
        rows = (await session.execute(query.order_by(RequestRow.id))).all()
    return [
        {
            "text": row.text,
            "category": row.category,
            "type": row.type,
            "urgent": row.urgent,
            "corrected": bool(was_corrected),
        }
        for row, was_corrected in rows
    ]
