"""The clock loop (``core.clock.sla.tick`` every few seconds) and the calendar file it counts
time by."""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from core.clock.calendar import Calendars, WorkCalendar
from core.clock.calendar_file import parse_calendars
from core.clock.housekeeping import prune_inbox, prune_outbox
from core.clock.sla import TickReport, tick
from core.context import Context
from core.ports import UnitOfWork

logger = logging.getLogger(__name__)

TIDY_EVERY = timedelta(hours=1)


def load_calendars(path: Path | None, timezone: str) -> Calendars:
    """The calendar file (``core/clock/calendar_file.py``); without one, 24/7 in ``timezone``."""
    if path is None:
        return Calendars(WorkCalendar(timezone=timezone))
    return parse_calendars(yaml.safe_load(path.read_text(encoding="utf-8")), timezone)


class SlaClock:
    """Ticks until stopped: ``await SlaClock(uow, context, interval).run()``, ``stop()``.

    Safe to run in every bot process: what fires is decided in the database. ``wake`` is
    called after a tick that fired something (wake the outbox senders there).
    """

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        context: Callable[[], Context],
        interval_seconds: float = 30.0,
        *,
        wake: Callable[[], None] | None = None,
    ) -> None:
        self._uow = uow
        self._context = context
        self._interval = interval_seconds
        self._wake = wake
        self._stopping = asyncio.Event()
        self._tidied_at: datetime | None = None

    def stop(self) -> None:
        """End the loop after the tick in hand (never cut off mid-transaction)."""
        self._stopping.set()

    async def _tidy(self, context: Context) -> None:
        """Hourly: forget inbound update ids too old to be redeliveries, and delete messages
        delivered or given up on longer ago than the policy keeps them."""
        if self._tidied_at is not None and context.now - self._tidied_at < TIDY_EVERY:
            return
        forgotten = await prune_inbox(self._uow(), context)
        pruned = await prune_outbox(self._uow(), context)
        self._tidied_at = context.now
        if forgotten:
            logger.info("clock: forgot %d old inbound update ids", forgotten)
        if pruned:
            logger.info("clock: deleted %d outbox messages sent long ago", pruned)

    async def run(self) -> None:
        while not self._stopping.is_set():
            await self.tick_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._interval)

    async def tick_once(self) -> TickReport:
        context = self._context()
        try:
            report = await tick(self._uow, context)
            await self._tidy(context)
        except Exception:  # the database was away: the next tick finds the same events
            logger.exception("clock tick failed")
            return TickReport()
        if report.fired or report.failed:
            logger.info(
                "clock: %d fired, %d left to others, %d failed",
                len(report.fired),
                len(report.skipped),
                len(report.failed),
            )
        if report.fired and self._wake is not None:
            self._wake()
        return report
