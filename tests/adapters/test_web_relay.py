"""The web chat's live pushes across processes (``bot/web/relay.py``): two servers on one
database and one Redis, as two ``linli run`` behind a load balancer. A page whose stream is
open to one of them sees what the other handled and delivered. Real HTTP, real Redis."""

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from bot.config import Settings
from bot.web.relay import RedisHub
from db.web import WebMessage
from tests.adapters.conftest_web import WebClient, serve_web, web_settings
from tests.databases import REDIS_URL

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="set LINLI_TEST_REDIS_URL")


def twin_settings(folder: Path, prefix: str) -> tuple[Settings, Settings]:
    """Two processes' settings: one database file, one data folder (one cookie secret)."""
    first = web_settings(folder).model_copy(update={"redis_url": REDIS_URL, "redis_prefix": prefix})
    return first, first.model_copy()


class Stream:
    """A page's open event stream (Server-Sent Events), read event by event."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response

    async def next(self, timeout: float = 10.0) -> tuple[str, dict[str, Any]]:
        """The next event's name ("message" when unnamed) and data."""
        name, data = "message", ""
        async with asyncio.timeout(timeout):
            while True:
                line = (await self.response.content.readline()).decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    data = line.removeprefix("data: ")
                elif not line and data:
                    return name, json.loads(data)

    async def messages_until(self, done: Any, timeout: float = 10.0) -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        async with asyncio.timeout(timeout):
            while not done(seen):
                name, data = await self.next()
                if name == "message":
                    seen.append(data["message"])
        return seen


async def open_stream(me: WebClient, base: str) -> tuple[aiohttp.ClientResponse, Stream]:
    response = await me.http.get(f"{base}/web/api/events")
    stream = Stream(response)
    assert (await stream.next())[0] == "ready"
    return response, stream


async def test_a_page_open_on_one_process_sees_what_the_other_handled(
    tmp_path: Path, redis_prefix: str
) -> None:
    first, second = twin_settings(tmp_path, redis_prefix)
    async with (
        serve_web(first) as (base_a, _),
        serve_web(second) as (base_b, _),
        WebClient(base_a) as me,
    ):
        response, stream = await open_stream(me, base_a)
        me.base = base_b  # the load balancer sends the next request to the other
        assert await me.say("3号楼楼道灯坏了好几天了，晚上看不见") == 200
        seen = await stream.messages_until(
            lambda got: (
                any(m["kind"] == "user" for m in got) and any(m["kind"] == "bot" for m in got)
            )
        )
        response.close()
    own = [m for m in seen if m["kind"] == "user"]
    assert own[0]["text"] == "3号楼楼道灯坏了好几天了，晚上看不见"


async def test_pages_reload_when_the_pushes_come_back_after_a_lost_subscription(
    tmp_path: Path, redis_prefix: str, redis_client: Redis
) -> None:
    first, _ = twin_settings(tmp_path, redis_prefix)
    async with serve_web(first) as (base, _), WebClient(base) as me:
        response, stream = await open_stream(me, base)
        await redis_client.client_kill_filter(_type="pubsub")  # the relay's subscription
        name, _ = await stream.next(timeout=10)
        assert name == "reload"  # pushed while it was gone may be missed: fetch again
        assert await me.say("你好") == 200
        assert await stream.messages_until(lambda got: len(got) >= 2)  # live again
        response.close()


async def test_while_redis_is_unreachable_a_process_pushes_to_its_own_pages(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Redis(host="127.0.0.1", port=1, retry=Retry(NoBackoff(), 0))
    hub = RedisHub(client, "linli-test:web")
    queue = hub.subscribe(["u1"])
    message = WebMessage(7, "u1", "bot", {"key": "help"}, 1)
    try:
        with caplog.at_level(logging.WARNING):
            await hub.start()
            hub.publish(message)
            assert await asyncio.wait_for(queue.get(), 5) == message
            hub.publish(message)
            assert await asyncio.wait_for(queue.get(), 5) == message
    finally:
        await hub.stop()
        await client.aclose()
    lost = [r for r in caplog.records if "lost" in r.getMessage()]
    assert len(lost) == 1  # logged once, not once a message
