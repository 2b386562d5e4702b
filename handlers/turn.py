"""One incoming event being handled: who sent it, their dialog state, what we answer."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.context import Context
from core.messages import Option, Reply
from core.ports import UnitOfWork
from core.records import DialogState, Person
from handlers.types import Incoming
from handlers.understanding import Understanding


@dataclass(frozen=True)
class Services:
    """What the dialogs are given by the composition root."""

    uow: Callable[[], UnitOfWork]
    context: Callable[[], Context]
    understanding: Understanding


@dataclass
class Turn:
    incoming: Incoming
    person: Person | None
    services: Services
    flow: str = ""
    step: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    replies: list[Reply] = field(default_factory=list)
    toast: Reply | None = None

    @classmethod
    def start(
        cls, incoming: Incoming, person: Person | None, state: DialogState, services: Services
    ) -> "Turn":
        return cls(incoming, person, services, state.flow, state.step, dict(state.data))

    @property
    def ctx(self) -> Context:
        return self.services.context()

    def uow(self) -> UnitOfWork:
        return self.services.uow()

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

    @property
    def state(self) -> DialogState:
        return DialogState(self.flow, self.step, self.data)
