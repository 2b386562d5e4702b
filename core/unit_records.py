"""Frozen records of the community level: co-building units, their two lists, and what the
console reads about requests and people."""

from dataclasses import dataclass
from datetime import datetime

from core.records import Person

UNIT_TYPES = ("school", "hospital", "enterprise", "government", "organisation", "other")
RESOURCE_TYPES = ("venue", "vehicle", "equipment", "funds", "skill", "other")


@dataclass(frozen=True, slots=True)
class Unit:
    """A 驻区单位/共建单位: its kind (``UNIT_TYPES``) and its party organisation."""

    id: int
    community_id: int
    code: str
    name: str
    type: str = "other"
    org: str = ""
    active: bool = True


@dataclass(frozen=True, slots=True)
class UnitResource:
    """A line of the 资源清单: what the unit can lend, and how much or when (``amount``)."""

    id: int
    unit_id: int
    name: str
    type: str = "other"
    amount: str = ""


@dataclass(frozen=True, slots=True)
class UnitService:
    """A line of the 服务清单: the taxonomy categories it fits, words it answers to, and how
    many needs the unit takes on at once through it (``capacity``)."""

    id: int
    unit_id: int
    name: str
    categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    capacity: int = 1


@dataclass(frozen=True, slots=True)
class UnitLists:
    """A unit with both its lists and how many of its needs are open now."""

    unit: Unit
    resources: tuple[UnitResource, ...] = ()
    services: tuple[UnitService, ...] = ()
    open_needs: int = 0


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One line of a request's audit trail (全程留痕), with the actor's name and role."""

    at: datetime
    action: str
    from_status: str | None
    to_status: str | None
    note: str
    actor: Person | None


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    """A member's work for the community this month (双报到): tasks resolved, still open."""

    person: Person
    grid: str
    resolved: int
    open: int
