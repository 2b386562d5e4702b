"""What the three rates count: only requests that are due (core/rates.py, docs/rates.md)."""

from datetime import UTC, datetime, timedelta

from core.rates import RateFacts, figures
from core.vocabulary import Outcome, Status

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def facts(status: Status, **fields: object) -> RateFacts:
    base: dict[str, object] = {
        "claim_by": NOW + HOUR,
        "claimed_at": None,
        "resolve_by": NOW + 48 * HOUR,
        "paused_at": None,
        "outcome": None,
        "stars": None,
    }
    return RateFacts(status, **{**base, **fields})  # type: ignore[arg-type]


def test_requests_within_their_limits_lower_no_rate() -> None:
    shown = figures([facts(Status.ROUTED), facts(Status.CLAIMED, claimed_at=NOW)], NOW)
    assert shown["total"] == 2 and shown["due_response"] == 1 and shown["due_resolution"] == 0
    assert shown["response_rate"] == 1.0 and shown["resolution_rate"] is None
    assert shown["satisfaction_rate"] is None


def test_due_requests_count_late_and_unsolved_ones() -> None:
    late_claim = facts(Status.CLAIMED, claim_by=NOW - 2 * HOUR, claimed_at=NOW - HOUR)
    unclaimed = facts(Status.ROUTED, claim_by=NOW - HOUR, resolve_by=NOW - HOUR)
    fixed = facts(
        Status.CLOSED, claimed_at=NOW - 5 * HOUR, claim_by=NOW, outcome=Outcome.FIXED, stars=5
    )
    not_fixed = facts(Status.CLOSED, claimed_at=NOW, outcome=Outcome.NOT_FIXED, stars=2)
    waiting = facts(Status.RESOLVED, claimed_at=NOW - HOUR)
    paused = facts(Status.CLAIMED, claimed_at=NOW, resolve_by=NOW - HOUR, paused_at=NOW - HOUR)
    rejected = facts(Status.REJECTED, claim_by=NOW - HOUR)
    shown = figures([late_claim, unclaimed, fixed, not_fixed, waiting, paused, rejected], NOW)
    assert shown["total"] == 6  # the rejected one was never the grid's to do
    assert shown["due_response"] == 6 and shown["response_rate"] == 4 / 6
    assert shown["due_resolution"] == 4  # unclaimed (overdue), fixed, not_fixed, waiting
    assert shown["resolution_rate"] == 2 / 4 and shown["overdue"] == 1
    assert shown["satisfaction_rate"] == 0.5 and shown["average_stars"] == 3.5
