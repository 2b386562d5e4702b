"""The supervision ladder (全程跟踪督办): which clock events are due for a request, now.

Pure. Each event carries a ``round`` (the deadline, claim or answer it belongs to, as epoch
seconds), so it fires once per occasion: a new claim earns a new reminder, a deadline pushed
forward by a pause earns a new breach, and nothing fires twice for the same one.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from core.clock.calendar import WorkCalendar
from core.context import Policy
from core.records import Request
from core.vocabulary import CLAIMABLE_STATUSES, OPEN_STATUSES, Level, Status


class Kind(StrEnum):
    REANNOUNCE = "reannounce"
    REMIND = "remind"
    BREACH = "breach"
    ESCALATE = "escalate"
    RELEASE = "release"
    AUTO_CLOSE = "auto_close"
    DIGEST = "digest"
    COMMUNITY_LATE = "community_late"
    UNIT_REMIND = "unit_remind"
    UNIT_LATE = "unit_late"


@dataclass(frozen=True, slots=True)
class Mark:
    """One clock event: what, about whom (a request, or a leader for the digest), which round."""

    kind: Kind
    subject_id: int
    round: int


@dataclass(frozen=True, slots=True)
class Timed:
    """A request with the two times the clock reads that the record leaves out."""

    request: Request
    claimed_at: datetime | None
    last_progress_at: datetime | None


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def due(timed: Timed, now: datetime, policy: Policy, calendar: WorkCalendar) -> list[Mark]:
    """Every event of the ladder due for ``timed`` at ``now``, in the order they fire."""
    request = timed.request
    if request.status == Status.RESOLVED:
        return _answer_due(request, now, policy)
    if request.status not in OPEN_STATUSES or request.paused_at is not None:
        return []
    marks = _claim_due(request, now)
    marks += _above_grid_due(request, now, policy, calendar)
    marks += _resolve_due(timed, now, policy, calendar)
    marks += _stale_due(timed, now, policy, calendar)
    return marks


def _answer_due(request: Request, now: datetime, policy: Policy) -> list[Mark]:
    """Resolved, and the resident said nothing for ``auto_close_days``: closed."""
    if request.resolved_at is None:
        return []
    if now < request.resolved_at + timedelta(days=policy.auto_close_days):
        return []
    return [Mark(Kind.AUTO_CLOSE, request.id, epoch(request.resolved_at))]


def _claim_due(request: Request, now: datetime) -> list[Mark]:
    """Nobody in the grid claimed it by claim-by: announced to the grid again.

    (Higher up, the escalation itself is the announcement.)
    """
    if request.status not in CLAIMABLE_STATUSES or request.claim_by is None:
        return []
    if request.level != Level.GRID or request.grid_id is None:
        return []
    if now < request.claim_by:
        return []
    return [Mark(Kind.REANNOUNCE, request.id, epoch(request.claim_by))]


def _above_grid_due(
    request: Request, now: datetime, policy: Policy, calendar: WorkCalendar
) -> list[Mark]:
    """Above the grid, claim-by is the community's time to dispatch (then its admins and the
    大党委 secretary are alerted), and then the unit's time to claim (then its representatives
    are reminded, and ``unit_late_hours`` later the admins are told)."""
    if request.status not in CLAIMABLE_STATUSES or request.claim_by is None:
        return []
    if now < request.claim_by:
        return []
    round_ = epoch(request.claim_by)
    if request.level == Level.COMMUNITY:
        return [Mark(Kind.COMMUNITY_LATE, request.id, round_)]
    if request.level != Level.UNIT:
        return []
    marks = [Mark(Kind.UNIT_REMIND, request.id, round_)]
    if now >= calendar.add(request.claim_by, policy.unit_late_hours):
        marks.append(Mark(Kind.UNIT_LATE, request.id, round_))
    return marks


def _resolve_due(timed: Timed, now: datetime, policy: Policy, calendar: WorkCalendar) -> list[Mark]:
    """A reminder at 75 % of the claimant's time; at resolve-by a breach; later, escalation."""
    request, resolve_by = timed.request, timed.request.resolve_by
    if resolve_by is None:
        return []
    if now < resolve_by:
        if request.status != Status.CLAIMED or timed.claimed_at is None:
            return []
        if now < calendar.point(timed.claimed_at, resolve_by, policy.remind_at_fraction):
            return []
        return [Mark(Kind.REMIND, request.id, epoch(timed.claimed_at))]
    marks = [Mark(Kind.BREACH, request.id, epoch(resolve_by))]
    escalate_at = calendar.add(resolve_by, policy.escalate_after_hours)
    if request.level == Level.GRID and now >= escalate_at:
        marks.append(Mark(Kind.ESCALATE, request.id, epoch(resolve_by)))
    return marks


def _stale_due(timed: Timed, now: datetime, policy: Policy, calendar: WorkCalendar) -> list[Mark]:
    """Claimed, no progress for ``stale_claim_hours``, not yet overdue: released to the grid.

    Once a request is overdue the breach and escalation rungs take over instead.
    """
    since = timed.last_progress_at or timed.claimed_at
    if timed.request.status != Status.CLAIMED or since is None:
        return []
    if timed.request.resolve_by is not None and now >= timed.request.resolve_by:
        return []
    if now < calendar.add(since, policy.stale_claim_hours):
        return []
    return [Mark(Kind.RELEASE, timed.request.id, epoch(since))]
