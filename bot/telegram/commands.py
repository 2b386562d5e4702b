"""The command menus (:mod:`bot.telegram.menus`) set through python-telegram-bot."""

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from bot.telegram.menus import Menu


def commands(items: Menu) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in items]


class Menus:
    """The ``MenuTarget`` of a PTB ``Bot``."""

    gone = TelegramError

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def private_chats(self, items: Menu) -> None:
        await self._bot.set_my_commands(commands(items), scope=BotCommandScopeAllPrivateChats())

    async def group_chats(self, items: Menu) -> None:
        await self._bot.set_my_commands(commands(items), scope=BotCommandScopeAllGroupChats())

    async def chat(self, chat_id: str, items: Menu) -> None:
        await self._bot.set_my_commands(commands(items), scope=BotCommandScopeChat(int(chat_id)))
