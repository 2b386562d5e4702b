"""The running bot's view of the roster's places, rebuilt when they change: at once when this
process's console changes them, and within `LINLI_PLACES_POLL_SECONDS` when another process
does (a roster imported with `linli roster import`, a building added on another process's
console), by the places' stamp (`db.stamps`)."""

import asyncio
import contextlib
import logging

from bot.nlp_adapter import NlpUnderstanding
from bot.wiring import Linli

logger = logging.getLogger(__name__)


async def refresh_places(linli: Linli) -> None:
    """Read buildings, grids and communities again and give them to the address matcher:
    a building or alias added on the console is understood in the very next message."""
    understanding = linli.services.understanding
    if not isinstance(understanding, NlpUnderstanding):
        return
    async with linli.uow() as uow:
        buildings = await uow.places.buildings()
        grids = await uow.places.grids()
        communities = {c.id: c.name for c in await uow.places.communities()}
    understanding.refresh(buildings, grids, communities)
    logger.info("address matcher refreshed: %d buildings", len(buildings))


class PlacesWatch:
    """``run()`` looks at the places' stamp every ``seconds`` until ``stop()``, and refreshes
    the address matcher when it has moved since the last look (the first look always does:
    the places may have changed between start-up and then)."""

    def __init__(self, linli: Linli, seconds: float) -> None:
        self._linli = linli
        self._seconds = seconds
        self._seen: int | None = None
        self._stopped = asyncio.Event()

    async def look(self) -> bool:
        """One look: True when the places were refreshed."""
        async with self._linli.uow() as uow:
            stamp = await uow.places.stamp()
        if stamp == self._seen:
            return False
        await refresh_places(self._linli)
        self._seen = stamp
        return True

    async def run(self) -> None:
        while not self._stopped.is_set():
            try:
                await self.look()
            except Exception:
                logger.exception("places: the stamp could not be read; trying again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), self._seconds)

    def stop(self) -> None:
        self._stopped.set()
