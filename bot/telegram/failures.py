"""python-telegram-bot's errors as the outbox understands them: wait and retry, or give up."""

import contextlib
import warnings
from collections.abc import Iterator
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.channels import DeliveryError, RetryLater, Undeliverable
from bot.telegram.refusals import NETWORK_RETRY_SECONDS, Rejected


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def delivery_error(error: TelegramError) -> DeliveryError | None:
    """The outbox's view of a Bot API failure; None for one retrying cannot classify."""
    if isinstance(error, RetryAfter):
        return RetryLater(retry_after_seconds(error), str(error))
    if isinstance(error, Forbidden):
        return Undeliverable(error.message, blocked=True)
    if isinstance(error, ChatMigrated):
        return Undeliverable(f"group moved to {error.new_chat_id}")
    if isinstance(error, BadRequest):  # before NetworkError: BadRequest is one
        return Rejected(error.message)
    if isinstance(error, NetworkError):  # TimedOut too
        return RetryLater(NETWORK_RETRY_SECONDS, error.message)
    return None


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Raise :class:`RetryLater` / :class:`Undeliverable` instead of Telegram's errors."""
    try:
        yield
    except TelegramError as error:
        mapped = delivery_error(error)
        if mapped is None:
            raise
        raise mapped from error
