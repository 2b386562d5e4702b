"""One incoming event being handled: who sent it, their dialog state, what we answer."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from core.chart_data import ChartPhotos
from core.context import Context
from core.errors import Refused
from core.messages import Option, Reply
from core.ports import TurnUnitOfWork, UnitOfWork
from core.records import DialogState, Person
from handlers import stored_dialogs
from handlers.flows import Flow, FlowState, Step
from handlers.stored_dialogs import StaleDialog
from handlers.types import Incoming
from handlers.understanding_port import Understanding

logger = logging.getLogger(__name__)
S = TypeVar("S", bound=FlowState)


@dataclass(frozen=True)
class Services:
    """What the dialogs are given by the composition root."""

    uow: Callable[[], TurnUnitOfWork]
    context: Callable[[], Context]
    understanding: Understanding
    charts: ChartPhotos | None = None


@dataclass
class Turn:
    """``transaction`` is the turn's one unit of work, opened and committed by the dispatcher."""

    incoming: Incoming
    person: Person | None
    services: Services
    transaction: TurnUnitOfWork
    dialog: FlowState | None = None
    step: Step = Step.IDLE
    replies: list[Reply] = field(default_factory=list)
    toast: Reply | None = None

    @classmethod
    def start(
        cls,
        incoming: Incoming,
        person: Person | None,
        state: DialogState,
        services: Services,
        transaction: TurnUnitOfWork,
    ) -> "Turn":
        """The turn with the stored dialog; one this version cannot read is logged and
        dropped (the person starts idle) rather than failing every turn of theirs."""
        try:
            dialog, step = stored_dialogs.restore(state)
        except StaleDialog as stale:
            logger.warning("dialog of a %s user reset: %s", incoming.channel, stale)
            dialog, step = None, Step.IDLE
        return cls(incoming, person, services, transaction, dialog, step)

    @property
    def flow(self) -> Flow:
        return self.dialog.flow if self.dialog is not None else Flow.IDLE

    @property
    def ctx(self) -> Context:
        return self.services.context()

    def uow(self) -> UnitOfWork:
        """A savepoint in the turn's transaction: it commits with the turn, or not at all."""
        return self.transaction.nested()

    def say(
        self, key: str, options: tuple[Option, ...] = (), photo: str | None = None, **params: Any
    ) -> None:
        self.replies.append(Reply(key, params, options, photo))

    def notify(self, key: str, **params: Any) -> None:
        """A short confirmation: a toast for a button press, else a message."""
        if self.incoming.payload is not None:
            self.toast = Reply(key, params)
        else:
            self.say(key, **params)

    def ask(self, dialog: FlowState, step: Step) -> None:
        """Open ``dialog``'s flow at ``step`` (or move the open one there)."""
        if step not in dialog.steps:
            raise ValueError(f"flow {dialog.flow!r} has no step {step!r}")
        self.dialog, self.step = dialog, step

    def state_of(self, kind: type[S]) -> S | None:
        """The open flow's state if it is a ``kind``, else None."""
        return self.dialog if isinstance(self.dialog, kind) else None

    def expect(self, kind: type[S]) -> S:
        """The open flow's state, which must be a ``kind``: else the button (or the typed
        words) belonged to a dialog that is over."""
        dialog = self.state_of(kind)
        if dialog is None:
            raise Refused("refused.stale_button")
        return dialog

    def finish(self) -> None:
        self.dialog, self.step = None, Step.IDLE

    def retract(self) -> None:
        """Take back what the turn said so far: what it spoke of was rolled back."""
        self.replies.clear()
        self.toast = None

    @property
    def record(self) -> DialogState:
        """The dialog as the conversation_state row keeps it."""
        return stored_dialogs.record(self.dialog, self.step)
