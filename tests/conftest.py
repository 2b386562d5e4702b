"""Shared fixtures: a real database (SQLite file, and PostgreSQL when its URL is set),
an injected clock, a small roster and the service context."""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from core.context import Context, Policy
from core.messages import t
from db.migrate import upgrade
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork

POSTGRES_URL = os.environ.get("LINLI_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]


class FixedClock:
    """Time is data: tests move it by hand."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 23, 1, 30, tzinfo=UTC))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.skip("PostgreSQL: set LINLI_TEST_POSTGRES_URL to run these on PostgreSQL")
    return str(request.param)


@pytest.fixture
async def engine(backend: str, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if backend == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'linli.db'}")
        await upgrade(engine)
        yield engine
        await engine.dispose()
        return
    assert POSTGRES_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(
        POSTGRES_URL,
        pool_size=20,
        max_overflow=40,
        connect_args={"server_settings": {"search_path": schema}},
    )
    await upgrade(engine)
    yield engine
    await engine.dispose()
    async with admin.begin() as connection:
        await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    await admin.dispose()


@dataclass
class Env:
    """Everything a service test needs: a fresh unit of work per call, the clock, the rules."""

    engine: AsyncEngine
    clock: FixedClock
    policy: Policy
    taxonomy: "FakeTaxonomy"

    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(session_factory(self.engine), self.clock)

    @property
    def ctx(self) -> Context:
        return Context(now=self.clock.now(), policy=self.policy, taxonomy=self.taxonomy)


class FakeTaxonomy:
    """A two-category taxonomy, enough for the core's tests (nlp/ has the real one)."""

    NAMES: ClassVar[dict[str, str]] = {
        "repair": "房屋与设施维修",
        "env": "环境卫生",
        "care": "帮扶救助与养老助残",
        "other": "其他",
        "repair.corridor_light": "楼道灯",
        "env.rubbish": "垃圾清运",
    }
    POSTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "repair.corridor_light": ("信息收集员",),
        "env.rubbish": ("环境卫生员",),
    }

    def category_name(self, code: str) -> str:
        return self.NAMES.get(code, code)

    def subcategory_name(self, code: str | None) -> str:
        return self.NAMES.get(code or "", code or "")

    def type_name(self, code: str) -> dict[str, Any]:
        return t(f"type.{code}")

    def deadline_hours(self, subcategory: str | None, urgent: bool) -> tuple[float, float]:
        return (0.5, 4.0) if urgent else (24.0, 72.0)

    def posts_for(self, subcategory: str | None) -> tuple[str, ...]:
        return self.POSTS.get(subcategory or "", ())

    def categories(self) -> list[tuple[str, str]]:
        return [(c, n) for c, n in self.NAMES.items() if "." not in c]


@pytest.fixture
def env(engine: AsyncEngine, clock: FixedClock) -> Env:
    return Env(engine, clock, Policy(max_open_claims=3), FakeTaxonomy())


@pytest.fixture
def sqlite_only(backend: str) -> Iterator[None]:
    if backend != "sqlite":
        pytest.skip("SQLite-specific")
    yield
