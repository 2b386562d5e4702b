"""Stored updates are handled once, whoever drains the inbox: two workers at once (two
processes on one database), or the sweep after a turn failed on the database."""

import asyncio
from dataclasses import replace

from sqlalchemy import func, select

from core.records import DialogState
from db.conversation import SqlDialogRepository
from db.models import InboxRow, RequestRow
from db.session import session_factory
from db.uow import SqlAlchemyUnitOfWork
from handlers.dispatch import Dispatcher
from handlers.types import Incoming
from tests.chat import Chat


def said(user: int, update_id: str, text: str = "", payload: str | None = None) -> Incoming:
    return Incoming("test", str(user), str(user), update_id, text=text, payload=payload)


async def statuses(chat: Chat) -> dict[str, int]:
    async with chat.env.uow() as uow:
        rows = await uow.session.execute(
            select(InboxRow.status, func.count()).group_by(InboxRow.status)
        )
        return {status: count for status, count in rows}


async def test_two_workers_draining_one_inbox_handle_each_update_once(chat: Chat) -> None:
    residents = chat.seeded.residents
    events = [said(user, f"{user}:{n}", "/help") for n in range(5) for user in residents]
    assert all(await chat.dispatcher.accept(events))
    assert await statuses(chat) == {"pending": len(events)}

    services = chat.dispatcher.services
    handled = await asyncio.gather(Dispatcher(services).drain(), Dispatcher(services).drain())

    assert sum(handled) == len(events)
    assert await statuses(chat) == {"handled": len(events)}
    replies = await chat.new()
    assert sorted(r.chat_id for r in replies) == sorted(e.chat_id for e in events)


class SaveFails(SqlDialogRepository):
    async def save(self, channel: str, user_id: str, state: DialogState) -> None:
        raise ConnectionError("the database went away")


class DatabaseFails(SqlAlchemyUnitOfWork):
    async def __aenter__(self) -> "DatabaseFails":
        await super().__aenter__()
        self.dialogs = SaveFails(self.session, self._clock.now())
        return self


async def test_an_update_whose_turn_failed_on_the_database_is_handled_by_the_sweep(
    chat: Chat,
) -> None:
    resident = chat.seeded.residents[0]
    await chat.send(resident, "小区门口垃圾堆了好几天没人清，臭得很")
    submit = (await chat.to(resident))[-1].options["提交"]
    env = chat.env
    broken = Dispatcher(
        replace(
            chat.dispatcher.services,
            uow=lambda: DatabaseFails(session_factory(env.engine), env.clock),
        )
    )
    (stored,) = await broken.accept([said(resident, "submit-1", payload=submit)])
    assert stored and await broken.drain() == 0  # logged; the update stays pending
    assert (await statuses(chat))["pending"] == 1

    assert await chat.dispatcher.drain() == 1
    async with env.uow() as uow:
        assert await uow.session.scalar(select(func.count()).select_from(RequestRow)) == 1
    assert [s.key for s in await chat.to(resident)] == ["resident.submitted"]


async def test_one_update_handled_twice_at_once_in_one_process_has_one_effect(chat: Chat) -> None:
    """A web chat POST retried while the first is still in its turn: one turn, one duplicate."""
    resident = chat.seeded.residents[0]
    await chat.send(resident, "小区门口垃圾堆了好几天没人清，臭得很")
    submit = said(resident, "submit-1", payload=(await chat.to(resident))[-1].options["提交"])

    acks = await asyncio.gather(chat.dispatcher.handle(submit), chat.dispatcher.handle(submit))

    assert sorted(a.duplicate for a in acks) == [False, True]
    async with chat.env.uow() as uow:
        assert await uow.session.scalar(select(func.count()).select_from(RequestRow)) == 1
