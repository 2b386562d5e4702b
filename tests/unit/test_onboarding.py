"""Invites link chat identities to the roster once; residents bind an address; groups bind."""

import asyncio

import pytest

from core import onboarding
from core.errors import Refused
from core.vocabulary import Role
from tests.env import Env
from tests.seed import seed


async def test_invite_redeemed_once_links_identity(env: Env) -> None:
    s = await seed(env)
    invite = await onboarding.create_invite(env.uow(), env.ctx, Role.MEMBER, "XF-01")
    assert len(invite.code) == 8 and invite.role == Role.MEMBER
    person = await onboarding.redeem_invite(
        env.uow(), env.ctx, "telegram", "777", "777", "刘志愿", invite.code.lower()
    )
    assert person.role == Role.MEMBER and person.grid_id == s.grid_a
    assert await onboarding.identify(env.uow(), "telegram", "777") == person
    with pytest.raises(Refused) as refusal:
        await onboarding.redeem_invite(env.uow(), env.ctx, "web", "x", "x", "别人", invite.code)
    assert refusal.value.key == "refused.invite.used"


async def test_invite_for_a_roster_entry_and_expiry(env: Env) -> None:
    s = await seed(env)
    invite = await onboarding.create_invite(
        env.uow(), env.ctx, Role.LEADER, "XF-01", person_id=s.leader_a
    )
    person = await onboarding.redeem_invite(
        env.uow(), env.ctx, "telegram", "9", "9", "whatever", invite.code
    )
    assert person.id == s.leader_a and person.name == "张建国"
    late = await onboarding.create_invite(env.uow(), env.ctx, Role.MEMBER, "XF-02")
    env.clock.advance(hours=env.policy.invite_ttl_hours + 1)
    with pytest.raises(Refused) as refusal:
        await onboarding.redeem_invite(env.uow(), env.ctx, "telegram", "10", "10", "x", late.code)
    assert refusal.value.key == "refused.invite.expired"


async def test_concurrent_redemptions_one_winner(env: Env) -> None:
    await seed(env)
    invite = await onboarding.create_invite(env.uow(), env.ctx, Role.MEMBER, "XF-01")
    outcomes = await asyncio.gather(
        *(
            onboarding.redeem_invite(env.uow(), env.ctx, "web", f"u{i}", f"u{i}", "x", invite.code)
            for i in range(10)
        ),
        return_exceptions=True,
    )
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1


@pytest.mark.parametrize(
    ("role", "grid", "key"),
    [
        (Role.RESIDENT, None, "refused.invite.role"),
        (Role.MEMBER, None, "refused.invite.needs_grid"),
        (Role.MEMBER, "NOPE", "refused.no_such_grid"),
    ],
)
async def test_bad_invites_refused(env: Env, role: Role, grid: str | None, key: str) -> None:
    await seed(env)
    with pytest.raises(Refused) as refusal:
        await onboarding.create_invite(env.uow(), env.ctx, role, grid)
    assert refusal.value.key == key


async def test_unknown_code_refused(env: Env) -> None:
    await seed(env)
    with pytest.raises(Refused) as refusal:
        await onboarding.redeem_invite(env.uow(), env.ctx, "web", "1", "1", "x", "ZZZZZZZZ")
    assert refusal.value.key == "refused.invite.unknown"


async def test_resident_registers_and_binds_address(env: Env) -> None:
    s = await seed(env)
    person = await onboarding.register_resident(env.uow(), env.ctx, "web", "abc", "abc", "陈阿姨")
    again = await onboarding.register_resident(env.uow(), env.ctx, "web", "abc", "abc", "陈阿姨")
    assert again.id == person.id and person.role == Role.RESIDENT
    bound, building = await onboarding.bind_address(
        env.uow(), env.ctx, person.id, s.building_b, "2单元301"
    )
    assert bound.grid_id == s.grid_b and building.name == "和谐苑A座"


async def test_only_the_grids_leader_binds_its_group(env: Env) -> None:
    s = await seed(env)
    name = await onboarding.bind_grid_chat(
        env.uow(), env.ctx, "telegram", "-100", s.leader_a, "XF-01"
    )
    assert name == "幸福家园网格"
    for actor in (s.leader_b, s.members_a[0], s.residents[0]):
        with pytest.raises(Refused) as refusal:
            await onboarding.bind_grid_chat(env.uow(), env.ctx, "telegram", "-1", actor, "XF-01")
        assert refusal.value.key == "refused.bindgrid.not_leader"
