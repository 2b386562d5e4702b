"""The send budget an outbox sender spends: this process's own (``LocalBudget``), or one
shared by every process through Redis (``bot.redis_budget.RedisBudget``). Times are seconds
since the epoch from the sender's clock."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from bot.rate_limit import RateLimiter

logger = logging.getLogger(__name__)

T = TypeVar("T")


class BudgetUnavailable(Exception):
    """The shared budget cannot be read now (Redis is unreachable)."""


class SendBudget(Protocol):
    async def busy(self, now: float) -> set[str]:
        """The chats that have no budget now (just written to, or told to wait)."""
        ...

    async def soonest(self, now: float) -> float | None:
        """Seconds until the first busy chat has budget again; None when none is busy."""
        ...

    async def acquire(self, chat_id: str, now: float) -> float:
        """Take one message's budget for ``chat_id`` when the platform and the chat both
        have it (0.0); else, taking nothing, the seconds until they will."""
        ...

    async def hold(self, chat_id: str, now: float, seconds: float) -> None:
        """The platform said "wait ``seconds``" for this chat: nothing goes to it before."""
        ...


class LocalBudget:
    """The budget of one process: ``RateLimiter``'s buckets in memory."""

    def __init__(self, limiter: RateLimiter) -> None:
        self._limiter = limiter

    async def busy(self, now: float) -> set[str]:
        return self._limiter.busy(now)

    async def soonest(self, now: float) -> float | None:
        return self._limiter.soonest(now)

    async def acquire(self, chat_id: str, now: float) -> float:
        return self._limiter.acquire(chat_id, now)

    async def hold(self, chat_id: str, now: float, seconds: float) -> None:
        self._limiter.hold(chat_id, now, seconds)


class SteadyBudget:
    """A budget that waits out an outage: each call is tried again every ``pause`` seconds
    until it answers (no message goes without budget). Logs once when the budget is lost
    and once when it is back."""

    def __init__(
        self,
        budget: SendBudget,
        name: str,
        pause: float = 1.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._budget = budget
        self._name = name
        self._pause = pause
        self._sleep = sleep
        self._lost = False

    async def _steady(self, call: Callable[[], Awaitable[T]]) -> T:
        while True:
            try:
                answer = await call()
            except BudgetUnavailable as error:
                if not self._lost:
                    self._lost = True
                    logger.warning(
                        "outbox %s: send budget unavailable (%s); waiting", self._name, error
                    )
                await self._sleep(self._pause)
                continue
            if self._lost:
                self._lost = False
                logger.warning("outbox %s: send budget back", self._name)
            return answer

    async def busy(self, now: float) -> set[str]:
        return await self._steady(lambda: self._budget.busy(now))

    async def soonest(self, now: float) -> float | None:
        return await self._steady(lambda: self._budget.soonest(now))

    async def acquire(self, chat_id: str, now: float) -> float:
        return await self._steady(lambda: self._budget.acquire(chat_id, now))

    async def hold(self, chat_id: str, now: float, seconds: float) -> None:
        await self._steady(lambda: self._budget.hold(chat_id, now, seconds))
