"""The inbox: every update committed before it is acknowledged, handled later from here."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import InboxRow
from db.session import rowcount

PENDING, HANDLED = "pending", "handled"


class SqlInboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def _insert(self, values: dict[str, Any]) -> bool:
        insert = pg_insert if self._s.get_bind().dialect.name == "postgresql" else sqlite_insert
        result = await self._s.execute(
            insert(InboxRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["channel", "update_id"])
        )
        return bool(rowcount(result))

    async def record(self, channel: str, update_id: str, at: datetime) -> bool:
        """An update handled at once, in this transaction: True the first time it is seen."""
        values = {"channel": channel, "update_id": update_id, "received_at": at}
        return await self._insert(values | {"status": HANDLED, "handled_at": at})

    async def store(
        self, channel: str, update_id: str, user_id: str, event: dict[str, Any], at: datetime
    ) -> bool:
        """A pending update, to be handled after the commit: False if it is known already."""
        return await self._insert(
            {
                "channel": channel,
                "update_id": update_id,
                "user_id": user_id,
                "status": PENDING,
                "event": event,
                "received_at": at,
            }
        )

    async def waiting(self, limit: int) -> list[tuple[str, str]]:
        """(channel, user id) of everyone with pending updates, whoever waits longest first."""
        rows = await self._s.execute(
            select(InboxRow.channel, InboxRow.user_id)
            .where(InboxRow.status == PENDING)
            .order_by(InboxRow.id)
            .limit(limit)
        )
        users: dict[tuple[str, str], None] = {}
        for channel, user_id in rows:
            users.setdefault((channel, user_id or ""), None)
        return list(users)

    async def pending(
        self, channel: str, user_id: str, limit: int
    ) -> list[tuple[int, dict[str, Any]]]:
        """One user's pending updates, oldest first: (row id, the update as stored)."""
        rows = await self._s.execute(
            select(InboxRow.id, InboxRow.event)
            .where(
                InboxRow.status == PENDING,
                InboxRow.channel == channel,
                InboxRow.user_id == user_id,
            )
            .order_by(InboxRow.id)
            .limit(limit)
        )
        return [(row_id, dict(event or {})) for row_id, event in rows]

    async def take(self, row_id: int, at: datetime) -> bool:
        """Mark a pending update handled, in the turn's transaction: True for the one turn that
        may handle it — it is still pending and no earlier update of that user is. On
        PostgreSQL a second worker's UPDATE waits for the first turn's commit and then finds
        nothing to take; on SQLite the turn holds the one write lock."""
        earlier = aliased(InboxRow)
        result = await self._s.execute(
            update(InboxRow)
            .where(
                InboxRow.id == row_id,
                InboxRow.status == PENDING,
                ~select(earlier.id)
                .where(
                    earlier.status == PENDING,
                    earlier.channel == InboxRow.channel,
                    earlier.user_id == InboxRow.user_id,
                    earlier.id < InboxRow.id,
                )
                .exists(),
            )
            .values(status=HANDLED, event=None, handled_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(rowcount(result))

    async def handled(self, channel: str, update_id: str) -> bool:
        """Whether a stored update's turn has run (by any worker)."""
        status = await self._s.scalar(
            select(InboxRow.status).where(
                InboxRow.channel == channel, InboxRow.update_id == update_id
            )
        )
        return status == HANDLED

    async def forget_before(self, before: datetime) -> int:
        """Forget handled updates received before ``before``; pending ones are kept."""
        result = await self._s.execute(
            delete(InboxRow).where(InboxRow.received_at < before, InboxRow.status == HANDLED)
        )
        return rowcount(result)
