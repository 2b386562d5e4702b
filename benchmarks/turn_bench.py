"""Chat turns under load: latency and throughput when many residents write at once.

    .venv/bin/python benchmarks/turn_bench.py                      # SQLite file
    .venv/bin/python benchmarks/turn_bench.py --postgres URL       # and PostgreSQL (emptied first)

What `linli run` builds (migrations, the demo roster, the real Dispatcher), warmed up by one
turn (the classifier loads on first use), then --residents private chats (default 50) each
send --messages problem descriptions (default 6) one after another, all chats at once. Each
message is one turn and one transaction (inbox row, classification, dialog state, outbox
rows). Prints turns per second, the latency percentiles and the turns that failed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import each_database  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.wiring import build  # noqa: E402
from handlers.dispatch import Dispatcher  # noqa: E402
from handlers.types import Incoming  # noqa: E402

PROBLEMS = (
    "楼道灯坏了好几天了，晚上黑乎乎的",
    "小区门口垃圾堆了好几天没人清，臭得很",
    "楼上天天半夜拖椅子，吵得睡不着",
    "单元门的门禁坏了，谁都能进",
    "下水道堵了，一楼返水",
    "想问问高龄补贴怎么申请",
)


async def resident(
    dispatcher: Dispatcher, number: int, messages: int, latencies: list[float], failures: list[str]
) -> None:
    for turn in range(messages):
        event = Incoming(
            channel="bench",
            chat_id=f"r{number}",
            user_id=f"r{number}",
            update_id=f"{number}:{turn}",
            text=PROBLEMS[(number + turn) % len(PROBLEMS)],
        )
        start = time.perf_counter()
        try:
            await dispatcher.handle(event)
        except Exception as error:  # a failed turn is a figure here, not a crash
            failures.append(f"{type(error).__name__}: {error}"[:120])
        latencies.append((time.perf_counter() - start) * 1000)


async def run(database_url: str, data_dir: Path, residents: int, messages: int) -> None:
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=data_dir,
        demo=True,
    )
    linli = await build(settings)
    latencies: list[float] = []
    failures: list[str] = []
    try:
        await resident(linli.dispatcher, -1, 1, [], failures)
        start = time.perf_counter()
        await asyncio.gather(
            *(
                resident(linli.dispatcher, n, messages, latencies, failures)
                for n in range(residents)
            )
        )
        elapsed = time.perf_counter() - start
    finally:
        await linli.close()
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    kind = database_url.split(":", 1)[0]
    print(
        f"{kind:<10} {len(latencies)} turns by {residents} residents at once: "
        f"{len(latencies) / elapsed:.0f} turns/s, p50 {statistics.median(ordered):.0f} ms, "
        f"p99 {p99:.0f} ms, max {ordered[-1]:.0f} ms, failed {len(failures)}"
    )
    for failure in sorted(set(failures))[:5]:
        print(f"  {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=50)
    parser.add_argument("--messages", type=int, default=6, help="messages per resident")
    parser.add_argument("--postgres", help="a PostgreSQL database the benchmark may empty")
    args = parser.parse_args()
    for database, data_dir in each_database(args.postgres):
        asyncio.run(run(database, data_dir, args.residents, args.messages))


if __name__ == "__main__":
    main()
