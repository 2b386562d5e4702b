"""A fixture month (November 2026) made through the real services, with every kind of case
the accountability figures must tell apart; the hand-computed figures are in the tests.

T0 = 2026-11-02 02:00 UTC. Limits (the test taxonomy): claim 24 h, resolve 72 h.

- A (grid A, repair): m0 claims at +2 h, resolves at +10 h, confirmed, rated 5; m0 enters 1.5 h
- B (grid A): filed +1 h; the leader assigns m1 at +31 h (late), m1 resolves at +81 h (late),
  confirmed, rated 3
- C (grid A): filed +2 h; m0 claims +3 h, resolves +5 h; reopened +6 h; m2 claims +7 h,
  resolves +9 h, confirmed, not rated
- D (grid B): filed +3 h; member_b claims +4 h, releases at +84 h (past resolve-by +75 h)
- E (grid A, wish, care): filed +4 h; the unit's representative claims +5 h, resolves +24 h,
  confirmed, rated 4
- F (grid A): filed +90 h, still within its limits when the figures are read
- G (grid A): filed +2 h, rejected by the leader (not counted)

The figures are read at +91 h.
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from core import claims, closing, intake, ledger, triage
from core.intake import Draft
from core.records import Request
from tests.env import Env
from tests.seed import Seeded, seed

T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
READ_AT = T0 + timedelta(hours=91)
REPAIR = Draft("楼道灯坏了", "repair", "repair.corridor_light", "complaint")


@dataclass(frozen=True)
class Month:
    seeded: Seeded
    a: Request
    b: Request
    c: Request
    d: Request
    e: Request
    f: Request
    g: Request


async def build_month(env: Env) -> Month:
    env.clock.current = T0
    s = await seed(env)
    m0, m1, m2 = s.members_a
    r0, r1 = s.residents

    def at(hours: float) -> None:
        env.clock.current = T0 + timedelta(hours=hours)

    async def filed(resident: int, **changes: Any) -> Request:
        return await intake.submit_request(env.uow(), env.ctx, resident, replace(REPAIR, **changes))

    a = await filed(r0, text="楼道灯坏了，5号楼三楼")
    at(1)
    b = await filed(r1, text="单元门关不上")
    at(2)
    c = await filed(r0, text="水管滴水")
    g = await filed(r1, text="想问问社保")
    at(3)
    d = await filed(r0, text="和谐苑A座垃圾没人清", building_id=s.building_b)
    at(4)
    e = await filed(r1, text="想给孙子买个书包", category="care", subcategory=None, type="wish")
    at(2)
    await claims.claim_request(env.uow(), env.ctx, a.id, m0)
    at(3)
    await claims.claim_request(env.uow(), env.ctx, c.id, m0)
    await triage.reject_request(env.uow(), env.ctx, g.id, s.leader_a, "不属于网格的事")
    at(4)
    await claims.claim_request(env.uow(), env.ctx, d.id, s.member_b)
    at(5)
    await claims.resolve_request(env.uow(), env.ctx, c.id, m0, "换了垫圈")
    await claims.claim_request(env.uow(), env.ctx, e.id, s.unit)
    at(6)
    await closing.reopen_request(env.uow(), env.ctx, c.id, r0, "还在滴")
    at(7)
    await claims.claim_request(env.uow(), env.ctx, c.id, m2)
    at(9)
    await claims.resolve_request(env.uow(), env.ctx, c.id, m2, "换了水龙头")
    at(10)
    await claims.resolve_request(env.uow(), env.ctx, a.id, m0, "换了灯泡")
    await closing.confirm_fixed(env.uow(), env.ctx, c.id, r0)
    at(11)
    await closing.confirm_fixed(env.uow(), env.ctx, a.id, r0)
    await closing.rate_request(env.uow(), env.ctx, a.id, r0, 5)
    await ledger.enter_hours(env.uow(), env.ctx, a.id, m0, 1.5)
    at(24)
    await claims.resolve_request(env.uow(), env.ctx, e.id, s.unit, "书包送到了")
    at(25)
    await closing.confirm_fixed(env.uow(), env.ctx, e.id, r1)
    await closing.rate_request(env.uow(), env.ctx, e.id, r1, 4)
    at(31)
    await claims.assign_request(env.uow(), env.ctx, b.id, s.leader_a, m1)
    at(81)
    await claims.resolve_request(env.uow(), env.ctx, b.id, m1, "修好了")
    at(82)
    await closing.confirm_fixed(env.uow(), env.ctx, b.id, r1)
    await closing.rate_request(env.uow(), env.ctx, b.id, r1, 3)
    at(84)
    await claims.release_request(env.uow(), env.ctx, d.id, s.member_b, "人手不够")
    at(90)
    f = await filed(r0, text="路灯不亮")
    env.clock.current = READ_AT
    return Month(s, a, b, c, d, e, f, g)
