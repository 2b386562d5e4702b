"""Which dialog a person is in: its flow and step (StrEnums), and each flow's state as a
dataclass of typed fields.

The conversation_state row keeps them as it always has (core/records.py ``DialogState``:
the flow's and step's names, the state's fields as a JSON object under the same keys), so a
dialog saved by an earlier version loads, and one saved now loads in an earlier version.
A field whose value is ``ABSENT`` is left out of the JSON: where a key's presence mattered
(a draft whose place was never looked for, a phone number not typed yet). Keys no field
names are ignored (an earlier version carried a flow's data into the next one).

A row that does not fit (an unknown flow, a step the flow does not have, a field of the
wrong type or a required one missing) raises :class:`StaleDialog`; the turn logs it and
starts idle.
"""

import types
from dataclasses import MISSING, asdict, dataclass, field, fields
from enum import Enum, StrEnum
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints

from core.records import DialogState


class Flow(StrEnum):
    IDLE = ""
    ADDRESS = "address"
    DRAFT = "draft"
    NOTE = "note"
    REASON = "reason"
    ANSWER = "answer"
    PHONE = "phone"
    FORGET = "forget"
    NAME = "name"
    THANKS = "thanks"
    PROMISE = "promise"
    BROADCAST = "broadcast"


class Step(StrEnum):
    IDLE = ""
    ASK = "ask"
    CONFIRM = "confirm"
    TEXT = "text"
    ADDRESS = "address"
    WHICH = "which"
    DUPLICATE = "duplicate"
    PROGRESS = "progress"
    RESOLVE = "resolve"
    REJECT = "reject"
    CLOSE = "close"
    MERGE = "merge"
    NUMBER = "number"
    SHARE = "share"
    SPAN = "span"
    SCOPE = "scope"
    PICK = "pick"
    PREVIEW = "preview"


class Absent(Enum):
    """A key the JSON leaves out (not the same as null there)."""

    KEY = "absent"


ABSENT = Absent.KEY


class StaleDialog(ValueError):
    """A stored dialog this version cannot read."""


@dataclass
class FlowState:
    """Base of the flows' states: ``flow`` names the flow, ``steps`` the steps it has."""

    flow: ClassVar[Flow]
    steps: ClassVar[frozenset[Step]]


@dataclass
class Placing(FlowState):
    """A flow that offers buildings to choose (handlers/places.py): only those may be."""

    detail: str = ""
    offered: list[int] = field(default_factory=list)


@dataclass
class AddressState(Placing):
    flow = Flow.ADDRESS
    steps = frozenset({Step.ASK, Step.CONFIRM})


@dataclass
class DraftState(Placing):
    """A draft request: the text, what the classifier read in it, its place, and the
    other matters waiting to be the next draft."""

    flow = Flow.DRAFT
    steps = frozenset({Step.TEXT, Step.CONFIRM, Step.ADDRESS, Step.WHICH, Step.DUPLICATE})

    text: str = ""
    photos: list[str] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)
    category: str = ""
    subcategory: str | None = None
    type: str = ""
    urgent: bool = False
    confidence: float = 0.0
    keywords: list[str] = field(default_factory=list)
    hotlines: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    low: bool = False
    asked: bool = False
    building_id: int | Absent | None = ABSENT  # ABSENT: not looked for yet; None: not found
    checked: bool = False
    duplicate: int | None = None
    pending: str = ""
    place_text: str = ""
    nowhere: bool = False

    @property
    def place(self) -> int | None:
        return None if self.building_id is ABSENT else self.building_id


@dataclass
class NoteState(FlowState):
    """A member's progress note, resolve note or question about a request."""

    flow = Flow.NOTE
    steps = frozenset({Step.PROGRESS, Step.RESOLVE, Step.ASK})

    request_id: int
    number: str


@dataclass
class ReasonState(FlowState):
    """A leader's reason to reject or close a request, or the one to merge it into."""

    flow = Flow.REASON
    steps = frozenset({Step.REJECT, Step.CLOSE, Step.MERGE})

    request_id: int
    number: str


@dataclass
class AnswerState(FlowState):
    """A resident's answer to a member's question."""

    flow = Flow.ANSWER
    steps = frozenset({Step.TEXT})

    request_id: int
    number: str


@dataclass
class PhoneState(FlowState):
    flow = Flow.PHONE
    steps = frozenset({Step.NUMBER, Step.SHARE})

    phone: str | Absent = ABSENT


@dataclass
class ForgetState(FlowState):
    flow = Flow.FORGET
    steps = frozenset({Step.CONFIRM})


@dataclass
class NameState(FlowState):
    flow = Flow.NAME
    steps = frozenset({Step.ASK})


@dataclass
class ThanksState(FlowState):
    flow = Flow.THANKS
    steps = frozenset({Step.TEXT})

    request_id: int


@dataclass
class PromiseState(FlowState):
    flow = Flow.PROMISE
    steps = frozenset({Step.SPAN})

    text: str


@dataclass
class BroadcastState(FlowState):
    flow = Flow.BROADCAST
    steps = frozenset({Step.SCOPE, Step.PICK, Step.TEXT, Step.PREVIEW})

    scope: str = ""
    grids: list[int] = field(default_factory=list)
    text: str = ""
    token: str = ""


STATES: dict[Flow, type[FlowState]] = {
    kind.flow: kind
    for kind in (
        AddressState,
        DraftState,
        NoteState,
        ReasonState,
        AnswerState,
        PhoneState,
        ForgetState,
        NameState,
        ThanksState,
        PromiseState,
        BroadcastState,
    )
}


def restore(record: DialogState) -> tuple[FlowState | None, Step]:
    """The stored dialog as typed state (None when idle), or :class:`StaleDialog`."""
    if not record.flow:
        return None, Step.IDLE
    try:
        kind, step = STATES[Flow(record.flow)], Step(record.step)
    except (KeyError, ValueError):
        raise StaleDialog(f"unknown flow {record.flow!r} or step {record.step!r}") from None
    if step not in kind.steps:
        raise StaleDialog(f"flow {record.flow!r} has no step {record.step!r}")
    if not isinstance(record.data, dict):
        raise StaleDialog(f"state of flow {record.flow!r} is not an object")
    return _state(kind, record.data), step


def record(state: FlowState | None, step: Step) -> DialogState:
    """What the conversation_state row keeps of ``state`` at ``step``."""
    if state is None:
        return DialogState()
    data = {name: value for name, value in asdict(state).items() if value is not ABSENT}
    return DialogState(str(state.flow), str(step), data)


def _state(kind: type[FlowState], data: dict[str, Any]) -> FlowState:
    hints = get_type_hints(kind)
    values: dict[str, object] = {}
    for f in fields(kind):
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise StaleDialog(f"{kind.__name__} has no {f.name!r}")
            continue
        if not _fits(data[f.name], hints[f.name]):
            raise StaleDialog(f"{kind.__name__}.{f.name} is not {hints[f.name]}")
        values[f.name] = _copy(data[f.name], hints[f.name])
    return kind(**values)


def _fits(value: object, kind: Any) -> bool:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        return any(_fits(value, member) for member in get_args(kind))
    if origin is list:
        (item,) = get_args(kind)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if kind is type(None):
        return value is None
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return kind in (str, bool) and isinstance(value, kind)


def _copy(value: object, kind: Any) -> object:
    if kind is float and isinstance(value, int | float):
        return float(value)
    return list(value) if isinstance(value, list) else value
