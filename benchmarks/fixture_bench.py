"""What a test's database costs to set up: migrating it (as the suite did) against a copy of
the session's migrated template (tests/databases.py), each including its tear-down.

    .venv/bin/python benchmarks/fixture_bench.py                    # SQLite only
    .venv/bin/python benchmarks/fixture_bench.py --postgres URL     # and PostgreSQL

The two ways take turns (--rounds, default 10, of each) so that a shared machine's load
falls on both alike; prints the median seconds of each and their ratio.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.session import create_engine  # noqa: E402
from tests.databases import TEMPLATES, migrate, on_schema, upgrade_schema  # noqa: E402

Setup = Callable[[], Awaitable[None]]


async def touch(url: str, schema: str | None = None) -> None:
    """Open the database (PostgreSQL: the schema) as a test would and read its version."""
    engine = create_engine(url) if schema is None else on_schema(url, schema)
    async with engine.connect() as connection:
        await connection.scalar(text("SELECT version_num FROM alembic_version"))
    await engine.dispose()


def sqlite_ways(folder: Path) -> dict[str, Setup]:
    async def migrated() -> None:
        path = folder / f"{uuid.uuid4().hex}.db"
        await migrate(f"sqlite:///{path}")
        await touch(f"sqlite:///{path}")
        path.unlink()

    async def copied() -> None:
        path = folder / f"{uuid.uuid4().hex}.db"
        await touch(TEMPLATES.sqlite(path))
        path.unlink()

    return {"migrate": migrated, "copy": copied}


def postgres_ways(url: str) -> dict[str, Setup]:
    async def migrated() -> None:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        await upgrade_schema(url, schema)
        await touch(url, schema)
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()

    async def copied() -> None:
        async with TEMPLATES.postgres_schema(url) as schema:
            await touch(url, schema)

    return {"migrate": migrated, "copy": copied}


async def measure(name: str, ways: dict[str, Setup], rounds: int) -> None:
    for setup in ways.values():  # the template, and the imports, before the clock starts
        await setup()
    seconds: dict[str, list[float]] = {way: [] for way in ways}
    for _ in range(rounds):
        for way, setup in ways.items():
            start = time.perf_counter()
            await setup()
            seconds[way].append(time.perf_counter() - start)
    median = {way: statistics.median(values) for way, values in seconds.items()}
    print(
        f"{name}: migrate {median['migrate']:.3f} s, copy {median['copy']:.3f} s "
        f"(median of {rounds}); copying takes {median['copy'] / median['migrate']:.1%} "
        f"of migrating, {median['migrate'] / median['copy']:.1f}x faster"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL (schemas made and dropped there)")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        await measure("SQLite", sqlite_ways(Path(folder)), args.rounds)
    if args.postgres:
        await measure("PostgreSQL", postgres_ways(args.postgres), args.rounds)
    TEMPLATES.close()


if __name__ == "__main__":
    asyncio.run(main())
