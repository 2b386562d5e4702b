"""The markers tests/conftest.py puts on each test (registered in pyproject.toml), read from
what the test uses rather than written by hand on each:

- ``postgres``: a parameter of the test is "postgresql" (the ``backend`` fixture's, or a
  parametrize of its own);
- ``browser``: it asks for the ``browser`` fixture (Chromium under Playwright);
- ``e2e``: it runs the whole bot: the web chat server (a fixture, ``serve_web``,
  ``threaded_web``), the Telegram stack, ``linli run`` in-process or as processes;
- ``kill``: it SIGKILLs bot processes (tests/durability/bot_process.py).

A test "uses" a function when its body, a fixture it asks for, or a function of its own module
they call (at any depth) names it.
"""

import inspect
from collections.abc import Iterator
from types import CodeType
from typing import Any

import pytest

from bot.runner import start
from tests.adapters.conftest_telegram import telegram_stack
from tests.adapters.conftest_web import serve_web, threaded_web
from tests.durability.bot_process import bot_processes

WHOLE_BOT = (telegram_stack, serve_web, threaded_web, start, bot_processes)
KILLERS = (bot_processes,)
WHOLE_BOT_FIXTURES = {"web_server", "web_server_no_demo", "browser"}


def marks_of(item: pytest.Item) -> list[str]:
    if not isinstance(item, pytest.Function):
        return []
    marks = []
    params = getattr(item, "callspec", None)
    if params is not None and any(
        isinstance(value, str) and value == "postgresql" for value in params.params.values()
    ):
        marks.append("postgres")
    if "browser" in item.fixturenames:
        marks.append("browser")
    used = {id(value) for value in uses(item)}
    if WHOLE_BOT_FIXTURES & set(item.fixturenames) or any(id(f) in used for f in WHOLE_BOT):
        marks.append("e2e")
    if any(id(f) in used for f in KILLERS):
        marks.append("kill")
    return marks


def uses(item: pytest.Function) -> Iterator[object]:
    """Every global the test's function and its fixtures name, following its module's own
    functions."""
    roots = [item.function]
    for definitions in item._fixtureinfo.name2fixturedefs.values():
        roots += [definition.func for definition in definitions]
    seen: set[int] = set()
    while roots:
        function = inspect.unwrap(roots.pop())
        code = getattr(function, "__code__", None)
        if code is None or id(function) in seen:
            continue
        seen.add(id(function))
        scope = getattr(function, "__globals__", {})
        for name in names(code):
            value = scope.get(name)
            yield value
            if own_function(value, scope):
                roots.append(value)


def names(code: CodeType) -> Iterator[str]:
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, CodeType):
            yield from names(constant)


def own_function(value: Any, scope: dict[str, Any]) -> bool:
    return inspect.isfunction(value) and value.__module__ == scope.get("__name__")
