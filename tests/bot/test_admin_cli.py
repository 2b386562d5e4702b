"""`linli db upgrade` and `linli invite` on a SQLite file: Chinese unless `--lang en`."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    return {"LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'linli.db'}"}


def test_db_upgrade_says_the_database_is_up_to_date(env: dict[str, str], tmp_path: Path) -> None:
    chinese = runner.invoke(app, ["db", "upgrade"], env=env)
    assert chinese.exit_code == 0 and chinese.stdout == "数据库已是最新版本\n"
    english = runner.invoke(app, ["db", "upgrade", "--lang", "en"], env=env)
    assert english.exit_code == 0 and english.stdout == "database is up to date\n"
    assert (tmp_path / "linli.db").exists()


def test_invite_prints_the_code_and_how_to_redeem_it(env: dict[str, str]) -> None:
    chinese = runner.invoke(app, ["invite", "--role", "member", "--grid", "XF-01"], env=env)
    assert chinese.exit_code == 0, chinese.output
    code, telegram = chinese.stdout.splitlines()
    assert len(code) == 8
    assert telegram == f"Telegram：向机器人发送 /start {code}（72 小时内有效）"
    short = {**env, "LINLI_POLICY__INVITE_TTL_HOURS": "1.5"}
    args = ["invite", "--role", "leader", "--grid", "XF-02", "--lang", "en"]
    english = runner.invoke(app, args, env=short)
    assert english.exit_code == 0, english.output
    code, telegram = english.stdout.splitlines()
    assert telegram == f"Telegram: /start {code}   (valid 1.5 h)"


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (
            ["--role", "boss"],
            "角色“boss”无法识别，应为 member、leader、admin、unit 之一\n",
            "unknown role “boss”: use member, leader, admin or unit\n",
        ),
        (
            ["--role", "member", "--grid", "XX-99"],
            "没有编码为 XX-99 的网格。\n",
            "There is no grid with code XX-99.\n",
        ),
    ],
)
def test_invite_refusals_are_one_line_and_exit_2(
    env: dict[str, str], args: list[str], chinese: str, english: str
) -> None:
    result = runner.invoke(app, ["invite", *args], env=env)
    assert result.exit_code == 2 and result.stderr == chinese and result.stdout == ""
    result = runner.invoke(app, ["invite", *args, "--lang", "en"], env=env)
    assert result.exit_code == 2 and result.stderr == english and result.stdout == ""
