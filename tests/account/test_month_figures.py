"""The 三率, points and stars of the fixture month (tests/account/month.py), against figures
worked out by hand; recomputing gives the same ledger and levels."""

import pytest

from core import ledger, stars
from core.account_figures import assess
from core.periods import Period, month
from tests.account.month import Month, build_month
from tests.env import Env

NOVEMBER = "2026-11"


@pytest.fixture
async def nov(env: Env) -> Month:
    return await build_month(env)


def period(env: Env) -> Period:
    return month(NOVEMBER, env.policy.timezone)


async def test_the_three_rates_for_the_community_each_grid_member_and_unit(
    env: Env, nov: Month
) -> None:
    found = await assess(env.uow(), env.ctx, period(env))
    s = nov.seeded
    m0, m1, m2 = (f"person:{m}" for m in s.members_a)
    community = found.figures["community"]
    # counted: A B C D E F (G was rejected); F is still within its limits
    assert community["total"] == 6
    assert community["due_response"] == 5 and community["response_rate"] == 3 / 5
    assert community["due_resolution"] == 5 and community["resolution_rate"] == 4 / 5
    assert community["rated"] == 3 and community["satisfaction_rate"] == 2 / 3
    assert community["average_stars"] == 4.0
    assert community["on_time_rate"] == 3 / 4  # B was resolved late
    assert community["resolved_once"] == 4 and community["reopen_rate"] == 1 / 4
    assert community["median_response_hours"] == 3.5  # 1, 2, 5 (C's new claim), 30
    assert community["median_resolution_hours"] == 15.0  # 7, 10, 20, 80
    assert community["wishes_fulfilled"] == 1

    grid_a, grid_b = found.figures["XF-01"], found.figures["XF-02"]
    assert grid_a["total"] == 5 and grid_a["response_rate"] == 3 / 4
    assert grid_a["resolution_rate"] == 1.0 and grid_a["satisfaction_rate"] == 2 / 3
    assert grid_b["total"] == 1 and grid_b["response_rate"] == 0.0
    assert grid_b["resolution_rate"] == 0.0 and grid_b["satisfaction_rate"] is None

    assert found.figures[m0]["total"] == 1  # A; C now answers to m2, who solved it
    assert found.figures[m0]["satisfaction_rate"] == 1.0
    assert found.figures[m1]["response_rate"] == 0.0  # assigned late
    assert found.figures[m1]["on_time_rate"] == 0.0 and found.figures[m1]["satisfaction_rate"] == 0
    assert found.figures[m2]["reopen_rate"] == 1.0 and found.figures[m2]["rated"] == 0
    assert found.figures[f"person:{s.member_b}"]["resolution_rate"] == 0.0
    assert found.figures[f"person:{s.leader_a}"]["total"] == 0
    unit = found.figures[f"unit:{s.unit}"]
    assert unit["total"] == 1 and unit["wishes_fulfilled"] == 1
    assert unit["response_rate"] == unit["resolution_rate"] == unit["satisfaction_rate"] == 1.0


async def test_points_and_hours_follow_the_rules_with_a_request_behind_each(
    env: Env, nov: Month
) -> None:
    s = nov.seeded
    m0, m1, m2 = s.members_a
    lines = await ledger.settle(env.uow(), env.ctx, period(env))
    by_person: dict[int, list[tuple[str, str, int]]] = {}
    for line in lines:
        by_person.setdefault(line.person_id, []).append((line.number, line.rule, line.points))
    a, b, c, d, e = (r.number for r in (nov.a, nov.b, nov.c, nov.d, nov.e))
    assert sorted(by_person[m0]) == sorted(
        [
            (a, "claim", 1),
            (a, "resolve_on_time", 3),
            (a, "good_rating", 2),
            (c, "claim", 1),
            (c, "resolve_on_time", 3),
            (c, "reopened", -3),
        ]
    )
    assert by_person[m1] == [(b, "resolve_late", 1)]  # assigned: no claim points; rated 3
    assert sorted(by_person[m2]) == [(c, "claim", 1), (c, "resolve_on_time", 3)]
    assert sorted(by_person[s.member_b]) == [(d, "claim", 1), (d, "late_release", -2)]
    assert sorted(by_person[s.unit]) == sorted(
        [
            (e, "claim", 1),
            (e, "resolve_on_time", 3),
            (e, "wish_fulfilled", 5),
            (e, "good_rating", 2),
        ]
    )
    hours = {(line.person_id, line.number): line.hours for line in lines if line.hours}
    assert hours == {(m0, a): 1.5, (m0, c): 1.0, (m2, c): 1.0, (m1, b): 1.0, (s.unit, e): 2.0}

    found = await assess(env.uow(), env.ctx, period(env))
    assert found.figures["XF-01"]["points"] == 7 + 1 + 4
    assert found.figures["XF-01"]["hours"] == 4.5
    assert found.figures["community"]["points"] == 12 - 1 + 11
    assert found.figures["community"]["hours"] == 6.5


