"""The leaders' daily digest: at the configured hour, once per leader per day."""

from core import claims, closing
from core.clock.ladder import Kind
from core.clock.sla import tick
from tests.env import Env
from tests.seed import seed
from tests.sla.support import claimed, sent, submit


def digests(report) -> list[int]:
    return sorted(m.subject_id for m in report.fired if m.kind == Kind.DIGEST)


async def test_digest_once_a_day_at_the_hour(env: Env) -> None:
    s = await seed(env)
    done = await claimed(env, s)
    member, resident = s.members_a[0], s.residents[0]
    await claims.resolve_request(env.uow(), env.ctx, done.id, member, "好了")
    await closing.confirm_fixed(env.uow(), env.ctx, done.id, resident)
    await closing.rate_request(env.uow(), env.ctx, done.id, resident, 5)
    await submit(env, s)
    assert digests(await tick(env.uow, env.ctx)) == sorted([s.leader_a, s.leader_b])
    assert digests(await tick(env.uow, env.ctx)) == []
    (first, _) = await sent(env, "leader.digest")
    assert first.chat_id == str(s.leader_a)
    assert first.reply["params"] == {
        "date": "2026-11-23",
        "grid": "幸福家园网格",
        "new": 0,  # filed after 08:00 today: tomorrow's digest
        "open": 1,
        "overdue": 0,
        "resolved": 0,
        "rated": 0,
    }
    env.clock.advance(hours=22, minutes=29)  # Tuesday 07:59 in Shanghai
    assert digests(await tick(env.uow, env.ctx)) == []
    env.clock.advance(minutes=1)
    assert digests(await tick(env.uow, env.ctx)) == sorted([s.leader_a, s.leader_b])
    latest = (await sent(env, "leader.digest"))[-2].reply["params"]
    assert latest == {
        **first.reply["params"],
        "date": "2026-11-24",
        "new": 2,
        "resolved": 1,
        "rated": 1,
    }
