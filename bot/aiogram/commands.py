"""The command menus (:mod:`bot.telegram.menus`) set through aiogram."""

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)

from bot.telegram.menus import Menu


def commands(items: Menu) -> list[BotCommand]:
    return [BotCommand(command=name, description=description) for name, description in items]


class Menus:
    """The ``MenuTarget`` of an aiogram ``Bot``."""

    gone = TelegramAPIError

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def private_chats(self, items: Menu) -> None:
        await self._bot.set_my_commands(commands(items), scope=BotCommandScopeAllPrivateChats())

    async def group_chats(self, items: Menu) -> None:
        await self._bot.set_my_commands(commands(items), scope=BotCommandScopeAllGroupChats())

    async def chat(self, chat_id: str, items: Menu) -> None:
        scope = BotCommandScopeChat(chat_id=int(chat_id))
        await self._bot.set_my_commands(commands(items), scope=scope)
