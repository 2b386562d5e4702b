"""Repositories for what flows through chats: dialog state, outbox, invites."""

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Reply
from core.records import DialogState, Invite
from core.vocabulary import Role
from db.broadcasts import DEAD, SENT, keep_tallies
from db.models import DialogStateRow, InviteRow, OutboxRow
from db.session import rowcount


class SqlDialogRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def load(self, channel: str, user_id: str) -> DialogState:
        row = await self._s.get(DialogStateRow, (channel, user_id))
        if row is None:
            return DialogState()
        return DialogState(row.flow, row.step, dict(row.data or {}), row.updated_at)

    async def save(self, channel: str, user_id: str, state: DialogState) -> None:
        row = await self._s.get(DialogStateRow, (channel, user_id))
        if row is None:
            row = DialogStateRow(channel=channel, user_id=user_id)
            self._s.add(row)
        row.flow, row.step, row.data, row.updated_at = (
            state.flow,
            state.step,
            dict(state.data),
            self._now,
        )
        await self._s.flush()


class SqlOutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(
        self, channel: str, chat_id: str, reply: Reply, ref: str | None, edit: bool, at: datetime
    ) -> None:
        self._s.add(
            OutboxRow(
                channel=channel,
                chat_id=chat_id,
                reply=reply.to_json(),
                ref=ref,
                edit=edit,
                next_attempt_at=at,
                created_at=at,
            )
        )
        await self._s.flush()

    async def prune(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` of the rows made before ``before`` that were delivered or
        given up on, oldest first (broadcasts keep their counts); how many were deleted.
        Rows locked by another transaction (a ``linli outbox retry``) wait for the next."""
        chosen = list(
            await self._s.scalars(
                select(OutboxRow.id)
                .where(OutboxRow.status.in_((SENT, DEAD)), OutboxRow.created_at < before)
                .order_by(OutboxRow.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if chosen:
            doomed = OutboxRow.id.in_(chosen)
            await keep_tallies(self._s, doomed)
            await self._s.execute(delete(OutboxRow).where(doomed))
        return len(chosen)


class SqlInviteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, invite: Invite) -> None:
        self._s.add(
            InviteRow(
                code=invite.code,
                grid_id=invite.grid_id,
                community_id=invite.community_id,
                role=invite.role,
                person_id=invite.person_id,
                expires_at=invite.expires_at,
                unit_id=invite.unit_id,
            )
        )
        await self._s.flush()

    async def get(self, code: str) -> Invite | None:
        row = await self._s.get(InviteRow, code)
        if row is None:
            return None
        return Invite(
            row.code,
            row.grid_id,
            row.community_id,
            Role(row.role),
            row.person_id,
            row.expires_at,
            row.used_at,
            row.unit_id,
        )

    async def use(self, code: str, person_id: int, at: datetime) -> bool:
        """Spend a one-time code; only one redemption can win."""
        result = await self._s.execute(
            update(InviteRow)
            .where(InviteRow.code == code, InviteRow.used_at.is_(None), InviteRow.expires_at > at)
            .values(used_at=at, used_by=person_id)
        )
        return rowcount(result) == 1
