"""Telegram through aiogram 3: the same channel as :mod:`bot.telegram` (PTB), chosen with
``LINLI_TELEGRAM_LIBRARY=aiogram``. Everything library-neutral (reading updates, rendering,
the send and edit rules, the inbox-before-acknowledgement loop) lives in ``bot/telegram/``;
this package holds only aiogram's calls. See docs/telegram.md.
"""

from typing import TYPE_CHECKING

from bot.wiring import Linli

if TYPE_CHECKING:
    from bot.aiogram.channel import AiogramChannel


def aiogram_channel(linli: Linli) -> "AiogramChannel":
    """The Telegram :class:`bot.channels.Channel` over aiogram (imported only now)."""
    from bot.aiogram.channel import AiogramChannel

    return AiogramChannel(linli)


__all__ = ["aiogram_channel"]
