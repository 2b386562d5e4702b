"""Waiting on the resident stops the clock; the answer restarts it with deadlines moved on."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from core import claims
from core.clock.calendar import Calendars, WorkCalendar
from core.clock.pausing import pause_request, resume_request
from core.errors import Refused
from tests.env import Env
from tests.seed import seed
from tests.sla.support import actions, claimed, run, sent, stored


async def test_pause_and_resume_move_the_deadlines(env: Env) -> None:
    s = await seed(env)
    member, resident = s.members_a[0], s.residents[0]
    start = env.clock.now()
    request = await claimed(env, s)
    env.clock.advance(hours=10)
    paused = await pause_request(env.uow(), env.ctx, request.id, member, "请问是几单元？")
    assert paused.paused_at == env.clock.now()
    env.clock.advance(hours=100)
    assert await run(env) == []  # past resolve-by, but waiting on the resident
    card = (await sent(env, "card.request"))[-1]
    assert card.reply["params"]["overdue"] == ""
    resumed = await resume_request(env.uow(), env.ctx, request.id, resident, "2单元")
    assert resumed.paused_at is None
    assert resumed.claim_by == start + timedelta(hours=124)
    assert resumed.resolve_by == start + timedelta(hours=172)
    assert await actions(env, request.id) == [
        ("submit", resident),
        ("route", None),
        ("claim", member),
        ("pause", member),
        ("resume", resident),
    ]
    (told,) = await sent(env, "member.resumed")
    assert told.chat_id == str(member) and told.reply["params"]["note"] == "2单元"
    (question,) = await sent(env, "resident.question")
    assert question.reply["params"]["question"] == "请问是几单元？"
    assert question.reply["options"][0][1] == f"answer:{request.id}"
    env.clock.advance(hours=20)  # 130 h of 172: three quarters gone
    assert await run(env) == [("remind", request.id)]
    env.clock.advance(hours=42, minutes=-1)
    assert await run(env) == []
    env.clock.advance(minutes=1)
    assert await run(env) == [("breach", request.id)]


async def test_pause_and_resume_refuse_what_makes_no_sense(env: Env) -> None:
    s = await seed(env)
    request = await claimed(env, s)
    with pytest.raises(Refused) as refusal:
        await resume_request(env.uow(), env.ctx, request.id, s.residents[0])
    assert refusal.value.key == "refused.resume.not_paused"
    with pytest.raises(Refused) as refusal:
        await pause_request(env.uow(), env.ctx, request.id, s.residents[0])
    assert refusal.value.key == "refused.who.pause"
    await pause_request(env.uow(), env.ctx, request.id, s.leader_a)
    with pytest.raises(Refused) as refusal:
        await pause_request(env.uow(), env.ctx, request.id, s.members_a[0])
    assert refusal.value.key == "refused.pause.already"


async def test_paused_time_counts_on_the_community_calendar(env: Env) -> None:
    office = WorkCalendar(hours=((time(8, 30), time(17, 30)),))
    s = await seed(env)
    ctx = replace(env.ctx, calendars=Calendars(communities={"XFL": office}))
    request = await claimed(env, s, ctx)  # Monday 09:30; 24/7 at intake: due Thursday 09:30
    env.clock.current = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)  # Wednesday 16:30, Shanghai
    await pause_request(env.uow(), replace(ctx, now=env.clock.now()), request.id, s.leader_a)
    env.clock.current = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)  # Thursday 09:30
    await resume_request(env.uow(), replace(ctx, now=env.clock.now()), request.id, None)
    after = await stored(env, request.id)
    # Wednesday 16:30–17:30 and Thursday 08:30–09:30: two working hours stood still.
    assert request.resolve_by is not None
    assert after.resolve_by == request.resolve_by + timedelta(hours=2)
    assert ("resume", None) in await actions(env, request.id)


async def test_release_of_a_paused_request_ends_the_pause_and_the_clock_runs(env: Env) -> None:
    s = await seed(env)
    request = await claimed(env, s)
    member = request.claimant_id
    assert member is not None
    await pause_request(env.uow(), env.ctx, request.id, member, "请问是几单元？")
    env.clock.advance(hours=2)
    released = await claims.release_request(env.uow(), env.ctx, request.id, member)
    assert released.paused_at is None
    assert released.resolve_by is not None and request.resolve_by is not None
    assert released.resolve_by > request.resolve_by
    env.clock.advance(days=20)
    assert ("breach", request.id) in await run(env)
