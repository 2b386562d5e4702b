"""Frozen records the repositories hand to the core: never live ORM objects."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.vocabulary import Level, Outcome, Role, Status


@dataclass(frozen=True, slots=True)
class Community:
    id: int
    code: str
    name: str
    secretary_id: int | None = None  # the 大党委's secretary, alerted with the admins


@dataclass(frozen=True, slots=True)
class Grid:
    id: int
    code: str
    name: str
    community_id: int


@dataclass(frozen=True, slots=True)
class Building:
    id: int
    name: str
    grid_id: int
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    role: Role
    community_id: int | None = None
    grid_id: int | None = None
    building_id: int | None = None
    address_detail: str = ""
    phone: str | None = None
    share_phone: bool = False
    posts: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    unit_id: int | None = None  # a unit's representative, or its member (双报到)
    active: bool = True  # a deactivated person keeps their history but has no rights

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


def mask_name(name: str) -> str:
    """王小明 → 王**; the group chat never sees a resident's full name."""
    name = name.strip()
    if not name:
        return "**"
    return name[0] + "*" * max(2, len(name) - 1) if len(name) > 1 else name + "**"


@dataclass(frozen=True, slots=True)
class Identity:
    channel: str
    external_id: str
    person_id: int
    chat_id: str
    blocked: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    id: int
    number: str
    text: str
    resident_id: int
    status: Status
    category: str
    subcategory: str | None
    type: str
    urgent: bool
    grid_id: int | None
    building_id: int | None
    address: str
    level: Level
    claimant_id: int | None
    merged_into_id: int | None
    outcome: Outcome | None
    reject_reason: str | None
    keywords: tuple[str, ...]
    photos: tuple[str, ...]
    confidence: float
    reopen_count: int
    created_at: datetime
    claim_by: datetime | None
    resolve_by: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    paused_at: datetime | None = None
    followers: int = 0
    unit_id: int | None = None  # the co-building unit a need was dispatched to


@dataclass(frozen=True, slots=True)
class RequestEvent:
    id: int
    request_id: int
    actor_id: int | None
    action: str
    from_status: Status | None
    to_status: Status | None
    note: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Invite:
    code: str
    grid_id: int | None
    community_id: int | None
    role: Role
    person_id: int | None
    expires_at: datetime
    used_at: datetime | None
    unit_id: int | None = None


@dataclass(frozen=True, slots=True)
class DialogState:
    flow: str = ""
    step: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None
