"""Shared by the web chat tests: the real server (composition root, web channel, outbox
sender) on 127.0.0.1 with an ephemeral port and SQLite in a temp folder, run in a thread of
its own so that both aiohttp clients and Playwright's sync API can talk to it.

The fixtures made of these (``web_server``, ``web_server_no_demo``, ``browser``) are in
tests/conftest.py.
"""

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from bot.channels import DeliveryPolicy
from bot.config import Settings
from bot.outbox_sender import OutboxSender
from bot.server import make_web_app
from bot.web import web_channel
from bot.wiring import Linli, build
from tests.databases import TEMPLATES
from tests.privacy.scan import Delivery, RecordingSender, scan

T = TypeVar("T")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def web_settings(folder: Path, demo: bool = True) -> Settings:
    return Settings(
        _env_file=None,
        database_url=TEMPLATES.sqlite(folder / "linli.db"),
        data_dir=folder / "var",
        demo=demo,
        web_host="127.0.0.1",
        web_port=0,
    )


@dataclass
class RunningWeb:
    base: str
    linli: Linli
    loop: asyncio.AbstractEventLoop

    def call(self, work: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the server's loop (from a test's thread) and wait for it."""
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=30)


@contextlib.asynccontextmanager
async def serve_web(settings: Settings) -> AsyncIterator[tuple[str, Linli]]:
    """What ``linli run`` does for the web chat: build, routes, rooms, an outbox sender.

    When it stops, the privacy scan reads every message it delivered: no resident's phone,
    name or room in a grid room or another resident's chat (tests/privacy/scan.py)."""
    linli = await build(settings)
    app = make_web_app(linli)
    channel = web_channel(linli)
    channel.add_routes(app)
    runner = web.AppRunner(app, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    await channel.start()
    deliveries: list[Delivery] = []
    sender = OutboxSender(
        RecordingSender(channel.sender, deliveries),
        linli.uow,
        linli.clock,
        DeliveryPolicy(poll_seconds=0.2),
    )
    linli.dispatcher.on_outbox = sender.wake
    task = asyncio.create_task(sender.run())
    leaks: list[str] = []
    try:
        yield f"http://127.0.0.1:{port}", linli
        leaks = await scan(linli, "web", deliveries, {})
    finally:
        sender.stop()  # as `linli run` stops it: the pass in hand finishes, never cut off
        await task
        await channel.stop()
        await runner.cleanup()
        await linli.close()
    assert not leaks, "\n".join(leaks)


@contextlib.contextmanager
def threaded_web(settings: Settings) -> Iterator[RunningWeb]:
    loop = asyncio.new_event_loop()
    ready: asyncio.Future[RunningWeb] = loop.create_future()
    stop = asyncio.Event()

    async def main() -> None:
        try:
            async with serve_web(settings) as (base, linli):
                ready.set_result(RunningWeb(base, linli, loop))
                await stop.wait()
        except BaseException as error:
            if not ready.done():
                ready.set_exception(error)
            raise

    failures: list[BaseException] = []

    def run() -> None:
        try:
            loop.run_until_complete(main())
        except BaseException as error:
            failures.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    running = asyncio.run_coroutine_threadsafe(_wait(ready), loop).result(timeout=60)
    try:
        yield running
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=15)
        loop.close()
    if failures:  # the server's own checks on the way out (the privacy scan)
        raise failures[0]


async def _wait(future: Awaitable[T]) -> T:
    return await future


class WebClient:
    """One browser's worth of HTTP: its own cookie jar, its session's CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf = ""

    async def __aenter__(self) -> "WebClient":
        await self.session()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.close()

    async def session(self) -> dict[str, Any]:
        async with self.http.get(f"{self.base}/web/api/session") as response:
            data = await response.json()
        self.csrf = data["csrf"]
        return data

    def headers(self, **extra: str) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf, "Origin": self.base, **extra}

    async def post(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        async with self.http.post(f"{self.base}{path}", json=body, headers=self.headers()) as r:
            return r.status, await r.json(content_type=None)

    async def say(self, text: str = "", payload: str | None = None, chat: str = "private") -> int:
        body: dict[str, Any] = {"chat": chat, "text": text}
        if payload is not None:
            body["payload"] = payload
        status, _ = await self.post("/web/api/send", body)
        return status

    async def messages(self, chat: str = "private") -> list[dict[str, Any]]:
        async with self.http.get(f"{self.base}/web/api/messages", params={"chat": chat}) as r:
            assert r.status == 200, await r.text()
            return list((await r.json())["messages"])

    async def wait_for(
        self, key: str, chat: str = "private", timeout: float = 8.0
    ) -> dict[str, Any]:
        """The latest message with catalogue ``key``, once the outbox has delivered it."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = [m for m in await self.messages(chat) if m.get("key") == key]
            if found:
                return found[-1]
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"no {key} in {chat}: {await self.messages(chat)}")
            await asyncio.sleep(0.1)

    async def upload(
        self, data: bytes, filename: str = "p.jpg", text: str = "", client_id: str = ""
    ) -> int:
        form = aiohttp.FormData()
        form.add_field("text", text)
        form.add_field("photo", data, filename=filename, content_type="image/jpeg")
        query = {"client_id": client_id} if client_id else {}
        async with self.http.post(
            f"{self.base}/web/api/upload", data=form, params=query, headers=self.headers()
        ) as response:
            return response.status


def tiny_png(width: int = 48, height: int = 32, rgb: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A real (decodable) PNG made here, so the browser shows an image."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
