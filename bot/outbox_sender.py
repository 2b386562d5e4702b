"""Deliver committed outbox rows through one channel: in order per chat, within rate limits.

At least once: a row is leased (``sending``) before it goes out and marked ``sent`` right
after. A crash between the platform accepting a message and that mark leaves the lease to
expire, and the row is sent again: that window (one message per crashed sender) is the only
way a message is ever duplicated. Nothing is dropped: a row leaves the queue only as
``sent`` or, after ``max_attempts`` failures or an undeliverable answer, as ``dead``.
"""

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.channels import ChannelSender, DeliveryPolicy, RetryLater, Undeliverable
from bot.rate_limit import RateLimiter
from core.ports import Clock
from db.delivery import Envelope
from db.uow import SqlAlchemyUnitOfWork

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class OutboxSender:
    """One loop per channel: ``await sender.run()``; ``sender.wake()`` after a commit;
    ``sender.stop()`` to end the loop after the pass in hand (never cut off mid-write)."""

    def __init__(
        self,
        channel: ChannelSender,
        uow: Callable[[], SqlAlchemyUnitOfWork],
        clock: Clock,
        policy: DeliveryPolicy | None = None,
        *,
        owner: str | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.channel = channel
        self.policy = policy or DeliveryPolicy()
        self.owner = owner or default_owner()
        self._uow = uow
        self._clock = clock
        self._sleep = sleep
        self._limiter = RateLimiter(channel.limits, channel.is_group)
        self._wakeup = asyncio.Event()
        self._stopping = False

    def wake(self) -> None:
        self._wakeup.set()

    def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()

    async def run(self) -> None:
        while not self._stopping:
            try:
                claimed = await self.deliver_due()
            except Exception:
                logger.exception("outbox %s: delivery pass failed", self.channel.channel)
                claimed = 0
            if claimed < self.policy.batch and not self._stopping:
                await self._idle()

    async def _idle(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), self.policy.poll_seconds)
        self._wakeup.clear()

    async def deliver_due(self) -> int:
        """One pass: lease the head row of each chat that is due, send them; how many."""
        now = self._clock.now()
        lease_until = now + timedelta(seconds=self.policy.lease_seconds)
        async with self._uow() as uow:
            batch = await uow.delivery.claim(
                self.channel.channel, self.owner, now, lease_until, self.policy.batch
            )
            await uow.commit()
        at = now.timestamp()
        for envelope in sorted(batch, key=lambda e: self._limiter.delay(e.chat_id, at)):
            await self._pace(envelope.chat_id)
            await self._deliver(envelope)
        return len(batch)

    async def _pace(self, chat_id: str) -> None:
        wait = self._limiter.delay(chat_id, self._clock.now().timestamp())
        if wait > 0:
            await self._sleep(wait)
        self._limiter.take(chat_id, self._clock.now().timestamp())

    async def _deliver(self, envelope: Envelope) -> None:
        try:
            message_id = await self._transmit(envelope)
        except RetryLater as error:
            self._limiter.hold(envelope.chat_id, self._clock.now().timestamp(), error.seconds)
            await self._retry(envelope, str(error), error.seconds)
        except Undeliverable as error:
            await self._give_up(envelope, error)
        except Exception as error:  # a network error the channel did not translate
            await self._retry(envelope, repr(error), 0.0)
        else:
            async with self._uow() as uow:
                await uow.delivery.sent(envelope, self._clock.now(), message_id)
                await uow.commit()

    async def _transmit(self, envelope: Envelope) -> str | None:
        """Send, or edit the message ``ref`` names; an edit of a message never sent is a send."""
        if envelope.edit and envelope.ref:
            async with self._uow() as uow:
                message_id = await uow.delivery.message_id(
                    envelope.channel, envelope.chat_id, envelope.ref
                )
            if message_id is not None:
                await self.channel.edit(envelope.chat_id, message_id, envelope.reply)
                return None
        return await self.channel.send(envelope.chat_id, envelope.reply)

    async def _retry(self, envelope: Envelope, error: str, seconds: float) -> None:
        attempts = envelope.attempts + 1
        retry_at = None
        if attempts < self.policy.max_attempts:
            wait = max(seconds, self.policy.backoff(attempts))
            retry_at = self._clock.now() + timedelta(seconds=wait)
        logger.warning(
            "outbox %s row %s: try %s failed (%s)%s",
            envelope.channel,
            envelope.id,
            attempts,
            error,
            "" if retry_at else ", dead",
        )
        async with self._uow() as uow:
            await uow.delivery.failed(envelope, self.owner, error, retry_at)
            await uow.commit()

    async def _give_up(self, envelope: Envelope, error: Undeliverable) -> None:
        logger.warning("outbox %s row %s: undeliverable (%s)", envelope.channel, envelope.id, error)
        async with self._uow() as uow:
            if error.blocked:
                await uow.persons.mark_blocked(envelope.channel, envelope.chat_id)
                await uow.delivery.kill_chat(envelope.channel, envelope.chat_id, str(error))
            else:
                await uow.delivery.failed(envelope, self.owner, str(error), None)
            await uow.commit()
