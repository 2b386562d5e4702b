"""Databases for the roster tests: a SQLite file; PostgreSQL when LINLI_TEST_POSTGRES_URL is set.

On PostgreSQL each test gets a fresh schema of its own, dropped afterwards.
"""

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.migrate import upgrade
from db.session import create_engine

DEMO_ROSTER = Path(__file__).parents[2] / "bot" / "data" / "demo_roster.yaml"


@pytest.fixture(params=["sqlite", "postgresql"])
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'linli.db'}")
        await upgrade(engine)
        yield engine
        await engine.dispose()
        return
    url = os.environ.get("LINLI_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PostgreSQL: LINLI_TEST_POSTGRES_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"server_settings": {"search_path": schema}})
    try:
        await upgrade(engine)
        yield engine
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()
