"""One event at a time per (channel, user): record, load state, run the dialog, save —
all in one transaction."""

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Awaitable, Callable
from datetime import timedelta

from core.errors import Refused
from core.messages import Reply
from core.ports import TurnUnitOfWork
from handlers import router
from handlers.turn import Services, Turn
from handlers.types import Ack, ChatKind, Incoming

logger = logging.getLogger(__name__)

DIALOG_TIMEOUT = timedelta(minutes=30)
FLOWS_ENDED_BY_REFUSAL = frozenset({"note", "reason", "answer"})

TurnWrites = Callable[[TurnUnitOfWork], Awaitable[None]]


class Dispatcher:
    """The entry point every channel adapter calls with a normalised :class:`Incoming`."""

    def __init__(
        self,
        services: Services,
        on_outbox: Callable[[], None] = lambda: None,
        *,
        turns_at_once: int | None = None,
    ) -> None:
        """``turns_at_once`` queues turns in this process, first come first served, beyond
        that many at a time: 1 for a database with one writer (SQLite), the connection
        pool's size for a server. A turn left to wait on the database instead (SQLite's
        busy handler, a full connection pool) may wait far longer than the queue's length
        while others pass it (benchmarks/turn_bench.py)."""
        self.services = services
        self.on_outbox = on_outbox
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._turns: contextlib.AbstractAsyncContextManager[object] = (
            asyncio.Semaphore(turns_at_once) if turns_at_once else contextlib.nullcontext()
        )

    def _lock(self, incoming: Incoming) -> asyncio.Lock:
        key = (incoming.channel, incoming.user_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    async def handle(self, incoming: Incoming, with_turn: TurnWrites | None = None) -> Ack:
        """Handle one update in one transaction: its inbox row, every change the dialog makes,
        the replies and the dialog state commit together, or nothing does.

        ``with_turn`` is an adapter's own writes for a first delivery (the web chat's copy of
        what the person said); they commit with the turn.
        """
        async with self._lock(incoming), self._turns, self.services.uow() as uow:
            if not await self._first_delivery(uow, incoming):
                return Ack(duplicate=True)
            if with_turn is not None:
                await with_turn(uow)
            turn = await self._load(uow, incoming)
            await self._run(turn)
            await self._save(uow, turn)
            await uow.commit()
        self.on_outbox()
        return Ack(turn.toast)

    async def _first_delivery(self, uow: TurnUnitOfWork, incoming: Incoming) -> bool:
        ctx = self.services.context()
        first = await uow.inbox.record(incoming.channel, incoming.update_id, ctx.now)
        if first and incoming.chat_kind == ChatKind.PRIVATE:
            # a private message means they unblocked the bot (a group press does not)
            await uow.persons.unblock(incoming.channel, incoming.user_id)
        return first

    async def _load(self, uow: TurnUnitOfWork, incoming: Incoming) -> Turn:
        ctx = self.services.context()
        person = await uow.persons.by_identity(incoming.channel, incoming.user_id)
        state = await uow.dialogs.load(incoming.channel, incoming.user_id)
        turn = Turn.start(incoming, person, state, self.services, uow)
        if state.updated_at and ctx.now - state.updated_at > DIALOG_TIMEOUT:
            turn.finish()
        return turn

    async def _run(self, turn: Turn) -> None:
        """Route in a savepoint: a refusal keeps what came before it (the refused service
        undid its own part); any other failure undoes the dialog's changes and its replies,
        and the turn commits as an error so the update is not handled again."""
        async with turn.uow() as routing:
            try:
                await router.route(turn)
            except Refused as refusal:
                self._refuse(turn, refusal)
            except Exception:
                logger.exception(
                    "dialog failed on %s update %s", turn.incoming.channel, turn.incoming.update_id
                )
                turn.retract()
                turn.finish()
                turn.notify("error.generic")
                return
            await routing.commit()

    @staticmethod
    def _refuse(turn: Turn, refusal: Refused) -> None:
        if turn.incoming.payload is None and turn.flow in FLOWS_ENDED_BY_REFUSAL:
            turn.finish()  # the note or reason was for an action that can no longer happen
        if turn.incoming.payload is not None:
            turn.toast = Reply(refusal.key, refusal.params)
            if turn.incoming.chat_kind == ChatKind.GROUP:
                return
        turn.say(refusal.key, **refusal.params)

    async def _save(self, uow: TurnUnitOfWork, turn: Turn) -> None:
        incoming = turn.incoming
        ctx = self.services.context()
        await uow.dialogs.save(incoming.channel, incoming.user_id, turn.state)
        for reply in turn.replies:
            await uow.outbox.add(incoming.channel, incoming.chat_id, reply, None, False, ctx.now)
