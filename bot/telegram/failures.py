"""Telegram's errors as the outbox understands them: wait and retry, or give up."""

import contextlib
import logging
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

logger = logging.getLogger(__name__)

NETWORK_RETRY_SECONDS = 5.0
# A private chat or group that cannot be reached at all: stop sending to it.
_GONE = ("chat not found", "user not found", "peer_id_invalid", "group chat was deactivated")


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def is_not_modified(error: TelegramError) -> bool:
    return isinstance(error, BadRequest) and "message is not modified" in error.message.lower()


def delivery_error(error: TelegramError) -> DeliveryError | None:
    """The outbox's view of a Bot API failure; None for one retrying cannot classify."""
    if isinstance(error, RetryAfter):
        return RetryLater(retry_after_seconds(error), str(error))
    if isinstance(error, Forbidden):
        return Undeliverable(error.message, blocked=True)
    if isinstance(error, ChatMigrated):
        return Undeliverable(f"group moved to {error.new_chat_id}")
    if isinstance(error, BadRequest):  # before NetworkError: BadRequest is one
        gone = any(sign in error.message.lower() for sign in _GONE)
        return Undeliverable(error.message, blocked=gone)
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
