"""One process runs it all: the web server, the chosen channels, the outbox sender, the clock."""

import asyncio
import contextlib
import logging
import signal

from aiohttp import web

from bot.config import Settings
from bot.server import make_web_app
from bot.wiring import build

logger = logging.getLogger(__name__)


async def serve(settings: Settings, ready: asyncio.Event | None = None) -> None:
    linli = await build(settings)
    app = make_web_app(linli)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, settings.web_host, settings.web_port)
    await site.start()
    logger.info("linli is serving on http://%s:%s/", settings.web_host, settings.web_port)
    print(f"linli: open http://{settings.web_host}:{settings.web_port}/", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await linli.close()
