"""The command menus Telegram shows: residents', groups', and staff's own per private chat."""

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

from bot.telegram.sender import CHANNEL
from core.ports import UnitOfWork
from core.vocabulary import Role
from handlers.texts import render

logger = logging.getLogger(__name__)

PRIVATE = ("start", "my", "address", "phone", "help", "cancel", "mydata", "forget")
GROUP = ("bindgrid", "help")
# each role's commands as its /help lists them (handlers/texts: help.member, help.leader …)
STAFF_EXTRA: dict[Role, tuple[str, ...]] = {
    Role.MEMBER: ("tasks", "wishes", "points", "promise", "stars"),
    Role.UNIT: ("tasks", "unit", "wishes", "points", "promise"),
    Role.LEADER: (
        "open",
        "stats",
        "tasks",
        "points",
        "promise",
        "wishes",
        "broadcast",
        "broadcasts",
    ),
    Role.ADMIN: ("open", "needs", "stats", "stars", "points", "broadcast", "broadcasts"),
}


def commands(names: tuple[str, ...], locale: str) -> list[BotCommand]:
    return [BotCommand(name, render(f"command.{name}", None, locale)) for name in names]


def staff_commands(role: Role, locale: str) -> list[BotCommand] | None:
    extra = STAFF_EXTRA.get(role)
    return commands(PRIVATE + extra, locale) if extra else None


async def staff_chats(uow: UnitOfWork) -> dict[str, Role]:
    """Private Telegram chats of members, leaders and admins, with their role."""
    chats: dict[str, Role] = {}
    async with uow:
        people = []
        for grid in await uow.places.grids():
            people += await uow.persons.in_grid(grid.id, [Role.MEMBER, Role.LEADER])
        for community in await uow.places.communities():
            people += await uow.persons.admins(community.id)
        for person in people:
            for identity in await uow.persons.identities(person.id):
                if identity.channel == CHANNEL and not identity.blocked:
                    chats[identity.chat_id] = Role(person.role)
    return chats


async def publish(bot: Bot, uow: Callable[[], UnitOfWork], locale: str) -> None:
    """setMyCommands for private chats, groups, and each staff member's chat."""
    await bot.set_my_commands(commands(PRIVATE, locale), scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(commands(GROUP, locale), scope=BotCommandScopeAllGroupChats())
    for chat_id, role in (await staff_chats(uow())).items():
        await publish_for(bot, chat_id, role, locale)


async def publish_for(bot: Bot, chat_id: str, role: Role, locale: str) -> None:
    """A staff member's own menu (after start, or at once when they redeem an invite)."""
    menu = staff_commands(role, locale)
    if menu is None:
        return
    try:
        await bot.set_my_commands(menu, scope=BotCommandScopeChat(int(chat_id)))
    except TelegramError as error:  # the chat is gone; the menu is a convenience
        logger.warning("commands for staff chat not set: %s", error)
