"""What a claimed outbox row becomes on the wire: a new message, an edit of the message its
ref names, a digest in place of the new cards a long group queue holds, or nothing at all
(an edit that a digest still waiting to go takes in)."""

from dataclasses import dataclass
from datetime import datetime

from bot.channels import ChannelSender, DeliveryPolicy
from core.clock.digest import digest_with, foldable, group_digest
from core.messages import Reply
from db.delivery import DIGEST_PREFIX, Envelope
from db.uow import SqlAlchemyUnitOfWork


@dataclass(frozen=True, slots=True)
class Outgoing:
    """``reply`` to send for ``envelope``'s row, or to edit into ``message_id``."""

    envelope: Envelope
    reply: Reply
    message_id: str | None = None


@dataclass(frozen=True, slots=True)
class Planner:
    channel: ChannelSender
    policy: DeliveryPolicy

    async def plan(
        self, uow: SqlAlchemyUnitOfWork, envelope: Envelope, now: datetime
    ) -> Outgoing | None:
        if envelope.edit and envelope.ref:
            return await self._edit(uow, envelope, envelope.ref, now)
        if self.channel.is_group(envelope.chat_id) and foldable(envelope.reply):
            envelope = await self._fold(uow, envelope)
        return Outgoing(envelope, envelope.reply)

    async def _edit(
        self, uow: SqlAlchemyUnitOfWork, envelope: Envelope, ref: str, now: datetime
    ) -> Outgoing | None:
        """An edit of a message never sent is a send; of a card folded into a digest, an
        edit of the digest (or of the digest row, while it waits)."""
        channel, chat_id = envelope.channel, envelope.chat_id
        target = await uow.delivery.message_id(channel, chat_id, ref)
        if target is None or not target.startswith(DIGEST_PREFIX):
            return Outgoing(envelope, envelope.reply, target)
        found = await uow.delivery.digest(channel, chat_id, target)
        if found is None:
            return Outgoing(envelope, envelope.reply)
        row_id, digest = found
        updated = digest_with(digest, envelope.reply)
        await uow.delivery.rewrite(row_id, updated)
        shown = await uow.delivery.message_id(channel, chat_id, target)
        if shown is None:
            await uow.delivery.sent(envelope, now, None)
            return None
        return Outgoing(envelope, updated, shown)

    async def _fold(self, uow: SqlAlchemyUnitOfWork, head: Envelope) -> Envelope:
        """A group with more than a few minutes of its budget queued gets this card and the
        next new ones (not urgent ones) as one digest, in this card's place."""
        budget = self.policy.digest_after_minutes * self.channel.limits.group_per_minute
        if await uow.delivery.backlog(head.channel, head.chat_id) <= budget:
            return head
        cards = await uow.delivery.foldable(head.channel, head.chat_id, self.policy.digest_size - 1)
        if not cards:
            return head
        digest = group_digest([head.reply, *(card.reply for card in cards)])
        return await uow.delivery.fold(head, cards, digest)
