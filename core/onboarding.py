"""Who is who in chat: residents register, members and leaders redeem invites, groups bind."""

import secrets
from dataclasses import replace
from datetime import timedelta

from core.changes import KEEP, NewPerson, PersonChange, RequestChange
from core.context import Context
from core.errors import Refused
from core.ports import UnitOfWork
from core.records import Building, Invite, Person
from core.redact import anonymised
from core.roster_records import normalise_phone
from core.vocabulary import Role

INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8


async def identify(uow: UnitOfWork, channel: str, external_id: str) -> Person | None:
    async with uow:
        return await uow.persons.by_identity(channel, external_id)


async def register_resident(
    uow: UnitOfWork, ctx: Context, channel: str, external_id: str, chat_id: str, name: str
) -> Person:
    """Residents need no invite: the first message makes them known."""
    async with uow:
        person = await uow.persons.by_identity(channel, external_id)
        if person is None:
            communities = await uow.places.communities()
            person = await uow.persons.add(
                NewPerson(
                    name=name.strip()[:100],
                    role=Role.RESIDENT,
                    community_id=communities[0].id if len(communities) == 1 else None,
                )
            )
            await uow.persons.link_identity(channel, external_id, chat_id, person.id)
            await uow.commit()
        return person


async def bind_address(
    uow: UnitOfWork, ctx: Context, person_id: int, building_id: int, detail: str = ""
) -> tuple[Person, Building]:
    async with uow:
        building = await uow.places.building(building_id)
        if building is None:
            raise Refused("refused.no_such_building")
        grid = await uow.places.grid(building.grid_id)
        assert grid is not None
        person = await uow.persons.update(
            person_id,
            PersonChange(
                building_id=building.id,
                address_detail=detail.strip()[:100],
                community_id=grid.community_id,
            ),
        )
        if person.role == Role.RESIDENT:
            person = await uow.persons.update(person_id, PersonChange(grid_id=grid.id))
        await uow.commit()
    return person, building


async def create_invite(
    uow: UnitOfWork,
    ctx: Context,
    role: Role,
    grid_code: str | None = None,
    person_id: int | None = None,
    unit_code: str | None = None,
    community_id: int | None = None,
) -> Invite:
    """A one-time, expiring code that links a chat identity to a roster entry; with a unit, to
    that co-building unit too: its representative, or its party member reporting to a grid."""
    if role == Role.RESIDENT:
        raise Refused("refused.invite.role")
    async with uow:
        grid = await uow.places.grid_by_code(grid_code) if grid_code else None
        if grid_code and grid is None:
            raise Refused("refused.no_such_grid", code=grid_code)
        linked = await uow.persons.get(person_id) if person_id is not None else None
        if person_id is not None and linked is None:
            raise Refused("refused.unknown_person")
        if role in (Role.MEMBER, Role.LEADER) and grid is None:
            raise Refused("refused.invite.needs_grid")
        unit = await uow.units.by_code(unit_code) if unit_code else None
        if unit_code and (unit is None or (grid and unit.community_id != grid.community_id)):
            raise Refused("refused.unit.unknown")
        if role == Role.UNIT and unit is None and (linked is None or linked.unit_id is None):
            raise Refused("refused.invite.needs_unit")
        if community_id is not None:  # the console's admin: only their own community's
            if grid is not None and grid.community_id != community_id:
                raise Refused("refused.no_such_grid", code=grid.code)
            if unit is not None and unit.community_id != community_id:
                raise Refused("refused.unit.unknown")
        place = grid or unit
        if place is not None:
            community_id = place.community_id
        elif community_id is None:
            communities = await uow.places.communities()
            community_id = communities[0].id if communities else None
        invite = Invite(
            code="".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH)),
            grid_id=grid.id if grid else None,
            community_id=community_id,
            role=role,
            person_id=person_id,
            used_at=None,
            expires_at=ctx.now + timedelta(hours=ctx.policy.invite_ttl_hours),
            unit_id=unit.id if unit else None,
        )
        await uow.invites.add(invite)
        await uow.commit()
    return invite


