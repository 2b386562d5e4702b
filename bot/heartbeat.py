"""The process's heartbeat: while it beats, nobody takes its outbox leases; once it stops
(killed), a running or restarted process takes them back within seconds."""

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from core.ports import Clock
from db.uow import SqlAlchemyUnitOfWork

logger = logging.getLogger(__name__)

BEAT_SECONDS = 1.0
LATE_SECONDS = 2.5  # half of db.delivery.OWNER_GONE: worth a warning


class Heartbeat:
    """``await beat.start()`` registers; ``run()`` beats until ``stop()``, then leaves."""

    def __init__(self, owner: str, uow: Callable[[], SqlAlchemyUnitOfWork], clock: Clock) -> None:
        self.owner = owner
        self._uow = uow
        self._clock = clock
        self._stopped = asyncio.Event()

    async def beat(self) -> None:
        async with self._uow() as uow:
            await uow.delivery.beat(self.owner, self._clock.now())
            await uow.commit()

    async def run(self) -> None:
        last = time.monotonic()
        while not self._stopped.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), BEAT_SECONDS)
            if self._stopped.is_set():
                break
            try:
                await self.beat()
            except Exception:
                logger.exception("heartbeat of %s failed", self.owner)
                continue
            if (gap := time.monotonic() - last) > LATE_SECONDS:
                logger.warning("heartbeat %.1f s apart: outbox leases at risk", gap)
            last = time.monotonic()
        async with self._uow() as uow:
            await uow.delivery.leave(self.owner)
            await uow.commit()

    def stop(self) -> None:
        self._stopped.set()
