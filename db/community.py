"""What the community console reads and keeps: the queue, timelines, staff, buildings."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.records import Building, Person, Request
from core.unit_records import ServiceRecord, TimelineEvent
from core.vocabulary import OPEN_STATUSES, Action, Role, Status
from db import stamps
from db.models import BuildingRow, CommunityRow, GridRow, PersonRow, RequestEventRow, RequestRow
from db.people import building_record, person_record
from db.requests import request_record

QUEUE_LIMIT = 500


class SqlCommunityRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def open_requests(self, community_id: int, grid_id: int | None) -> list[Request]:
        """Open requests of the community's grids (or of one grid), and those no grid
        matched that its residents filed."""
        grids = select(GridRow.id).where(GridRow.community_id == community_id)
        residents = select(PersonRow.id).where(
            or_(PersonRow.community_id == community_id, PersonRow.community_id.is_(None))
        )
        where = (
            RequestRow.grid_id == grid_id
            if grid_id is not None
            else or_(
                RequestRow.grid_id.in_(grids),
                RequestRow.grid_id.is_(None) & RequestRow.resident_id.in_(residents),
            )
        )
        rows = await self._s.scalars(
            select(RequestRow)
            .where(where, RequestRow.status.in_([str(s) for s in OPEN_STATUSES]))
            .order_by(RequestRow.id)
            .limit(QUEUE_LIMIT)
        )
        return [request_record(r) for r in rows]

    async def timeline(self, request_id: int) -> list[TimelineEvent]:
        rows = await self._s.execute(
            select(RequestEventRow, PersonRow)
            .outerjoin(PersonRow, PersonRow.id == RequestEventRow.actor_id)
            .where(RequestEventRow.request_id == request_id)
            .order_by(RequestEventRow.id)
        )
        return [
            TimelineEvent(
                event.at,
                event.action,
                event.from_status,
                event.to_status,
                event.note,
                person_record(actor) if actor else None,
            )
            for event, actor in rows
        ]

    async def staff(self, community_id: int) -> list[tuple[str, Person]]:
        """Everyone on the community's roster but residents, deactivated ones too."""
        grids = select(GridRow.id).where(GridRow.community_id == community_id)
        rows = await self._s.scalars(
            select(PersonRow)
            .where(
                PersonRow.role != Role.RESIDENT,
                or_(PersonRow.community_id == community_id, PersonRow.grid_id.in_(grids)),
            )
            .order_by(PersonRow.roster_key, PersonRow.id)
        )
        return [(row.roster_key or "", person_record(row)) for row in rows]

    async def code_of(self, person_id: int) -> str | None:
        return await self._s.scalar(select(PersonRow.roster_key).where(PersonRow.id == person_id))

    async def person_by_code(self, code: str) -> Person | None:
        row = await self._s.scalar(select(PersonRow).where(PersonRow.roster_key == code))
        return person_record(row) if row else None

    async def service_record(
        self, people: Sequence[Person], since: datetime
    ) -> list[ServiceRecord]:
        """Per person: requests they resolved since ``since``, and those they hold now."""
        ids = [p.id for p in people]
        resolved = dict(
            (
                await self._s.execute(
                    select(RequestEventRow.actor_id, func.count())
                    .where(
                        RequestEventRow.actor_id.in_(ids),
                        RequestEventRow.action == Action.RESOLVE,
                        RequestEventRow.at >= since,
                    )
                    .group_by(RequestEventRow.actor_id)
                )
            ).all()
        )
        holding = dict(
            (
                await self._s.execute(
                    select(RequestRow.claimant_id, func.count())
                    .where(RequestRow.claimant_id.in_(ids), RequestRow.status == Status.CLAIMED)
                    .group_by(RequestRow.claimant_id)
                )
            ).all()
        )
        grids = {g.id: g.name for g in await self._s.scalars(select(GridRow))}
        return [
            ServiceRecord(
                p, grids.get(p.grid_id or 0, ""), resolved.get(p.id, 0), holding.get(p.id, 0)
            )
            for p in people
        ]

    async def set_secretary(self, community_id: int, person_id: int | None) -> None:
        await self._s.execute(
            update(CommunityRow)
            .where(CommunityRow.id == community_id)
            .values(secretary_id=person_id)
        )

    async def add_building(self, grid_id: int, name: str, aliases: Sequence[str]) -> Building:
        row = BuildingRow(grid_id=grid_id, name=name, aliases=list(aliases))
        self._s.add(row)
        await stamps.bump(self._s, stamps.PLACES)
        await self._s.flush()
        return building_record(row)

    async def set_aliases(self, building_id: int, aliases: Sequence[str]) -> Building:
        await self._s.execute(
            update(BuildingRow).where(BuildingRow.id == building_id).values(aliases=list(aliases))
        )
        await stamps.bump(self._s, stamps.PLACES)
        row = await self._s.get(BuildingRow, building_id, populate_existing=True)
        assert row is not None
        return building_record(row)
