"""A community's own history as labelled data: what its requests finally turned out to be."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.vocabulary import Action, Status
from db.models import RequestEventRow, RequestRow

UNLABELLED = (Status.CANCELLED, Status.MERGED)


@dataclass(frozen=True, slots=True)
class LabelledRequest:
    """A row of the labelled-data contract ``linli nlp train`` reads."""

    text: str
    category: str
    type: str
    urgent: bool
    corrected: bool  # a leader recategorised it: the most valuable rows


async def labelled_requests(
    sessions: async_sessionmaker[AsyncSession], since: datetime | None = None
) -> list[LabelledRequest]:
    """One row per request that was not withdrawn or merged, oldest first."""
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
        LabelledRequest(row.text, row.category, row.type, row.urgent, bool(was_corrected))
        for row, was_corrected in rows
    ]
