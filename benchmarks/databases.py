"""What the benchmarks share about their databases."""

import asyncio
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from db.session import async_url


async def empty_postgres(url: str) -> None:
    """Drop everything in the public schema of the PostgreSQL database ``url``."""
    engine = create_async_engine(async_url(url))
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


def each_database(postgres: str | None) -> Iterator[tuple[str, Path]]:
    """(database URL, data folder) for a fresh SQLite file, then for ``postgres`` (emptied
    first) if one is given; each with a temporary data folder that lasts its turn."""
    for url in ["sqlite:///{folder}/linli.db", *([postgres] if postgres else [])]:
        if url == postgres:
            asyncio.run(empty_postgres(url))
        with tempfile.TemporaryDirectory() as folder:
            yield url.format(folder=folder), Path(folder) / "var"
