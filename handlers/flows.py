"""Which dialog a person is in: its flow and step (StrEnums), and each flow's state as a
dataclass of typed fields, named as the keys of the JSON it is stored as
(handlers/stored_dialogs.py). A field whose value is ``ABSENT`` is left out of that JSON:
where a key's presence mattered (a draft whose place was never looked for, a phone number
not typed yet).
"""

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import ClassVar


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
