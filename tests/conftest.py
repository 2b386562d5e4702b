"""Shared fixtures: a real database (SQLite file, and PostgreSQL when its URL is set),
Redis (when its URL is set), an injected clock, the service context, the dialogs' chat
harness, the web chat server and a browser; and the markers each test gets (tests/markers.py)."""

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncEngine

from core.context import Policy
from db.session import create_engine
from tests.adapters.conftest_web import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RunningWeb,
    threaded_web,
    web_settings,
)
from tests.chat import Chat, NlpParts, load_nlp_parts, open_chat
from tests.databases import POSTGRES_URL, REDIS_URL, TEMPLATES, on_schema
from tests.env import Env, FakeTaxonomy, FixedClock
from tests.markers import marks_of

__all__ = ["POSTGRES_URL", "Env", "FakeTaxonomy", "FixedClock"]  # once imported from here
BACKENDS = ["sqlite", "postgresql"]


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
    """A migrated database of the test's own: a copy of the session's template."""
    if backend == "sqlite":
        engine = create_engine(TEMPLATES.sqlite(tmp_path / "linli.db"))
        yield engine
        await engine.dispose()
        return
    assert POSTGRES_URL
    async with TEMPLATES.postgres_schema(POSTGRES_URL) as schema:
        engine = on_schema(POSTGRES_URL, schema, pool_size=20, max_overflow=40)
        yield engine
        await engine.dispose()


@pytest.fixture
def env(engine: AsyncEngine, clock: FixedClock) -> Env:
    return Env(engine, clock, Policy(max_open_claims=3), FakeTaxonomy())


@pytest.fixture
async def redis_client() -> AsyncIterator[Redis]:
    """A client of the Redis LINLI_TEST_REDIS_URL names (answers decoded), or a skip."""
    if not REDIS_URL:
        pytest.skip("Redis: set LINLI_TEST_REDIS_URL to run the shared send budget's tests")
    client = Redis.from_url(REDIS_URL, decode_responses=True, socket_connect_timeout=2)
    try:
        await client.ping()
    except RedisError as error:
        await client.aclose()
        pytest.skip(f"Redis: LINLI_TEST_REDIS_URL does not answer ({error})")
    yield client
    await client.aclose()


@pytest.fixture
async def redis_prefix(redis_client: Redis) -> AsyncIterator[str]:
    """A key prefix of the test's own; its keys are deleted afterwards."""
    prefix = f"linli-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    keys = [key async for key in redis_client.scan_iter(match=f"{prefix}:*")]
    if keys:
        await redis_client.delete(*keys)


@pytest.fixture
def sqlite_only(backend: str) -> Iterator[None]:
    if backend != "sqlite":
        pytest.skip("SQLite-specific")
    yield


@pytest.fixture(scope="session")
def nlp_parts() -> NlpParts:
    return load_nlp_parts()


@pytest.fixture
async def chat(env: Env, nlp_parts: NlpParts) -> Chat:
    """People talk to the real dispatcher over a seeded community (tests/chat.py)."""
    return await open_chat(env, nlp_parts)


@pytest.fixture(scope="module")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWeb]:
    """The web chat server (tests/adapters/conftest_web.py), embedded default: demo mode on."""
    with threaded_web(web_settings(tmp_path_factory.mktemp("web"))) as running:
        yield running


@pytest.fixture(scope="module")
def web_server_no_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWeb]:
    with threaded_web(web_settings(tmp_path_factory.mktemp("web-nodemo"), demo=False)) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright, one per test module."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for name in marks_of(item):
            item.add_marker(name)


def pytest_sessionfinish() -> None:
    TEMPLATES.close()
