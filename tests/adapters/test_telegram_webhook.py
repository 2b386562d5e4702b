"""Webhook mode answers Telegram only once the update is committed to the inbox: a store
that fails answers 5xx, and Telegram sends the update again."""

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import text

from bot.server import make_web_app
from bot.telegram.webhook import SECRET_HEADER
from tests.adapters.conftest_telegram import RESIDENT, TelegramStack, telegram_stack

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

SECRET = "s3cret-token_x"


@asynccontextmanager
async def webhook_stack(tmp_path: Path) -> AsyncIterator[tuple[TelegramStack, str]]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/telegram/webhook"
    async with telegram_stack(
        tmp_path, telegram_webhook_url=url, telegram_webhook_secret=SECRET
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


async def stored(tg: TelegramStack, update_id: int) -> int:
    async with tg.linli.engine.connect() as connection:
        found = await connection.execute(
            text("SELECT count(*) FROM inbox WHERE update_id = :id"), {"id": str(update_id)}
        )
        return int(found.scalar() or 0)


def update_from(user: int, update_id: int, said: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": user, "type": "private"},
            "from": {"id": user, "is_bot": False, "first_name": "张秀英"},
            "text": said,
        },
    }


async def test_the_answer_comes_after_the_update_is_committed(tmp_path: Path) -> None:
    async with webhook_stack(tmp_path) as (tg, url), aiohttp.ClientSession() as http:
        tg.api.webhook_url = ""  # this test posts as Telegram would, by itself
        body = update_from(RESIDENT, 7001, "/help")
        async with tg.linli.engine.begin() as writer:  # SQLite's one write lock, held a while
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


async def test_an_update_that_cannot_be_stored_is_refused_and_comes_again(tmp_path: Path) -> None:
    async with webhook_stack(tmp_path) as (tg, _):
        async with tg.linli.engine.begin() as connection:  # the inbox is out of reach
            await connection.execute(text("ALTER TABLE inbox RENAME TO inbox_away"))
        update = tg.send(RESIDENT, "/help")
        error = await tg.api.wait_for(lambda: tg.api.webhook_error, 5)
        assert "503" in error[1]
        assert tg.api.pending_updates[0]["update_id"] == update["update_id"]  # not dropped
        async with tg.linli.engine.begin() as connection:
            await connection.execute(text("ALTER TABLE inbox_away RENAME TO inbox"))

        assert "/my" in (await tg.message(RESIDENT))["text"]  # Telegram sent it again
        await tg.api.wait_for(lambda: not tg.api.pending_updates, 5)
        assert await stored(tg, update["update_id"]) == 1
        assert len(tg.api.sent_to(RESIDENT)) == 1
