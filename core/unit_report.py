"""What a co-building unit sees of its own work: the needs dispatched to it, and its party
members' service record this month (双报到: tasks resolved, tasks in hand)."""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from core.context import Context
from core.errors import Refused
from core.ports import UnitOfWork
from core.records import Person, Request
from core.unit_records import ServiceRecord, Unit
from core.vocabulary import OPEN_STATUSES, Level, Role


@dataclass(frozen=True, slots=True)
class UnitReport:
    unit: Unit
    needs: tuple[Request, ...]
    members: tuple[ServiceRecord, ...]
    since: datetime


def month_start(ctx: Context) -> datetime:
    """Midnight of the first of this month, in the community's time zone."""
    local = ctx.now.astimezone(ZoneInfo(ctx.policy.timezone))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def may_see_unit(actor: Person, unit: Unit) -> bool:
    """The unit's own representatives, and the admins of its community."""
    if not actor.active:
        return False
    if actor.role == Role.UNIT:
        return actor.unit_id == unit.id
    return actor.role == Role.ADMIN and actor.community_id == unit.community_id


async def unit_report(
    uow: UnitOfWork, ctx: Context, actor_id: int, unit_id: int | None = None
) -> UnitReport:
    """``unit_id`` defaults to the actor's own unit (a representative asking ``/unit``)."""
    async with uow:
        actor = await uow.persons.get(actor_id)
        wanted = unit_id if unit_id is not None else actor.unit_id if actor else None
        unit = await uow.units.get(wanted) if wanted is not None else None
        if actor is None or unit is None or not may_see_unit(actor, unit):
            raise Refused("refused.unit.not_yours")
        since = month_start(ctx)
        members = await uow.units.members(unit.id)
        record = await uow.community.service_record(members, since)
        needs = [
            r
            for r in await uow.community.open_requests(unit.community_id, None)
            if r.unit_id == unit.id and r.level == Level.UNIT and r.status in OPEN_STATUSES
        ]
    return UnitReport(unit, tuple(needs), tuple(record), since)
