"""Every transition of the request state machine: allowed, refused with its reason, audited."""

import pytest
from sqlalchemy import select

from core import claims, closing, dispatching, intake, triage
from core.changes import PersonChange
from core.errors import Refused
from core.intake import Draft
from core.vocabulary import Level, Outcome, Status
from db.models import OutboxRow
from tests.env import Env
from tests.seed import Seeded, seed

LIGHT = Draft(
    "5号楼2单元楼道灯坏了一个礼拜",
    "repair",
    "repair.corridor_light",
    "complaint",
    keywords=("楼道灯",),
)


async def submit(env: Env, s: Seeded, draft: Draft = LIGHT, resident: int | None = None):
    return await intake.submit_request(env.uow(), env.ctx, resident or s.residents[0], draft)


async def events(env: Env, request_id: int) -> list[tuple[str, str | None, str | None]]:
    async with env.uow() as uow:
        return [
            (e.action, e.from_status, e.to_status) for e in await uow.requests.events(request_id)
        ]


async def outbox(env: Env) -> list[OutboxRow]:
    async with env.uow() as uow:
        return list(await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


async def test_submit_numbers_routes_and_announces(env: Env) -> None:
    s = await seed(env)
    first = await submit(env, s)
    second = await submit(env, s)
    assert first.number == "20261123-0001" and second.number == "20261123-0002"
    assert first.status == Status.ROUTED and first.grid_id == s.grid_a
    assert first.claim_by is not None and first.resolve_by is not None
    assert await events(env, first.id) == [
        ("submit", None, "submitted"),
        ("route", "submitted", "routed"),
    ]
    rows = await outbox(env)
    keys = [(r.chat_id, r.reply["key"]) for r in rows[:3]]
    assert keys == [  # one message per card: the members whose posts fit are named in it
        (str(s.residents[0]), "resident.submitted"),
        ("group-a", "card.request"),
        (str(s.residents[0]), "resident.submitted"),
    ]
    card = rows[1].reply["params"]
    assert card["who"] == "王**" and "1380000" not in str(card)
    assert card["mention"]["params"]["names"]
    assert rows[1].reply["options"] == [["button.claim", f"claim:{first.id}", {}]]


async def test_urgent_request_alerts_leader_and_names_hotline(env: Env) -> None:
    s = await seed(env)
    draft = Draft("楼道里冒烟了", "safety", None, "help", urgent=True, hotlines=("119",))
    request = await submit(env, s, draft)
    assert request.urgent
    assert (request.claim_by - env.clock.now()).total_seconds() == 1800
    rows = await outbox(env)
    ack = rows[0].reply
    assert ack["key"] == "resident.submitted_urgent" and ack["params"]["hotlines"] == "119"
    assert any(r.chat_id == str(s.leader_a) and r.reply["key"] == "leader.urgent" for r in rows)


async def test_full_loop_to_rated_close(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    member = s.members_a[0]
    claimed = await claims.claim_request(env.uow(), env.ctx, request.id, member)
    assert claimed.status == Status.CLAIMED and claimed.claimant_id == member
    await claims.report_progress(env.uow(), env.ctx, request.id, member, "已联系物业，明天换灯")
    resolved = await claims.resolve_request(env.uow(), env.ctx, request.id, member, "灯已换好")
    assert resolved.status == Status.RESOLVED
    closed = await closing.confirm_fixed(env.uow(), env.ctx, request.id, s.residents[0])
    assert closed.status == Status.CLOSED and closed.outcome == Outcome.FIXED
    await closing.rate_request(env.uow(), env.ctx, request.id, s.residents[0], 5)
    assert await events(env, request.id) == [
        ("submit", None, "submitted"),
        ("route", "submitted", "routed"),
        ("claim", "routed", "claimed"),
        ("progress", "claimed", None),
        ("resolve", "claimed", "resolved"),
        ("confirm", "resolved", "closed"),
        ("rate", "closed", None),
    ]
    rows = await outbox(env)
    details = [r for r in rows if r.reply["key"] == "task.details"]
    assert len(details) == 1 and details[0].chat_id == str(member)
    assert details[0].reply["params"]["phone"] == "13800000000"
    edits = [r for r in rows if r.edit and r.ref == f"req:{request.id}:card"]
    assert [e.reply["params"]["status"]["$t"] for e in edits] == [
        "status.claimed",
        "status.resolved",
        "status.closed",
    ]
    with pytest.raises(Refused) as refusal:
        await closing.rate_request(env.uow(), env.ctx, request.id, s.residents[0], 4)
    assert refusal.value.key == "refused.rate.already"


async def test_phone_hidden_unless_resident_agreed(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s, resident=s.residents[1])
    await claims.claim_request(env.uow(), env.ctx, request.id, s.members_a[0])
    details = next(r for r in await outbox(env) if r.reply["key"] == "task.details")
    assert details.reply["params"]["phone"] == {"$t": "task.phone_hidden"}


async def test_low_rating_alerts_leader(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    await claims.claim_request(env.uow(), env.ctx, request.id, s.members_a[0])
    await claims.resolve_request(env.uow(), env.ctx, request.id, s.members_a[0], "好了")
    await closing.confirm_fixed(env.uow(), env.ctx, request.id, s.residents[0])
    await closing.rate_request(env.uow(), env.ctx, request.id, s.residents[0], 1, "态度差")
    alerts = [r for r in await outbox(env) if r.reply["key"] == "leader.low_rating"]
    assert [a.chat_id for a in alerts] == [str(s.leader_a)]


async def test_reopen_returns_to_grid_and_tells_claimant(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    member = s.members_a[0]
    await claims.claim_request(env.uow(), env.ctx, request.id, member)
    await claims.resolve_request(env.uow(), env.ctx, request.id, member, "好了")
    reopened = await closing.reopen_request(
        env.uow(), env.ctx, request.id, s.residents[0], "还是黑"
    )
    assert reopened.status == Status.REOPENED and reopened.claimant_id is None
    assert reopened.reopen_count == 1
    keys = {(r.chat_id, r.reply["key"]) for r in await outbox(env)}
    assert (str(member), "member.reopened") in keys and (str(s.leader_a), "leader.reopened") in keys
    again = await claims.claim_request(env.uow(), env.ctx, request.id, s.members_a[1])
    assert again.claimant_id == s.members_a[1]


async def test_closed_without_answer_and_closed_not_fixed_are_recorded(env: Env) -> None:
    s = await seed(env)
    a, b = await submit(env, s), await submit(env, s)
    await claims.claim_request(env.uow(), env.ctx, a.id, s.members_a[0])
    await claims.resolve_request(env.uow(), env.ctx, a.id, s.members_a[0], "好了")
    silent = await closing.close_without_answer(env.uow(), env.ctx, a.id)
    assert silent.status == Status.CLOSED and silent.outcome == Outcome.NO_ANSWER
    unfixed = await closing.close_unfixed(env.uow(), env.ctx, b.id, s.leader_a, "需市政统一改造")
    assert unfixed.status == Status.CLOSED and unfixed.outcome == Outcome.NOT_FIXED


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("member_b", "refused.who.claim"),
        ("resident", "refused.who.claim"),
        ("leader_b", "refused.who.claim"),
        ("admin", "refused.who.claim"),
    ],
)
async def test_claim_refused_outside_grid(env: Env, who: str, key: str) -> None:
    s = await seed(env)
    request = await submit(env, s)
    actor = {
        "member_b": s.member_b,
        "resident": s.residents[1],
        "leader_b": s.leader_b,
        "admin": s.admin,
    }[who]
    with pytest.raises(Refused) as refusal:
        await claims.claim_request(env.uow(), env.ctx, request.id, actor)
    assert refusal.value.key == key


async def test_refusals_name_the_reason(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    member, resident, other = s.members_a[0], s.residents[0], s.residents[1]
    cases = [
        (
            claims.resolve_request(env.uow(), env.ctx, request.id, member, "x"),
            "refused.who.resolve",
        ),
        (closing.confirm_fixed(env.uow(), env.ctx, request.id, resident), "refused.state"),
        (closing.reopen_request(env.uow(), env.ctx, request.id, other), "refused.who.reopen"),
        (intake.cancel_request(env.uow(), env.ctx, request.id, other), "refused.who.cancel"),
        (
            triage.reject_request(env.uow(), env.ctx, request.id, member, "不归我们管"),
            "refused.who.reject",
        ),
        (
            triage.reject_request(env.uow(), env.ctx, request.id, s.leader_a, "  "),
            "refused.reason_required",
        ),
        (claims.release_request(env.uow(), env.ctx, request.id, member), "refused.who.release"),
        (closing.rate_request(env.uow(), env.ctx, request.id, resident, 9), "refused.rate.range"),
        (triage.escalate_request(env.uow(), env.ctx, request.id, member), "refused.who.escalate"),
        (
            claims.assign_request(env.uow(), env.ctx, request.id, s.leader_a, s.member_b),
            "refused.assign.not_member",
        ),
        (
            triage.recategorise_request(env.uow(), env.ctx, request.id, s.leader_a, "nope"),
            "refused.no_such_category",
        ),
    ]
    for call, key in cases:
        with pytest.raises(Refused) as refusal:
            await call
        assert refusal.value.key == key, key
    await claims.claim_request(env.uow(), env.ctx, request.id, member)
    with pytest.raises(Refused) as refusal:
        await intake.cancel_request(env.uow(), env.ctx, request.id, resident)
    assert refusal.value.key == "refused.state"
    assert refusal.value.params["status"] == {"$t": "status.claimed"}


async def test_cancel_before_claim(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    cancelled = await intake.cancel_request(env.uow(), env.ctx, request.id, s.residents[0])
    assert cancelled.status == Status.CANCELLED
    with pytest.raises(Refused) as refusal:
        await claims.claim_request(env.uow(), env.ctx, request.id, s.members_a[0])
    assert refusal.value.key == "refused.state"


async def test_release_assign_and_claim_limit(env: Env) -> None:
    s = await seed(env)
    requests = [await submit(env, s) for _ in range(4)]
    member = s.members_a[0]
    for request in requests[:3]:
        await claims.claim_request(env.uow(), env.ctx, request.id, member)
    with pytest.raises(Refused) as refusal:
        await claims.claim_request(env.uow(), env.ctx, requests[3].id, member)
    assert refusal.value.key == "refused.claim.limit"
    released = await claims.release_request(env.uow(), env.ctx, requests[0].id, member, "临时出差")
    assert released.status == Status.ROUTED and released.claimant_id is None
    assigned = await claims.assign_request(
        env.uow(), env.ctx, requests[1].id, s.leader_a, s.members_a[1]
    )
    assert assigned.claimant_id == s.members_a[1]
    keys = {(r.chat_id, r.reply["key"]) for r in await outbox(env)}
    assert (str(member), "member.reassigned") in keys


async def test_escalation_ladder_is_not_a_dead_end(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    up = await triage.escalate_request(env.uow(), env.ctx, request.id, s.leader_a, "涉及供电")
    assert up.status == Status.ESCALATED and up.level == Level.COMMUNITY
    with pytest.raises(Refused):
        await claims.claim_request(env.uow(), env.ctx, request.id, s.members_a[0])
    claimed = await claims.claim_request(env.uow(), env.ctx, request.id, s.admin)
    assert claimed.claimant_id == s.admin
    released = await claims.release_request(env.uow(), env.ctx, request.id, s.admin)
    assert released.status == Status.ESCALATED
    with pytest.raises(Refused) as refusal:
        await triage.escalate_request(env.uow(), env.ctx, request.id, s.admin, "请供电所")
    assert refusal.value.key == "refused.escalate.dispatch"  # the community picks the unit
    top = await dispatching.dispatch_need(env.uow(), env.ctx, request.id, s.admin, s.unit_org)
    assert (top.level, top.unit_id) == (Level.UNIT, s.unit_org)
    by_unit = await claims.claim_request(env.uow(), env.ctx, request.id, s.unit)
    assert by_unit.claimant_id == s.unit
    await claims.release_request(env.uow(), env.ctx, request.id, s.unit)
    with pytest.raises(Refused) as refusal:
        await triage.escalate_request(env.uow(), env.ctx, request.id, s.admin)
    assert refusal.value.key == "refused.escalate.top"
    community_cards = [r for r in await outbox(env) if r.chat_id == "community"]
    assert {r.ref for r in community_cards} == {f"req:{request.id}:card:community"}


async def test_merge_makes_resident_follow_original(env: Env) -> None:
    s = await seed(env)
    original = await submit(env, s)
    duplicate = await submit(env, s, resident=s.residents[1])
    merged = await triage.merge_request(
        env.uow(), env.ctx, duplicate.id, s.leader_a, original.number
    )
    assert merged.status == Status.MERGED and merged.merged_into_id == original.id
    async with env.uow() as uow:
        assert await uow.requests.followers(original.id) == [s.residents[1]]
        mine = await uow.requests.of_resident(s.residents[1])
    assert {r.id for r in mine} == {original.id, duplicate.id}
    with pytest.raises(Refused) as refusal:
        await triage.merge_request(env.uow(), env.ctx, original.id, s.leader_a, original.number)
    assert refusal.value.key == "refused.merge.target"


async def test_follow_and_recategorise(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    followed = await intake.follow_request(env.uow(), env.ctx, request.id, s.residents[1])
    assert followed.followers == 1
    with pytest.raises(Refused) as refusal:
        await intake.follow_request(env.uow(), env.ctx, request.id, s.residents[1])
    assert refusal.value.key == "refused.follow.already"
    changed = await triage.recategorise_request(
        env.uow(), env.ctx, request.id, s.leader_a, "env", "env.rubbish"
    )
    assert changed.category == "env"
    assert (await events(env, request.id))[-1] == ("recategorise", "routed", None)


async def test_unrouted_request_goes_to_admins_and_is_routed_by_them(env: Env) -> None:
    s = await seed(env)
    async with env.uow() as uow:
        await uow.persons.update(s.residents[1], PersonChange(building_id=None, grid_id=None))
        await uow.commit()
    request = await submit(env, s, resident=s.residents[1])
    assert request.status == Status.SUBMITTED and request.grid_id is None
    routed = await triage.route_request(env.uow(), env.ctx, request.id, s.admin, "xf-02")
    assert routed.status == Status.ROUTED and routed.grid_id == s.grid_b


async def test_failed_action_changes_nothing(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    before = await outbox(env)
    with pytest.raises(Refused):
        await claims.resolve_request(env.uow(), env.ctx, request.id, s.members_a[0], "x")
    assert len(await outbox(env)) == len(before)
    assert len(await events(env, request.id)) == 2
