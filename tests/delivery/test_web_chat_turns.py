"""The web chat's copy of what a person said is part of their turn: a retried send shows once."""

import asyncio

from tests.adapters.conftest_web import (  # noqa: F401 - fixtures
    RunningWeb,
    WebClient,
    web_server_fixture,
)

TEXT = "楼下的路灯不亮了"


async def test_a_retried_send_shows_the_message_and_its_answer_once(
    web_server: RunningWeb,
) -> None:
    async with WebClient(web_server.base) as me:
        body = {"chat": "private", "text": TEXT, "client_id": "retry-0001"}
        first = await me.post("/web/api/send", body)
        await me.wait_for("draft.need_address")
        second = await me.post("/web/api/send", body)
        await asyncio.sleep(0.6)  # three polls of the outbox sender
        messages = await me.messages()

    assert first == (200, {"toast": None, "duplicate": False})
    assert second == (200, {"toast": None, "duplicate": True})
    assert [(m["kind"], m.get("key", m["text"])) for m in messages] == [
        ("user", TEXT),
        ("bot", "draft.need_address"),
    ]
