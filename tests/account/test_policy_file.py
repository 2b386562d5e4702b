"""The accountability policy file: the shipped one is the defaults, a community's own
overrides parts of it, a wrong one is named in one line."""

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.account_file import SHIPPED, AccountFileError, read_accountability
from bot.cli.app import app
from core.account_policy import Accountability, AccountPolicyError, parse_accountability


def test_the_shipped_file_is_the_defaults() -> None:
    assert read_accountability(None) == Accountability()
    assert parse_accountability(yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))) == (
        Accountability()
    )


def test_a_community_overrides_what_it_names() -> None:
    rules = parse_accountability(
        {"points": {"claim": 2}, "stars": {"grid": [{"figure": "reopen_rate", "at_least": 0.1}]}}
    )
    assert rules.points.claim == 2 and rules.points.reopened == -3
    (only,) = rules.stars.grid
    assert only.met(0.05) and not only.met(0.2) and not only.met(None)
    assert rules.stars.member == Accountability().stars.member


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"points": {"claims": 1}}, "points.claims: unknown"),
        ({"points": {"claim": 1.5}}, "points.claim: expected a whole number"),
        ({"stars": {"grid": [{"figure": "speed", "at_least": 1}]}}, "stars.grid[0].figure"),
        ({"hours": {"choices": []}}, "hours.choices"),
        ({"wish": {}}, "wish: not a section"),
    ],
)
def test_a_wrong_entry_is_named(data: dict[str, object], problem: str) -> None:
    with pytest.raises(AccountPolicyError) as error:
        parse_accountability(data)
    assert problem in str(error.value)


def test_a_bad_file_stops_the_command_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "考核规则.yaml"
    bad.write_text("stars:\n  grid:\n    - {figure: speed, at_least: 1}\n", encoding="utf-8")
    with pytest.raises(AccountFileError):
        read_accountability(bad)
    monkeypatch.setenv("LINLI_ACCOUNTABILITY", str(bad))
    url = f"sqlite:///{tmp_path / 'linli.db'}"
    result = CliRunner().invoke(
        app, ["stars", "propose", "--month", "2026-11", "--database-url", url]
    )
    assert result.exit_code == 2
    assert result.output.strip().startswith("设置 LINLI_ACCOUNTABILITY 有误：")
    assert "stars.grid[0].figure: 'speed'" in result.output
