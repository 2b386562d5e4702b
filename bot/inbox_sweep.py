"""What the inbox still holds is handled: at start, before the channels fetch more, and then
every few seconds (an update whose turn failed on the database, or one a process stored and
did not live to handle). Updates just stored are handled at once by their channel."""

import asyncio
import contextlib
import logging

from handlers.dispatch import Dispatcher

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 5.0


class InboxSweep:
    """``await sweep.run()`` until ``sweep.stop()``."""

    def __init__(self, dispatcher: Dispatcher, seconds: float = SWEEP_SECONDS) -> None:
        self._dispatcher = dispatcher
        self._seconds = seconds
        self._stopped = asyncio.Event()

    async def run(self) -> None:
        while not self._stopped.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), self._seconds)
            if self._stopped.is_set():
                return
            try:
                handled = await self._dispatcher.drain()
            except Exception:
                logger.exception("inbox: sweep failed")
                continue
            if handled:
                logger.info("inbox: %s pending updates handled by the sweep", handled)

    def stop(self) -> None:
        self._stopped.set()
