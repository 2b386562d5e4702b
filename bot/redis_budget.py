"""The send budget every process shares: ``RateLimiter``'s token buckets kept in Redis.

Under ``namespace`` (the prefix, the channel and, for Telegram, the bot's id): a hash per
bucket (``overall``, ``chat:<id>``: tokens and the time they were counted) and a sorted set
``busy`` of the chats without budget, scored by when they have it again. Checking and taking
is one Lua script, so two processes never both spend the last token. Each key expires once
its bucket would be full again: an idle chat leaves nothing behind.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.channels import RateLimits
from bot.send_budget import BudgetUnavailable

T = TypeVar("T")

# Buckets hold at most one message (burst 1), as RateLimiter's do.
BUCKETS = """
local now = tonumber(ARGV[1])
local GRACE_MS = 1000

local function num(x) return string.format('%.17g', x) end

local function level(key, rate)
  local found = redis.call('HMGET', key, 'tokens', 'at')
  local tokens, at = tonumber(found[1]), tonumber(found[2])
  if tokens == nil or at == nil then return 1, now end
  if now > at then return math.min(1, tokens + (now - at) * rate), now end
  return tokens, at
end

local function store(key, tokens, at, rate)
  local full = at + (1 - tokens) / rate
  redis.call('HSET', key, 'tokens', num(tokens), 'at', num(at))
  redis.call('PEXPIRE', key, math.max(0, math.ceil((full - now) * 1000)) + GRACE_MS)
  return full
end

local function mark_busy(key, chat, ready)
  redis.call('ZADD', key, num(ready), chat)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', num(now))
  local ttl = math.max(0, math.ceil((ready - now) * 1000)) + GRACE_MS
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
"""

# KEYS: overall, chat, busy. ARGV: now, overall rate, chat rate, chat id.
ACQUIRE = """
local orate, crate = tonumber(ARGV[2]), tonumber(ARGV[3])
local ot, oat = level(KEYS[1], orate)
local ct, cat = level(KEYS[2], crate)
local wait = 0
if ot < 1 then wait = (1 - ot) / orate end
if ct < 1 then wait = math.max(wait, (1 - ct) / crate) end
if wait > 0 then return num(wait) end
store(KEYS[1], ot - 1, oat, orate)
mark_busy(KEYS[3], ARGV[4], store(KEYS[2], ct - 1, cat, crate))
return '0'
"""

# KEYS: chat, busy. ARGV: now, chat rate, seconds, chat id.
HOLD = """
local crate, seconds = tonumber(ARGV[2]), tonumber(ARGV[3])
local ct, cat = level(KEYS[1], crate)
ct = math.min(ct, 1 - seconds * crate)
mark_busy(KEYS[2], ARGV[4], store(KEYS[1], ct, cat, crate))
return '0'
"""


class RedisBudget:
    """A ``SendBudget`` shared through Redis; the client must decode responses."""

    def __init__(
        self,
        client: "Redis",
        namespace: str,
        limits: RateLimits,
        is_group: Callable[[str], bool],
    ) -> None:
        self._client = client
        self._namespace = namespace
        self._limits = limits
        self._is_group = is_group
        self._acquire = client.register_script(BUCKETS + ACQUIRE)
        self._hold = client.register_script(BUCKETS + HOLD)

    def _key(self, name: str) -> str:
        return f"{self._namespace}:{name}"

    def _rate(self, chat_id: str) -> float:
        if self._is_group(chat_id):
            return self._limits.group_per_minute / 60.0
        return self._limits.private_per_second

    async def busy(self, now: float) -> set[str]:
        found = await _reached(self._client.zrangebyscore(self._key("busy"), f"({now!r}", "+inf"))
        return {str(chat_id) for chat_id in found}

    async def soonest(self, now: float) -> float | None:
        first = await _reached(
            self._client.zrangebyscore(
                self._key("busy"), f"({now!r}", "+inf", start=0, num=1, withscores=True
            )
        )
        return float(first[0][1]) - now if first else None

    async def acquire(self, chat_id: str, now: float) -> float:
        keys = [self._key("overall"), self._key(f"chat:{chat_id}"), self._key("busy")]
        args: list[float | str] = [
            now,
            self._limits.overall_per_second,
            self._rate(chat_id),
            chat_id,
        ]
        return float(await _reached(self._acquire(keys=keys, args=args)))

    async def hold(self, chat_id: str, now: float, seconds: float) -> None:
        keys = [self._key(f"chat:{chat_id}"), self._key("busy")]
        args: list[float | str] = [now, self._rate(chat_id), seconds, chat_id]
        await _reached(self._hold(keys=keys, args=args))


async def _reached(call: Awaitable[T]) -> T:
    """``call``'s answer; BudgetUnavailable when Redis cannot be reached."""
    try:
        return await call
    except (RedisConnectionError, RedisTimeoutError) as error:
        raise BudgetUnavailable(str(error) or type(error).__name__) from error
