"""What the three rates (三率) count, as the 12345 hotline defines them: requests that are due.

- Counted: every request filed in the period, except those rejected, merged into another
  or withdrawn by the resident (they were never the grid's to do).
- 按时响应率: of the requests due for a response — someone claimed them, or their claim-by
  has passed — the share claimed by their claim-by.
- 解决率: of the requests due for resolution — resolved or closed, or their resolve-by has
  passed while the clock ran — the share solved: resolved and not sent back, closed as
  fixed, or closed after the resident did not answer.
- 满意率: of the ratings given, the share of 4 or 5 stars.
- 按时办结率: of the solved requests, the share resolved by their resolve-by.
- 重新办理率: of the requests resolved at least once, the share a resident sent back.
- Median times: from filing to the (current) claim, and from filing to resolution, in hours.

A request still within its time limits lowers no rate; a rate nothing is due for is None
(shown as —, not 0 %). docs/rates.md says the same for people.
"""

from dataclasses import dataclass
from datetime import datetime
from statistics import median

from core.vocabulary import OPEN_STATUSES, Outcome, Status

NOT_COUNTED = frozenset({Status.REJECTED, Status.MERGED, Status.CANCELLED})
SOLVED_OUTCOMES = frozenset({Outcome.FIXED, Outcome.NO_ANSWER})
SATISFIED_STARS = 4


@dataclass(frozen=True, slots=True)
class RateFacts:
    """What the rates need to know of one request (the repository's plain record)."""

    status: Status
    claim_by: datetime | None
    claimed_at: datetime | None
    resolve_by: datetime | None
    paused_at: datetime | None
    outcome: Outcome | None
    stars: int | None
    created_at: datetime | None = None
    resolved_at: datetime | None = None
    reopen_count: int = 0


@dataclass(frozen=True, slots=True)
class GridDay:
    """What a grid's daily digest counts: its requests filed, resolved and rated in the day,
    and the facts of those open now (which of them are overdue, ``overdue`` decides)."""

    filed: int
    resolved: int
    rated: int
    open: tuple[RateFacts, ...]


def counted(facts: RateFacts) -> bool:
    return facts.status not in NOT_COUNTED


def due_for_response(facts: RateFacts, now: datetime) -> bool:
    return facts.claimed_at is not None or (facts.claim_by is not None and facts.claim_by <= now)


def responded_on_time(facts: RateFacts) -> bool:
    return facts.claimed_at is not None and (
        facts.claim_by is None or facts.claimed_at <= facts.claim_by
    )


def overdue(facts: RateFacts, now: datetime) -> bool:
    """Open past its resolve-by, and not waiting on the resident."""
    return (
        facts.status in OPEN_STATUSES
        and facts.paused_at is None
        and facts.resolve_by is not None
        and facts.resolve_by <= now
    )


def due_for_resolution(facts: RateFacts, now: datetime) -> bool:
    return facts.status in (Status.RESOLVED, Status.CLOSED) or overdue(facts, now)


def solved(facts: RateFacts) -> bool:
    return facts.status == Status.RESOLVED or (
        facts.status == Status.CLOSED and facts.outcome in SOLVED_OUTCOMES
    )


def resolved_on_time(facts: RateFacts) -> bool:
    return facts.resolved_at is not None and (
        facts.resolve_by is None or facts.resolved_at <= facts.resolve_by
    )


def ever_resolved(facts: RateFacts) -> bool:
    """Reached 办结 at least once: resolved now (or closed after it), or reopened since."""
    return facts.resolved_at is not None or facts.reopen_count > 0


def hours_between(start: datetime | None, end: datetime | None) -> float | None:
    return (end - start).total_seconds() / 3600 if start and end else None


def median_hours(spans: list[float | None]) -> float | None:
    known = [s for s in spans if s is not None]
    return median(known) if known else None


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def figures(all_facts: list[RateFacts], now: datetime) -> dict[str, float | int | None]:
    """The rates and the counts behind them."""
    facts = [f for f in all_facts if counted(f)]
    responding = [f for f in facts if due_for_response(f, now)]
    resolving = [f for f in facts if due_for_resolution(f, now)]
    stars = [f.stars for f in facts if f.stars is not None]
    satisfied = sum(1 for s in stars if s >= SATISFIED_STARS)
    return {
        "total": len(facts),
        "open": sum(1 for f in facts if f.status in OPEN_STATUSES),
        "overdue": sum(1 for f in facts if overdue(f, now)),
        "claimed": sum(1 for f in facts if f.claimed_at is not None),
        "resolved": sum(1 for f in facts if f.status in (Status.RESOLVED, Status.CLOSED)),
        "fixed": sum(1 for f in facts if f.outcome == Outcome.FIXED),
        "rated": len(stars),
        "due_response": len(responding),
        "due_resolution": len(resolving),
        "response_rate": share(sum(1 for f in responding if responded_on_time(f)), len(responding)),
        "resolution_rate": share(sum(1 for f in resolving if solved(f)), len(resolving)),
        "satisfaction_rate": share(satisfied, len(stars)),
        "average_stars": sum(stars) / len(stars) if stars else None,
        **timeliness(facts),
    }


def timeliness(facts: list[RateFacts]) -> dict[str, float | int | None]:
    """On-time resolution, reopening and the median times, of counted requests."""
    solved_ones = [f for f in facts if solved(f)]
    resolved_once = [f for f in facts if ever_resolved(f)]
    reopened = sum(1 for f in resolved_once if f.reopen_count > 0)
    return {
        "solved": len(solved_ones),
        "on_time_rate": share(sum(1 for f in solved_ones if resolved_on_time(f)), len(solved_ones)),
        "resolved_once": len(resolved_once),
        "reopened": reopened,
        "reopen_rate": share(reopened, len(resolved_once)),
        "median_response_hours": median_hours(
            [hours_between(f.created_at, f.claimed_at) for f in facts]
        ),
        "median_resolution_hours": median_hours(
            [hours_between(f.created_at, f.resolved_at) for f in facts]
        ),
    }
