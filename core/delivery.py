"""Turn the core's notices into outbox rows, in the same transaction as the change."""

from collections.abc import Iterable
from datetime import datetime

from core.messages import Notice, Recipient, ToChat, ToCommunity, ToGrid, ToPerson
from core.ports import UnitOfWork


async def chats_of(uow: UnitOfWork, to: Recipient) -> list[tuple[str, str]]:
    match to:
        case ToPerson(person_id):
            return [
                (i.channel, i.chat_id)
                for i in await uow.persons.identities(person_id)
                if not i.blocked
            ]
        case ToGrid(grid_id):
            return await uow.places.chats_of_grid(grid_id)
        case ToCommunity(community_id):
            chats = await uow.places.chats_of_community(community_id)
            for admin in await uow.persons.admins(community_id):
                chats += await chats_of(uow, ToPerson(admin.id))
            return chats
        case ToChat(channel, chat_id):
            return [(channel, chat_id)]
    raise TypeError(to)


async def deliver(uow: UnitOfWork, notices: Iterable[Notice], now: datetime) -> None:
    for notice in notices:
        seen: set[tuple[str, str]] = set()
        for channel, chat_id in await chats_of(uow, notice.to):
            if (channel, chat_id) in seen:
                continue
            seen.add((channel, chat_id))
            await uow.outbox.add(channel, chat_id, notice.reply, notice.ref, notice.edit, now)


async def commit_with(uow: UnitOfWork, notices: Iterable[Notice], now: datetime) -> None:
    """Commit a change together with the messages it causes: both happen, or neither."""
    await deliver(uow, notices, now)
    await uow.commit()
