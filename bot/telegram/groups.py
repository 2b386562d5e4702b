"""Group chat events that are Telegram's own: the bot added to a group, a group upgraded."""

import logging

from bot.telegram.objects import CHANNEL, AnyMessage
from core.ports import UnitOfWork

logger = logging.getLogger(__name__)


def bot_was_added(message: AnyMessage, bot_username: str) -> bool:
    return any(
        member.is_bot and (member.username or "").lower() == bot_username.lower()
        for member in message.new_chat_members or ()
    )


def migration(message: AnyMessage) -> tuple[str, str] | None:
    """(old, new) chat ids when a group became a supergroup (its id changes)."""
    if message.migrate_to_chat_id:
        return str(message.chat.id), str(message.migrate_to_chat_id)
    if message.migrate_from_chat_id:
        return str(message.migrate_from_chat_id), str(message.chat.id)
    return None


async def follow_migration(uow: UnitOfWork, old: str, new: str) -> bool:
    """Move the grid binding to the group's new id (making the bot an admin can do this)."""
    async with uow:
        grid = await uow.places.grid_of_chat(CHANNEL, old)
        if grid is None:
            return False
        await uow.places.bind_chat(CHANNEL, new, grid.id, grid.community_id)
        await uow.places.bind_chat(CHANNEL, old, None, None)
        await uow.commit()
    logger.info("telegram: group of grid %s moved to a supergroup; binding follows", grid.code)
    return True
