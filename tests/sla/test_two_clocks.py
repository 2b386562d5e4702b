"""Two bot processes ticking at once on one database: every event fires exactly once."""

import asyncio
from collections import Counter

from core import claims
from core.clock.ladder import Kind
from core.clock.sla import tick
from tests.delivery.fakes import twin_engine, uow_on
from tests.env import Env
from tests.seed import seed
from tests.sla.support import actions, claimed, sent, submit


async def test_two_clocks_fire_each_event_once(env: Env) -> None:
    s = await seed(env)
    late = await claimed(env, s)  # breach at 72 h, escalation at 96 h
    ignored = await submit(env, s)  # re-announce, breach, escalation
    answered = await claimed(env, s)
    await claims.resolve_request(env.uow(), env.ctx, answered.id, s.members_a[0], "好了")
    env.clock.advance(hours=40)
    fresh = await claimed(env, s)  # 75 % of its 72 h gone at 94 h
    env.clock.advance(hours=60)
    other = await twin_engine(env.engine)
    try:
        reports = await asyncio.gather(
            tick(env.uow, env.ctx), tick(uow_on(other, env.clock), env.ctx)
        )
    finally:
        await other.dispose()
    fired = [m for report in reports for m in report.fired]
    assert len(fired) == len(set(fired))
    assert Counter((str(m.kind), m.subject_id) for m in fired) == Counter(
        [
            ("breach", late.id),
            ("escalate", late.id),
            ("reannounce", ignored.id),
            ("breach", ignored.id),
            ("escalate", ignored.id),
            ("auto_close", answered.id),
            ("remind", fresh.id),
            ("digest", s.leader_a),
            ("digest", s.leader_b),
        ]
    )
    assert not any(report.failed for report in reports)
    assert len(await sent(env, "leader.overdue")) == 2
    assert len(await sent(env, "group.unclaimed")) == 1
    assert len(await sent(env, "member.reminder")) == 1
    assert len(await sent(env, "leader.digest")) == 2
    for request in (late, ignored):
        assert [a for a, _ in await actions(env, request.id)].count("escalate") == 1
    again = await tick(env.uow, env.ctx)
    assert [m for m in again.fired if m.kind != Kind.DIGEST] == []
