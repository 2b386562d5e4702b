"""Steps the web chat tests share: a resident binds an address and files a request."""

import asyncio
import re
from typing import Any

from tests.adapters.conftest_web import WebClient

NUMBER = re.compile(r"\d{8}-\d{4}")


async def bind_address(client: WebClient, address: str = "幸福家园5号楼2单元301") -> None:
    await client.say("/start")
    await client.wait_for("address.ask")
    await client.say(address)
    confirm = await client.wait_for("address.confirm")
    await client.say(payload=confirm["options"][0]["value"])
    await client.wait_for("address.bound_next")


async def file_text(client: WebClient, text: str, urgent: bool = False) -> str:
    """File ``text`` (an address already bound); its request number."""
    before = len(await client.messages())
    await client.say(text)
    if urgent:
        told = await client.wait_for("resident.submitted_urgent")
        return NUMBER.findall(told["text"])[0]
    answered = False
    while True:
        new = [m.get("key") for m in (await client.messages())[before:]]
        if "draft.summary" in new:
            break
        if "draft.duplicate" in new and not answered:
            answered = await client.say(payload="dup:new") == 200
        await asyncio.sleep(0.1)
    await client.say(payload="draft:submit")
    submitted = await client.wait_for("resident.submitted")
    return NUMBER.findall(submitted["text"])[0]


async def become(client: WebClient, persona: str) -> None:
    status, _ = await client.post("/web/api/demo/persona", {"persona": persona})
    assert status == 200
    await client.session()


async def card_of(member: WebClient, number: str) -> dict[str, Any]:
    """The room's card of ``number``, once delivered (an earlier request's card may be the
    newest for a moment)."""
    for _ in range(80):
        for message in await member.messages("room"):
            if message.get("key") == "card.request" and number in message["text"]:
                return message
        await asyncio.sleep(0.1)
    raise AssertionError(f"no card of {number} in the room")
