"""亮承诺: a member or unit states a public commitment for a period (定诺、亮诺); when the
period ends its record of tasks is shown beside it (践诺) and the leader marks it kept or not
(评诺). A kept promise counts towards the member's stars."""

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from core import rates
from core.account_ports import AccountUnitOfWork
from core.account_records import Promise
from core.context import Context
from core.errors import Refused
from core.periods import Period, month_of, quarter
from core.records import Person
from core.vocabulary import Role
from core.wish_status import WISH

SPANS = ("month", "quarter", "year")
PROMISERS = (Role.MEMBER, Role.LEADER, Role.UNIT)
MIN_TEXT, MAX_TEXT = 4, 100
OPEN, KEPT, NOT_KEPT = "open", "kept", "not_kept"


@dataclass(frozen=True, slots=True)
class PromiseRecord:
    """What the person did in the promise's period: requests resolved (on time), wishes."""

    resolved: int
    on_time: int
    wishes: int
    numbers: tuple[str, ...]


def today(ctx: Context) -> date:
    return ctx.now.astimezone(ZoneInfo(ctx.policy.timezone)).date()


def span_period(ctx: Context, span: str) -> Period:
    tz = ctx.policy.timezone
    this_month = month_of(ctx.now, tz)
    if span == "month":
        return this_month
    if span == "quarter":
        return quarter(f"{this_month.first.year}Q{(this_month.first.month - 1) // 3 + 1}", tz)
    year = this_month.first.year
    return Period(str(year), date(year, 1, 1), date(year, 12, 31), tz)


async def make_promise(
    uow: AccountUnitOfWork, ctx: Context, person: Person, text: str, span: str
) -> Promise:
    text = " ".join(text.split())
    if person.role not in PROMISERS:
        raise Refused("refused.promise.not_member")
    if not MIN_TEXT <= len(text) <= MAX_TEXT:
        raise Refused("refused.promise.length", least=MIN_TEXT, most=MAX_TEXT)
    if span not in SPANS:
        raise Refused("refused.stale_button")
    period = span_period(ctx, span)
    async with uow:
        promise = await uow.honours.add_promise(person.id, text, today(ctx), period.last)
        await uow.commit()
    return promise


async def record_of(uow: AccountUnitOfWork, ctx: Context, promise: Promise) -> PromiseRecord:
    """The person's requests filed in the promise's period that they answered for."""
    period = Period("", promise.first_day, promise.last_day, ctx.policy.timezone)
    async with uow:
        handled = await uow.account.handled(period.start, period.end)
    mine = [h for h in handled if h.handler_id == promise.person_id and rates.solved(h.facts)]
    return PromiseRecord(
        len(mine),
        sum(1 for h in mine if rates.resolved_on_time(h.facts)),
        sum(1 for h in mine if h.type == WISH),
        tuple(h.number for h in mine),
    )


async def of_person(uow: AccountUnitOfWork, person_id: int) -> list[Promise]:
    async with uow:
        return await uow.honours.promises([person_id])


async def running(uow: AccountUnitOfWork, ctx: Context) -> list[tuple[Promise, Person]]:
    """Promises whose period includes today, with who made them (for the wall and cards)."""
    day = today(ctx)
    async with uow:
        found = await uow.honours.promises(overlapping=(day, day))
        people = {p.id: p for p in await uow.account.staff()}
    return [(p, people[p.person_id]) for p in found if p.person_id in people]


async def to_review(
    uow: AccountUnitOfWork, ctx: Context, reviewer: Person
) -> list[tuple[Promise, Person]]:
    """Ended promises not yet marked: a leader's grid's, or (admins) every one."""
    _reviewer(reviewer)
    day = today(ctx)
    async with uow:
        people = {p.id: p for p in await uow.account.staff()}
        found = await uow.honours.promises()
    return [
        (p, people[p.person_id])
        for p in found
        if p.status == OPEN
        and p.last_day < day
        and p.person_id in people
        and _may_review(reviewer, people[p.person_id])
    ]


async def mark(
    uow: AccountUnitOfWork, ctx: Context, promise_id: int, reviewer: Person, kept: bool
) -> Promise:
    _reviewer(reviewer)
    async with uow:
        promise = await uow.honours.promise(promise_id)
        owner = await uow.persons.get(promise.person_id) if promise else None
        if promise is None or owner is None or not _may_review(reviewer, owner):
            raise Refused("refused.promise.not_reviewer")
        if promise.last_day >= today(ctx):
            raise Refused("refused.promise.running", last=promise.last_day.isoformat())
        await uow.honours.mark_promise(promise_id, KEPT if kept else NOT_KEPT, reviewer.id)
        marked = await uow.honours.promise(promise_id)
        await uow.commit()
    assert marked is not None
    return marked


def _reviewer(person: Person) -> None:
    if person.role not in (Role.LEADER, Role.ADMIN):
        raise Refused("refused.promise.not_reviewer")


def _may_review(reviewer: Person, owner: Person) -> bool:
    """Admins review everyone's; a leader their grid's members (not their own promise)."""
    if reviewer.role == Role.ADMIN:
        return True
    return owner.grid_id == reviewer.grid_id and owner.id != reviewer.id
