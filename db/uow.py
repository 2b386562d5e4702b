"""The unit of work: one transaction, its repositories, commit or roll back; and savepoints
inside it, so several services can share one transaction and each still undo its own part."""

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction, async_sessionmaker

from core.ports import Clock
from db.account import SqlAccountRepository
from db.broadcasts import SqlBroadcastRepository
from db.community import SqlCommunityRepository
from db.conversation import (
    SqlDialogRepository,
    SqlInviteRepository,
    SqlOutboxRepository,
)
from db.delivery import SqlDeliveryRepository
from db.honours import SqlHonoursRepository
from db.inbox import SqlInboxRepository
from db.people import SqlPersonRepository, SqlPlaceRepository
from db.requests import SqlRequestRepository
from db.sla import SqlSlaRepository
from db.units import SqlUnitRepository
from db.web import SqlWebRepository
from db.wishes import SqlWishRepository


class _Repositories:
    session: AsyncSession

    def _open(self, session: AsyncSession, now: datetime) -> None:
        self.session = session
        self.persons = SqlPersonRepository(session, now)
        self.places = SqlPlaceRepository(session)
        self.requests = SqlRequestRepository(session, now)
        self.invites = SqlInviteRepository(session)
        self.dialogs = SqlDialogRepository(session, now)
        self.inbox = SqlInboxRepository(session)
        self.outbox = SqlOutboxRepository(session)
        self.delivery = SqlDeliveryRepository(session)
        self.sla = SqlSlaRepository(session)
        self.web = SqlWebRepository(session, now)
        self.units = SqlUnitRepository(session, now)
        self.community = SqlCommunityRepository(session, now)
        self.account = SqlAccountRepository(session, now)
        self.honours = SqlHonoursRepository(session, now)
        self.wishes = SqlWishRepository(session, now)
        self.broadcasts = SqlBroadcastRepository(session)


class SqlAlchemyUnitOfWork(_Repositories):
    """``async with uow: …; await uow.commit()`` — leaving without commit rolls back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def __aenter__(self) -> Self:
        self._open(self._sessions(), self._clock.now())
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

    def nested(self) -> "SqlAlchemySavepoint":
        return SqlAlchemySavepoint(self.session, self._clock)


class QueuedUnitOfWork(SqlAlchemyUnitOfWork):
    """A unit of work that first waits for a slot in the process's queue of transactions
    (``Dispatcher.queue``), so that it does not starve behind the chat turns (SQLite)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        slot: Callable[[], AbstractAsyncContextManager[None]],
    ) -> None:
        super().__init__(sessions, clock)
        self._slot = slot
        self._held: AbstractAsyncContextManager[None] | None = None

    async def __aenter__(self) -> Self:
        self._held = self._slot()
        await self._held.__aenter__()
        try:
            return await super().__aenter__()
        except BaseException:
            await self._held.__aexit__(None, None, None)
            raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await super().__aexit__(exc_type, exc, tb)
        finally:
            assert self._held is not None
            await self._held.__aexit__(None, None, None)


class SqlAlchemySavepoint(_Repositories):
    """A unit of work inside an open one's transaction: entering it sets a SAVEPOINT, its
    ``commit`` releases it (the change then commits or rolls back with the enclosing
    transaction), and leaving without commit rolls back to it, undoing only its own writes.
    After a commit or rollback a new savepoint begins, as a session begins a new transaction."""

    _savepoint: AsyncSessionTransaction

    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self.session = session
        self._clock = clock

    async def __aenter__(self) -> Self:
        self._open(self.session, self._clock.now())
        self._savepoint = await self.session.begin_nested()
        self.session.expire_all()  # read afresh, as a unit of work with its own session would
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._savepoint.rollback()  # what was not committed (after a commit: nothing)

    async def commit(self) -> None:
        await self._savepoint.commit()
        self._savepoint = await self.session.begin_nested()

    async def rollback(self) -> None:
        await self._savepoint.rollback()
        self._savepoint = await self.session.begin_nested()

    def nested(self) -> "SqlAlchemySavepoint":
        return SqlAlchemySavepoint(self.session, self._clock)
