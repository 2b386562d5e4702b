"""What the clock tidies besides deadlines: update ids too old to be redelivered."""

from datetime import timedelta

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
