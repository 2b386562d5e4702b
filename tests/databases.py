"""The tests' databases: migrated once a session into a template, copied for each test.

SQLite: the migrated file is copied. PostgreSQL: a schema is migrated once and dumped
(pg_dump: tables, sequences, indexes, constraints and alembic's version row); each test
replays the dump into a schema of its own, dropped afterwards. Replaying is about twice as
fast as migrating (benchmarks/fixture_bench.py); a database per test made with CREATE
DATABASE … TEMPLATE was slower than both here (2.7 s against 1.4 s for a migrated schema).
Without a usable pg_dump each test's schema is migrated, as it used to be.
Tests of the migrations themselves call db.migrate.upgrade on a database of their own.
"""

import asyncio
import contextlib
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import NullPool

from db.migrate import upgrade
from db.session import create_engine

POSTGRES_URL = os.environ.get("LINLI_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("LINLI_TEST_REDIS_URL")  # the shared send budget's tests


def on_schema(url: str, schema: str, **kwargs: Any) -> AsyncEngine:
    """An engine on PostgreSQL ``url`` whose connections work in ``schema``."""
    return create_engine(url, connect_args={"server_settings": {"search_path": schema}}, **kwargs)


class Templates:
    """The session's migrated templates, made on first use."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.dumps: dict[str, str | None] = {}  # PostgreSQL URL → replayable dump, if any

    def sqlite(self, target: Path) -> str:
        """A migrated SQLite file at ``target``: its URL."""
        if self.folder is None:
            folder = Path(tempfile.mkdtemp(prefix="linli-template-"))
            apart(migrate(f"sqlite:///{folder / 'template.db'}"))
            self.folder = folder
        shutil.copyfile(self.folder / "template.db", target)
        return f"sqlite:///{target}"

    @contextlib.asynccontextmanager
    async def postgres_schema(self, url: str) -> AsyncIterator[str]:
        """A new, migrated schema in the PostgreSQL database ``url``, dropped afterwards."""
        if url not in self.dumps:
            self.dumps[url] = await self._dump(url)
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            await self._fill(admin, url, schema)
            yield schema
        finally:
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            await admin.dispose()

    async def _fill(self, admin: AsyncEngine, url: str, schema: str) -> None:
        dump = self.dumps[url]
        async with admin.connect() as connection:
            if dump is not None:
                asyncpg = (await connection.get_raw_connection()).driver_connection
                assert asyncpg is not None  # its execute runs a script of many statements
                await asyncpg.execute(dump.replace(TEMPLATE_SCHEMA, schema))
                return
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        await upgrade_schema(url, schema)

    async def _dump(self, url: str) -> str | None:
        """The migrated schema as SQL naming TEMPLATE_SCHEMA; None if pg_dump cannot make it."""
        admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP SCHEMA IF EXISTS "{TEMPLATE_SCHEMA}" CASCADE'))
            await connection.execute(text(f'CREATE SCHEMA "{TEMPLATE_SCHEMA}"'))
        try:
            await upgrade_schema(url, TEMPLATE_SCHEMA)
            dump = pg_dump(url, TEMPLATE_SCHEMA)
        finally:
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP SCHEMA "{TEMPLATE_SCHEMA}" CASCADE'))
            await admin.dispose()
        return dump

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


async def migrate(url: str) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()  # on SQLite the last connection out folds the WAL into the file


async def upgrade_schema(url: str, schema: str) -> None:
    engine = on_schema(url, schema)
    await upgrade(engine)
    await engine.dispose()


def apart(work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` to the end on a loop of its own (callers may be inside a running loop)."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, work).result()


def pg_dump(url: str, schema: str) -> str | None:
    """``schema`` of ``url`` as plain SQL (psql's backslash commands left out), or None."""
    command = ["pg_dump", "--no-owner", "--no-privileges", "--inserts", "--schema", schema, url]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return "\n".join(line for line in done.stdout.splitlines() if not line.startswith("\\"))


# Unique to this session, so that replacing the name in the dump touches nothing else and two
# sessions on one server do not meet.
TEMPLATE_SCHEMA = f"linli_template_{uuid.uuid4().hex[:12]}"
TEMPLATES = Templates()
