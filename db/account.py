"""What the assessment reads (requests with who answers for them, the audit trail) and the
points ledger it writes."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.assessment import Handled
from core.points import EventFact, Line
from core.rates import RateFacts
from core.records import Person
from core.vocabulary import Action, Outcome, Role, Status
from db.models import (
    PersonRow,
    PointEntryRow,
    RatingRow,
    RequestEventRow,
    RequestRow,
    ServiceHoursRow,
)
from db.people import person_record

STAFF = [str(Role.MEMBER), str(Role.LEADER), str(Role.ADMIN), str(Role.UNIT)]
HANDLING = [str(Action.CLAIM), str(Action.ASSIGN)]
CORRECTION = "correction"


def _line(row: PointEntryRow, number: str = "") -> Line:
    return Line(
        row.month,
        row.person_id,
        row.request_id,
        row.event_id,
        row.rule,
        row.points,
        row.hours,
        number,
        row.note,
        row.id,
        row.corrects_id,
        row.actor_id,
    )


class SqlAccountRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def staff(self) -> list[Person]:
        rows = await self._s.scalars(
            select(PersonRow).where(PersonRow.role.in_(STAFF)).order_by(PersonRow.id)
        )
        return [person_record(r) for r in rows]

    async def _assignees(self) -> dict[tuple[int | None, str], int]:
        """An assignment's event names the member (its note): who that is, in the grid."""
        rows = await self._s.execute(
            select(PersonRow.id, PersonRow.grid_id, PersonRow.name)
            .where(PersonRow.role.in_([str(Role.MEMBER), str(Role.LEADER)]))
            .order_by(PersonRow.id.desc())
        )
        return {(row.grid_id, row.name): row.id for row in rows}

    async def handled(self, since: datetime, until: datetime) -> list[Handled]:
        """Every request filed in [since, until), with its rate facts and who answers for it."""
        query = (
            select(RequestRow, RatingRow.stars)
            .outerjoin(RatingRow, RatingRow.request_id == RequestRow.id)
            .where(RequestRow.created_at >= since, RequestRow.created_at < until)
            .order_by(RequestRow.id)
        )
        found = list(await self._s.execute(query))
        last = await self._last_handlers([row.RequestRow.id for row in found])
        return [
            Handled(
                r.id,
                r.number,
                r.grid_id,
                r.type,
                r.category,
                r.claimant_id or last.get(r.id),
                RateFacts(
                    Status(r.status),
                    r.claim_by,
                    r.claimed_at,
                    r.resolve_by,
                    r.paused_at,
                    Outcome(r.outcome) if r.outcome else None,
                    stars,
                    r.created_at,
                    r.resolved_at,
                    r.reopen_count,
                ),
            )
            for r, stars in ((row.RequestRow, row.stars) for row in found)
        ]

    async def _last_handlers(self, request_ids: Sequence[int]) -> dict[int, int]:
        if not request_ids:
            return {}
        assignees = await self._assignees()
        rows = await self._s.execute(
            select(RequestEventRow, RequestRow.grid_id)
            .join(RequestRow, RequestRow.id == RequestEventRow.request_id)
            .where(
                RequestEventRow.request_id.in_(list(request_ids)),
                RequestEventRow.action.in_(HANDLING),
            )
            .order_by(RequestEventRow.id)
        )
        last: dict[int, int] = {}
        for event, grid_id in rows:
            who = _subject(event, grid_id, assignees)
            if who is not None:
                last[event.request_id] = who
        return last

    async def point_events(self, since: datetime, until: datetime) -> list[EventFact]:
        """Every event before ``until`` of each request that has an event in [since, until)."""
        touched = select(RequestEventRow.request_id).where(
            RequestEventRow.at >= since, RequestEventRow.at < until
        )
        rows = await self._s.execute(
            select(RequestEventRow, RequestRow)
            .join(RequestRow, RequestRow.id == RequestEventRow.request_id)
            .where(RequestEventRow.request_id.in_(touched), RequestEventRow.at < until)
            .order_by(RequestEventRow.id)
        )
        assignees = await self._assignees()
        return [
            EventFact(
                event.id,
                event.request_id,
                request.number,
                event.action,
                event.actor_id,
                event.at,
                event.note,
                request.type,
                request.category,
                request.resolve_by,
                _subject(event, request.grid_id, assignees) if event.action == "assign" else None,
            )
            for event, request in rows
        ]

    async def entered_hours(self, request_ids: Sequence[int]) -> dict[tuple[int, int], float]:
        if not request_ids:
            return {}
        rows = await self._s.scalars(
            select(ServiceHoursRow).where(ServiceHoursRow.request_id.in_(list(request_ids)))
        )
        return {(r.request_id, r.person_id): r.hours for r in rows}

    async def set_hours(self, request_id: int, person_id: int, hours: float) -> None:
        row = await self._s.get(ServiceHoursRow, (request_id, person_id))
        if row is None:
            self._s.add(
                ServiceHoursRow(
                    request_id=request_id, person_id=person_id, hours=hours, at=self._now
                )
            )
        else:
            row.hours, row.at = hours, self._now
        await self._s.flush()

    async def ledger(self, month: str, person_id: int | None = None) -> list[Line]:
        query = (
            select(PointEntryRow, RequestRow.number)
            .join(RequestRow, RequestRow.id == PointEntryRow.request_id)
            .where(PointEntryRow.month == month)
            .order_by(PointEntryRow.event_id, PointEntryRow.id)
        )
        if person_id is not None:
            query = query.where(PointEntryRow.person_id == person_id)
        return [_line(row, number) for row, number in await self._s.execute(query)]

    async def line(self, line_id: int) -> Line | None:
        found = (
            await self._s.execute(
                select(PointEntryRow, RequestRow.number)
                .join(RequestRow, RequestRow.id == PointEntryRow.request_id)
                .where(PointEntryRow.id == line_id)
            )
        ).first()
        return _line(found[0], found[1]) if found else None

    async def sync_rule_lines(self, month: str, lines: Sequence[Line]) -> None:
        """Make the month's rule lines exactly ``lines`` (corrections stay as they are)."""
        stored = {
            (r.rule, r.event_id, r.person_id): r
            for r in await self._s.scalars(
                select(PointEntryRow).where(
                    PointEntryRow.month == month, PointEntryRow.rule != CORRECTION
                )
            )
        }
        wanted = {line.key: line for line in lines}
        corrected = set(
            await self._s.scalars(
                select(PointEntryRow.corrects_id).where(PointEntryRow.corrects_id.is_not(None))
            )
        )
        for key, row in stored.items():
            line = wanted.get(key)
            if line is None and row.id not in corrected:
                await self._s.execute(delete(PointEntryRow).where(PointEntryRow.id == row.id))
            elif (row.points, row.hours) != ((line.points, line.hours) if line else (0, 0.0)):
                points, hours = (line.points, line.hours) if line else (0, 0.0)
                await self._s.execute(
                    update(PointEntryRow)
                    .where(PointEntryRow.id == row.id)
                    .values(points=points, hours=hours)
                )
        missing = [line for key, line in wanted.items() if key not in stored]
        if missing:
            insert = pg_insert if self._s.get_bind().dialect.name == "postgresql" else sqlite_insert
            await self._s.execute(
                insert(PointEntryRow)
                .values([_values(line, self._now) for line in missing])
                .on_conflict_do_nothing(index_elements=["rule", "event_id", "person_id"])
            )
        await self._s.flush()

    async def add_correction(self, line: Line) -> Line:
        row = PointEntryRow(**_values(line, self._now))
        self._s.add(row)
        await self._s.flush()
        return _line(row, line.number)


def _values(line: Line, now: datetime) -> dict[str, object]:
    return {
        "month": line.month,
        "person_id": line.person_id,
        "request_id": line.request_id,
        "event_id": line.event_id,
        "rule": line.rule,
        "points": line.points,
        "hours": line.hours,
        "note": line.note,
        "corrects_id": line.corrects_id,
        "actor_id": line.actor_id,
        "created_at": now,
    }


def _subject(
    event: RequestEventRow, grid_id: int | None, assignees: dict[tuple[int | None, str], int]
) -> int | None:
    if event.action == Action.CLAIM:
        return event.actor_id
    return assignees.get((grid_id, event.note))
