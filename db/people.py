"""Repositories for the roster: people, their chat identities, communities, grids, buildings."""

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.changes import NewPerson, PersonChange
from core.records import Building, Community, Grid, Identity, Person
from core.vocabulary import Role, Status
from db import stamps
from db.broadcasts import keep_tallies
from db.columns import change_values, new_values
from db.models import (
    BuildingRow,
    ChatBindingRow,
    CommunityRow,
    FollowerRow,
    GridRow,
    IdentityRow,
    OutboxRow,
    PersonRow,
    RatingRow,
    RequestRow,
)


def person_record(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        community_id=row.community_id,
        grid_id=row.grid_id,
        building_id=row.building_id,
        address_detail=row.address_detail,
        phone=row.phone,
        share_phone=row.share_phone,
        posts=tuple(row.posts or ()),
        skills=tuple(row.skills or ()),
        unit_id=row.unit_id,
        active=row.active,
    )


def community_record(row: CommunityRow) -> Community:
    return Community(row.id, row.code, row.name, row.secretary_id)


def grid_record(row: GridRow) -> Grid:
    return Grid(id=row.id, code=row.code, name=row.name, community_id=row.community_id)


def building_record(row: BuildingRow) -> Building:
    return Building(
        id=row.id,
        name=row.name,
        grid_id=row.grid_id,
        aliases=tuple(row.aliases or ()),
        lat=row.lat,
        lon=row.lon,
    )


class SqlPersonRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def get(self, person_id: int) -> Person | None:
        row = await self._s.get(PersonRow, person_id)
        return person_record(row) if row else None

    async def names(self, person_ids: Collection[int]) -> dict[int, str]:
        if not person_ids:
            return {}
        query = select(PersonRow.id, PersonRow.name).where(PersonRow.id.in_(set(person_ids)))
        return {person_id: name for person_id, name in await self._s.execute(query)}

    async def by_identity(self, channel: str, external_id: str) -> Person | None:
        row = await self._s.scalar(
            select(PersonRow)
            .join(IdentityRow, IdentityRow.person_id == PersonRow.id)
            .where(IdentityRow.channel == channel, IdentityRow.external_id == external_id)
        )
        return person_record(row) if row else None

    async def add(self, person: NewPerson) -> Person:
        row = PersonRow(created_at=self._now, **new_values(person))
        self._s.add(row)
        await self._s.flush()
        return person_record(row)

    async def update(self, person_id: int, change: PersonChange) -> Person:
        values = change_values(change)
        await self._s.execute(update(PersonRow).where(PersonRow.id == person_id).values(values))
        row = await self._s.get(PersonRow, person_id, populate_existing=True)
        assert row is not None
        return person_record(row)

    async def link_identity(
        self, channel: str, external_id: str, chat_id: str, person_id: int
    ) -> None:
        row = await self._s.scalar(
            select(IdentityRow).where(
                IdentityRow.channel == channel, IdentityRow.external_id == external_id
            )
        )
        if row is None:
            self._s.add(
                IdentityRow(
                    channel=channel, external_id=external_id, chat_id=chat_id, person_id=person_id
                )
            )
        else:
            row.person_id, row.chat_id, row.blocked = person_id, chat_id, False
        await self._s.flush()

    async def identities(self, person_id: int) -> list[Identity]:
        rows = await self._s.scalars(
            select(IdentityRow).where(IdentityRow.person_id == person_id).order_by(IdentityRow.id)
        )
        return [Identity(r.channel, r.external_id, r.person_id, r.chat_id, r.blocked) for r in rows]

    async def mark_blocked(self, channel: str, chat_id: str) -> None:
        await self._s.execute(
            update(IdentityRow)
            .where(IdentityRow.channel == channel, IdentityRow.chat_id == chat_id)
            .values(blocked=True)
        )

    async def unblock(self, channel: str, external_id: str) -> None:
        """They wrote to us again, so they can be reached again."""
        await self._s.execute(
            update(IdentityRow)
            .where(
                IdentityRow.channel == channel,
                IdentityRow.external_id == external_id,
                IdentityRow.blocked.is_(True),
            )
            .values(blocked=False)
        )

    async def in_grid(self, grid_id: int, roles: Sequence[Role]) -> list[Person]:
        rows = await self._s.scalars(
            select(PersonRow)
            .where(
                PersonRow.grid_id == grid_id,
                PersonRow.role.in_([str(r) for r in roles]),
                PersonRow.active.is_(True),
            )
            .order_by(PersonRow.id)
        )
        return [person_record(r) for r in rows]

    async def admins(self, community_id: int) -> list[Person]:
        rows = await self._s.scalars(
            select(PersonRow)
            .where(
                PersonRow.community_id == community_id,
                PersonRow.role == Role.ADMIN,
                PersonRow.active.is_(True),
            )
            .order_by(PersonRow.id)
        )
        return [person_record(r) for r in rows]

    async def open_claims(self, person_id: int) -> int:
        count = await self._s.scalar(
            select(func.count())
            .select_from(RequestRow)
            .where(RequestRow.claimant_id == person_id, RequestRow.status == Status.CLAIMED)
        )
        return int(count or 0)

    async def forget(self, person_id: int) -> None:
        """Erase a resident's personal data: name, phone, address, identities, follows, and
        every outbox row addressed to their private chats (what the bot told them: their
        address, their requests' words), sent or not, broadcasts keeping their counts; the
        turn's farewell comes after."""
        chats = select(IdentityRow.channel, IdentityRow.chat_id).where(
            IdentityRow.person_id == person_id
        )
        theirs = tuple_(OutboxRow.channel, OutboxRow.chat_id).in_(chats)
        await keep_tallies(self._s, theirs)
        await self._s.execute(delete(OutboxRow).where(theirs))
        await self._s.execute(delete(IdentityRow).where(IdentityRow.person_id == person_id))
        await self._s.execute(delete(FollowerRow).where(FollowerRow.person_id == person_id))
        await self._s.execute(
            update(RatingRow).where(RatingRow.person_id == person_id).values(person_id=None)
        )
        await self._s.execute(
            update(RequestRow)
            .where(RequestRow.resident_id == person_id)
            .values(address="", photos=[])
        )
        await self._s.execute(
            update(PersonRow)
            .where(PersonRow.id == person_id)
            .values(name="", phone=None, building_id=None, address_detail="", share_phone=False)
        )


class SqlPlaceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def stamp(self) -> int:
        return await stamps.read(self._s, stamps.PLACES)

    async def community(self, community_id: int) -> Community | None:
        row = await self._s.get(CommunityRow, community_id)
        return community_record(row) if row else None

    async def communities(self) -> list[Community]:
        rows = await self._s.scalars(select(CommunityRow).order_by(CommunityRow.id))
        return [community_record(r) for r in rows]

    async def grid(self, grid_id: int) -> Grid | None:
        row = await self._s.get(GridRow, grid_id)
        return grid_record(row) if row else None

    async def grid_by_code(self, code: str) -> Grid | None:
        row = await self._s.scalar(select(GridRow).where(GridRow.code == code.strip().upper()))
        return grid_record(row) if row else None

    async def grids(self) -> list[Grid]:
        return [
            grid_record(r) for r in await self._s.scalars(select(GridRow).order_by(GridRow.code))
        ]

    async def building(self, building_id: int) -> Building | None:
        row = await self._s.get(BuildingRow, building_id)
        return building_record(row) if row else None

    async def buildings(self) -> list[Building]:
        rows = await self._s.scalars(select(BuildingRow).order_by(BuildingRow.id))
        return [building_record(r) for r in rows]

    async def bind_chat(
        self, channel: str, chat_id: str, grid_id: int | None, community_id: int | None
    ) -> None:
        row = await self._s.scalar(
            select(ChatBindingRow).where(
                ChatBindingRow.channel == channel, ChatBindingRow.chat_id == chat_id
            )
        )
        if row is None:
            self._s.add(
                ChatBindingRow(
                    channel=channel, chat_id=chat_id, grid_id=grid_id, community_id=community_id
                )
            )
        else:
            row.grid_id, row.community_id = grid_id, community_id
        await self._s.flush()

    async def chats_of_grid(self, grid_id: int) -> list[tuple[str, str]]:
        rows = await self._s.execute(
            select(ChatBindingRow.channel, ChatBindingRow.chat_id)
            .where(ChatBindingRow.grid_id == grid_id)
            .order_by(ChatBindingRow.id)
        )
        return [(c, i) for c, i in rows]

    async def chats_of_community(self, community_id: int) -> list[tuple[str, str]]:
        rows = await self._s.execute(
            select(ChatBindingRow.channel, ChatBindingRow.chat_id)
            .where(ChatBindingRow.community_id == community_id, ChatBindingRow.grid_id.is_(None))
            .order_by(ChatBindingRow.id)
        )
        return [(c, i) for c, i in rows]

    async def grid_of_chat(self, channel: str, chat_id: str) -> Grid | None:
        row = await self._s.scalar(
            select(GridRow)
            .join(ChatBindingRow, ChatBindingRow.grid_id == GridRow.id)
            .where(ChatBindingRow.channel == channel, ChatBindingRow.chat_id == chat_id)
        )
        return grid_record(row) if row else None
