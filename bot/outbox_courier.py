"""One message to the channel, and what became of it written back to the outbox: sent,
to be retried later, or dead. Answers that come in while one transaction is being written
go together in the next: one write per handful of answers, not one per message."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.channels import ChannelSender, DeliveryPolicy, RetryLater, Undeliverable
from bot.outbox_plan import Outgoing
from bot.send_budget import BudgetUnavailable, SendBudget
from core.ports import Clock
from db.delivery import Envelope
from db.uow import SqlAlchemyUnitOfWork

logger = logging.getLogger(__name__)

Mark = Callable[[SqlAlchemyUnitOfWork], Awaitable[None]]


class Courier:
    def __init__(
        self,
        channel: ChannelSender,
        uow: Callable[[], SqlAlchemyUnitOfWork],
        clock: Clock,
        policy: DeliveryPolicy,
        owner: str,
        budget: SendBudget,
    ) -> None:
        self.channel = channel
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._owner = owner
        self._budget = budget
        self._marks: list[Mark] = []
        self._marking = asyncio.Lock()

    async def deliver(self, outgoing: Outgoing) -> None:
        envelope = outgoing.envelope
        started = self._clock.now()
        try:
            message_id = await self._transmit(outgoing)
        except RetryLater as error:
            await self._hold(envelope, error.seconds)
            await self._retry(envelope, str(error), error.seconds)
        except Undeliverable as error:
            await self._give_up(envelope, error)
        except Exception as error:  # a network error the channel did not translate
            await self._retry(envelope, repr(error), 0.0)
        else:
            await self._mark(lambda uow: uow.delivery.sent(envelope, started, message_id))

    async def _hold(self, envelope: Envelope, seconds: float) -> None:
        """Every sender sharing the budget waits ``seconds`` for this chat. Out of reach, the
        row's own retry time still keeps it waiting."""
        try:
            await self._budget.hold(envelope.chat_id, self._clock.now().timestamp(), seconds)
        except BudgetUnavailable as error:
            logger.warning(
                "outbox %s row %s: hold not shared (%s)", envelope.channel, envelope.id, error
            )

    async def _transmit(self, outgoing: Outgoing) -> str | None:
        chat_id = outgoing.envelope.chat_id
        if outgoing.message_id is not None:
            await self.channel.edit(chat_id, outgoing.message_id, outgoing.reply)
            return None
        return await self.channel.send(chat_id, outgoing.reply)

    async def _mark(self, mark: Mark) -> None:
        self._marks.append(mark)
        async with self._marking:
            if not self._marks:
                return  # written by the transaction before
            marks, self._marks = self._marks, []
            async with self._uow() as uow:
                for each in marks:
                    await each(uow)
                await uow.commit()

    async def _retry(self, envelope: Envelope, error: str, seconds: float) -> None:
        attempts = envelope.attempts + 1
        retry_at = None
        if attempts < self._policy.max_attempts:
            wait = max(seconds, self._policy.backoff(attempts))
            retry_at = self._clock.now() + timedelta(seconds=wait)
        logger.warning(
            "outbox %s row %s: try %s failed (%s)%s",
            envelope.channel,
            envelope.id,
            attempts,
            error,
            "" if retry_at else ", dead",
        )
        await self._mark(lambda uow: uow.delivery.failed(envelope, self._owner, error, retry_at))

    async def _give_up(self, envelope: Envelope, error: Undeliverable) -> None:
        logger.warning("outbox %s row %s: undeliverable (%s)", envelope.channel, envelope.id, error)

        async def mark(uow: SqlAlchemyUnitOfWork) -> None:
            if error.blocked:
                await uow.persons.mark_blocked(envelope.channel, envelope.chat_id)
                await uow.delivery.kill_chat(envelope.channel, envelope.chat_id, str(error))
            else:
                await uow.delivery.failed(envelope, self._owner, str(error), None)

        await self._mark(mark)
