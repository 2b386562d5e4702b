"""The contract between the outbox sender and each chat channel (Telegram, web chat, …)."""

from dataclasses import dataclass
from typing import Protocol

from aiohttp import web

from core.messages import Reply


class DeliveryError(Exception):
    """A message could not be delivered this time."""


class RetryLater(DeliveryError):
    """The platform asked us to wait (Telegram's 429 ``retry_after``) or the network failed."""

    def __init__(self, seconds: float, reason: str = "") -> None:
        super().__init__(reason or f"retry after {seconds}s")
        self.seconds = seconds


class Undeliverable(DeliveryError):
    """Retrying cannot help: the user blocked the bot, the chat is gone, the message is bad."""

    def __init__(self, reason: str, blocked: bool = False) -> None:
        super().__init__(reason)
        self.blocked = blocked


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Messages a channel accepts: overall per second, per private chat, per group per minute."""

    overall_per_second: float = 30.0
    private_per_second: float = 1.0
    group_per_minute: float = 20.0


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """How hard to try: ``max_attempts`` tries with doubling waits, then dead. A group with
    more than ``digest_after_minutes`` of its budget queued gets its new requests' cards as
    one digest of up to ``digest_size``."""

    max_attempts: int = 12
    backoff_seconds: float = 2.0
    backoff_max_seconds: float = 900.0
    lease_seconds: float = 120.0
    poll_seconds: float = 1.0
    batch: int = 50
    digest_after_minutes: float = 3.0
    digest_size: int = 20

    def backoff(self, attempts: int) -> float:
        return min(self.backoff_max_seconds, self.backoff_seconds * 2 ** max(0, attempts - 1))


class ChannelSender(Protocol):
    channel: str
    limits: RateLimits

    def is_group(self, chat_id: str) -> bool: ...

    async def send(self, chat_id: str, reply: Reply) -> str:
        """Deliver ``reply``; return the platform's message id (for later edits)."""
        ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Replace a message we sent before (text and options)."""
        ...


class Channel(Protocol):
    """A chat channel the runner hosts: its routes, its life, and how it delivers."""

    @property
    def sender(self) -> ChannelSender: ...

    def add_routes(self, app: web.Application) -> None:
        """Add HTTP routes (web chat pages, a webhook) before the server starts."""
        ...

    async def start(self) -> None:
        """Begin receiving (polling, bindings); the web server is already up."""
        ...

    async def stop(self) -> None: ...
