"""Telegram through python-telegram-bot: the channel the runner hosts, and deep links.

The library-neutral modules here (objects, updates, render, delivery, refusals, menus, groups,
webhook, channel_base) serve the aiogram adapter in ``bot/aiogram/`` as well.

``telegram_channel(linli)`` builds the channel (only when ``LINLI_TELEGRAM_TOKEN`` is set);
the runner calls ``add_routes(app)`` before the web server starts, then ``start()``, and
delivers the outbox through ``channel.sender``. See docs/telegram.md.
"""

from typing import TYPE_CHECKING

from bot.telegram.links import invite_link
from bot.wiring import Linli

if TYPE_CHECKING:
    from bot.telegram.channel import TelegramChannel


def telegram_channel(linli: Linli) -> "TelegramChannel":
    """The Telegram :class:`bot.channels.Channel` (PTB is imported only now)."""
    from bot.telegram.channel import TelegramChannel

    return TelegramChannel(linli)


__all__ = ["invite_link", "telegram_channel"]
