"""The outbox as the senders see it: claim due rows under a lease, record what happened;
and the processes that own leases, each beating while it lives."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from core.cards import CARD
from core.messages import Reply
from db.models import MessageRefRow, OutboxRow, ProcessRow
from db.session import rowcount

PENDING, SENDING, SENT, DEAD = "pending", "sending", "sent", "dead"
FOLDED = "folded"  # a card that goes out inside a group digest (another row)
UNSENT = (PENDING, SENDING)
DIGEST_PREFIX = "digest:"  # a digest row's ref; in message_ref, where a folded card went

# Which rows go first when the channel's overall budget is short: an urgent request's new
# card (and the leader's alert), then cards and notices for members and leaders, then
# everything else (replies in dialogs, help). Within a chat, order is kept, except that an
# urgent card overtakes what its group has queued. Broadcasts go last of all, and a chat's
# other rows pass its queued broadcast rows (they never wait behind a notice).
URGENT, WORK, CHATTER, BROADCAST = 0, 1, 2, 3
URGENT_KEYS = ("leader.urgent",)
WORK_PREFIXES = (
    "card.",
    "group.digest",
    "group.unclaimed",
    "task.",
    "member.",
    "leader.",
    "admin.",
    "claim.ok",
)
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


def _head_of_chat() -> ColumnElement[bool]:
    """No earlier row of the same chat is still unsent: a chat's messages go out in order;
    a broadcast's row holds back nothing but later broadcast rows."""
    earlier = aliased(OutboxRow)
    return ~(
        select(earlier.id)
        .where(
            earlier.channel == OutboxRow.channel,
            earlier.chat_id == OutboxRow.chat_id,
            earlier.id < OutboxRow.id,
            earlier.status.in_(UNSENT),
            or_(OutboxRow.broadcast_id.is_not(None), earlier.broadcast_id.is_(None)),
        )
        .exists()
    )


def _urgent_card(row: type[OutboxRow]) -> ColumnElement[bool]:
    """A new card of an urgent request (its ``urgent`` mark is not empty)."""
    urgent = row.reply[("params", "urgent")].as_string()
    return and_(row.reply["key"].as_string() == CARD, row.edit.is_(False), urgent != "")


def _rank(row: type[OutboxRow]) -> ColumnElement[int]:
    key = row.reply["key"].as_string()
    return case(
        (row.broadcast_id.is_not(None), BROADCAST),
        (or_(_urgent_card(row), key.in_(URGENT_KEYS)), URGENT),
        (or_(*(key.startswith(prefix) for prefix in WORK_PREFIXES)), WORK),
        else_=CHATTER,
    )


def _first_urgent_card() -> ColumnElement[bool]:
    """An urgent card with no earlier urgent card (nor row of its ref) unsent in its chat."""
    earlier = aliased(OutboxRow)
    return and_(
        _urgent_card(OutboxRow),
        ~select(earlier.id)
        .where(
            earlier.channel == OutboxRow.channel,
            earlier.chat_id == OutboxRow.chat_id,
            earlier.id < OutboxRow.id,
            earlier.status.in_(UNSENT),
            or_(_urgent_card(earlier), earlier.ref == OutboxRow.ref),
        )
        .exists(),
    )


def _envelope(r: OutboxRow) -> Envelope:
    return Envelope(r.id, r.channel, r.chat_id, Reply.from_json(r.reply), r.ref, r.edit, r.attempts)


class SqlDeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def claim(
        self,
        channel: str,
        owner: str,
        now: datetime,
        lease_until: datetime,
        limit: int,
        busy: Collection[str] = (),
    ) -> list[Envelope]:
        """Lease one due row (or one whose lease ran out, or whose lease's owner is gone: a
        process killed, its rows go out again at once) of each chat not in ``busy``: the
        chat's first unsent row, or an urgent card that overtakes it. The most pressing first
        (``URGENT``, ``WORK``, ``CHATTER``), then the oldest.

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
        query = (
            select(OutboxRow)
            .where(OutboxRow.channel == channel, due, or_(_head_of_chat(), _first_urgent_card()))
            .order_by(_rank(OutboxRow), OutboxRow.id)
            .limit(2 * limit)  # a chat may offer its head and an urgent card: one is taken
            .with_for_update(skip_locked=True)
        )
        if busy:
            query = query.where(OutboxRow.chat_id.not_in(list(busy)))
        chats: set[str] = set()
        rows: list[OutboxRow] = []
        for row in await self._s.scalars(query):
            if row.chat_id not in chats and len(rows) < limit:
                chats.add(row.chat_id)
                rows.append(row)
        if rows:
            await self._s.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_([r.id for r in rows]))
                .values(status=SENDING, lease_owner=owner, lease_until=lease_until)
                .execution_options(synchronize_session=False)
            )
        return [_envelope(r) for r in rows]

    async def beat(self, owner: str, now: datetime) -> None:
        """This process lives (its first beat registers it); long-gone processes are forgotten."""
        insert = pg_insert if self._s.get_bind().dialect.name == "postgresql" else sqlite_insert
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
        assert envelope.ref is not None
        await self._point(envelope.channel, envelope.chat_id, envelope.ref, message_id)

    async def _point(self, channel: str, chat_id: str, ref: str, message_id: str) -> None:
        upsert = pg_insert if self._s.get_bind().dialect.name == "postgresql" else sqlite_insert
        await self._s.execute(
            upsert(MessageRefRow)
            .values(channel=channel, chat_id=chat_id, ref=ref, message_id=message_id)
            .on_conflict_do_update(
                index_elements=["channel", "chat_id", "ref"], set_={"message_id": message_id}
            )
        )

    async def backlog(self, channel: str, chat_id: str) -> int:
        """How many rows are still to go to a chat before its broadcasts (which yield)."""
        count = await self._s.scalar(
            select(func.count()).where(
                OutboxRow.channel == channel,
                OutboxRow.chat_id == chat_id,
                OutboxRow.status.in_(UNSENT),
                OutboxRow.broadcast_id.is_(None),
            )
        )
        return int(count or 0)

    async def foldable(self, channel: str, chat_id: str, limit: int) -> list[Envelope]:
        """New cards of non-urgent requests waiting for a chat (not leased): the soonest
        claim-by first (``due``, ISO time in UTC), then the oldest."""
        urgent = OutboxRow.reply[("params", "urgent")].as_string()
        rows = await self._s.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.channel == channel,
                OutboxRow.chat_id == chat_id,
                OutboxRow.status == PENDING,
                OutboxRow.edit.is_(False),
                OutboxRow.reply["key"].as_string() == CARD,
                func.coalesce(urgent, "") == "",
            )
            .order_by(OutboxRow.reply[("params", "due")].as_string(), OutboxRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_envelope(r) for r in rows]

    async def fold(self, head: Envelope, cards: Sequence[Envelope], digest: Reply) -> Envelope:
        """``head`` (leased) becomes the digest, keeping its place in the chat's queue, and
        ``cards`` go in it (marked folded); their refs and the head's point at the digest's
        (``message_ref`` holds ``digest:N`` for them), so that their edits reach it."""
        ref = f"{DIGEST_PREFIX}{head.id}"
        await self._s.execute(
            update(OutboxRow)
            .where(OutboxRow.id == head.id)
            .values(reply=digest.to_json(), ref=ref)
            .execution_options(synchronize_session=False)
        )
        await self._s.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_([card.id for card in cards]))
            .values(status=FOLDED, lease_owner=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )
        for envelope in (head, *cards):
            if envelope.ref:
                await self._point(envelope.channel, envelope.chat_id, envelope.ref, ref)
        return Envelope(head.id, head.channel, head.chat_id, digest, ref, False, head.attempts)

    async def digest(self, channel: str, chat_id: str, ref: str) -> tuple[int, Reply] | None:
        """The digest row ``ref`` names in a chat: its id and what it shows."""
        row = await self._s.scalar(
            select(OutboxRow).where(
                OutboxRow.channel == channel, OutboxRow.chat_id == chat_id, OutboxRow.ref == ref
            )
        )
        return (row.id, Reply.from_json(row.reply)) if row is not None else None

    async def rewrite(self, row_id: int, reply: Reply) -> None:
        """What a row shows from now on (a digest brought up to date)."""
        await self._s.execute(
            update(OutboxRow)
            .where(OutboxRow.id == row_id)
            .values(reply=reply.to_json())
            .execution_options(synchronize_session=False)
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
        return rowcount(result)

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
        return rowcount(result)
