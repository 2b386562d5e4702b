"""``LINLI_TELEGRAM_LIBRARY`` picks the Telegram library; a bad value stops ``linli run`` with
one line naming it."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.config import Settings

runner = CliRunner()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ([], "设置 LINLI_TELEGRAM_LIBRARY 有误：Input should be 'ptb' or 'aiogram'"),
        (["--lang", "en"], "error: LINLI_TELEGRAM_LIBRARY: Input should be 'ptb' or 'aiogram'"),
    ],
)
def test_a_bad_library_is_one_clear_line(
    lang: list[str], line: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    result = runner.invoke(app, ["run", *lang], env={"LINLI_TELEGRAM_LIBRARY": "telethon"})
    assert result.exit_code == 2, result.output
    assert line in result.stderr and "Traceback" not in result.output


def test_the_default_is_python_telegram_bot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINLI_TELEGRAM_LIBRARY", raising=False)
    assert Settings(_env_file=None).telegram_library == "ptb"
    monkeypatch.setenv("LINLI_TELEGRAM_LIBRARY", "aiogram")
    assert Settings(_env_file=None).telegram_library == "aiogram"
