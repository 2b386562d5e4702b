"""Engine and session factory: SQLite (embedded default) or PostgreSQL, same code."""

from typing import Any, cast

from sqlalchemy import CursorResult, Result, event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.util.typing import TupleAny

SQLITE_BUSY_TIMEOUT_MS = 30_000


def async_url(url: str) -> str:
    """Accept the plain forms people write and pick the async driver for them."""
    for plain, driver in (
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


def create_engine(url: str, pool_size: int | None = None, **kwargs: Any) -> AsyncEngine:
    """An engine for `url`. `pool_size` (a server database's connections kept, as many
    again on demand) matters under bursts: a turn waiting for a connection waits in the
    pool's queue (benchmarks/turn_bench.py); SQLite has one writer and ignores it."""
    url = async_url(url)
    if url.startswith("sqlite"):
        engine = create_async_engine(url, **kwargs)
        _serialise_sqlite_writers(engine)
        return engine
    if pool_size is not None:
        kwargs |= {"pool_size": pool_size, "max_overflow": pool_size}
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def _serialise_sqlite_writers(engine: AsyncEngine) -> None:
    """One writer at a time on SQLite: every transaction starts with BEGIN IMMEDIATE.

    SQLite's deferred transactions fail with "database is locked" when two of them try
    to upgrade to a write lock; taking the lock at BEGIN makes the second one wait
    (busy timeout) instead, so competing claims queue rather than error.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)


def rowcount(result: Result[*TupleAny]) -> int:
    """The rows an UPDATE or DELETE matched (its result is a cursor's, typed as any result)."""
    return cast("CursorResult[*TupleAny]", result).rowcount
