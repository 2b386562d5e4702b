"""The web chat's copy of what a person said is part of their turn: a retried send shows once."""

import asyncio
from pathlib import Path

from tests.adapters.conftest_web import RunningWeb, WebClient, tiny_png

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


async def test_a_retried_upload_keeps_one_photo(web_server: RunningWeb) -> None:
    """The retry's file is written before the turn finds it is a retry; no row names it,
    so it is removed, and the photo the first turn kept still shows."""
    uploads = Path(web_server.linli.settings.data_dir) / "uploads"
    before = set(uploads.glob("*")) if uploads.exists() else set()
    async with WebClient(web_server.base) as me:
        for _ in range(2):
            assert await me.upload(tiny_png(), "p.png", "井盖没了", client_id="photo-0001") == 200
        await asyncio.sleep(0.6)
        messages = await me.messages()
        kept = set(uploads.glob("*")) - before
        [own] = [m for m in messages if m["kind"] == "user"]
        async with me.http.get(f"{web_server.base}{own['photo']}") as response:
            shown = response.status, await response.read()

    assert len(kept) == 1
    assert own["photo"] == f"/web/photo/{kept.pop().name}"
    assert shown == (200, tiny_png())
