"""What the clock tidies besides deadlines: update ids too old to be redelivered, and messages
sent long ago."""

from datetime import datetime, timedelta

from core.context import Context
from core.ports import UnitOfWork

INBOX_RETENTION = timedelta(days=6)
"""Platforms redeliver within minutes; Telegram may reuse update ids after a silent week,
so the record of an update is forgotten before a reused id could be mistaken for it."""


async def prune_inbox(uow: UnitOfWork, ctx: Context) -> int:
    async with uow:
        forgotten = await uow.inbox.forget_before(ctx.now - INBOX_RETENTION)
        await uow.commit()
    return forgotten


PRUNE_BATCH = 1000  # outbox rows deleted per transaction


async def prune_outbox(uow: UnitOfWork, ctx: Context) -> int:
    """Delete the delivered and dead outbox rows older than the policy's ``outbox_keep_days``
    (none when it is 0): they hold the words sent and the chats they went to. A batch per
    transaction, so that senders are never held up for long."""
    if ctx.policy.outbox_keep_days <= 0:
        return 0
    return await prune_outbox_before(uow, ctx.now - timedelta(days=ctx.policy.outbox_keep_days))


async def prune_outbox_before(uow: UnitOfWork, before: datetime) -> int:
    """Delete the delivered and dead outbox rows made before ``before``; how many."""
    pruned = 0
    while True:
        async with uow:
            deleted = await uow.outbox.prune(before, PRUNE_BATCH)
            await uow.commit()
        pruned += deleted
        if deleted < PRUNE_BATCH:
            return pruned