async def redeem_invite(
    uow: UnitOfWork,
    ctx: Context,
    channel: str,
    external_id: str,
    chat_id: str,
    name: str,
    code: str,
) -> Person:
    async with uow:
        invite = await uow.invites.get(code.strip().upper())
        if invite is None:
            raise Refused("refused.invite.unknown")
        if invite.used_at is not None:
            raise Refused("refused.invite.used")
        if invite.expires_at <= ctx.now:
            raise Refused("refused.invite.expired")
        change = PersonChange(
            role=invite.role,
            grid_id=invite.grid_id,
            community_id=invite.community_id,
            active=True,
            unit_id=KEEP if invite.unit_id is None else invite.unit_id,
        )
        if invite.person_id is not None:
            person = await uow.persons.update(invite.person_id, change)
        else:  # a newcomer: the chat's profile name (none on the web) until they give theirs
            newcomer = name.strip()[:100]
            current = await uow.persons.by_identity(channel, external_id)
            person = await (
                uow.persons.update(current.id, replace(change, name=newcomer))
                if current
                else uow.persons.add(
                    NewPerson(
                        name=newcomer,
                        role=invite.role,
                        grid_id=invite.grid_id,
                        community_id=invite.community_id,
                        unit_id=invite.unit_id,
                    )
                )
            )
        if not await uow.invites.use(invite.code, person.id, ctx.now):
            raise Refused("refused.invite.used")
        await uow.persons.link_identity(channel, external_id, chat_id, person.id)
        await uow.commit()
    return person


async def rename_person(uow: UnitOfWork, ctx: Context, person_id: int, name: str) -> Person:
    """A newcomer who joined with an invite for no roster entry says what they are called."""
    name = " ".join(name.split())[:100]
    if not name:
        raise Refused("refused.name.empty")
    async with uow:
        person = await uow.persons.update(person_id, PersonChange(name=name))
        await uow.commit()
    return person


async def bind_grid_chat(
    uow: UnitOfWork, ctx: Context, channel: str, chat_id: str, actor_id: int, grid_code: str
) -> str:
    """A leader makes a group chat speak for their grid; returns the grid's name."""
    async with uow:
        grid = await uow.places.grid_by_code(grid_code)
        if grid is None:
            raise Refused("refused.no_such_grid", code=grid_code)
        actor = await uow.persons.get(actor_id)
        allowed = actor is not None and (
            (actor.role == Role.LEADER and actor.grid_id == grid.id)
            or (actor.role == Role.ADMIN and actor.community_id == grid.community_id)
        )
        if not allowed:
            raise Refused("refused.bindgrid.not_leader", code=grid.code)
        await uow.places.bind_chat(channel, chat_id, grid.id, grid.community_id)
        await uow.commit()
    return grid.name


async def forget_person(uow: UnitOfWork, ctx: Context, person_id: int) -> None:
    """A resident deletes their personal data; their requests stay, anonymised: their name,
    phone, ID numbers and door leave the requests' texts and the notes on them too."""
    async with uow:
        person = await uow.persons.get(person_id)
        if person is None or person.role != Role.RESIDENT:
            raise Refused("refused.forget.staff")
        known = (person.phone, person.address_detail)
        for request in await uow.requests.filed_by(person_id):
            text = anonymised(request.text, person.name, *known)
            if text != request.text:
                await uow.requests.update(request.id, RequestChange(text=text))
            for event in await uow.requests.events(request.id):
                note = anonymised(event.note, person.name, *known)
                if note != event.note:
                    await uow.requests.set_event_note(event.id, note)
        await uow.persons.forget(person_id)
        await uow.commit()


async def set_phone(
    uow: UnitOfWork, ctx: Context, person_id: int, phone: str, share: bool
) -> Person:
    """A resident gives a phone number and says whether the member handling a request may see it."""
    number = normalise_phone(phone)
    if number is None:
        raise Refused("refused.phone.malformed")
    async with uow:
        person = await uow.persons.update(person_id, PersonChange(phone=number, share_phone=share))
        await uow.commit()
    return person
