"""The unit of work: one transaction, its repositories, commit or roll back."""

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.ports import Clock
from db.conversation import (
    SqlDialogRepository,
    SqlInboxRepository,
    SqlInviteRepository,
    SqlOutboxRepository,
)
from db.delivery import SqlDeliveryRepository
from db.people import SqlPersonRepository, SqlPlaceRepository
from db.requests import SqlRequestRepository
from db.sla import SqlSlaRepository
from db.web import SqlWebRepository


class SqlAlchemyUnitOfWork:
    """``async with uow: …; await uow.commit()`` — leaving without commit rolls back."""

    session: AsyncSession

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        now = self._clock.now()
        self.persons = SqlPersonRepository(self.session, now)
        self.places = SqlPlaceRepository(self.session)
        self.requests = SqlRequestRepository(self.session, now)
        self.invites = SqlInviteRepository(self.session)
        self.dialogs = SqlDialogRepository(self.session, now)
        self.inbox = SqlInboxRepository(self.session)
        self.outbox = SqlOutboxRepository(self.session)
        self.delivery = SqlDeliveryRepository(self.session)
        self.sla = SqlSlaRepository(self.session)
        self.web = SqlWebRepository(self.session, now)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.session.close()  # rolls back whatever was not committed

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
