"""Deliver committed outbox rows through one channel: in order per chat, within rate limits,
one chat never held up by another.

Rows are leased a second's worth at a time: the next row of every chat that has budget now
(urgent cards first, then members' and leaders' notices, then chatter), and sent side by
side, paced to the channel's overall rate, while the next second's rows are being leased. A
chat without budget (a group that had its message this minute's twentieth, a private chat
that had one this second, a chat told to wait) is skipped, not waited for.

At least once: a row is leased (``sending``) before it goes out and marked ``sent`` as soon
as the platform answers (``bot.outbox_courier``). A crash between the platform accepting a
message and that mark leaves the lease to expire, and the row is sent again: that window
(the messages in flight when the sender died, a second's worth at most) is the only way a
message is ever duplicated. Nothing is dropped: a row leaves the queue only as ``sent``,
``folded`` into a group digest that is itself a row, or, after ``max_attempts`` failures or
an undeliverable answer, ``dead``.
"""

import asyncio
import contextlib
import logging
import math
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.channels import ChannelSender, DeliveryPolicy
from bot.outbox_courier import Courier
from bot.outbox_plan import Outgoing, Planner
from bot.rate_limit import RateLimiter
from bot.send_budget import LocalBudget, SendBudget, SteadyBudget
from core.ports import Clock
from db.uow import SqlAlchemyUnitOfWork

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
SHORTEST_WAIT = 0.001  # a budget a rounding error short is waited for, not spun on


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class OutboxSender:
    """One loop per channel: ``await sender.run()``; ``sender.wake()`` after a commit;
    ``sender.stop()`` to end the loop once what it has leased is sent (never cut off
    mid-write). ``budget``: the send budget to spend (by default this process's own, from
    the channel's limits; ``bot.redis_budget`` shares one between processes)."""

    def __init__(
        self,
        channel: ChannelSender,
        uow: Callable[[], SqlAlchemyUnitOfWork],
        clock: Clock,
        policy: DeliveryPolicy | None = None,
        *,
        owner: str | None = None,
        sleep: Sleep = asyncio.sleep,
        budget: SendBudget | None = None,
    ) -> None:
        self.channel = channel
        self.policy = policy or DeliveryPolicy()
        self.owner = owner or default_owner()
        self._uow = uow
        self._clock = clock
        self._sleep = sleep
        budget = budget or LocalBudget(RateLimiter(channel.limits, channel.is_group))
        self._budget = SteadyBudget(budget, channel.channel, self.policy.poll_seconds, sleep)
        self._planner = Planner(channel, self.policy)
        self._courier = Courier(channel, uow, clock, self.policy, self.owner, budget)
        # chats with a row leased and not yet answered, and when their row must be gone by
        self._in_hand: dict[str, datetime] = {}
        self._wakeup = asyncio.Event()
        self._taken = asyncio.Event()
        self._stopping = False

    @property
    def pass_size(self) -> int:
        """Rows leased at a time: about a second of the channel's overall budget."""
        return max(1, min(self.policy.batch, math.ceil(self.channel.limits.overall_per_second)))

    def wake(self) -> None:
        self._wakeup.set()

    def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()
        self._taken.set()

    async def idle_seconds(self) -> float:
        """How long to wait when nothing could be leased: until a busy chat has budget
        again, or the poll interval."""
        soonest = await self._budget.soonest(self._clock.now().timestamp())
        poll = self.policy.poll_seconds
        return poll if soonest is None else min(poll, soonest)

    async def run(self) -> None:
        queue: asyncio.Queue[Outgoing | None] = asyncio.Queue()
        leasing = asyncio.create_task(self._lease_ahead(queue))
        try:
            await self._send_from(queue)
        finally:
            leasing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await leasing

    async def deliver_due(self) -> int:
        """One pass: lease the next row of each chat that is due and has budget, send them
        side by side (overall pace kept), wait for the answers; how many rows it took."""
        taken, outgoing = await self._lease(self.pass_size)
        started = [await self._start(each) for each in outgoing]
        await asyncio.gather(*[task for task in started if task is not None])
        return taken

    async def _lease_ahead(self, queue: asyncio.Queue[Outgoing | None]) -> None:
        """Keep about a second's worth of rows leased ahead of the sending."""
        try:
            while not self._stopping:
                while queue.qsize() > self.pass_size // 2 and not self._stopping:
                    self._taken.clear()
                    await self._taken.wait()
                try:
                    taken, outgoing = await self._lease(self.pass_size - queue.qsize())
                except Exception:
                    logger.exception("outbox %s: leasing failed", self.channel.channel)
                    taken, outgoing = 0, []
                for each in outgoing:
                    queue.put_nowait(each)
                if not taken and not self._stopping:
                    await self._idle()
        finally:
            queue.put_nowait(None)

    async def _send_from(self, queue: asyncio.Queue[Outgoing | None]) -> None:
        sending: set[asyncio.Task[None]] = set()
        while (outgoing := await queue.get()) is not None:
            self._taken.set()
            task = await self._start(outgoing)
            if task is not None:
                sending.add(task)
                task.add_done_callback(sending.discard)
        await asyncio.gather(*sending)

    async def _idle(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), await self.idle_seconds())
        self._wakeup.clear()

    async def _lease(self, limit: int) -> tuple[int, list[Outgoing]]:
        """Lease up to ``limit`` rows of chats with budget and nothing in hand; the rows
        taken, and what goes out for them."""
        now = self._clock.now()
        lease_until = now + timedelta(seconds=self.policy.lease_seconds)
        skip = await self._budget.busy(now.timestamp()) | self._in_hand.keys()
        async with self._uow() as uow:
            batch = await uow.delivery.claim(
                self.channel.channel, self.owner, now, lease_until, limit, skip
            )
            planned = [await self._planner.plan(uow, e, now) for e in batch]
            await uow.commit()
        outgoing = [each for each in planned if each is not None]
        send_by = now + timedelta(seconds=self.policy.lease_seconds / 2)
        self._in_hand.update((each.envelope.chat_id, send_by) for each in outgoing)
        return len(batch), outgoing

    async def _start(self, outgoing: Outgoing) -> asyncio.Task[None] | None:
        """Wait for the budget, then send without waiting for the answer. A row whose lease
        is half gone by then (the budget was out of reach) is not sent: it goes again when
        its lease runs out, so that it never goes out twice."""
        chat_id = outgoing.envelope.chat_id
        while (wait := await self._budget.acquire(chat_id, self._clock.now().timestamp())) > 0:
            await self._sleep(max(wait, SHORTEST_WAIT))
        if self._clock.now() >= self._in_hand[chat_id]:
            logger.warning(
                "outbox %s row %s: lease too far gone to send; it goes again when it runs out",
                self.channel.channel,
                outgoing.envelope.id,
            )
            del self._in_hand[chat_id]
            return None
        task = asyncio.create_task(self._deliver(outgoing))
        await asyncio.sleep(0)  # on its way now, not after the next one's pacing
        return task

    async def _deliver(self, outgoing: Outgoing) -> None:
        try:
            await self._courier.deliver(outgoing)
        except Exception:
            logger.exception(
                "outbox %s row %s: recording the answer failed",
                self.channel.channel,
                outgoing.envelope.id,
            )
        finally:
            self._in_hand.pop(outgoing.envelope.chat_id, None)
