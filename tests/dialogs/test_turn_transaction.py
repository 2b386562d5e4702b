"""A turn is one transaction: marking its stored update handled, the services' changes, the
replies and the dialog state commit together. Faults are injected into the real unit of work
at chosen points."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Self

import pytest
from sqlalchemy import func, select

from core import claims, closing, intake
from core.records import DialogState
from db.conversation import SqlDialogRepository
from db.models import InboxRow, OutboxRow, RequestRow
from db.session import session_factory
from db.uow import SqlAlchemySavepoint, SqlAlchemyUnitOfWork
from handlers.dispatch import Dispatcher
from handlers.types import ChatKind, Incoming
from tests.chat import Chat
from tests.env import Env
from tests.unit.test_request_lifecycle import LIGHT, events


class Killed(BaseException):
    """The bot process dies here: nothing of ours catches it."""


class Bug(Exception):
    """An ordinary defect in a dialog."""


class DialogStateLost(SqlDialogRepository):
    async def save(self, channel: str, user_id: str, state: DialogState) -> None:
        raise Killed


class DiesBeforeCommit(SqlAlchemyUnitOfWork):
    """Everything the turn does is written; the process dies saving the dialog state."""

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.dialogs = DialogStateLost(self.session, self._clock.now())
        return self


class RaisesAfterEachService(SqlAlchemySavepoint):
    fault: type[BaseException] = Bug

    async def commit(self) -> None:
        await super().commit()
        raise self.fault


class KilledAfterEachService(RaisesAfterEachService):
    fault = Killed


class DiesAfterTheService(SqlAlchemyUnitOfWork):
    """The filing service commits its part; the process dies before the turn ends."""

    def nested(self) -> SqlAlchemySavepoint:
        return KilledAfterEachService(self.session, self._clock)


class BugAfterTheService(SqlAlchemyUnitOfWork):
    """The filing service commits its part; then the dialog fails with a bug."""

    def nested(self) -> SqlAlchemySavepoint:
        return RaisesAfterEachService(self.session, self._clock)


def with_fault(chat: Chat, fault: type[SqlAlchemyUnitOfWork]) -> Dispatcher:
    env = chat.env
    services = replace(
        chat.dispatcher.services, uow=lambda: fault(session_factory(env.engine), env.clock)
    )
    return Dispatcher(services)


def press(user: int, payload: str, update_id: str, group: str | None = None) -> Incoming:
    return Incoming(
        channel="test",
        chat_id=group or str(user),
        user_id=str(user),
        update_id=update_id,
        chat_kind=ChatKind.GROUP if group else ChatKind.PRIVATE,
        payload=payload,
    )


async def count(env: Env, table: type[InboxRow | OutboxRow | RequestRow]) -> int:
    async with env.uow() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(table)) or 0)


async def a_draft(chat: Chat, resident: int) -> str:
    """The resident describes a problem; returns the payload of its 提交 button."""
    await chat.send(resident, "小区门口垃圾堆了好几天没人清，臭得很")
    summary = (await chat.to(resident))[-1]
    assert summary.key == "draft.summary"
    return summary.options["提交"]


@pytest.mark.parametrize("fault", [DiesAfterTheService, DiesBeforeCommit])
async def test_a_turn_that_dies_leaves_no_trace_and_its_redelivery_files_once(
    chat: Chat, fault: type[SqlAlchemyUnitOfWork]
) -> None:
    resident = chat.seeded.residents[0]
    submit = press(resident, await a_draft(chat, resident), "submit-1")
    inbox = await count(chat.env, InboxRow)

    with pytest.raises(Killed):
        await with_fault(chat, fault).handle(submit)

    assert await count(chat.env, RequestRow) == 0
    assert await chat.new() == []
    assert await count(chat.env, InboxRow) == inbox + 1  # stored before the turn, still pending
    async with chat.env.uow() as uow:
        assert (await uow.dialogs.load("test", str(resident))).flow == "draft"

    ack = await chat.dispatcher.handle(submit)
    assert not ack.duplicate
    assert await count(chat.env, RequestRow) == 1
    messages = await chat.new()
    assert [m.key for m in messages if m.chat_id == str(resident)] == ["resident.submitted"]
    assert [m.key for m in messages if m.chat_id == "group-a"] == ["card.request"]

    again = await chat.dispatcher.handle(submit)
    assert again.duplicate
    assert await count(chat.env, RequestRow) == 1
    assert await chat.new() == []


async def test_a_dialog_bug_undoes_the_turn_but_keeps_the_update_answered(chat: Chat) -> None:
    resident = chat.seeded.residents[0]
    submit = press(resident, await a_draft(chat, resident), "submit-1")
    inbox = await count(chat.env, InboxRow)

    ack = await with_fault(chat, BugAfterTheService).handle(submit)

    assert ack.toast is not None and ack.toast.key == "error.generic"
    assert await count(chat.env, RequestRow) == 0
    assert await chat.new() == []  # not even the "submitted" said before the failure
    assert await count(chat.env, InboxRow) == inbox + 1
    async with chat.env.uow() as uow:
        assert (await uow.dialogs.load("test", str(resident))).flow == ""
    assert (await chat.dispatcher.handle(submit)).duplicate  # a poison update is not retried
    assert await count(chat.env, RequestRow) == 0


async def test_a_refused_service_leaves_no_partial_write(chat: Chat) -> None:
    env, s = chat.env, chat.seeded
    resident, member = s.residents[0], s.members_a[0]
    request = await intake.submit_request(env.uow(), env.ctx, resident, LIGHT)
    await claims.claim_request(env.uow(), env.ctx, request.id, member)
    await claims.resolve_request(env.uow(), env.ctx, request.id, member, "换好了")
    await closing.confirm_fixed(env.uow(), env.ctx, request.id, resident)
    await chat.new()

    first = await chat.dispatcher.handle(press(resident, f"rate:{request.id}:5", "rate-1"))
    second = await chat.dispatcher.handle(press(resident, f"rate:{request.id}:1", "rate-2"))

    assert first.toast is None
    assert second.toast is not None and second.toast.key == "refused.rate.already"
    # the second rating wrote its audit event before the refusal; the event went with it
    assert [e[0] for e in await events(env, request.id)].count("rate") == 1
    messages = await chat.new()
    assert [m.key for m in messages if m.chat_id == str(resident)] == [
        "resident.thanks",
        "refused.rate.already",
    ]


async def test_the_same_update_delivered_twice_at_once_has_one_effect(chat: Chat) -> None:
    """Two bot processes (two dispatchers, two locks) get the same update at the same time:
    the inbox's unique key decides, the loser waiting for the winner's transaction."""
    resident = chat.seeded.residents[0]
    submit = press(resident, await a_draft(chat, resident), "submit-1")
    services = chat.dispatcher.services

    async def slowly(_: object) -> None:
        await asyncio.sleep(0.3)  # the winner's turn stays open while the other one arrives

    acks = await asyncio.gather(
        *(Dispatcher(services).handle(submit, slowly) for _ in range(2)),
    )

    assert sorted(a.duplicate for a in acks) == [False, True]
    assert await count(chat.env, RequestRow) == 1
    messages = await chat.new()
    assert [m.key for m in messages if m.chat_id == str(resident)] == ["resident.submitted"]


async def test_members_pressing_claim_at_once_yield_one_claimant(chat: Chat) -> None:
    env, s = chat.env, chat.seeded
    request = await intake.submit_request(env.uow(), env.ctx, s.residents[0], LIGHT)
    await chat.new()

    acks = await asyncio.gather(
        *(
            chat.dispatcher.handle(press(m, f"claim:{request.id}", f"claim-{m}", group="group-a"))
            for m in s.members_a
        )
    )

    toasts = sorted(a.toast.key for a in acks if a.toast is not None)
    assert toasts == ["claim.ok"] + ["refused.claim.taken"] * (len(s.members_a) - 1)
    assert [e[0] for e in await events(env, request.id)].count("claim") == 1
    details = [m for m in await chat.new() if m.key == "task.details"]
    assert len(details) == 1


async def test_turns_queue_first_come_first_served_for_a_single_writer_database(
    chat: Chat,
) -> None:
    """For SQLite (`bot.wiring`: one turn at once) the turns of different people queue in
    the process, in the order they came, instead of retrying on the database's lock."""
    dispatcher = Dispatcher(chat.dispatcher.services, turns_at_once=1)
    open_turns: list[int] = [0]
    order: list[str] = []

    def inside(person: str) -> Callable[[object], Awaitable[None]]:
        async def write(_: object) -> None:
            open_turns[0] += 1
            order.append(f"{person}:{open_turns[0]}")
            await asyncio.sleep(0.02)  # the others arrive while this turn is open
            open_turns[0] -= 1

        return write

    people = [f"queue-{n}" for n in range(8)]
    acks = await asyncio.gather(
        *(
            dispatcher.handle(
                Incoming(channel="test", chat_id=p, user_id=p, update_id=f"q-{p}", text="你好"),
                inside(p),
            )
            for p in people
        )
    )

    assert not any(a.duplicate for a in acks)
    assert order == [f"{p}:1" for p in people]


async def test_turns_beyond_the_limit_wait_their_turn(chat: Chat) -> None:
    dispatcher = Dispatcher(chat.dispatcher.services, turns_at_once=3)
    open_turns: list[int] = [0]
    seen: list[int] = []

    async def inside(_: object) -> None:
        open_turns[0] += 1
        seen.append(open_turns[0])
        await asyncio.sleep(0.05)
        open_turns[0] -= 1

    people = [f"limit-{n}" for n in range(9)]
    await asyncio.gather(
        *(
            dispatcher.handle(
                Incoming(channel="test", chat_id=p, user_id=p, update_id=f"l-{p}", text="你好"),
                inside,
            )
            for p in people
        )
    )

    assert len(seen) == len(people) and max(seen) <= 3
