"""Broadcasts (宣传): who may send a notice to which grids, what it would reach, sending it
once however often it is confirmed, its delivery counts; residents' 退订 and 订阅."""

from collections.abc import Sequence
from dataclasses import dataclass

from core.broadcast_ports import Audience, Broadcast, Delivery, Reach
from core.context import Context
from core.errors import Refused
from core.messages import Reply, t
from core.ports import UnitOfWork
from core.records import Grid, Person
from core.vocabulary import Role

PROPAGANDIST = "政策宣传员"
MAX_TEXT = 1000
OWN_GRID, GRIDS, COMMUNITY = "grid", "grids", "community"
SCOPES = (OWN_GRID, GRIDS, COMMUNITY)


@dataclass(frozen=True, slots=True)
class Sent:
    broadcast: Broadcast
    queued: int
    fresh: bool  # False: this token was confirmed before, nothing sent again


def may_broadcast(person: Person) -> bool:
    if not person.active:
        return False
    if person.role in (Role.LEADER, Role.ADMIN):
        return True
    return person.role == Role.MEMBER and PROPAGANDIST in person.posts


def scopes_for(person: Person) -> tuple[str, ...]:
    """The scopes ``person`` may choose, or a refusal."""
    if not may_broadcast(person):
        raise Refused("refused.broadcast.not_allowed", post=PROPAGANDIST)
    if person.role == Role.ADMIN:
        return (GRIDS, COMMUNITY)
    if person.grid_id is None:
        raise Refused("refused.broadcast.no_grid")
    return (OWN_GRID,)


async def grids_for(uow: UnitOfWork, person: Person) -> list[Grid]:
    """The grids ``person`` may pick one by one (an admin: the community's)."""
    async with uow:
        return await _grids(uow, person)


async def _grids(uow: UnitOfWork, person: Person) -> list[Grid]:
    grids = await uow.places.grids()
    if person.role == Role.ADMIN:
        return [g for g in grids if g.community_id == person.community_id]
    return [g for g in grids if g.id == person.grid_id]


async def audience(
    uow: UnitOfWork, person: Person, scope: str, grid_ids: Sequence[int]
) -> Audience:
    """Whom ``scope`` reaches for ``person``, or the reason they may not send there."""
    async with uow:
        return await _audience(uow, person, scope, grid_ids)


async def _audience(
    uow: UnitOfWork, person: Person, scope: str, grid_ids: Sequence[int]
) -> Audience:
    allowed = scopes_for(person)
    if scope == COMMUNITY and COMMUNITY not in allowed:
        raise Refused("refused.broadcast.community_admins_only")
    mine = {g.id: g for g in await _grids(uow, person)}
    if scope == COMMUNITY:
        return Audience(person.community_id or 0, tuple(mine), whole=True)
    own = (person.grid_id,) if person.grid_id is not None else ()
    wanted = own if scope == OWN_GRID else tuple(dict.fromkeys(grid_ids))
    if scope not in SCOPES or not wanted:
        raise Refused("refused.broadcast.no_grid")
    if any(g not in mine for g in wanted):
        raise Refused("refused.broadcast.grid_not_yours")
    return Audience(mine[wanted[0]].community_id, wanted)


def checked_text(text: str) -> str:
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise Refused("refused.broadcast.text", limit=MAX_TEXT)
    return text


async def preview(uow: UnitOfWork, target: Audience) -> Reach:
    async with uow:
        return await uow.broadcasts.reach(target)


def notices(sender: Person, text: str) -> tuple[Reply, Reply]:
    """What residents read (with how to opt out) and what a group reads: the sender as a
    role and a masked name, never more."""
    params = {"role": t(f"role.{sender.role}"), "name": sender.masked_name, "text": text}
    return Reply("broadcast.notice", params), Reply("broadcast.notice_group", params)


async def send(
    uow: UnitOfWork,
    ctx: Context,
    sender: Person,
    scope: str,
    grid_ids: Sequence[int],
    text: str,
    token: str,
) -> Sent:
    """Queue the notice for everyone in scope in this transaction (one INSERT … SELECT), or
    find the broadcast this token already sent."""
    async with uow:
        done = await uow.broadcasts.by_token(token)
        if done is not None:
            return Sent(done, 0, fresh=False)
        target = await _audience(uow, sender, scope, grid_ids)
        body = checked_text(text)
        reach = await uow.broadcasts.reach(target)
        made = await uow.broadcasts.add(
            token, sender.id, target, scope, body, reach.skipped, ctx.now
        )
        resident, group = notices(sender, body)
        queued = await uow.broadcasts.fan_out(made.id, target, resident, group, ctx.now)
        await uow.commit()
    return Sent(made, queued, fresh=True)


async def recent(
    uow: UnitOfWork, person: Person, limit: int = 10
) -> list[tuple[Broadcast, Delivery]]:
    """A sender's latest broadcasts (an admin's: the community's) with their counts."""
    scopes_for(person)
    async with uow:
        mine = None if person.role == Role.ADMIN else person.id
        found = await uow.broadcasts.recent(person.community_id or 0, mine, limit)
        counts = await uow.broadcasts.deliveries([b.id for b in found])
    return [(b, counts.get(b.id, Delivery())) for b in found]


async def subscribe(uow: UnitOfWork, ctx: Context, person_id: int, wanted: bool) -> bool:
    """退订 (``wanted`` False) or 订阅; True when it changed anything."""
    async with uow:
        if wanted:
            changed = await uow.broadcasts.opt_in(person_id)
        else:
            changed = await uow.broadcasts.opt_out(person_id, ctx.now)
        await uow.commit()
    return changed
