"""The outbox's Telegram sender over aiogram's ``Bot``: the neutral rules of
:class:`bot.telegram.delivery.TelegramDelivery` with aiogram's calls."""

from aiogram import Bot
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.aiogram.failures import translated
from bot.charts import ChartFiles
from bot.telegram.delivery import TelegramDelivery
from bot.telegram.render import Keyboard
from handlers.texts import DEFAULT_LOCALE

UPLOAD_NAME = "chart.png"  # a generated chart is the only upload; photos go by file id


def markup(buttons: Keyboard | None) -> InlineKeyboardMarkup | None:
    if buttons is None:
        return None
    rows = [[button(b.text, b.data) for b in row] for row in buttons]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


class AiogramCalls:
    """:class:`bot.telegram.delivery.BotCalls` through aiogram, its errors translated."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def ready(self) -> None:
        """Nothing to do: aiogram opens its HTTP session at the first call."""

    async def send_text(self, chat_id: int, text: str, buttons: Keyboard | None) -> int:
        with translated():
            sent = await self.bot.send_message(chat_id, text, reply_markup=markup(buttons))
        return sent.message_id

    async def send_photo(
        self, chat_id: int, photo: str | bytes, caption: str | None, buttons: Keyboard | None
    ) -> int:
        upload = photo if isinstance(photo, str) else BufferedInputFile(photo, UPLOAD_NAME)
        with translated():
            sent = await self.bot.send_photo(
                chat_id, upload, caption=caption, reply_markup=markup(buttons)
            )
        return sent.message_id

    async def edit_text(
        self, chat_id: int, message_id: int, text: str, buttons: Keyboard | None
    ) -> None:
        with translated():
            await self.bot.edit_message_text(
                text=text, chat_id=chat_id, message_id=message_id, reply_markup=markup(buttons)
            )

    async def edit_caption(
        self, chat_id: int, message_id: int, caption: str, buttons: Keyboard | None
    ) -> None:
        with translated():
            await self.bot.edit_message_caption(
                chat_id=chat_id,
                message_id=message_id,
                caption=caption,
                reply_markup=markup(buttons),
            )


class AiogramSender(TelegramDelivery):
    """The neutral sender (:class:`TelegramDelivery`) over aiogram's ``Bot``."""

    def __init__(
        self, bot: Bot, locale: str = DEFAULT_LOCALE, charts: ChartFiles | None = None
    ) -> None:
        super().__init__(AiogramCalls(bot), locale, charts)
        self.bot = bot