async def test_recomputing_the_month_gives_the_same_ledger_and_levels(env: Env, nov: Month) -> None:
    first = await ledger.settle(env.uow(), env.ctx, period(env))
    again = await ledger.settle(env.uow(), env.ctx, period(env))
    assert again == first and len({line.id for line in again}) == len(again)
    proposed = await stars.propose(env.uow(), env.ctx, period(env))
    assert await stars.propose(env.uow(), env.ctx, period(env)) == proposed
    levels = {level.subject_key: level.level for level in proposed}
    s = nov.seeded
    # grid A: resolution ✓ and a wish fulfilled ✓ (response 75 %, satisfaction 67 % ✗)
    assert levels["XF-01"] == 3 and levels["XF-02"] == 1
    assert levels[f"person:{s.members_a[0]}"] == 3  # on time ✓, satisfied ✓; 7 points ✗
    assert levels[f"unit:{s.unit}"] == 4  # 11 points ✓, on time ✓, satisfied ✓
    reasons = next(x for x in proposed if x.subject_key == "XF-01").reasons
    assert [r["met"] for r in reasons] == [False, True, False, True]
    assert reasons[0] == {"figure": "response_rate", "value": 0.75, "at_least": 0.9, "met": False}


async def test_a_correction_is_kept_with_its_reason_when_the_month_is_recomputed(
    env: Env, nov: Month
) -> None:
    lines = await ledger.settle(env.uow(), env.ctx, period(env))
    target = next(line for line in lines if line.rule == "resolve_late")
    fixed = await ledger.correct(
        env.uow(), env.ctx, target.id or 0, nov.seeded.admin, 2, "指派时人手紧，不算超时"
    )
    assert (fixed.rule, fixed.points, fixed.corrects_id) == ("correction", 2, target.id)
    again = await ledger.settle(env.uow(), env.ctx, period(env))
    corrections = [line for line in again if line.rule == "correction"]
    assert len(again) == len(lines) + 1 and len(corrections) == 1
    assert corrections[0].note == "指派时人手紧，不算超时"
    assert corrections[0].actor_id == nov.seeded.admin


async def test_published_stars_are_not_proposed_again(env: Env, nov: Month) -> None:
    from core.errors import Refused

    await stars.propose(env.uow(), env.ctx, period(env))
    assert await stars.publish(env.uow(), env.ctx, period(env)) > 0
    with pytest.raises(Refused) as refused:
        await stars.propose(env.uow(), env.ctx, period(env))
    assert refused.value.key == "refused.stars.published"


async def test_a_past_month_counts_what_fell_due_within_it_whenever_it_is_read(
    env: Env, nov: Month
) -> None:
    from datetime import UTC, datetime

    from core import intake
    from tests.account.month import REPAIR

    env.clock.current = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # 11:00 on the last day
    late_in_month = await intake.submit_request(env.uow(), env.ctx, nov.seeded.residents[0], REPAIR)
    assert late_in_month.claim_by is not None and late_in_month.claim_by > period(env).end
    env.clock.current = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)
    found = await assess(env.uow(), env.ctx, period(env))
    community = found.figures["community"]
    # F's claim-by (6 November) passed within the month: due, unclaimed; the request of the
    # 30th falls due in December and lowers no November rate, now or later
    assert community["total"] == 7 and community["due_response"] == 6
    assert community["response_rate"] == 3 / 6
    first = await stars.proposals(env.uow(), env.ctx, period(env))
    env.clock.current = datetime(2027, 1, 20, 2, 0, tzinfo=UTC)
    assert await stars.proposals(env.uow(), env.ctx, period(env)) == first
