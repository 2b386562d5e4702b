"""What the clock reads and writes: requests with something due, fired marks, digests."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock.ladder import Kind, Mark, Timed
from core.rates import GridDay, RateFacts
from core.vocabulary import CLAIMABLE_STATUSES, OPEN_STATUSES, Status
from db.models import RatingRow, RequestRow, SlaMarkRow
from db.requests import request_record

OPEN = [str(s) for s in OPEN_STATUSES]


def _timed(row: RequestRow) -> Timed:
    return Timed(request_record(row), row.claimed_at, row.last_progress_at)


class SqlSlaRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def candidates(self, now: datetime, resolved_before: datetime) -> list[Timed]:
        """Requests the ladder may have something for: a cheap filter, the core decides."""
        rows = await self._s.scalars(
            select(RequestRow)
            .where(
                or_(
                    RequestRow.status == Status.CLAIMED,
                    and_(RequestRow.status.in_(OPEN), RequestRow.resolve_by <= now),
                    and_(
                        RequestRow.status.in_([str(s) for s in CLAIMABLE_STATUSES]),
                        RequestRow.claim_by <= now,
                    ),
                    and_(
                        RequestRow.status == Status.RESOLVED,
                        RequestRow.resolved_at <= resolved_before,
                    ),
                )
            )
            .order_by(RequestRow.id)
        )
        return [_timed(row) for row in rows]

    async def fired(self, marks: Sequence[Mark]) -> set[Mark]:
        """Which of ``marks`` are already recorded."""
        if not marks:
            return set()
        rows = await self._s.execute(
            select(SlaMarkRow.kind, SlaMarkRow.subject_id, SlaMarkRow.round).where(
                SlaMarkRow.kind.in_({str(m.kind) for m in marks}),
                SlaMarkRow.subject_id.in_({m.subject_id for m in marks}),
            )
        )
        return set(marks) & {Mark(Kind(kind), subject, round_) for kind, subject, round_ in rows}

    async def lock(self, request_id: int) -> Timed | None:
        """The request, fresh and locked for this transaction; None if another worker holds it.

        PostgreSQL: ``FOR UPDATE SKIP LOCKED``. SQLite: the transaction already holds the
        database's single write lock (``BEGIN IMMEDIATE``), so the row is simply read.
        """
        row = await self._s.scalar(
            select(RequestRow)
            .where(RequestRow.id == request_id)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return _timed(row) if row else None

    async def mark(self, mark: Mark, at: datetime) -> bool:
        """Record ``mark``; False if it was recorded before (by this worker or another)."""
        insert = pg_insert if self._s.get_bind().dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(SlaMarkRow)
            .values(kind=str(mark.kind), subject_id=mark.subject_id, round=mark.round, fired_at=at)
            .on_conflict_do_nothing(index_elements=["kind", "subject_id", "round"])
            .returning(SlaMarkRow.id)
        )
        return (await self._s.execute(statement)).scalar() is not None

    async def grid_day(self, grid_id: int, since: datetime, until: datetime) -> GridDay:
        """A grid's requests filed, resolved and rated from ``since`` to ``until``, and the
        facts of its open ones."""
        in_grid = RequestRow.grid_id == grid_id
        filed, resolved = (
            await self._s.execute(
                select(
                    func.count().filter(RequestRow.created_at.between(since, until)),
                    func.count().filter(RequestRow.resolved_at.between(since, until)),
                ).where(in_grid)
            )
        ).one()
        rated = await self._s.scalar(
            select(func.count())
            .select_from(RatingRow)
            .join(RequestRow, RequestRow.id == RatingRow.request_id)
            .where(in_grid, RatingRow.at.between(since, until))
        )
        open_ = await self._s.execute(
            select(
                RequestRow.status,
                RequestRow.claim_by,
                RequestRow.claimed_at,
                RequestRow.resolve_by,
                RequestRow.paused_at,
            ).where(in_grid, RequestRow.status.in_(OPEN))
        )
        return GridDay(
            int(filed or 0),
            int(resolved or 0),
            int(rated or 0),
            tuple(
                RateFacts(Status(status), claim_by, claimed_at, resolve_by, paused_at, None, None)
                for status, claim_by, claimed_at, resolve_by, paused_at in open_
            ),
        )
