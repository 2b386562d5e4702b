"""A micro-wish's own statuses and time limit (the wall's words: 待认领, 已认领, 已圆梦).

A wish is a request of type ``wish``; its status on the wall follows the request's:
waiting for someone (open, unclaimed), claimed, or fulfilled (resolved, or closed as
fixed or unanswered). Closed unfixed, rejected, merged and withdrawn wishes leave the wall.
Its time limit is the policy's: ``claim_days`` to be claimed, then ``fulfil_days``.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from core.account_policy import WishRules
from core.rates import SOLVED_OUTCOMES
from core.records import Request
from core.vocabulary import OPEN_STATUSES, Status

WISH = "wish"


class WishState(StrEnum):
    WAITING = "waiting"
    CLAIMED = "claimed"
    FULFILLED = "fulfilled"


def wish_state(request: Request) -> WishState | None:
    if request.status == Status.CLAIMED:
        return WishState.CLAIMED
    if request.status in OPEN_STATUSES:
        return WishState.WAITING
    if request.status == Status.RESOLVED or (
        request.status == Status.CLOSED and request.outcome in SOLVED_OUTCOMES
    ):
        return WishState.FULFILLED
    return None


def wish_due(request: Request, rules: WishRules, claimed_at: datetime | None) -> datetime | None:
    """By when the wish should be claimed (waiting) or fulfilled (claimed)."""
    state = wish_state(request)
    if state == WishState.WAITING:
        return request.created_at + timedelta(days=rules.claim_days)
    if state == WishState.CLAIMED and claimed_at is not None:
        return claimed_at + timedelta(days=rules.fulfil_days)
    return None
