"""Every button the bot shows, as a payload class (core/payloads.py): its prefix and fields.

The prefixes and the field order are the wire format of buttons already sitting in people's
chats: change neither.
"""

from dataclasses import dataclass
from enum import StrEnum

from core.payloads import Payload


class DraftAction(StrEnum):
    SUBMIT = "submit"
    CANCEL = "cancel"
    ADDRESS = "addr"
    NOWHERE = "nowhere"
    SAME = "same"
    NEW = "new"
    CATEGORIES = "cat"
    SET = "set"


class Other(StrEnum):
    """``dup:new``: not the request offered as the same."""

    NEW = "new"


class AddressChoice(StrEnum):
    RETRY = "retry"
    SKIP = "skip"


class ForgetAnswer(StrEnum):
    YES = "yes"
    NO = "no"


class PhoneChoice(StrEnum):
    SHARE = "share"
    KEEP = "keep"


class BroadcastVerb(StrEnum):
    SCOPE = "scope"
    GRID = "grid"
    DONE = "done"
    EDIT = "edit"
    CANCEL = "cancel"
    SEND = "send"


@dataclass(frozen=True)
class OnRequest(Payload):
    """A button about one request: ``verb:REQUEST_ID``."""

    request_id: int


class Claim(OnRequest, prefix="claim"): ...


class Release(OnRequest, prefix="release"): ...


class Progress(OnRequest, prefix="progress"): ...


class Resolve(OnRequest, prefix="resolve"): ...


class Ask(OnRequest, prefix="ask"): ...


class Answer(OnRequest, prefix="answer"): ...


class Confirm(OnRequest, prefix="confirm"): ...


class Reopen(OnRequest, prefix="reopen"): ...


class Cancel(OnRequest, prefix="cancel"): ...


class Assign(OnRequest, prefix="assign"): ...


class Escalate(OnRequest, prefix="escalate"): ...


class Reject(OnRequest, prefix="reject"): ...


class Close(OnRequest, prefix="close"): ...


class Merge(OnRequest, prefix="merge"): ...


class Recategorise(OnRequest, prefix="recat"): ...


class Units(OnRequest, prefix="units"): ...


class WishClaim(OnRequest, prefix="wishclaim"): ...


class WishThanks(OnRequest, prefix="wishthanks"): ...


@dataclass(frozen=True)
class Rate(Payload, prefix="rate"):
    request_id: int
    stars: int


@dataclass(frozen=True)
class AssignTo(Payload, prefix="assignto"):
    request_id: int
    member_id: int


@dataclass(frozen=True)
class MergeTo(Payload, prefix="mergeto"):
    request_id: int
    target_id: int


@dataclass(frozen=True)
class Dispatch(Payload, prefix="dispatch"):
    request_id: int
    unit_id: int


@dataclass(frozen=True)
class RecategoriseTo(Payload, prefix="recatto"):
    request_id: int
    category: str


@dataclass(frozen=True)
class Route(Payload, prefix="route"):
    request_id: int
    grid: str


@dataclass(frozen=True)
class Hours(Payload, prefix="hours"):
    request_id: int
    hours: float


@dataclass(frozen=True)
class WishShow(Payload, prefix="wishshow"):
    request_id: int
    public: bool


@dataclass(frozen=True)
class PromiseSpan(Payload, prefix="promisespan"):
    span: str


@dataclass(frozen=True)
class PromiseMark(Payload, prefix="promisemark"):
    promise_id: int
    kept: bool


@dataclass(frozen=True)
class StarsPublish(Payload, prefix="starspub"):
    month: str


@dataclass(frozen=True)
class Draft(Payload, prefix="draft"):
    """``draft:submit`` … and ``draft:set:CATEGORY``."""

    action: DraftAction
    category: str | None = None


@dataclass(frozen=True)
class Duplicate(Payload, prefix="dup"):
    """``dup:REQUEST_ID`` joins the request offered; ``dup:new`` is another matter."""

    choice: int | Other


@dataclass(frozen=True)
class Address(Payload, prefix="addr"):
    """``addr:BUILDING_ID`` (one the bot offered), ``addr:retry``, ``addr:skip``."""

    choice: int | AddressChoice


@dataclass(frozen=True)
class Forget(Payload, prefix="forget"):
    answer: ForgetAnswer


@dataclass(frozen=True)
class Phone(Payload, prefix="phone"):
    choice: PhoneChoice


@dataclass(frozen=True)
class Broadcast(Payload, prefix="bcast"):
    """``bcast:scope:SCOPE``, ``bcast:grid:GRID_ID``, ``bcast:send:TOKEN``, and
    ``bcast:done:0`` / ``bcast:edit:0`` / ``bcast:cancel:0``."""

    verb: BroadcastVerb
    arg: str
