"""One event at a time per (channel, user): record, load state, run the dialog, save."""

import asyncio
import logging
import weakref
from collections.abc import Callable
from datetime import timedelta

from core.errors import Refused
from core.messages import Reply
from handlers import router
from handlers.turn import Services, Turn
from handlers.types import Ack, ChatKind, Incoming

logger = logging.getLogger(__name__)

DIALOG_TIMEOUT = timedelta(minutes=30)
FLOWS_ENDED_BY_REFUSAL = frozenset({"note", "reason", "answer"})


class Dispatcher:
    """The entry point every channel adapter calls with a normalised :class:`Incoming`."""

    def __init__(self, services: Services, on_outbox: Callable[[], None] = lambda: None) -> None:
        self.services = services
        self.on_outbox = on_outbox
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def _lock(self, incoming: Incoming) -> asyncio.Lock:
        key = (incoming.channel, incoming.user_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    async def handle(self, incoming: Incoming) -> Ack:
        async with self._lock(incoming):
            if not await self._first_delivery(incoming):
                return Ack(duplicate=True)
            turn = await self._load(incoming)
            try:
                await router.route(turn)
            except Refused as refusal:
                self._refuse(turn, refusal)
            except Exception:
                logger.exception(
                    "dialog failed on %s update %s", incoming.channel, incoming.update_id
                )
                turn.finish()
                turn.notify("error.generic")
            await self._save(turn)
        self.on_outbox()
        return Ack(turn.toast)

    async def _first_delivery(self, incoming: Incoming) -> bool:
        ctx = self.services.context()
        async with self.services.uow() as uow:
            first = await uow.inbox.record(incoming.channel, incoming.update_id, ctx.now)
            if first and incoming.chat_kind == ChatKind.PRIVATE:
                # a private message means they unblocked the bot (a group press does not)
                await uow.persons.unblock(incoming.channel, incoming.user_id)
            await uow.commit()
        return first

    async def _load(self, incoming: Incoming) -> Turn:
        ctx = self.services.context()
        async with self.services.uow() as uow:
            person = await uow.persons.by_identity(incoming.channel, incoming.user_id)
            state = await uow.dialogs.load(incoming.channel, incoming.user_id)
        turn = Turn.start(incoming, person, state, self.services)
        if state.updated_at and ctx.now - state.updated_at > DIALOG_TIMEOUT:
            turn.finish()
        return turn

    @staticmethod
    def _refuse(turn: Turn, refusal: Refused) -> None:
        if turn.incoming.payload is None and turn.flow in FLOWS_ENDED_BY_REFUSAL:
            turn.finish()  # the note or reason was for an action that can no longer happen
        if turn.incoming.payload is not None:
            turn.toast = Reply(refusal.key, refusal.params)
            if turn.incoming.chat_kind == ChatKind.GROUP:
                return
        turn.say(refusal.key, **refusal.params)

    async def _save(self, turn: Turn) -> None:
        incoming = turn.incoming
        ctx = self.services.context()
        async with self.services.uow() as uow:
            await uow.dialogs.save(incoming.channel, incoming.user_id, turn.state)
            for reply in turn.replies:
                await uow.outbox.add(
                    incoming.channel, incoming.chat_id, reply, None, False, ctx.now
                )
            await uow.commit()
