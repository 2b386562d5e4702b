"""Broadcasts in the database: whom a notice reaches, the fan-out as one INSERT … SELECT
into the outbox, delivery counts, and residents' opt-outs."""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    delete,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from core.broadcast_ports import Audience, Broadcast, Delivery, Reach
from core.messages import Reply
from core.vocabulary import Role
from db.models import (
    BroadcastOptOutRow,
    BroadcastRow,
    ChatBindingRow,
    IdentityRow,
    OutboxRow,
    PersonRow,
)
from db.session import rowcount

WAITING, SENT, DEAD = ("pending", "sending"), "sent", "dead"
OUTBOX_COLUMNS = (
    "channel",
    "chat_id",
    "reply",
    "edit",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
    "broadcast_id",
)


async def keep_tallies(session: AsyncSession, doomed: ColumnElement[bool]) -> None:
    """Before the outbox rows ``doomed`` selects are deleted (retention, /forget): add the
    delivered and the dead among them to their broadcasts' tallies, so that the counts a
    sender sees do not change. Unsent rows are dropped uncounted (their chat is gone)."""
    found = await session.execute(
        select(OutboxRow.broadcast_id, OutboxRow.status, func.count())
        .where(doomed, OutboxRow.broadcast_id.is_not(None), OutboxRow.status.in_((SENT, DEAD)))
        .group_by(OutboxRow.broadcast_id, OutboxRow.status)
    )
    for broadcast_id, status, count in found:
        column = BroadcastRow.delivered_gone if status == SENT else BroadcastRow.failed_gone
        await session.execute(
            update(BroadcastRow)
            .where(BroadcastRow.id == broadcast_id)
            .values({column: column + count})
        )


def _record(row: BroadcastRow) -> Broadcast:
    return Broadcast(
        row.id,
        row.token,
        row.community_id,
        row.sender_id,
        row.scope,
        tuple(row.grid_ids or ()),
        row.text,
        row.skipped,
        row.created_at,
    )


def _in_scope(audience: Audience) -> ColumnElement[bool]:
    in_grids = PersonRow.grid_id.in_(audience.grid_ids)
    if audience.whole:
        return or_(in_grids, PersonRow.community_id == audience.community_id)
    return in_grids


def _opted_out() -> ColumnElement[bool]:
    return exists().where(BroadcastOptOutRow.person_id == PersonRow.id)


def _residents(audience: Audience) -> ColumnElement[bool]:
    return and_(PersonRow.role == Role.RESIDENT.value, PersonRow.active, _in_scope(audience))


def _resident_chats(audience: Audience) -> Select[str, str]:
    return (
        select(IdentityRow.channel, IdentityRow.chat_id)
        .join(PersonRow, PersonRow.id == IdentityRow.person_id)
        .where(_residents(audience), ~_opted_out(), IdentityRow.blocked.is_(False))
        .distinct()
    )


def _group_chats(audience: Audience) -> Select[str, str]:
    return (
        select(ChatBindingRow.channel, ChatBindingRow.chat_id)
        .where(ChatBindingRow.grid_id.in_(audience.grid_ids))
        .distinct()
    )


class SqlBroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def reach(self, audience: Audience) -> Reach:
        residents = await self._s.scalar(
            select(func.count()).select_from(_resident_chats(audience).subquery())
        )
        groups = await self._s.scalar(
            select(func.count()).select_from(_group_chats(audience).subquery())
        )
        skipped = await self._s.scalar(
            select(func.count(PersonRow.id)).where(_residents(audience), _opted_out())
        )
        return Reach(int(residents or 0), int(groups or 0), int(skipped or 0))

    async def by_token(self, token: str) -> Broadcast | None:
        row = await self._s.scalar(select(BroadcastRow).where(BroadcastRow.token == token))
        return _record(row) if row is not None else None

    async def add(
        self,
        token: str,
        sender_id: int,
        audience: Audience,
        scope: str,
        text: str,
        skipped: int,
        at: datetime,
    ) -> Broadcast:
        row = BroadcastRow(
            token=token,
            community_id=audience.community_id,
            sender_id=sender_id,
            scope=scope,
            grid_ids=list(audience.grid_ids),
            text=text,
            skipped=skipped,
            created_at=at,
        )
        self._s.add(row)
        await self._s.flush()
        return _record(row)

    def _constants(self, reply: Reply, at: datetime, broadcast_id: int) -> list[Any]:
        """The columns every row of one fan-out shares, as SQL literals."""
        body: ColumnElement[Any] = literal(json.dumps(reply.to_json(), ensure_ascii=False))
        if self._s.get_bind().dialect.name == "postgresql":
            body = cast(cast(body, String), JSON)
        when = OutboxRow.__table__.c.created_at.type
        return [
            body,
            false(),
            literal("pending"),
            literal(0),
            literal(at, when),
            literal(at, when),
            literal(broadcast_id),
        ]

    async def fan_out(
        self, broadcast_id: int, audience: Audience, resident: Reply, group: Reply, at: datetime
    ) -> int:
        """Queue the notice for every group and resident's chat in scope: one statement each,
        however many residents, in the caller's transaction."""
        queued = 0
        for chats, reply in (
            (_group_chats(audience), group),
            (_resident_chats(audience), resident),
        ):
            rows = chats.subquery()
            source = select(
                rows.c.channel, rows.c.chat_id, *self._constants(reply, at, broadcast_id)
            )
            result = await self._s.execute(
                insert(OutboxRow).from_select(OUTBOX_COLUMNS, source.order_by(rows.c.chat_id))
            )
            queued += max(rowcount(result), 0)
        return queued

    async def recent(self, community_id: int, sender_id: int | None, limit: int) -> list[Broadcast]:
        query = select(BroadcastRow).where(BroadcastRow.community_id == community_id)
        if sender_id is not None:
            query = query.where(BroadcastRow.sender_id == sender_id)
        rows = await self._s.scalars(query.order_by(BroadcastRow.id.desc()).limit(limit))
        return [_record(r) for r in rows]

    async def deliveries(self, broadcast_ids: Sequence[int]) -> dict[int, Delivery]:
        if not broadcast_ids:
            return {}
        ids = list(broadcast_ids)
        tally: dict[int, dict[str, int]] = {}
        gone = await self._s.execute(
            select(BroadcastRow.id, BroadcastRow.delivered_gone, BroadcastRow.failed_gone).where(
                BroadcastRow.id.in_(ids)
            )
        )
        for broadcast_id, delivered, failed in gone:
            if delivered or failed:
                tally[broadcast_id] = {SENT: delivered, DEAD: failed}
        rows = await self._s.execute(
            select(OutboxRow.broadcast_id, OutboxRow.status, func.count())
            .where(OutboxRow.broadcast_id.in_(ids))
            .group_by(OutboxRow.broadcast_id, OutboxRow.status)
        )
        for owner, status, count in rows:
            if owner is not None:  # the query asked for broadcasts' rows only
                counts = tally.setdefault(owner, {})
                counts[status] = counts.get(status, 0) + int(count)
        return {
            b: Delivery(
                queued=sum(counts.values()),
                waiting=sum(counts.get(s, 0) for s in WAITING),
                sent=counts.get(SENT, 0),
                failed=counts.get(DEAD, 0),
            )
            for b, counts in tally.items()
        }

    async def opt_out(self, person_id: int, at: datetime) -> bool:
        if await self._s.get(BroadcastOptOutRow, person_id) is not None:
            return False
        self._s.add(BroadcastOptOutRow(person_id=person_id, at=at))
        await self._s.flush()
        return True

    async def opt_in(self, person_id: int) -> bool:
        result = await self._s.execute(
            delete(BroadcastOptOutRow).where(BroadcastOptOutRow.person_id == person_id)
        )
        return bool(rowcount(result))
