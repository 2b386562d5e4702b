"""Residents filing through Telegram at once, optionally with the bot killed mid-burst.

    .venv/bin/python benchmarks/telegram_burst.py                        # 200 residents x 5
    .venv/bin/python benchmarks/telegram_burst.py --kill                 # SIGKILL, restart
    .venv/bin/python benchmarks/telegram_burst.py --queued 1000 --kill   # 1,000 fetched, killed
    .venv/bin/python benchmarks/telegram_burst.py --postgres URL ...     # on PostgreSQL

The real stack: `linli run` as a process of its own (its PTB HTTP stack, its outbox sender
at Telegram's pace: 30 messages/s, 1/s per private chat) against the local Bot API server of
tests/support. Each resident settles an address, then describes a problem, presses 提交 and
waits for 已收到, --requests times. With --kill the bot gets SIGKILL when --kill-at of the
提交 presses are in and is started again --restart-after seconds later. With --queued N the
residents' N messages wait before the bot starts, and the kill comes as soon as Telegram has
been told (by the getUpdates offset) that the bot has them all.

Prints handled updates/s, messages sent/s, the reply wait p50/p95 and, with --kill, what
was lost (a resident step never answered, an update never handled), filed twice, or sent
twice, and how soon after the restart replies and the dead process's leased messages flowed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.session import async_url  # noqa: E402
from tests.durability.bot_process import BotProcess, Start, bot_processes  # noqa: E402
from tests.durability.ledger import (  # noqa: E402
    all_handled,
    all_sent,
    deliveries,
    engine_of,
    first_reply,
    handled_updates,
    last_sent,
    leased,
    scalar,
    wait_until,
)
from tests.durability.residents import PROBLEMS, Resident, burst, residents  # noqa: E402
from tests.support import FakeBotApi  # noqa: E402

CAP = 30.0


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--requests", type=int, default=5, help="each resident files this many")
    parser.add_argument("--queued", type=int, default=0, help="N messages waiting at the start")
    parser.add_argument("--kill", action="store_true", help="SIGKILL mid-burst, then restart")
    parser.add_argument("--kill-at", type=float, default=0.5, help="share of 提交 presses")
    parser.add_argument("--restart-after", type=float, default=0.5, help="seconds")
    parser.add_argument("--timeout", type=float, default=120.0, help="a resident's patience")
    parser.add_argument("--postgres", metavar="URL", help="a scratch database, made and dropped")
    parser.add_argument("--keep", metavar="DIR", type=Path, help="keep the bot's logs here")
    return parser.parse_args()


class Database:
    """A SQLite file in a temporary folder, or a fresh PostgreSQL database."""

    def __init__(self, folder: Path, postgres: str | None) -> None:
        self.postgres = postgres
        self.name = f"burst_{uuid.uuid4().hex[:10]}"
        self.url = (
            postgres.rsplit("/", 1)[0] + f"/{self.name}"
            if postgres
            else f"sqlite:///{folder / 'linli.db'}"
        )

    async def admin(self, sql: str) -> None:
        assert self.postgres
        engine = create_async_engine(async_url(self.postgres), isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(sql))
        await engine.dispose()

    async def __aenter__(self) -> str:
        if self.postgres:
            await self.admin(f'CREATE DATABASE "{self.name}"')
        return self.url

    async def __aexit__(self, *exc: object) -> None:
        if self.postgres:
            await self.admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def queue_updates(api: FakeBotApi, count: int) -> tuple[list[Resident], int]:
    people = residents(api, max(1, count // 5))
    last = 0
    for number, person in enumerate(people):
        for said in ("/start", PROBLEMS[number % 8], "/help", PROBLEMS[(number + 3) % 8], "/my"):
            last = api.user_sends(person.user, text=said)["update_id"]
    return people, last


async def kill_and_restart(
    args: argparse.Namespace, api: FakeBotApi, url: str, start: Start, bot: BotProcess
) -> tuple[BotProcess, dict[str, float]]:
    await bot.kill()
    async with engine_of(url) as engine:
        figures = {"handled at the kill": float(await handled_updates(engine))}
        stuck = await leased(engine)
        figures["leased by the dead process"] = len(stuck)
        await asyncio.sleep(args.restart_after)
        again = await start("second")
        figures["restart to serving (inbox done), s"] = time.time() - again.started_at
        await api.wait_for(lambda: first_reply(api, again.started_at), args.timeout)
        await wait_until(lambda: all_sent(engine, stuck), args.timeout)
        resumed = first_reply(api, again.started_at) or again.started_at
        back = await last_sent(engine, stuck) or again.started_at
        figures["restart to the first reply, s"] = resumed - again.started_at
        figures["restart to the leased ones sent, s"] = back - again.started_at
    return again, figures


async def run(args: argparse.Namespace, folder: Path) -> None:
    async with (
        FakeBotApi() as api,
        Database(folder, args.postgres) as url,
        bot_processes(api, url, folder) as start,
    ):
        if args.queued:
            people, last = queue_updates(api, args.queued)
        else:
            people = residents(api, args.residents)
        began = time.time()
        bot = await start("first")
        filing = None
        if not args.queued:
            filing = asyncio.create_task(burst(people, args.requests, args.timeout))
        figures: dict[str, float] = {}
        if args.kill:
            if args.queued:
                await api.wait_for(lambda: api.acknowledged >= last, args.timeout)
            else:
                presses = args.residents * (1 + args.requests * args.kill_at)
                await api.wait_for(
                    lambda: len(api.calls_of("answerCallbackQuery")) >= presses, args.timeout * 5
                )
            bot, figures = await kill_and_restart(args, api, url, start, bot)
        try:
            if filing is not None:
                await filing
            async with engine_of(url) as engine:
                if args.queued:
                    await wait_until(lambda: all_handled(engine, args.queued), args.timeout)
                await wait_until(lambda: all_sent(engine), args.timeout * 5)
                took = time.time() - began
                delivered = await deliveries(engine, api)
                counts = {
                    "handled": await handled_updates(engine),
                    "requests": await scalar(engine, "SELECT count(*) FROM request"),
                    "messages": sum(delivered.calls.values()),
                    "twice": delivered.twice,
                    "missing": delivered.missing,
                }
        finally:
            await bot.stop()
    report(args, people, took, counts, figures)


def report(
    args: argparse.Namespace,
    people: list[Resident],
    took: float,
    counts: dict[str, int],
    figures: dict[str, float],
) -> None:
    backend = "PostgreSQL" if args.postgres else "SQLite"
    handled = counts["handled"]
    waits = sorted(w for p in people for w in p.waits)
    print(f"{backend}: {len(people)} residents, {handled} updates handled in {took:.1f} s")
    print(f"  handled updates/s          {handled / took:8.1f}")
    print(f"  messages sent/s            {counts['messages'] / took:8.1f} (cap {CAP:.0f}/s)")
    if waits:
        p50, p95 = statistics.median(waits), waits[int(0.95 * (len(waits) - 1))]
        print(f"  reply wait p50 / p95       {p50:8.2f} / {p95:.2f} s")
    if args.queued:
        lost = args.queued - handled
    else:
        filed = sum(p.filed for p in people)
        lost = sum(p.stuck for p in people)
        print(f"  requests filed             {filed:8d} of {args.residents * args.requests}")
        print(f"  duplicate requests         {max(0, counts['requests'] - filed):8d}")
    print(f"  lost                       {lost:8d}")
    print(f"  sent twice / missing       {counts['twice']:8d} / {counts['missing']}")
    for name, value in figures.items():
        print(f"  {name:<36} {value:.1f}")


def main() -> None:
    args = options()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        asyncio.run(run(args, args.keep))
        return
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run(args, Path(folder)))


if __name__ == "__main__":
    main()
