"""aiogram's errors as the outbox understands them: wait and retry, or give up (the same
mapping as :mod:`bot.telegram.failures` for PTB)."""

import contextlib
from collections.abc import Iterator

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.channels import DeliveryError, RetryLater, Undeliverable
from bot.telegram.refusals import NETWORK_RETRY_SECONDS, Rejected


def delivery_error(error: TelegramAPIError) -> DeliveryError | None:
    """The outbox's view of a Bot API failure; None for one retrying cannot classify."""
    if isinstance(error, TelegramRetryAfter):
        return RetryLater(float(error.retry_after), str(error))
    if isinstance(error, TelegramForbiddenError):
        return Undeliverable(error.message, blocked=True)
    if isinstance(error, TelegramMigrateToChat):
        return Undeliverable(f"group moved to {error.migrate_to_chat_id}")
    if isinstance(error, TelegramBadRequest):
        return Rejected(error.message)
    if isinstance(error, TelegramNetworkError | TelegramServerError):  # timeouts, 5xx
        return RetryLater(NETWORK_RETRY_SECONDS, error.message)
    return None


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Raise :class:`RetryLater` / :class:`Undeliverable` instead of aiogram's errors."""
    try:
        yield
    except TelegramAPIError as error:
        mapped = delivery_error(error)
        if mapped is None:
            raise
        raise mapped from error
