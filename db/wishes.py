"""Micro-wishes: the requests of type wish the wall lists, and what a wish adds to them."""

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.account_records import Wish
from core.changes import WishChange
from core.records import Request
from core.vocabulary import OPEN_STATUSES
from core.wish_status import WISH
from db.columns import change_values
from db.models import RequestRow, WishRow
from db.requests import request_record


def _wish(row: WishRow) -> Wish:
    return Wish(row.request_id, row.photo, row.photo_public, row.thanks, row.thanks_at)


class SqlWishRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def on_wall(self, changed_since: datetime) -> list[tuple[Request, datetime | None]]:
        """Open wishes, and those changed since ``changed_since``, with their claim time
        (which of them the wall shows as fulfilled, core/wish_status.py decides)."""
        open_ = RequestRow.status.in_([str(s) for s in OPEN_STATUSES])
        rows = await self._s.scalars(
            select(RequestRow)
            .where(RequestRow.type == WISH, or_(open_, RequestRow.updated_at >= changed_since))
            .order_by(RequestRow.id.desc())
        )
        return [(request_record(r), r.claimed_at) for r in rows]

    async def of_filer(self, person_id: int) -> list[Request]:
        rows = await self._s.scalars(
            select(RequestRow)
            .where(RequestRow.type == WISH, RequestRow.resident_id == person_id)
            .order_by(RequestRow.id.desc())
            .limit(20)
        )
        return [request_record(r) for r in rows]

    async def get(self, request_id: int) -> Wish | None:
        row = await self._s.get(WishRow, request_id, populate_existing=True)
        return _wish(row) if row else None

    async def of_requests(self, request_ids: list[int]) -> dict[int, Wish]:
        if not request_ids:
            return {}
        rows = await self._s.scalars(select(WishRow).where(WishRow.request_id.in_(request_ids)))
        return {r.request_id: _wish(r) for r in rows}

    async def save(self, request_id: int, change: WishChange) -> Wish:
        values = change_values(change)
        row = await self._s.get(WishRow, request_id)
        if row is None:
            row = WishRow(request_id=request_id, **{"thanks": "", **values})
            self._s.add(row)
        else:
            for name, value in values.items():
                setattr(row, name, value)
        await self._s.flush()
        return _wish(row)
