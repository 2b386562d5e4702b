"""What the benchmarks share about their databases."""

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
