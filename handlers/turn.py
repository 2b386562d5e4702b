"""One incoming event being handled: who sent it, their dialog state, what we answer."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.chart_data import ChartPhotos
from core.context import Context
from core.messages import Option, Reply
from core.ports import TurnUnitOfWork, UnitOfWork
from core.records import DialogState, Person
from handlers.types import Incoming
from handlers.understanding_port import Understanding


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
    flow: str = ""
    step: str = ""
    data: dict[str, Any] = field(default_factory=dict)
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
        return cls(
            incoming, person, services, transaction, state.flow, state.step, dict(state.data)
        )

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

    def ask(self, flow: str, step: str, **data: Any) -> None:
        self.flow, self.step = flow, step
        self.data.update(data)

    def finish(self) -> None:
        self.flow, self.step, self.data = "", "", {}

    def retract(self) -> None:
        """Take back what the turn said so far: what it spoke of was rolled back."""
        self.replies.clear()
        self.toast = None

    @property
    def state(self) -> DialogState:
        return DialogState(self.flow, self.step, self.data)
