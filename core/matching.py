"""Which co-building units fit a need (需求清单 → 服务清单 and 资源清单), best first, and why.

Pure. A unit fits through a service whose categories include the need's category (or
sub-category) and through words: a service's keywords and name, and its resources' names,
found among the need's words (jieba, through the injected understanding) or in its text.
A unit with no capacity left still shows, last, so the admin sees why it is not first.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.records import Request
from core.unit_records import UnitLists, UnitService

CATEGORY_WEIGHT = 3
MAX_WORDS = 3
MAX_RESOURCES = 2

Words = Callable[[str], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of why: a catalogue key (``match.*``) and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Proposal:
    lists: UnitLists
    score: int
    capacity_left: int
    reasons: tuple[Reason, ...]


def _hits(words: set[str], need_words: set[str], text: str) -> list[str]:
    return sorted(w for w in words if w in need_words or (len(w) > 1 and w in text))


def _service_fit(
    service: UnitService, need: Request, need_words: set[str], words_of: Words
) -> tuple[int, list[Reason]]:
    codes = {need.category, need.subcategory or ""}
    by_category = bool(codes & set(service.categories))
    own = {*service.keywords, *words_of(service.name)}
    hits = _hits(own, need_words, need.text)[:MAX_WORDS]
    score = CATEGORY_WEIGHT * by_category + len(hits)
    reasons = [Reason("match.service", {"service": service.name})]
    if by_category:
        reasons.append(Reason("match.category"))
    if hits:
        reasons.append(Reason("match.keywords", {"words": "、".join(hits)}))
    return score, reasons


def fit(lists: UnitLists, need: Request, need_words: set[str], words_of: Words) -> Proposal:
    """How well one unit fits the need (score 0: not at all)."""
    best: tuple[int, list[Reason]] = (0, [])
    for service in lists.services:
        found = _service_fit(service, need, need_words, words_of)
        if found[0] > best[0]:
            best = found
    score, reasons = best
    lent = [
        r.name for r in lists.resources if _hits({r.name, *words_of(r.name)}, need_words, need.text)
    ][:MAX_RESOURCES]
    if lent:
        score += len(lent)
        reasons.append(Reason("match.resource", {"resources": "、".join(lent)}))
    left = sum(s.capacity for s in lists.services) - lists.open_needs
    if score:
        key = "match.capacity" if left > 0 else "match.full"
        reasons.append(Reason(key, {"left": max(left, 0), "open": lists.open_needs}))
    return Proposal(lists, score, left, tuple(reasons))


def propose(
    need: Request, need_words: Sequence[str], units: Sequence[UnitLists], words_of: Words
) -> list[Proposal]:
    """The active units that fit, best first: those with capacity left before those
    without, then by score, then by capacity left."""
    wanted = set(need_words)
    found = [fit(u, need, wanted, words_of) for u in units if u.unit.active]
    return sorted(
        (p for p in found if p.score > 0),
        key=lambda p: (p.capacity_left <= 0, -p.score, -p.capacity_left, p.lists.unit.code),
    )
