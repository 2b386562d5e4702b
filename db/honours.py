"""Star levels (星级创评) and public commitments (亮承诺)."""

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.account_records import Promise, StarLevel
from db.models import PromiseRow, StarLevelRow
from db.session import rowcount

PUBLISHED = "published"


def _star(row: StarLevelRow) -> StarLevel:
    return StarLevel(
        row.month,
        row.scope,
        row.subject_key,
        row.name,
        row.level,
        tuple(row.reasons or ()),
        row.status,
        row.published_at,
    )


def _promise(row: PromiseRow) -> Promise:
    return Promise(
        row.id,
        row.person_id,
        row.text,
        row.first_day,
        row.last_day,
        row.status,
        row.created_at,
        row.marked_by,
        row.marked_at,
    )


class SqlHonoursRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def stars(self, month: str) -> list[StarLevel]:
        rows = await self._s.scalars(
            select(StarLevelRow).where(StarLevelRow.month == month).order_by(StarLevelRow.id)
        )
        return [_star(r) for r in rows]

    async def replace_proposals(self, month: str, levels: Sequence[StarLevel]) -> None:
        """The month's proposals become ``levels``; a month already published is left alone."""
        await self._s.execute(delete(StarLevelRow).where(StarLevelRow.month == month))
        self._s.add_all(
            StarLevelRow(
                month=month,
                scope=level.scope,
                subject_key=level.subject_key,
                name=level.name,
                level=level.level,
                reasons=list(level.reasons),
                status="proposed",
                proposed_at=self._now,
            )
            for level in levels
        )
        await self._s.flush()

    async def publish(self, month: str, by: int | None) -> int:
        result = await self._s.execute(
            update(StarLevelRow)
            .where(StarLevelRow.month == month, StarLevelRow.status != PUBLISHED)
            .values(status=PUBLISHED, published_at=self._now, published_by=by)
        )
        return int(rowcount(result) or 0)

    async def latest_published(self, subject_keys: Sequence[str]) -> dict[str, StarLevel]:
        """The newest published level of each subject that has one."""
        if not subject_keys:
            return {}
        rows = await self._s.scalars(
            select(StarLevelRow)
            .where(
                StarLevelRow.subject_key.in_(list(subject_keys)),
                StarLevelRow.status == PUBLISHED,
            )
            .order_by(StarLevelRow.month)
        )
        return {row.subject_key: _star(row) for row in rows}

    async def add_promise(self, person_id: int, text: str, first: date, last: date) -> Promise:
        row = PromiseRow(
            person_id=person_id,
            text=text,
            first_day=first,
            last_day=last,
            status="open",
            created_at=self._now,
        )
        self._s.add(row)
        await self._s.flush()
        return _promise(row)

    async def promise(self, promise_id: int) -> Promise | None:
        row = await self._s.get(PromiseRow, promise_id, populate_existing=True)
        return _promise(row) if row else None

    async def promises(
        self, person_ids: Sequence[int] | None = None, overlapping: tuple[date, date] | None = None
    ) -> list[Promise]:
        query = select(PromiseRow).order_by(PromiseRow.id)
        if person_ids is not None:
            query = query.where(PromiseRow.person_id.in_(list(person_ids)))
        if overlapping is not None:
            first, last = overlapping
            query = query.where(PromiseRow.first_day <= last, PromiseRow.last_day >= first)
        return [_promise(r) for r in await self._s.scalars(query)]

    async def mark_promise(self, promise_id: int, status: str, by: int) -> bool:
        result = await self._s.execute(
            update(PromiseRow)
            .where(PromiseRow.id == promise_id)
            .values(status=status, marked_by=by, marked_at=self._now)
        )
        return bool(rowcount(result))
