"""The outbox's Telegram sender over python-telegram-bot's ``Bot``."""

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.charts import ChartFiles
from bot.telegram.delivery import TelegramDelivery
from bot.telegram.failures import translated
from bot.telegram.render import Keyboard
from handlers.texts import DEFAULT_LOCALE


def markup(buttons: Keyboard | None) -> InlineKeyboardMarkup | None:
    if buttons is None:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data) for b in row] for row in buttons]
    )


class PtbCalls:
    """:class:`bot.telegram.delivery.BotCalls` through PTB, its errors translated."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def ready(self) -> None:
        with translated():
            await self.bot.initialize()  # once; the channel's start usually did it

    async def send_text(self, chat_id: int, text: str, buttons: Keyboard | None) -> int:
        with translated():
            sent = await self.bot.send_message(chat_id, text, reply_markup=markup(buttons))
        return sent.message_id

    async def send_photo(
        self, chat_id: int, photo: str | bytes, caption: str | None, buttons: Keyboard | None
    ) -> int:
        with translated():
            sent = await self.bot.send_photo(
                chat_id, photo, caption=caption, reply_markup=markup(buttons)
            )
        return sent.message_id

    async def edit_text(
        self, chat_id: int, message_id: int, text: str, buttons: Keyboard | None
    ) -> None:
        with translated():
            await self.bot.edit_message_text(
                text, chat_id, message_id, reply_markup=markup(buttons)
            )

    async def edit_caption(
        self, chat_id: int, message_id: int, caption: str, buttons: Keyboard | None
    ) -> None:
        with translated():
            await self.bot.edit_message_caption(
                chat_id, message_id, caption=caption, reply_markup=markup(buttons)
            )


class TelegramSender(TelegramDelivery):
    """The neutral sender (:class:`TelegramDelivery`) over PTB's ``Bot``."""

    def __init__(
        self, bot: Bot, locale: str = DEFAULT_LOCALE, charts: ChartFiles | None = None
    ) -> None:
        super().__init__(PtbCalls(bot), locale, charts)
        self.bot = bot
