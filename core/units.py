"""The community's co-building units and their 资源清单 and 服务清单, kept by its admins."""

import re
from collections.abc import Sequence

from core.changes import UnitDetails
from core.context import Context
from core.errors import Refused
from core.ports import UnitOfWork
from core.records import Person
from core.unit_records import RESOURCE_TYPES, UNIT_TYPES, Unit, UnitLists
from core.vocabulary import Role

CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
MAX_NAME = 100


def _name(value: str, limit: int = MAX_NAME) -> str:
    name = value.strip()
    if not name:
        raise Refused("refused.console.name_required")
    return name[:limit]


async def admin_of(uow: UnitOfWork, actor_id: int) -> Person:
    """The actor, if they are an active admin of a community; else a refusal."""
    actor = await uow.persons.get(actor_id)
    if actor is None or actor.role != Role.ADMIN or not actor.active or not actor.community_id:
        raise Refused("refused.console.not_admin")
    return actor


async def unit_of(uow: UnitOfWork, admin: Person, unit_id: int) -> Unit:
    """A unit of the admin's own community; another community's is refused as unknown."""
    unit = await uow.units.get(unit_id)
    if unit is None or unit.community_id != admin.community_id:
        raise Refused("refused.unit.unknown")
    return unit


async def save_unit(
    uow: UnitOfWork,
    ctx: Context,
    admin_id: int,
    code: str,
    name: str,
    type: str = "other",
    org: str = "",
    active: bool = True,
) -> Unit:
    """Add a unit to the admin's community, or change the one with that code."""
    code = code.strip().upper()
    if not CODE.match(code):
        raise Refused("refused.unit.code", code=code[:32])
    if type not in UNIT_TYPES:
        raise Refused("refused.unit.type", type=type[:32])
    async with uow:
        admin = await admin_of(uow, admin_id)
        details = UnitDetails(_name(name), type, org.strip()[:MAX_NAME], active)
        existing = await uow.units.by_code(code)
        if existing is not None and existing.community_id != admin.community_id:
            raise Refused("refused.unit.code_taken", code=code)
        assert admin.community_id is not None  # admin_of refuses an admin of no community
        unit = (
            await uow.units.update(existing.id, details)
            if existing
            else await uow.units.add(code, admin.community_id, details)
        )
        await uow.commit()
    return unit


async def put_resource(
    uow: UnitOfWork, ctx: Context, admin_id: int, unit_id: int, name: str, type: str, amount: str
) -> None:
    if type not in RESOURCE_TYPES:
        raise Refused("refused.unit.resource_type", type=type[:32])
    async with uow:
        unit = await unit_of(uow, await admin_of(uow, admin_id), unit_id)
        await uow.units.put_resource(unit.id, _name(name), type, amount.strip()[:MAX_NAME])
        await uow.commit()


async def put_service(
    uow: UnitOfWork,
    ctx: Context,
    admin_id: int,
    unit_id: int,
    name: str,
    categories: Sequence[str],
    keywords: Sequence[str],
    capacity: int,
) -> None:
    known = {code for code, _ in ctx.taxonomy.categories()}
    for code in categories:
        if code not in known:
            raise Refused("refused.no_such_category", code=code[:32])
    if not 0 <= capacity <= 1000:
        raise Refused("refused.unit.capacity")
    words = tuple(dict.fromkeys(w.strip()[:20] for w in keywords if w.strip()))[:30]
    async with uow:
        unit = await unit_of(uow, await admin_of(uow, admin_id), unit_id)
        await uow.units.put_service(unit.id, _name(name), tuple(categories), words, capacity)
        await uow.commit()


async def drop_item(
    uow: UnitOfWork, ctx: Context, admin_id: int, unit_id: int, kind: str, item_id: int
) -> None:
    """Take a resource or a service off a unit's list."""
    async with uow:
        unit = await unit_of(uow, await admin_of(uow, admin_id), unit_id)
        drop = uow.units.drop_resource if kind == "resource" else uow.units.drop_service
        if not await drop(unit.id, item_id):
            raise Refused("refused.unit.no_item")
        await uow.commit()


async def lists_of(uow: UnitOfWork, community_id: int) -> list[UnitLists]:
    """Every unit of the community with its two lists and its open needs (inside ``uow``)."""
    return [
        UnitLists(
            unit,
            tuple(await uow.units.resources(unit.id)),
            tuple(await uow.units.services(unit.id)),
            await uow.units.open_needs(unit.id),
        )
        for unit in await uow.units.of_community(community_id)
    ]
