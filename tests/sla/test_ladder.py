"""The ladder, one rung at a time: reminder, breach, escalation, re-announce, release, close."""

from dataclasses import replace

from core import claims
from core.vocabulary import Level, Outcome, Status
from tests.env import Env
from tests.seed import seed
from tests.sla.support import actions, claimed, run, sent, stored, submit


async def test_claimant_is_reminded_at_three_quarters_once(env: Env) -> None:
    s = await seed(env)
    request = await claimed(env, s)  # resolve within 72 h: reminded after 54 h
    env.clock.advance(hours=54, minutes=-1)
    assert await run(env) == []
    env.clock.advance(minutes=1)
    assert await run(env) == [("remind", request.id)]
    assert await run(env) == []
    (reminder,) = await sent(env, "member.reminder")
    assert reminder.chat_id == str(s.members_a[0])
    assert reminder.reply["params"]["number"] == request.number
    assert reminder.reply["params"]["deadline"] == "11-26 09:30"


async def test_breach_alerts_the_leader_and_marks_the_card(env: Env) -> None:
    s = await seed(env)
    request = await claimed(env, s)
    env.clock.advance(hours=72)
    assert await run(env) == [("breach", request.id)]
    (alert,) = await sent(env, "leader.overdue")
    assert alert.chat_id == str(s.leader_a)
    assert alert.reply["params"]["claimant"] == "党员0"
    assert alert.reply["params"]["status"] == {"$t": "status.claimed"}
    card = (await sent(env, "card.request"))[-1]
    assert (card.chat_id, card.edit, card.ref) == ("group-a", True, f"req:{request.id}:card")
    assert card.reply["params"]["overdue"] == {"$t": "card.overdue"}
    first_card = (await sent(env, "card.request"))[0]
    assert first_card.reply["params"]["overdue"] == ""


async def test_escalation_a_day_after_the_breach(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    env.clock.advance(hours=72)
    assert await run(env) == [("reannounce", request.id), ("breach", request.id)]
    env.clock.advance(hours=24, minutes=-1)
    assert await run(env) == []
    env.clock.advance(minutes=1)
    assert await run(env) == [("escalate", request.id)]
    after = await stored(env, request.id)
    assert (after.status, after.level) == (Status.ESCALATED, Level.COMMUNITY)
    assert ("escalate", None) in await actions(env, request.id)
    cards = [r for r in await sent(env, "card.request") if r.chat_id == "community"]
    assert len(cards) == 1 and cards[0].reply["params"]["overdue"] == {"$t": "card.overdue"}
    env.clock.advance(hours=100)  # the clock escalates once; the community dispatches
    assert await run(env) == [("community_late", request.id)]  # or is told it has not
    assert await run(env) == []


async def test_unclaimed_request_is_announced_again(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s)
    env.clock.advance(hours=24)
    assert await run(env) == [("reannounce", request.id)]
    (again,) = await sent(env, "group.unclaimed")
    assert again.chat_id == "group-a"
    assert again.reply["options"] == [["button.claim", f"claim:{request.id}", {}]]
    assert await run(env) == []


async def test_stale_claim_goes_back_to_the_grid(env: Env) -> None:
    env.policy = replace(env.policy, stale_claim_hours=48)
    s = await seed(env)
    member = s.members_a[0]
    request = await claimed(env, s)
    env.clock.advance(hours=10)
    await claims.report_progress(env.uow(), env.ctx, request.id, member, "已联系物业")
    env.clock.advance(hours=48, minutes=-1)
    assert await run(env) == [("remind", request.id)]
    env.clock.advance(minutes=1)
    assert await run(env) == [("release", request.id)]
    after = await stored(env, request.id)
    assert (after.status, after.claimant_id) == (Status.ROUTED, None)
    assert ("release", None) in await actions(env, request.id)
    told = await sent(env, "member.released") + await sent(env, "member.stale_released")
    assert [r.chat_id for r in told] == [str(member)] * 2
    assert told[1].reply["params"] == {"number": request.number, "days": "2"}


async def test_resolved_without_answer_is_closed(env: Env) -> None:
    s = await seed(env)
    request = await claimed(env, s)
    await claims.resolve_request(env.uow(), env.ctx, request.id, s.members_a[0], "灯已换好")
    env.clock.advance(days=3, minutes=-1)
    assert await run(env) == []
    env.clock.advance(minutes=1)
    assert await run(env) == [("auto_close", request.id)]
    after = await stored(env, request.id)
    assert (after.status, after.outcome) == (Status.CLOSED, Outcome.NO_ANSWER)
    assert await run(env) == []


async def test_urgent_request_runs_on_wall_clock(env: Env) -> None:
    s = await seed(env)
    request = await submit(env, s, urgent=True)
    env.clock.advance(minutes=30)
    assert await run(env) == [("reannounce", request.id)]
    env.clock.advance(hours=3, minutes=30)
    assert await run(env) == [("breach", request.id)]
