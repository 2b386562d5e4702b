"""Repository for requests, their audit trail, followers and ratings."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.changes import NewRequest, RequestChange
from core.rates import RateFacts
from core.records import Request, RequestEvent
from core.vocabulary import OPEN_STATUSES, Level, Outcome, Status
from db.columns import change_values, new_values
from db.models import DayCounterRow, FollowerRow, RatingRow, RequestEventRow, RequestRow
from db.session import rowcount


def request_record(row: RequestRow, followers: int = 0) -> Request:
    return Request(
        id=row.id,
        number=row.number,
        text=row.text,
        resident_id=row.resident_id,
        status=Status(row.status),
        category=row.category,
        subcategory=row.subcategory,
        type=row.type,
        urgent=row.urgent,
        grid_id=row.grid_id,
        building_id=row.building_id,
        address=row.address,
        level=Level(row.level),
        claimant_id=row.claimant_id,
        merged_into_id=row.merged_into_id,
        outcome=Outcome(row.outcome) if row.outcome else None,
        reject_reason=row.reject_reason,
        keywords=tuple(row.keywords or ()),
        photos=tuple(row.photos or ()),
        confidence=row.confidence,
        reopen_count=row.reopen_count,
        created_at=row.created_at,
        claim_by=row.claim_by,
        resolve_by=row.resolve_by,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
        paused_at=row.paused_at,
        followers=followers,
        unit_id=row.unit_id,
    )


class SqlRequestRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def add(self, request: NewRequest) -> Request:
        row = RequestRow(created_at=self._now, updated_at=self._now, **new_values(request))
        self._s.add(row)
        await self._s.flush()
        return request_record(row)

    async def get(self, request_id: int) -> Request | None:
        row = await self._s.get(RequestRow, request_id, populate_existing=True)
        return request_record(row, await self._follower_count(row.id)) if row else None

    async def by_number(self, number: str) -> Request | None:
        row = await self._s.scalar(select(RequestRow).where(RequestRow.number == number.strip()))
        return request_record(row, await self._follower_count(row.id)) if row else None

    async def _follower_count(self, request_id: int) -> int:
        count = await self._s.scalar(
            select(func.count())
            .select_from(FollowerRow)
            .where(FollowerRow.request_id == request_id)
        )
        return int(count or 0)

    async def next_number(self, day: str) -> str:
        """Atomically take the next number of ``day`` (YYYYMMDD): 20261122-0001, -0002, …"""
        insert = pg_insert if self._s.get_bind().dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(DayCounterRow)
            .values(day=day, last=1)
            .on_conflict_do_update(index_elements=["day"], set_={"last": DayCounterRow.last + 1})
            .returning(DayCounterRow.last)
        )
        last = (await self._s.execute(statement)).scalar_one()
        return f"{day}-{last:04d}"

    async def transition(
        self, request_id: int, expected: Sequence[Status], to: Status, change: RequestChange
    ) -> bool:
        """Move a request to ``to`` (with ``change``) only if its status is still one of
        ``expected``: the database decides between competing actions (two claims, a claim
        and a cancel)."""
        result = await self._s.execute(
            update(RequestRow)
            .where(RequestRow.id == request_id, RequestRow.status.in_([str(s) for s in expected]))
            .values(change_values(change))
            .values(status=str(to), updated_at=self._now, version=RequestRow.version + 1)
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1

    async def update(self, request_id: int, change: RequestChange) -> None:
        """Change a request whatever its status (what no action decides: a text anonymised)."""
        await self._s.execute(
            update(RequestRow)
            .where(RequestRow.id == request_id)
            .values(change_values(change))
            .values(updated_at=self._now)
            .execution_options(synchronize_session=False)
        )

    async def add_event(
        self,
        request_id: int,
        actor_id: int | None,
        action: str,
        from_status: Status | None,
        to_status: Status | None,
        note: str,
        at: datetime,
    ) -> None:
        self._s.add(
            RequestEventRow(
                request_id=request_id,
                actor_id=actor_id,
                action=action,
                from_status=from_status,
                to_status=to_status,
                note=note,
                at=at,
            )
        )
        await self._s.flush()

    async def events(self, request_id: int) -> list[RequestEvent]:
        rows = await self._s.scalars(
            select(RequestEventRow)
            .where(RequestEventRow.request_id == request_id)
            .order_by(RequestEventRow.id)
        )
        return [
            RequestEvent(
                r.id,
                r.request_id,
                r.actor_id,
                r.action,
                Status(r.from_status) if r.from_status else None,
                Status(r.to_status) if r.to_status else None,
                r.note,
                r.at,
            )
            for r in rows
        ]

    async def set_event_note(self, event_id: int, note: str) -> None:
        await self._s.execute(
            update(RequestEventRow).where(RequestEventRow.id == event_id).values(note=note)
        )

    async def filed_by(self, person_id: int) -> list[Request]:
        """Every request the person filed (not those they follow), newest first."""
        rows = await self._s.scalars(
            select(RequestRow)
            .where(RequestRow.resident_id == person_id)
            .order_by(RequestRow.id.desc())
        )
        return [request_record(r) for r in rows]

    async def _list(self, *conditions: Any, limit: int = 200) -> list[Request]:
        rows = await self._s.scalars(
            select(RequestRow).where(*conditions).order_by(RequestRow.id.desc()).limit(limit)
        )
        return [request_record(r) for r in rows]

    async def of_resident(self, person_id: int, limit: int = 20) -> list[Request]:
        followed = select(FollowerRow.request_id).where(FollowerRow.person_id == person_id)
        return await self._list(
            (RequestRow.resident_id == person_id) | RequestRow.id.in_(followed), limit=limit
        )

    async def of_claimant(self, person_id: int, statuses: Sequence[Status]) -> list[Request]:
        return await self._list(
            RequestRow.claimant_id == person_id, RequestRow.status.in_([str(s) for s in statuses])
        )

    async def of_grid(
        self, grid_id: int | None, statuses: Sequence[Status], limit: int = 200
    ) -> list[Request]:
        where = RequestRow.grid_id.is_(None) if grid_id is None else RequestRow.grid_id == grid_id
        return await self._list(
            where, RequestRow.status.in_([str(s) for s in statuses]), limit=limit
        )

    async def filed_between(
        self,
        start: datetime,
        end: datetime,
        categories: Sequence[str],
        statuses: Sequence[Status],
        limit: int,
    ) -> list[Request]:
        return await self._list(
            RequestRow.created_at >= start,
            RequestRow.created_at < end,
            RequestRow.category.in_(list(categories)),
            RequestRow.status.in_([str(s) for s in statuses]),
            limit=limit,
        )

    async def open_similar_scope(
        self, grid_id: int, category: str, since: datetime
    ) -> list[Request]:
        return await self._list(
            RequestRow.grid_id == grid_id,
            RequestRow.category == category,
            RequestRow.status.in_([str(s) for s in OPEN_STATUSES]),
            RequestRow.created_at >= since,
        )

    async def add_follower(self, request_id: int, person_id: int, at: datetime) -> bool:
        exists = await self._s.scalar(
            select(FollowerRow.id).where(
                FollowerRow.request_id == request_id, FollowerRow.person_id == person_id
            )
        )
        if exists:
            return False
        self._s.add(FollowerRow(request_id=request_id, person_id=person_id, at=at))
        await self._s.flush()
        return True

    async def followers(self, request_id: int) -> list[int]:
        rows = await self._s.scalars(
            select(FollowerRow.person_id)
            .where(FollowerRow.request_id == request_id)
            .order_by(FollowerRow.id)
        )
        return list(rows)

    async def add_rating(
        self, request_id: int, person_id: int, stars: int, comment: str, at: datetime
    ) -> bool:
        if await self.rating(request_id) is not None:
            return False
        self._s.add(
            RatingRow(
                request_id=request_id, person_id=person_id, stars=stars, comment=comment, at=at
            )
        )
        await self._s.flush()
        return True

    async def rating(self, request_id: int) -> int | None:
        return await self._s.scalar(
            select(RatingRow.stars).where(RatingRow.request_id == request_id)
        )

    async def rate_facts(self, grid_id: int | None, since: datetime) -> list[RateFacts]:
        """What the rates need of each request filed since ``since`` (core/rates.py counts)."""
        query = (
            select(
                RequestRow.status,
                RequestRow.claim_by,
                RequestRow.claimed_at,
                RequestRow.resolve_by,
                RequestRow.paused_at,
                RequestRow.outcome,
                RatingRow.stars,
            )
            .outerjoin(RatingRow, RatingRow.request_id == RequestRow.id)
            .where(RequestRow.created_at >= since)
        )
        if grid_id is not None:
            query = query.where(RequestRow.grid_id == grid_id)
        return [
            RateFacts(
                Status(row.status),
                row.claim_by,
                row.claimed_at,
                row.resolve_by,
                row.paused_at,
                Outcome(row.outcome) if row.outcome else None,
                row.stars,
            )
            for row in await self._s.execute(query)
        ]
