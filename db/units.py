"""Repository for co-building units and their 资源清单 and 服务清单."""

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.changes import UnitDetails
from core.records import Person
from core.unit_records import Unit, UnitResource, UnitService
from core.vocabulary import OPEN_STATUSES, Level, Role
from db.models import PersonRow, RequestRow, UnitResourceRow, UnitRow, UnitServiceRow
from db.people import person_record
from db.session import rowcount


def unit_record(row: UnitRow) -> Unit:
    return Unit(row.id, row.community_id, row.code, row.name, row.type, row.org, row.active)


def resource_record(row: UnitResourceRow) -> UnitResource:
    return UnitResource(row.id, row.unit_id, row.name, row.type, row.amount)


def service_record(row: UnitServiceRow) -> UnitService:
    return UnitService(
        row.id,
        row.unit_id,
        row.name,
        tuple(row.categories or ()),
        tuple(row.keywords or ()),
        row.capacity,
    )


class SqlUnitRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def get(self, unit_id: int) -> Unit | None:
        row = await self._s.get(UnitRow, unit_id, populate_existing=True)
        return unit_record(row) if row else None

    async def by_code(self, code: str) -> Unit | None:
        row = await self._s.scalar(select(UnitRow).where(UnitRow.code == code.strip().upper()))
        return unit_record(row) if row else None

    async def of_community(self, community_id: int) -> list[Unit]:
        rows = await self._s.scalars(
            select(UnitRow).where(UnitRow.community_id == community_id).order_by(UnitRow.code)
        )
        return [unit_record(r) for r in rows]

    async def add(self, code: str, community_id: int, details: UnitDetails) -> Unit:
        row = UnitRow(code=code, community_id=community_id, created_at=self._now, **asdict(details))
        self._s.add(row)
        await self._s.flush()
        return unit_record(row)

    async def update(self, unit_id: int, details: UnitDetails) -> Unit:
        await self._s.execute(update(UnitRow).where(UnitRow.id == unit_id).values(asdict(details)))
        unit = await self.get(unit_id)
        assert unit is not None
        return unit

    async def resources(self, unit_id: int) -> list[UnitResource]:
        rows = await self._s.scalars(
            select(UnitResourceRow)
            .where(UnitResourceRow.unit_id == unit_id)
            .order_by(UnitResourceRow.id)
        )
        return [resource_record(r) for r in rows]

    async def services(self, unit_id: int) -> list[UnitService]:
        rows = await self._s.scalars(
            select(UnitServiceRow)
            .where(UnitServiceRow.unit_id == unit_id)
            .order_by(UnitServiceRow.id)
        )
        return [service_record(r) for r in rows]

    async def put_resource(self, unit_id: int, name: str, type: str, amount: str) -> None:
        """Add the resource, or change the one of that name."""
        row = await self._s.scalar(
            select(UnitResourceRow).where(
                UnitResourceRow.unit_id == unit_id, UnitResourceRow.name == name
            )
        )
        if row is None:
            self._s.add(UnitResourceRow(unit_id=unit_id, name=name, type=type, amount=amount))
        else:
            row.type, row.amount = type, amount
        await self._s.flush()

    async def put_service(
        self,
        unit_id: int,
        name: str,
        categories: Sequence[str],
        keywords: Sequence[str],
        capacity: int,
    ) -> None:
        """Add the service, or change the one of that name."""
        row = await self._s.scalar(
            select(UnitServiceRow).where(
                UnitServiceRow.unit_id == unit_id, UnitServiceRow.name == name
            )
        )
        values = {"categories": list(categories), "keywords": list(keywords), "capacity": capacity}
        if row is None:
            self._s.add(UnitServiceRow(unit_id=unit_id, name=name, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
        await self._s.flush()

    async def drop_resource(self, unit_id: int, resource_id: int) -> bool:
        result = await self._s.execute(
            delete(UnitResourceRow).where(
                UnitResourceRow.id == resource_id, UnitResourceRow.unit_id == unit_id
            )
        )
        return rowcount(result) == 1

    async def drop_service(self, unit_id: int, service_id: int) -> bool:
        result = await self._s.execute(
            delete(UnitServiceRow).where(
                UnitServiceRow.id == service_id, UnitServiceRow.unit_id == unit_id
            )
        )
        return rowcount(result) == 1

    async def open_needs(self, unit_id: int) -> int:
        count = await self._s.scalar(
            select(func.count())
            .select_from(RequestRow)
            .where(
                RequestRow.unit_id == unit_id,
                RequestRow.level == Level.UNIT,
                RequestRow.status.in_([str(s) for s in OPEN_STATUSES]),
            )
        )
        return int(count or 0)

    async def representatives(self, unit_id: int) -> list[Person]:
        return await self._people(unit_id, [Role.UNIT])

    async def members(self, unit_id: int) -> list[Person]:
        """The unit's in-service party members who reported to a grid (双报到)."""
        return await self._people(unit_id, [Role.MEMBER, Role.LEADER])

    async def _people(self, unit_id: int, roles: Sequence[Role]) -> list[Person]:
        rows = await self._s.scalars(
            select(PersonRow)
            .where(
                PersonRow.unit_id == unit_id,
                PersonRow.role.in_([str(r) for r in roles]),
                PersonRow.active.is_(True),
            )
            .order_by(PersonRow.id)
        )
        return [person_record(r) for r in rows]
