"""Helpers for the console's tests on the real web server: staff signed in with an invite
linked to a demo roster person, a resident who files, reads of the database."""

import asyncio
import re
from typing import Any

from sqlalchemy import select

from core import onboarding
from core.records import Person
from core.vocabulary import Role
from db.models import RequestRow
from tests.adapters.conftest_web import RunningWeb, WebClient


def person(server: RunningWeb, code: str) -> Person:
    async def find() -> Person:
        async with server.linli.uow() as uow:
            found = await uow.community.person_by_code(code)
        assert found is not None, code
        return found

    return server.call(find())


async def sign_in(server: RunningWeb, client: WebClient, code: str) -> Person:
    """``client`` becomes the roster person ``code`` through an invite, as staff do."""
    someone = person(server, code)
    linli = server.linli
    grid = grid_code(server, someone) if someone.role in (Role.MEMBER, Role.LEADER) else None
    invite = server.call(
        onboarding.create_invite(linli.uow(), linli.context(), someone.role, grid, someone.id)
    )
    status, body = await client.post("/web/api/signin", {"code": invite.code})
    assert status == 200 and body["session"]["role"] == str(someone.role), body
    return someone


def grid_code(server: RunningWeb, someone: Person) -> str:
    async def find() -> str:
        async with server.linli.uow() as uow:
            grid = await uow.places.grid(someone.grid_id or 0)
        assert grid is not None
        return grid.code

    return server.call(find())


async def get(client: WebClient, path: str) -> tuple[int, Any]:
    async with client.http.get(f"{client.base}{path}") as response:
        return response.status, await response.json(content_type=None)


def option(message: dict[str, Any], prefix: str) -> str:
    return next(o["value"] for o in message["options"] if o["value"].startswith(prefix))


async def file(client: WebClient, address: str, text: str) -> str:
    """A new resident binds ``address`` and files ``text``; the request's number."""
    await client.say("/start")
    await client.wait_for("address.ask")
    await client.say(address)
    confirm = await client.wait_for("address.confirm")
    await client.say(payload=confirm["options"][0]["value"])
    await client.wait_for("address.bound_next")
    await client.say(text)
    while True:
        found = [m.get("key") for m in await client.messages()]
        if "draft.summary" in found:
            break
        if "draft.duplicate" in found:
            await client.say(payload="dup:new")
        await asyncio.sleep(0.1)
    await client.say(payload="draft:submit")
    submitted = await client.wait_for("resident.submitted")
    return re.findall(r"\d{8}-\d{4}", submitted["text"])[0]


def request_row(server: RunningWeb, number: str) -> RequestRow:
    async def find() -> RequestRow:
        async with server.linli.uow() as uow:
            row = await uow.session.scalar(select(RequestRow).where(RequestRow.number == number))
        assert row is not None
        return row

    return server.call(find())


def unit_id(server: RunningWeb, code: str) -> int:
    async def find() -> int:
        async with server.linli.uow() as uow:
            unit = await uow.units.by_code(code)
        assert unit is not None
        return unit.id

    return server.call(find())
