"""On aiogram too, Telegram is told we have an update only once it is committed to the inbox:
by the next getUpdates offset (long polling), or by the webhook's 200."""

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy import text

from bot.server import make_web_app
from bot.telegram.webhook import SECRET_HEADER
from tests.adapters.conftest_telegram import RESIDENT, STRANGER, TelegramStack, telegram_stack
from tests.adapters.test_telegram_webhook import stored, update_from

SECRET = "s3cret-token_x"


async def test_the_offset_moves_only_after_the_update_is_committed(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, telegram_library="aiogram") as tg:
        async with tg.linli.engine.begin() as connection:  # the inbox is out of reach
            await connection.execute(text("ALTER TABLE inbox RENAME TO inbox_away"))
        update = tg.send(RESIDENT, "/help")
        fetched = len(tg.api.calls_of("getUpdates"))
        await tg.api.wait_for(lambda: len(tg.api.calls_of("getUpdates")) >= fetched + 2, 10)
        assert tg.api.acknowledged < update["update_id"]  # fetched again, never confirmed
        assert tg.api.pending_updates[0]["update_id"] == update["update_id"]
        async with tg.linli.engine.begin() as connection:
            await connection.execute(text("ALTER TABLE inbox_away RENAME TO inbox"))

        assert "/my" in (await tg.message(RESIDENT, timeout=10))["text"]
        await tg.api.wait_for(lambda: tg.api.acknowledged >= update["update_id"], 40)
        assert await stored(tg, update["update_id"]) == 1


@asynccontextmanager
async def webhook_stack(tmp_path: Path) -> AsyncIterator[tuple[TelegramStack, str]]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/telegram/webhook"
    async with telegram_stack(
        tmp_path,
        telegram_library="aiogram",
        telegram_webhook_url=url,
        telegram_webhook_secret=SECRET,
    ) as tg:
        app = make_web_app(tg.linli)
        tg.channel.add_routes(app)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.SockSite(runner, listener).start()
        try:
            await tg.channel.start()
            yield tg, url
        finally:
            await runner.cleanup()


async def test_webhook_checks_the_secret_and_answers_after_the_commit(tmp_path: Path) -> None:
    async with webhook_stack(tmp_path) as (tg, url), aiohttp.ClientSession() as http:
        assert (tg.api.webhook_url, tg.api.webhook_secret) == (url, SECRET)
        tg.api.webhook_url = ""  # this test posts as Telegram would, by itself
        for headers in ({}, {SECRET_HEADER: "wrong"}):
            async with http.post(
                url, json=update_from(STRANGER, 7000, "/help"), headers=headers
            ) as r:
                assert r.status == 403
        async with http.post(url, json={"nonsense": 1}, headers={SECRET_HEADER: SECRET}) as r:
            assert r.status == 400

        body = update_from(RESIDENT, 7001, "/help")
        async with tg.linli.engine.begin() as writer:
            await writer.execute(text("UPDATE grid SET name = name"))
            posting = asyncio.create_task(
                http.post(url, json=body, headers={SECRET_HEADER: SECRET})
            )
            await asyncio.sleep(0.5)
            assert not posting.done()  # no answer while the update cannot be committed
        async with await posting as response:
            assert response.status == 200
            assert await stored(tg, 7001) == 1
        assert "/my" in (await tg.message(RESIDENT))["text"]
        assert tg.api.sent_to(STRANGER) == [] and tg.api.calls_of("getUpdates") == []
