"""One process runs it all: the web server, the chosen channels, the outbox senders, the clock."""

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiohttp import web

from bot.channels import Channel
from bot.clock import SlaClock
from bot.config import Settings
from bot.heartbeat import Heartbeat
from bot.inbox_sweep import InboxSweep
from bot.outbox_sender import OutboxSender, default_owner
from bot.places import PlacesWatch
from bot.server import make_web_app
from bot.wiring import Linli, SettingError, build
from db.uow import QueuedUnitOfWork

if TYPE_CHECKING:
    from bot.telegram.channel_base import TelegramChannelBase

logger = logging.getLogger(__name__)


def chosen_channels(linli: Linli) -> list[Channel]:
    """The web chat always; Telegram when a token is set, through the library
    ``LINLI_TELEGRAM_LIBRARY`` names. Adapters import lazily."""
    from bot.web import web_channel

    channels = [web_channel(linli)]
    if linli.settings.telegram_token is not None:
        channels.append(telegram_channel(linli))
    return channels


def telegram_channel(linli: Linli) -> "TelegramChannelBase":
    """The Telegram channel over python-telegram-bot (``ptb``) or aiogram."""
    if linli.settings.telegram_library == "ptb":
        from bot.telegram import telegram_channel

        return telegram_channel(linli)
    try:
        from bot.aiogram import aiogram_channel

        return aiogram_channel(linli)
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] != "aiogram":
            raise
        problem = f"aiogram is not installed ({error}): pip install 'linli[aiogram]'"
        raise SettingError("LINLI_TELEGRAM_LIBRARY", problem) from None


@dataclass
class Running:
    """A started bot: its web runner, channels and background loops."""

    linli: Linli
    runner: web.AppRunner
    channels: list[Channel]
    senders: list[OutboxSender]
    clock: SlaClock
    heartbeat: Heartbeat
    sweep: InboxSweep
    places: PlacesWatch
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @property
    def port(self) -> int:
        for site in self.runner.sites:
            server = getattr(site, "_server", None)
            if server is not None and server.sockets:
                return int(server.sockets[0].getsockname()[1])
        return self.linli.settings.web_port

    async def stop(self) -> None:
        """Let the loops finish the pass in hand (never cut off mid-transaction), then close."""
        for sender in self.senders:
            sender.stop()
        self.clock.stop()
        self.sweep.stop()
        self.places.stop()
        self.heartbeat.stop()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for channel in self.channels:
            await channel.stop()
        await self.runner.cleanup()
        await self.linli.close()


def queued(linli: Linli, first: bool = False) -> Callable[[], QueuedUnitOfWork]:
    """Units of work in the dispatcher's queue: the outbox and the heartbeat before waiting
    turns (a backlog of turns at start must not hold replies or the heartbeat back)."""
    return lambda: QueuedUnitOfWork(
        linli.sessions, linli.clock, lambda: linli.dispatcher.queue.slot(first)
    )


async def start(settings: Settings) -> Running:
    """Serve, deliver what is queued, finish what the inbox holds, and only then fetch more."""
    linli = await build(settings)
    channels = chosen_channels(linli)
    app = make_web_app(linli)
    for channel in channels:
        channel.add_routes(app)
    heartbeat = Heartbeat(default_owner(), queued(linli, first=True), linli.clock)
    await heartbeat.beat()
    senders = [
        OutboxSender(
            channel.sender,
            queued(linli, first=True),
            linli.clock,
            settings.outbox,
            owner=heartbeat.owner,
            budget=linli.budget(channel.sender),
        )
        for channel in channels
    ]

    def wake_senders() -> None:
        for sender in senders:
            sender.wake()

    linli.dispatcher.on_outbox = wake_senders
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, settings.web_host, settings.web_port).start()
    clock = SlaClock(
        queued(linli), linli.context, settings.clock_interval_seconds, wake=wake_senders
    )
    sweep = InboxSweep(linli.dispatcher)
    places = PlacesWatch(linli, settings.places_poll_seconds)
    running = Running(linli, runner, channels, senders, clock, heartbeat, sweep, places)
    loops = [*(s.run() for s in senders), clock.run(), heartbeat.run(), places.run()]
    running.tasks = [asyncio.create_task(loop) for loop in loops]
    handled = await linli.dispatcher.drain()
    if handled:
        logger.info("inbox: %s updates stored before the last stop handled", handled)
    running.tasks.append(asyncio.create_task(sweep.run()))
    for channel in channels:
        await channel.start()
    return running


async def serve(settings: Settings) -> None:
    running = await start(settings)
    print(f"linli: open http://{settings.web_host}:{running.port}/", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await running.stop()
