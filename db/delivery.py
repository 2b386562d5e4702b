"""The outbox as the senders see it: claim due rows under a lease, record what happened;
and the processes that own leases, each beating while it lives."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from core.messages import Reply
from db.models import MessageRefRow, OutboxRow, ProcessRow

PENDING, SENDING, SENT, DEAD = "pending", "sending", "sent", "dead"
UNSENT = (PENDING, SENDING)
OWNER_GONE = timedelta(seconds=5)
"""A process that has not beaten for this long is gone: its leases are taken back. It
beats every second (bot/heartbeat.py), so only a process stalled this long loses them."""
FORGET_PROCESSES = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Envelope:
    """One claimed outbox row, ready to go out."""

    id: int
    channel: str
    chat_id: str
    reply: Reply
    ref: str | None
    edit: bool
    attempts: int


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """An outbox row as ``linli outbox list`` shows it."""

    id: int
    channel: str
    chat_id: str
    key: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None


def _head_of_chat() -> object:
    """No earlier row of the same chat is still unsent: a chat's messages go out in order."""
    earlier = aliased(OutboxRow)
    return ~(
        select(earlier.id)
        .where(
            earlier.channel == OutboxRow.channel,
            earlier.chat_id == OutboxRow.chat_id,
            earlier.id < OutboxRow.id,
            earlier.status.in_(UNSENT),
        )
        .exists()
    )


class SqlDeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def claim(
        self, channel: str, owner: str, now: datetime, lease_until: datetime, limit: int
    ) -> list[Envelope]:
        """Lease the first unsent row of each chat that is due, or whose lease ran out, or
        whose lease's owner is gone (a process killed: its rows go out again at once).

        PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so two senders never take the same row;
        SQLite: the transaction holds the database's single write lock from its start.
        """
        gone = select(ProcessRow.owner).where(ProcessRow.seen_at <= now - OWNER_GONE)
        due = or_(
            and_(OutboxRow.status == PENDING, OutboxRow.next_attempt_at <= now),
            and_(
                OutboxRow.status == SENDING,
                or_(OutboxRow.lease_until <= now, OutboxRow.lease_owner.in_(gone)),
            ),
        )
        rows = list(
            await self._s.scalars(
                select(OutboxRow)
                .where(OutboxRow.channel == channel, due, _head_of_chat())
                .order_by(OutboxRow.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if rows:
            await self._s.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_([r.id for r in rows]))
                .values(status=SENDING, lease_owner=owner, lease_until=lease_until)
                .execution_options(synchronize_session=False)
            )
        return [
            Envelope(
                r.id, r.channel, r.chat_id, Reply.from_json(r.reply), r.ref, r.edit, r.attempts
            )
            for r in rows
        ]

    async def beat(self, owner: str, now: datetime) -> None:
        """This process lives (its first beat registers it); long-gone processes are forgotten."""
        insert = pg_insert if self._s.bind.dialect.name == "postgresql" else sqlite_insert
        await self._s.execute(
            insert(ProcessRow)
            .values(owner=owner, started_at=now, seen_at=now)
            .on_conflict_do_update(index_elements=["owner"], set_={"seen_at": now})
        )
        await self._s.execute(delete(ProcessRow).where(ProcessRow.seen_at < now - FORGET_PROCESSES))

    async def leave(self, owner: str) -> None:
        """A clean stop: the process holds no lease any more."""
        await self._s.execute(delete(ProcessRow).where(ProcessRow.owner == owner))

    async def message_id(self, channel: str, chat_id: str, ref: str) -> str | None:
        return await self._s.scalar(
            select(MessageRefRow.message_id).where(
                MessageRefRow.channel == channel,
                MessageRefRow.chat_id == chat_id,
                MessageRefRow.ref == ref,
            )
        )

    async def sent(self, envelope: Envelope, now: datetime, message_id: str | None) -> None:
        """Delivered: never again. A new message with a ``ref`` becomes what edits replace."""
        await self._s.execute(
            update(OutboxRow)
            .where(OutboxRow.id == envelope.id)
            .values(
                status=SENT,
                sent_at=now,
                attempts=OutboxRow.attempts + 1,
                lease_owner=None,
                lease_until=None,
            )
        )
        if envelope.ref and message_id is not None:
            await self._remember(envelope, message_id)

    async def _remember(self, envelope: Envelope, message_id: str) -> None:
        insert = pg_insert if self._s.bind.dialect.name == "postgresql" else sqlite_insert
        await self._s.execute(
            insert(MessageRefRow)
            .values(
                channel=envelope.channel,
                chat_id=envelope.chat_id,
                ref=envelope.ref,
                message_id=message_id,
            )
            .on_conflict_do_update(
                index_elements=["channel", "chat_id", "ref"], set_={"message_id": message_id}
            )
        )

    async def failed(
        self, envelope: Envelope, owner: str, error: str, retry_at: datetime | None
    ) -> None:
        """Count a failed try: back to pending until ``retry_at``, or dead when it is None.

        Only the sender still holding the lease may say so.
        """
        await self._s.execute(
            update(OutboxRow)
            .where(
                OutboxRow.id == envelope.id,
                OutboxRow.status == SENDING,
                OutboxRow.lease_owner == owner,
            )
            .values(
                status=PENDING if retry_at else DEAD,
                attempts=OutboxRow.attempts + 1,
                next_attempt_at=retry_at or OutboxRow.next_attempt_at,
                last_error=error[:500],
                lease_owner=None,
                lease_until=None,
            )
        )

    async def kill_chat(self, channel: str, chat_id: str, error: str) -> int:
        """Dead-letter everything still queued for a chat that cannot be reached."""
        result = await self._s.execute(
            update(OutboxRow)
            .where(
                OutboxRow.channel == channel,
                OutboxRow.chat_id == chat_id,
                OutboxRow.status.in_(UNSENT),
            )
            .values(status=DEAD, last_error=error[:500], lease_owner=None, lease_until=None)
        )
        return result.rowcount

    async def entries(self, dead: bool, limit: int = 100) -> list[OutboxEntry]:
        statuses = (DEAD,) if dead else UNSENT
        rows = await self._s.scalars(
            select(OutboxRow)
            .where(OutboxRow.status.in_(statuses))
            .order_by(OutboxRow.id)
            .limit(limit)
        )
        return [
            OutboxEntry(
                r.id,
                r.channel,
                r.chat_id,
                str(r.reply.get("key", "")),
                r.status,
                r.attempts,
                r.next_attempt_at,
                r.last_error,
            )
            for r in rows
        ]

    async def requeue(self, row_id: int | None, now: datetime) -> int:
        """Give dead rows (one, or all with ``None``) a fresh set of attempts."""
        where = [OutboxRow.status == DEAD]
        if row_id is not None:
            where.append(OutboxRow.id == row_id)
        result = await self._s.execute(
            update(OutboxRow).where(*where).values(status=PENDING, attempts=0, next_attempt_at=now)
        )
        return result.rowcount
