"""The roster kept on the console, in effect at once: people added, edited, moved between
grids, deactivated (their claims released) and back; buildings and their aliases."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.changes import NewPerson, PersonChange
from core.claims import release_request
from core.context import Context
from core.errors import Refused
from core.ports import TurnUnitOfWork, UnitOfWork
from core.records import Building, Person
from core.roster import GRID_ROLES, ROSTER_ROLES
from core.roster_records import normalise_phone
from core.units import admin_of
from core.vocabulary import MEMBER_POSTS, Role, Status

CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,63}$")


@dataclass(frozen=True, slots=True)
class StaffForm:
    """A person as the console's form gives them (codes as typed)."""

    code: str
    name: str
    role: str
    grid: str = ""
    unit: str = ""
    phone: str = ""
    posts: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()


async def person_in(uow: UnitOfWork, admin: Person, person_id: int) -> Person:
    """A person of the admin's community (by their community or their grid's)."""
    person = await uow.persons.get(person_id)
    grid = await uow.places.grid(person.grid_id) if person and person.grid_id else None
    community = grid.community_id if grid else person.community_id if person else None
    if person is None or person.role == Role.RESIDENT or community != admin.community_id:
        raise Refused("refused.unknown_person")
    return person


async def _details(uow: UnitOfWork, admin: Person, form: StaffForm) -> NewPerson:
    if form.role not in {str(r) for r in ROSTER_ROLES}:
        raise Refused("refused.console.role", role=form.role[:16])
    role = Role(form.role)
    grid = await uow.places.grid_by_code(form.grid) if form.grid else None
    if form.grid and (grid is None or grid.community_id != admin.community_id):
        raise Refused("refused.no_such_grid", code=form.grid[:32])
    if role in GRID_ROLES and grid is None:
        raise Refused("refused.invite.needs_grid")
    unit = await uow.units.by_code(form.unit) if form.unit else None
    if form.unit and (unit is None or unit.community_id != admin.community_id):
        raise Refused("refused.unit.unknown")
    if role == Role.UNIT and unit is None:
        raise Refused("refused.invite.needs_unit")
    phone = normalise_phone(form.phone) if form.phone.strip() else ""
    if phone is None:
        raise Refused("refused.phone.malformed")
    if any(post not in MEMBER_POSTS for post in form.posts):
        raise Refused("refused.console.post", posts="、".join(MEMBER_POSTS))
    if not form.name.strip():
        raise Refused("refused.console.name_required")
    return NewPerson(
        name=form.name.strip()[:100],
        role=role,
        community_id=admin.community_id,
        grid_id=grid.id if grid and role != Role.ADMIN else None,
        unit_id=unit.id if unit else None,
        phone=phone or None,
        posts=tuple(dict.fromkeys(form.posts)),
        skills=tuple(s.strip()[:30] for s in form.skills if s.strip())[:20],
    )


def _edited(details: NewPerson) -> PersonChange:
    """What an edit on the console sets: the form's fields (a code, address or consent stays)."""
    return PersonChange(
        name=details.name,
        role=details.role,
        community_id=details.community_id,
        grid_id=details.grid_id,
        unit_id=details.unit_id,
        phone=details.phone,
        posts=details.posts,
        skills=details.skills,
    )


async def add_person(uow: UnitOfWork, ctx: Context, admin_id: int, form: StaffForm) -> Person:
    code = form.code.strip().upper()
    if not CODE.match(code):
        raise Refused("refused.console.code", code=code[:64])
    async with uow:
        admin = await admin_of(uow, admin_id)
        if await uow.community.person_by_code(code) is not None:
            raise Refused("refused.console.code_taken", code=code)
        details = await _details(uow, admin, form)
        person = await uow.persons.add(replace(details, roster_key=code))
        await uow.commit()
    return person


async def edit_person(
    uow: UnitOfWork, ctx: Context, admin_id: int, person_id: int, form: StaffForm
) -> Person:
    """Change a person's details, role, grid (a move) or unit; their code stays."""
    async with uow:
        admin = await admin_of(uow, admin_id)
        await person_in(uow, admin, person_id)
        person = await uow.persons.update(person_id, _edited(await _details(uow, admin, form)))
        await uow.commit()
    return person


async def set_active(
    uow: TurnUnitOfWork, ctx: Context, admin_id: int, person_id: int, active: bool
) -> Person:
    """Deactivate (their rights end; every request they hold goes back, they are told) or
    reactivate a person, in one transaction."""
    async with uow:
        admin = await admin_of(uow, admin_id)
        person = await person_in(uow, admin, person_id)
        if person.id == admin.id:
            raise Refused("refused.console.self")
        person = await uow.persons.update(person_id, PersonChange(active=active))
        if not active:
            for request in await uow.requests.of_claimant(person_id, [Status.CLAIMED]):
                note = admin.name
                await release_request(uow.nested(), ctx, request.id, admin.id, note)
        await uow.commit()
    return person


async def set_secretary(
    uow: UnitOfWork, ctx: Context, admin_id: int, person_id: int | None
) -> None:
    """Who the 大党委's secretary is: alerted with the admins when a need waits too long."""
    async with uow:
        admin = await admin_of(uow, admin_id)
        if person_id is not None:
            await person_in(uow, admin, person_id)
        assert admin.community_id is not None
        await uow.community.set_secretary(admin.community_id, person_id)
        await uow.commit()


def _aliases(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w.strip()[:50] for w in words if w.strip()))[:30]


async def add_building(
    uow: UnitOfWork, ctx: Context, admin_id: int, grid_code: str, name: str, aliases: Sequence[str]
) -> Building:
    async with uow:
        admin = await admin_of(uow, admin_id)
        grid = await uow.places.grid_by_code(grid_code)
        if grid is None or grid.community_id != admin.community_id:
            raise Refused("refused.no_such_grid", code=grid_code[:32])
        if not name.strip():
            raise Refused("refused.console.name_required")
        if any(b.name == name.strip() for b in await uow.places.buildings()):
            raise Refused("refused.console.building_taken", name=name.strip()[:100])
        building = await uow.community.add_building(grid.id, name.strip()[:100], _aliases(aliases))
        await uow.commit()
    return building


async def set_aliases(
    uow: UnitOfWork, ctx: Context, admin_id: int, building_id: int, aliases: Sequence[str]
) -> Building:
    async with uow:
        admin = await admin_of(uow, admin_id)
        building = await uow.places.building(building_id)
        grid = await uow.places.grid(building.grid_id) if building else None
        if grid is None or grid.community_id != admin.community_id:
            raise Refused("refused.no_such_building")
        building = await uow.community.set_aliases(building_id, _aliases(aliases))
        await uow.commit()
    return building
