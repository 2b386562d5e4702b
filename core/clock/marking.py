"""Exactly once across bot processes: a clock event's mark commits with what it caused.

The clock hands a service a :class:`MarkedUnitOfWork` instead of a plain one. Entering it
locks the request (``SKIP LOCKED``: a request another worker holds is left to that worker),
checks on fresh data that the event is still due, and records the event's mark (unique by
kind, subject and round). If any of that fails it raises :class:`Fired` and the service does
nothing. Otherwise the service runs in this same transaction, so its change, its outbox rows
and the mark commit together: no event fires twice, and none is lost to a crash in between.
"""

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any, Self

from core.clock.ladder import Mark, Timed
from core.context import Context
from core.delivery import deliver
from core.messages import Notice
from core.ports import UnitOfWork


class Fired(Exception):
    """Not this worker's to fire: fired before, held by another worker, or no longer due."""

    def __init__(self, mark: Mark) -> None:
        super().__init__(f"{mark.kind} {mark.subject_id} {mark.round}")
        self.mark = mark


class MarkedUnitOfWork:
    """A unit of work whose transaction also takes ``mark`` (see the module's docstring)."""

    def __init__(
        self,
        uow: UnitOfWork,
        ctx: Context,
        mark: Mark,
        still_due: Callable[[Timed], bool] | None = None,
        notices: Sequence[Notice] = (),
    ) -> None:
        self._uow = uow
        self._ctx = ctx
        self._mark = mark
        self._still_due = still_due
        self._notices = notices

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)

    async def __aenter__(self) -> Self:
        await self._uow.__aenter__()
        try:
            if not await self._take():
                raise Fired(self._mark)
            await deliver(self._uow, self._notices, self._ctx.now)
        except BaseException:
            await self._uow.__aexit__(None, None, None)
            raise
        return self

    async def _take(self) -> bool:
        if self._still_due is not None:
            timed = await self._uow.sla.lock(self._mark.subject_id)
            if timed is None or not self._still_due(timed):
                return False
        return await self._uow.sla.mark(self._mark, self._ctx.now)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._uow.__aexit__(exc_type, exc, tb)

    async def commit(self) -> None:
        await self._uow.commit()

    async def rollback(self) -> None:
        await self._uow.rollback()
