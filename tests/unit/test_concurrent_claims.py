"""Competing actions resolve in the database: of many concurrent claims exactly one wins."""

import asyncio

from core import claims, intake
from core.errors import Refused
from core.vocabulary import Status
from tests.env import Env
from tests.seed import seed
from tests.unit.test_request_lifecycle import LIGHT, events

CLAIMERS = 50


async def test_fifty_concurrent_claims_one_winner(env: Env) -> None:
    s = await seed(env, members=CLAIMERS)
    request = await intake.submit_request(env.uow(), env.ctx, s.residents[0], LIGHT)

    async def attempt(member: int) -> int | str | None:
        try:
            return (await claims.claim_request(env.uow(), env.ctx, request.id, member)).claimant_id
        except Refused as refusal:
            return refusal.key

    results = await asyncio.gather(*(attempt(m) for m in s.members_a))
    winners = [r for r in results if isinstance(r, int)]
    assert len(winners) == 1
    assert set(results) - set(winners) == {"refused.claim.taken"}
    async with env.uow() as uow:
        stored = await uow.requests.get(request.id)
    assert stored is not None and stored.status == Status.CLAIMED
    assert stored.claimant_id == winners[0]
    assert [e[0] for e in await events(env, request.id)].count("claim") == 1


async def test_claim_racing_cancel_leaves_one_outcome(env: Env) -> None:
    s = await seed(env)
    request = await intake.submit_request(env.uow(), env.ctx, s.residents[0], LIGHT)
    outcomes = await asyncio.gather(
        claims.claim_request(env.uow(), env.ctx, request.id, s.members_a[0]),
        intake.cancel_request(env.uow(), env.ctx, request.id, s.residents[0]),
        return_exceptions=True,
    )
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1
    assert all(isinstance(o, Refused) for o in outcomes if isinstance(o, Exception))
