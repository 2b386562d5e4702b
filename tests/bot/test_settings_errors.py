"""A bad setting stops the command with one line naming it, not a traceback."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("command", "env", "line"),
    [
        (
            ["run"],
            {"LINLI_DATABASE_POOL_SIZE": "0"},
            "设置 LINLI_DATABASE_POOL_SIZE 有误：Input should be greater than or equal to 1",
        ),
        (
            ["run"],
            {"LINLI_WEB_PORT": "abc"},
            "设置 LINLI_WEB_PORT 有误：Input should be a valid integer",
        ),
        (
            ["run", "--lang", "en"],
            {"LINLI_WEB_PORT": "abc"},
            "error: LINLI_WEB_PORT: Input should be a valid integer",
        ),
        (
            ["db", "upgrade"],
            {"LINLI_CLOCK_INTERVAL_SECONDS": "soon"},
            "设置 LINLI_CLOCK_INTERVAL_SECONDS 有误：",
        ),
        (
            ["db", "upgrade", "--lang", "en"],
            {"LINLI_CLOCK_INTERVAL_SECONDS": "soon"},
            "error: LINLI_CLOCK_INTERVAL_SECONDS:",
        ),
        (["invite", "--role", "member"], {"LINLI_DEMO": "maybe"}, "设置 LINLI_DEMO 有误："),
        (
            ["invite", "--role", "member", "--lang", "en"],
            {"LINLI_DEMO": "maybe"},
            "error: LINLI_DEMO:",
        ),
        (["outbox", "list"], {"LINLI_WEB_PORT": "x"}, "设置 LINLI_WEB_PORT 有误："),
        (["outbox", "list", "--lang", "en"], {"LINLI_WEB_PORT": "x"}, "error: LINLI_WEB_PORT:"),
        (["roster", "export", "r.yaml"], {"LINLI_WEB_PORT": "x"}, "设置 LINLI_WEB_PORT 有误："),
    ],
)
def test_a_bad_setting_is_one_clear_line(
    command: list[str],
    env: dict[str, str],
    line: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    result = runner.invoke(app, command, env=env)
    assert result.exit_code == 2, result.output
    assert line in result.stderr and "Traceback" not in result.output
