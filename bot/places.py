"""The running bot's view of the roster's places, rebuilt when the console changes them."""

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
