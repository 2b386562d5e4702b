"""The process's queue for database transactions: at most ``size`` at a time, first come
first served, and a lane that goes before every waiting turn for the short writes that must
not wait behind a backlog (the outbox sender's claims and marks, the heartbeat)."""

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator


class TurnQueue:
    """``async with queue.slot(): …``; ``slot(first=True)`` jumps the waiting turns.
    ``size`` None: no limit (a slot is free at once)."""

    def __init__(self, size: int | None) -> None:
        self.size = size
        self._active = 0
        self._first: deque[asyncio.Future[None]] = deque()
        self._waiting: deque[asyncio.Future[None]] = deque()

    @contextlib.asynccontextmanager
    async def slot(self, first: bool = False) -> AsyncIterator[None]:
        if self.size is None:
            yield
            return
        await self._acquire(self.size, first)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, size: int, first: bool) -> None:
        if self._active < size and not (self._first or self._waiting):
            self._active += 1
            return
        turn = asyncio.get_running_loop().create_future()
        (self._first if first else self._waiting).append(turn)
        try:
            await turn  # the slot is handed over by _release, still counted as active
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # handed over just as we were cancelled: pass it on
            else:
                with contextlib.suppress(ValueError):  # _release may have dropped it already
                    (self._first if first else self._waiting).remove(turn)
            raise

    def _release(self) -> None:
        for lane in (self._first, self._waiting):
            while lane:
                turn = lane.popleft()
                if not turn.done():
                    turn.set_result(None)
                    return
        self._active -= 1
