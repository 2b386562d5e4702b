"""Points (积分) and service hours (志愿服务时长), read off the audit trail.

Every ledger line has a rule, a request and the audit event behind it. A month's lines are
derived again from the events each time it is settled, so recomputing a month gives the same
ledger; an admin's correction is a line of its own (with its reason and who made it) that a
recomputation keeps. Who a line goes to:

- 认领 (claim): whoever claimed it themselves (an assignment earns no claim points);
- 办结 (resolve): the claimant at the time (else whoever resolved it), on time when resolved at
  or before its resolve-by (as it stands: a pause moves it on), with the hours entered at
  resolve or the category's default; a wish resolved also earns ``wish_fulfilled``;
- a rating of 4–5 and a reopening: the person who last resolved it;
- a release after the resolve-by: the claimant released.
"""

from dataclasses import dataclass
from datetime import datetime

from core.account_policy import Accountability
from core.periods import Period
from core.rates import SATISFIED_STARS
from core.vocabulary import Action
from core.wish_status import WISH


@dataclass(frozen=True, slots=True)
class EventFact:
    """One audit event with what the rules read of its request. ``subject_id`` is the person
    an assignment went to (None for other actions)."""

    event_id: int
    request_id: int
    number: str
    action: str
    actor_id: int | None
    at: datetime
    note: str
    type: str
    category: str
    resolve_by: datetime | None
    subject_id: int | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A ledger line: ``month`` is its period's label (2026-11)."""

    month: str
    person_id: int
    request_id: int
    event_id: int | None
    rule: str
    points: int
    hours: float = 0.0
    number: str = ""
    note: str = ""
    id: int | None = None
    corrects_id: int | None = None
    actor_id: int | None = None

    @property
    def key(self) -> tuple[str, int | None, int]:
        return (self.rule, self.event_id, self.person_id)


class _Walk:
    """Follows each request's events in order: who holds it, who resolved it last."""

    def __init__(
        self, month: Period, rules: Accountability, hours: dict[tuple[int, int], float]
    ) -> None:
        self.month, self.rules, self.hours = month, rules, hours
        self.holder: dict[int, int | None] = {}
        self.resolver: dict[int, int | None] = {}
        self.lines: list[Line] = []

    def line(self, event: EventFact, person: int | None, rule: str, hours: float = 0.0) -> None:
        if person is None or not self.month.holds(event.at):
            return
        points = self.rules.points.of(rule)
        if points or hours:
            self.lines.append(
                Line(
                    self.month.label,
                    person,
                    event.request_id,
                    event.event_id,
                    rule,
                    points,
                    hours,
                    event.number,
                )
            )

    def step(self, e: EventFact) -> None:
        request = e.request_id
        if e.action == Action.CLAIM:
            self.holder[request] = e.actor_id
            self.line(e, e.actor_id, "claim")
        elif e.action == Action.ASSIGN:
            self.holder[request] = e.subject_id
        elif e.action == Action.RELEASE:
            released = self.holder.pop(request, None)
            if e.resolve_by is not None and e.at > e.resolve_by:
                self.line(e, released, "late_release")
        elif e.action == Action.RESOLVE:
            who = self.holder.get(request) or e.actor_id
            self.resolver[request] = who
            on_time = e.resolve_by is None or e.at <= e.resolve_by
            rule = "resolve_on_time" if on_time else "resolve_late"
            self.line(e, who, rule, self._hours(e, who))
            if e.type == WISH:
                self.line(e, who, "wish_fulfilled")
        elif e.action == Action.REOPEN:
            self.holder.pop(request, None)
            self.line(e, self.resolver.get(request), "reopened")
        elif e.action == Action.RATE and e.note.isdigit() and int(e.note) >= SATISFIED_STARS:
            self.line(e, self.resolver.get(request), "good_rating")
        elif e.action == Action.CLOSE_UNFIXED:
            self.holder.pop(request, None)

    def _hours(self, event: EventFact, person: int | None) -> float:
        entered = self.hours.get((event.request_id, person or 0))
        return entered if entered is not None else self.rules.hours.for_category(event.category)


def derive(
    events: list[EventFact],
    month: Period,
    rules: Accountability,
    hours: dict[tuple[int, int], float],
) -> list[Line]:
    """The month's rule lines. ``events``: every event of each request with one in the month
    (earlier ones tell who held it); ``hours``: entered hours by (request, person)."""
    walk = _Walk(month, rules, hours)
    for event in sorted(events, key=lambda e: e.event_id):
        walk.step(event)
    return walk.lines


@dataclass(frozen=True, slots=True)
class Standing:
    """A person's month: points, hours, and the lines behind them."""

    person_id: int
    name: str
    grid_id: int | None
    points: int
    hours: float
    lines: tuple[Line, ...] = ()


def standings(lines: list[Line], people: dict[int, tuple[str, int | None]]) -> list[Standing]:
    """Totals per person, best first (then more hours, then by name)."""
    by_person: dict[int, list[Line]] = {}
    for line in lines:
        by_person.setdefault(line.person_id, []).append(line)
    found = [
        Standing(
            pid,
            people.get(pid, ("", None))[0],
            people.get(pid, ("", None))[1],
            sum(line.points for line in mine),
            sum(line.hours for line in mine),
            tuple(mine),
        )
        for pid, mine in by_person.items()
    ]
    return sorted(found, key=lambda s: (-s.points, -s.hours, s.name, s.person_id))
