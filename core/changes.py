"""What the core hands the repositories to write: new records, and changes to stored ones.

A change names only what it changes; every other field is ``KEEP`` (left as stored), so
``None`` can still mean "clear it" (``RequestChange(claimant_id=None)``: nobody holds it).
"""

from dataclasses import dataclass, fields
from datetime import datetime
from enum import Enum

from core.vocabulary import Level, Outcome, Role, Status


class Keep(Enum):
    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True, slots=True)
class NewPerson:
    name: str
    role: Role
    community_id: int | None = None
    grid_id: int | None = None
    building_id: int | None = None
    unit_id: int | None = None
    phone: str | None = None
    posts: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    roster_key: str | None = None


@dataclass(frozen=True, slots=True)
class PersonChange:
    name: str | Keep = KEEP
    role: Role | Keep = KEEP
    community_id: int | Keep | None = KEEP
    grid_id: int | Keep | None = KEEP
    building_id: int | Keep | None = KEEP
    address_detail: str | Keep = KEEP
    unit_id: int | Keep | None = KEEP
    phone: str | Keep | None = KEEP
    share_phone: bool | Keep = KEEP
    posts: tuple[str, ...] | Keep = KEEP
    skills: tuple[str, ...] | Keep = KEEP
    active: bool | Keep = KEEP


@dataclass(frozen=True, slots=True)
class NewRequest:
    number: str
    text: str
    resident_id: int
    category: str
    type: str
    status: Status
    claim_by: datetime | None
    resolve_by: datetime | None
    subcategory: str | None = None
    urgent: bool = False
    confidence: float = 0.0
    keywords: tuple[str, ...] = ()
    photos: tuple[str, ...] = ()
    grid_id: int | None = None
    building_id: int | None = None
    address: str = ""
    level: Level = Level.GRID


@dataclass(frozen=True, slots=True)
class RequestChange:
    """What an action sets besides the status (see ``core.actions.perform``)."""

    text: str | Keep = KEEP
    category: str | Keep = KEEP
    subcategory: str | Keep | None = KEEP
    photos: tuple[str, ...] | Keep = KEEP
    grid_id: int | Keep | None = KEEP
    level: Level | Keep = KEEP
    unit_id: int | Keep | None = KEEP
    claimant_id: int | Keep | None = KEEP
    merged_into_id: int | Keep | None = KEEP
    outcome: Outcome | Keep | None = KEEP
    reject_reason: str | Keep | None = KEEP
    reopen_count: int | Keep = KEEP
    claimed_at: datetime | Keep | None = KEEP
    claim_by: datetime | Keep | None = KEEP
    resolve_by: datetime | Keep | None = KEEP
    resolved_at: datetime | Keep | None = KEEP
    closed_at: datetime | Keep | None = KEEP
    paused_at: datetime | Keep | None = KEEP
    last_progress_at: datetime | Keep | None = KEEP


NO_CHANGE = RequestChange()


@dataclass(frozen=True, slots=True)
class UnitDetails:
    """A co-building unit's details as its admin keeps them (its code and community stay)."""

    name: str
    type: str = "other"
    org: str = ""
    active: bool = True


@dataclass(frozen=True, slots=True)
class WishChange:
    photo: str | Keep | None = KEEP
    photo_public: bool | Keep | None = KEEP
    thanks: str | Keep = KEEP
    thanks_at: datetime | Keep | None = KEEP


def changed(change: PersonChange | RequestChange | WishChange) -> dict[str, object]:
    """The fields a change sets, by name (for the repository that stores it)."""
    values = {f.name: getattr(change, f.name) for f in fields(change)}
    return {name: value for name, value in values.items() if value is not KEEP}
