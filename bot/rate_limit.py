"""Token buckets: which chats may have a message now, and how long until the platform may.

Pure: the caller passes the time (seconds on any steady scale) and does the waiting. A chat
without budget is not waited for: the sender serves the others and comes back to it. This is
one process's budget; ``bot.redis_budget`` keeps the same buckets in Redis for several.
"""

from collections.abc import Callable

from bot.channels import RateLimits

PRUNE_AT = 1000


class TokenBucket:
    """``rate`` messages a second on average, at most ``burst`` at once."""

    def __init__(self, rate: float, burst: float = 1.0) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._at: float | None = None

    def _refill(self, now: float) -> None:
        if self._at is not None:
            elapsed = max(0.0, now - self._at)
            self._tokens = min(self.burst, self._tokens + elapsed * self.rate)
        self._at = now if self._at is None else max(self._at, now)

    def delay(self, now: float) -> float:
        """Seconds until the next message may go (0 when it may go now)."""
        self._refill(now)
        return 0.0 if self._tokens >= 1.0 else (1.0 - self._tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self._tokens -= 1.0

    def hold(self, now: float, seconds: float) -> None:
        """The platform said "wait ``seconds``": nothing goes before then."""
        self._refill(now)
        self._tokens = min(self._tokens, 1.0 - seconds * self.rate)

    def idle(self, now: float) -> bool:
        self._refill(now)
        return self._tokens >= self.burst


class RateLimiter:
    """One bucket for the whole bot and one per chat (a private chat or a group)."""

    def __init__(self, limits: RateLimits, is_group: Callable[[str], bool]) -> None:
        self._limits = limits
        self._is_group = is_group
        self._overall = TokenBucket(limits.overall_per_second)
        self._chats: dict[str, TokenBucket] = {}

    def _chat(self, chat_id: str) -> TokenBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if self._is_group(chat_id):
                bucket = TokenBucket(self._limits.group_per_minute / 60.0)
            else:
                bucket = TokenBucket(self._limits.private_per_second)
            self._chats[chat_id] = bucket
        return bucket

    def busy(self, now: float) -> set[str]:
        """The chats that have no budget now (they were just written to, or were told to wait)."""
        return {chat_id for chat_id, bucket in self._chats.items() if bucket.delay(now) > 0}

    def soonest(self, now: float) -> float | None:
        """Seconds until the first busy chat has budget again; None when none is busy."""
        waits = [w for w in (b.delay(now) for b in self._chats.values()) if w > 0]
        return min(waits, default=None)

    def acquire(self, chat_id: str, now: float) -> float:
        """Take one message's budget for ``chat_id`` when the platform and the chat both have
        it now (0.0); else, taking nothing, the seconds until they will."""
        wait = max(self._overall.delay(now), self._chat(chat_id).delay(now))
        if wait == 0:
            self.take(chat_id, now)
        return wait

    def take(self, chat_id: str, now: float) -> None:
        self._overall.take(now)
        self._chat(chat_id).take(now)
        if len(self._chats) > PRUNE_AT:
            self._chats = {c: b for c, b in self._chats.items() if not b.idle(now)}

    def hold(self, chat_id: str, now: float, seconds: float) -> None:
        self._chat(chat_id).hold(now, seconds)
