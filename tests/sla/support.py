"""Helpers for the clock's tests: a request in a given state, a tick, what it sent."""

from dataclasses import replace
from typing import Any

from sqlalchemy import select

from core import claims, intake
from core.clock.ladder import Kind
from core.clock.sla import TickReport, tick
from core.context import Context
from core.records import Request
from db.models import OutboxRow
from tests.env import Env
from tests.seed import Seeded
from tests.unit.test_request_lifecycle import LIGHT


async def submit(env: Env, s: Seeded, ctx: Context | None = None, **draft: Any) -> Request:
    draft_ = replace(LIGHT, **draft)
    return await intake.submit_request(env.uow(), ctx or env.ctx, s.residents[0], draft_)


async def claimed(env: Env, s: Seeded, ctx: Context | None = None) -> Request:
    request = await submit(env, s, ctx)
    return await claims.claim_request(env.uow(), ctx or env.ctx, request.id, s.members_a[0])


async def run(env: Env, ctx: Context | None = None) -> list[tuple[str, int]]:
    """One tick; the request events it fired (digests left out)."""
    return events(await tick(env.uow, ctx or env.ctx))


def events(report: TickReport) -> list[tuple[str, int]]:
    return [(str(m.kind), m.subject_id) for m in report.fired if m.kind != Kind.DIGEST]


async def sent(env: Env, key: str) -> list[OutboxRow]:
    async with env.uow() as uow:
        rows = await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id))
        return [r for r in rows if r.reply["key"] == key]


async def stored(env: Env, request_id: int) -> Request:
    async with env.uow() as uow:
        request = await uow.requests.get(request_id)
    assert request is not None
    return request


async def actions(env: Env, request_id: int) -> list[tuple[str, int | None]]:
    async with env.uow() as uow:
        return [(e.action, e.actor_id) for e in await uow.requests.events(request_id)]
