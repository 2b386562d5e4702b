"""The command menus (:mod:`bot.telegram.menus`) published through python-telegram-bot."""

import logging
from collections.abc import Callable

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from bot.telegram.menus import GROUP, PRIVATE, Menu, menu, staff_chats, staff_menu
from core.ports import UnitOfWork
from core.vocabulary import Role

logger = logging.getLogger(__name__)


def commands(items: Menu) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in items]


async def publish(bot: Bot, uow: Callable[[], UnitOfWork], locale: str) -> None:
    """setMyCommands for private chats, groups, and each staff member's chat."""
    await bot.set_my_commands(
        commands(menu(PRIVATE, locale)), scope=BotCommandScopeAllPrivateChats()
    )
    await bot.set_my_commands(commands(menu(GROUP, locale)), scope=BotCommandScopeAllGroupChats())
    for chat_id, role in (await staff_chats(uow())).items():
        await publish_for(bot, chat_id, role, locale)


async def publish_for(bot: Bot, chat_id: str, role: Role, locale: str) -> None:
    """A staff member's own menu (after start, or at once when they redeem an invite)."""
    items = staff_menu(role, locale)
    if items is None:
        return
    try:
        await bot.set_my_commands(commands(items), scope=BotCommandScopeChat(int(chat_id)))
    except TelegramError as error:  # the chat is gone; the menu is a convenience
        logger.warning("commands for staff chat not set: %s", error)
