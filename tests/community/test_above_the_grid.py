"""The ladder above the grid, on both databases: a need the community leaves undispatched
alerts its admins and the 大党委 secretary; a unit that does not claim is reminded, then the
admins are told; only the unit a need went to may claim it; projects; deactivation."""

from datetime import timedelta

import pytest

from core import claims, dispatching, staff, triage, units
from core.errors import Refused
from core.vocabulary import Level, Role, Status
from tests.env import Env
from tests.seed import Seeded, seed
from tests.sla.support import run, sent, stored, submit


async def with_power_service(env: Env, s: Seeded) -> None:
    await units.put_service(
        env.uow(), env.ctx, s.admin, s.unit_org, "线路检修", ["repair"], ["停电", "跳闸"], 2
    )


async def escalated(env: Env, s: Seeded) -> int:
    request = await submit(env, s, text="楼里停电了，配电箱跳闸")
    await triage.escalate_request(env.uow(), env.ctx, request.id, s.leader_a)
    return request.id


async def test_an_undispatched_need_alerts_admins_and_the_secretary(env: Env) -> None:
    s = await seed(env)
    await staff.set_secretary(env.uow(), env.ctx, s.admin, s.leader_b)
    need = await escalated(env, s)
    after = await stored(env, need)
    assert after.claim_by == env.clock.now() + timedelta(hours=24)
    env.clock.advance(hours=24, minutes=-1)
    assert ("community_late", need) not in await run(env)
    env.clock.advance(minutes=1)
    assert ("community_late", need) in await run(env)
    assert ("community_late", need) not in await run(env)
    told = {r.chat_id for r in await sent(env, "admin.undispatched")}
    assert told == {"community", str(s.admin), str(s.leader_b)}
    (alert, *_) = await sent(env, "admin.undispatched")
    assert alert.reply["options"] == [["button.proposals", f"units:{need}", {}]]


async def test_a_unit_that_does_not_claim_is_reminded_then_reported(env: Env) -> None:
    s = await seed(env)
    need = await escalated(env, s)
    dispatched = await dispatching.dispatch_need(env.uow(), env.ctx, need, s.admin, s.unit_org)
    assert (dispatched.level, dispatched.unit_id) == (Level.UNIT, s.unit_org)
    (asked,) = await sent(env, "unit.need")
    assert asked.chat_id == str(s.unit)
    assert asked.reply["options"] == [["button.claim", f"claim:{need}", {}]]
    assert [r.chat_id for r in await sent(env, "resident.dispatched")] == [str(s.residents[0])]
    env.clock.advance(hours=24)
    assert ("unit_remind", need) in await run(env)
    assert [r.chat_id for r in await sent(env, "unit.reminder")] == [str(s.unit)]
    env.clock.advance(hours=24)
    fired = await run(env)
    assert ("unit_late", need) in fired and ("unit_remind", need) not in fired
    assert {r.chat_id for r in await sent(env, "admin.unit_unclaimed")} == {
        "community",
        str(s.admin),
    }
    claimed = await claims.claim_request(env.uow(), env.ctx, need, s.unit)
    assert claimed.status == Status.CLAIMED
    env.clock.advance(hours=48)
    assert not {m for m in await run(env) if m[0].startswith("unit_")}


async def test_only_the_chosen_unit_claims_and_the_grid_cannot_be_skipped(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    with pytest.raises(Refused) as refusal:
        await dispatching.dispatch_need(env.uow(), env.ctx, request.id, s.admin, s.unit_org)
    assert refusal.value.key == "refused.dispatch.level"
    await triage.escalate_request(env.uow(), env.ctx, request.id, s.leader_a)
    with pytest.raises(Refused) as refusal:
        await dispatching.dispatch_need(env.uow(), env.ctx, request.id, s.leader_a, s.unit_org)
    assert refusal.value.key == "refused.who.dispatch"
    other = await units.save_unit(env.uow(), env.ctx, s.admin, "WSZX", "卫生服务中心", "hospital")
    await dispatching.dispatch_need(env.uow(), env.ctx, request.id, s.admin, other.id)
    assert [r.chat_id for r in await sent(env, "admin.unit_no_rep")] == [
        "community",
        str(s.admin),
    ]
    with pytest.raises(Refused) as refusal:
        await claims.claim_request(env.uow(), env.ctx, request.id, s.unit)
    assert refusal.value.key == "refused.who.claim"
    await dispatching.dispatch_need(env.uow(), env.ctx, request.id, s.admin, s.unit_org)
    assert (await claims.claim_request(env.uow(), env.ctx, request.id, s.unit)).claimant_id


async def test_proposals_and_a_project(env: Env) -> None:
    s = await seed(env)
    await with_power_service(env, s)
    project = await dispatching.add_project(
        env.uow(), env.ctx, s.admin, "老旧小区线路改造，楼道经常停电", "repair"
    )
    assert (project.status, project.level, project.type) == (
        Status.ESCALATED,
        Level.COMMUNITY,
        "project",
    )

    def words(text: str) -> list[str]:
        return [w for w in ("停电", "线路", "楼道") if w in text]

    need, found = await dispatching.proposals(env.uow(), env.ctx, project.id, words)
    assert need.id == project.id and [p.lists.unit.code for p in found] == ["GDS"]
    assert [r.key for r in found[0].reasons] == [
        "match.service",
        "match.category",
        "match.keywords",
        "match.capacity",
    ]
    with pytest.raises(Refused):
        await dispatching.add_project(env.uow(), env.ctx, s.leader_a, "办个活动", "culture")


async def test_deactivating_a_member_releases_their_claims(env: Env) -> None:
    s = await seed(env)
    member = s.members_a[0]
    request = await claims.claim_request(env.uow(), env.ctx, (await submit(env, s)).id, member)
    async with env.uow() as uow:
        await staff.set_active(uow, env.ctx, s.admin, member, False)
    after = await stored(env, request.id)
    assert (after.status, after.claimant_id) == (Status.ROUTED, None)
    with pytest.raises(Refused) as refusal:
        await claims.claim_request(env.uow(), env.ctx, request.id, member)
    assert refusal.value.key == "refused.who.claim"
    async with env.uow() as uow:
        members = await uow.persons.in_grid(s.grid_a, [Role.MEMBER])
    assert member not in [p.id for p in members]  # nobody assigns or mentions them now
