"""Every update is committed to the inbox before the platform is told we have it, then
handled from there: one event at a time per (channel, user), oldest first; each turn (load
state, run the dialog, save, mark the update handled) is one transaction."""

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from core.errors import Refused
from core.messages import Reply
from core.ports import TurnUnitOfWork
from handlers import router
from handlers.flows import Flow
from handlers.turn import Services, Turn
from handlers.turn_queue import TurnQueue
from handlers.types import Ack, ChatKind, Incoming

logger = logging.getLogger(__name__)

DIALOG_TIMEOUT = timedelta(minutes=30)
FLOWS_ENDED_BY_REFUSAL = frozenset({Flow.NOTE, Flow.REASON, Flow.ANSWER})
BATCH = 100  # pending rows read at a time

TurnWrites = Callable[[TurnUnitOfWork], Awaitable[None]]
StoreWrites = Callable[[TurnUnitOfWork, list[bool]], Awaitable[None]]
AfterTurn = Callable[[Incoming, Ack], Awaitable[None]]
User = tuple[str, str]


class Dispatcher:
    """The entry point every channel adapter calls with normalised :class:`Incoming` events:
    ``accept`` (store) and ``handle_later``, or ``handle`` (store, then handle at once)."""

    def __init__(
        self,
        services: Services,
        on_outbox: Callable[[], None] = lambda: None,
        *,
        turns_at_once: int | None = None,
    ) -> None:
        """``turns_at_once`` queues transactions in this process, first come first served,
        beyond that many at a time: 1 for a database with one writer (SQLite), the connection
        pool's size for a server. A turn left to wait on the database instead (SQLite's
        busy handler, a full connection pool) may wait far longer than the queue's length
        while others pass it (benchmarks/turn_bench.py)."""
        self.services = services
        self.on_outbox = on_outbox
        self.after_turn: dict[str, AfterTurn] = {}  # per channel: answer a press, say more
        self._locks: weakref.WeakValueDictionary[User, asyncio.Lock] = weakref.WeakValueDictionary()
        self.queue = TurnQueue(turns_at_once or None)
        self._awaited: dict[tuple[str, str], Ack | None] = {}
        self._later: set[asyncio.Task[int]] = set()

    def _lock(self, user: User) -> asyncio.Lock:
        lock = self._locks.get(user)
        if lock is None:
            lock = self._locks[user] = asyncio.Lock()
        return lock

    async def accept(
        self, events: Sequence[Incoming], alongside: StoreWrites | None = None
    ) -> list[bool]:
        """Commit ``events`` to the inbox as pending, in one short transaction; only then may
        the platform be told we have them. True for each event not known before.

        ``alongside`` is the adapter's own writes, committed with them; it is given the
        same flags (the web chat stores the person's message only for a new event)."""
        async with self.queue.slot(), self.services.uow() as uow:
            now = self.services.context().now
            fresh = [
                await uow.inbox.store(e.channel, e.update_id, e.user_id, e.to_json(), now)
                for e in events
            ]
            if alongside is not None:
                await alongside(uow, fresh)
            await uow.commit()
        if alongside is not None:
            self.on_outbox()
        return fresh

    def handle_later(self, events: Sequence[Incoming]) -> None:
        """Handle the stored ``events``' senders' pending updates in the background."""
        for user in dict.fromkeys((e.channel, e.user_id) for e in events):
            task = asyncio.create_task(self._drain_logged(user))
            self._later.add(task)
            task.add_done_callback(self._later.discard)

    async def settle(self) -> None:
        """Wait for the background turns in hand (before the database is closed)."""
        await asyncio.gather(*self._later, return_exceptions=True)

    async def handle(self, incoming: Incoming, with_turn: TurnWrites | None = None) -> Ack:
        """Store the update, then handle it (after any earlier one of its sender) and return
        what to show at once. ``with_turn`` is the adapter's own writes for a first delivery
        (the web chat's copy of what the person said), committed with the stored update."""

        async def alongside(uow: TurnUnitOfWork, fresh: list[bool]) -> None:
            if fresh[0] and with_turn is not None:
                await with_turn(uow)

        key = (incoming.channel, incoming.update_id)
        self._awaited.setdefault(key, None)
        try:
            (first,) = await self.accept([incoming], alongside if with_turn else None)
            await self.drain_user((incoming.channel, incoming.user_id))
            ack = self._awaited.get(key)
        finally:
            self._awaited.pop(key, None)
        if ack is not None:
            return ack
        # not run here: a duplicate, unless it waits for its turn (behind another worker)
        return Ack(duplicate=not first or await self._handled(incoming))

    async def _handled(self, incoming: Incoming) -> bool:
        async with self.queue.slot(), self.services.uow() as uow:
            return await uow.inbox.handled(incoming.channel, incoming.update_id)

    async def drain(self) -> int:
        """Handle every pending update, users at once, each user's in order: at start (before
        fetching more) and now and then for what a failure or another process left."""
        total = 0
        while True:
            async with self.queue.slot(), self.services.uow() as uow:
                users = await uow.inbox.waiting(BATCH)
            if not users:
                return total
            handled = sum(await asyncio.gather(*(self._drain_logged(u) for u in users)))
            if not handled:
                return total  # what is left fails for now, or another process has it
            total += handled

    async def _drain_logged(self, user: User) -> int:
        try:
            return await self.drain_user(user)
        except Exception:
            logger.exception("inbox: pending updates of a %s user not handled", user[0])
            return 0

    async def drain_user(self, user: User) -> int:
        """Handle one user's pending updates oldest first; stop where another worker is."""
        handled = 0
        async with self._lock(user):
            while True:
                async with self.queue.slot(), self.services.uow() as uow:
                    rows = await uow.inbox.pending(*user, BATCH)
                if not rows:
                    return handled
                for row_id, event in rows:
                    incoming = Incoming.from_json(event)
                    ack = await self._turn(row_id, incoming)
                    if ack is None:
                        return handled
                    handled += 1
                    await self._after(incoming, ack)

    async def _turn(self, row_id: int, incoming: Incoming) -> Ack | None:
        """One transaction: take the pending row, run the dialog, save; None if not ours."""
        async with self.queue.slot(), self.services.uow() as uow:
            if not await uow.inbox.take(row_id, self.services.context().now):
                return None
            if incoming.chat_kind == ChatKind.PRIVATE:
                # a private message means they unblocked the bot (a group press does not)
                await uow.persons.unblock(incoming.channel, incoming.user_id)
            turn = await self._load(uow, incoming)
            await self._run(turn)
            await self._save(uow, turn)
            await uow.commit()
        self.on_outbox()
        return Ack(turn.toast)

    async def _after(self, incoming: Incoming, ack: Ack) -> None:
        key = (incoming.channel, incoming.update_id)
        if key in self._awaited:
            self._awaited[key] = ack
        after = self.after_turn.get(incoming.channel)
        if after is None:
            return
        try:
            await after(incoming, ack)
        except Exception:
            logger.exception("after the turn of %s update %s", *key)

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
        await uow.dialogs.save(incoming.channel, incoming.user_id, turn.record)
        for reply in turn.replies:
            await uow.outbox.add(incoming.channel, incoming.chat_id, reply, None, False, ctx.now)
