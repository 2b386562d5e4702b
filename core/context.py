"""What every service call needs besides the unit of work: the time, the rules, the taxonomy."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from core.account_policy import Accountability
from core.clock.calendar import Calendars


@dataclass(frozen=True, slots=True)
class Policy:
    """Per-deployment rules; values come from settings, never from code."""

    max_open_claims: int = 5
    auto_close_days: float = 3.0
    invite_ttl_hours: float = 72.0
    duplicate_window_hours: float = 72.0
    low_rating: int = 2
    timezone: str = "Asia/Shanghai"
    remind_at_fraction: float = 0.75
    escalate_after_hours: float = 24.0
    stale_claim_hours: float = 72.0
    digest_hour: int = 8
    community_dispatch_hours: float = 24.0  # the 大党委 dispatches a need it received
    unit_claim_hours: float = 24.0  # a unit claims a need dispatched to it; then reminded
    unit_late_hours: float = 24.0  # still unclaimed this long after: the admins are told
    outbox_keep_days: float = 30.0  # delivered and dead messages are deleted after; 0: kept


class TaxonomyView(Protocol):
    """The parts of the loaded taxonomy the core reads (names, deadlines, posts).

    Where a sub-category is asked for, a category code stands for its first sub-category
    (a resident who picked only a category still gets that category's time limits).
    A type's name is a plain text or a catalogue entry (``t("type.wish")``).
    """

    def category_name(self, code: str) -> str: ...
    def subcategory_name(self, code: str | None) -> str: ...
    def type_name(self, code: str) -> str | dict[str, Any]: ...
    def deadline_hours(self, subcategory: str | None, urgent: bool) -> tuple[float, float]: ...
    def posts_for(self, subcategory: str | None) -> tuple[str, ...]: ...
    def categories(self) -> list[tuple[str, str]]: ...


@dataclass(frozen=True, slots=True)
class Context:
    now: datetime
    policy: Policy
    taxonomy: TaxonomyView
    calendars: Calendars = field(default_factory=Calendars)
    accountability: Accountability = field(default_factory=Accountability)
