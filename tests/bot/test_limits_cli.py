"""`linli limits`: the time limits of the taxonomy in effect, found without reading it."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from nlp import load_taxonomy

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    return {"LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'linli.db'}"}


def test_every_subcategory_and_the_urgent_limits_are_listed(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["limits"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + len(load_taxonomy().subcategories())
    assert "环境卫生 垃圾清运（env.rubbish）：接单 24 小时 / 办结 24 小时" in lines
    assert lines[-1] == "紧急诉求：接单 0.5 小时 / 办结 4 小时（取较短者，全天计时）"


def test_a_community_file_is_what_is_listed(env: dict[str, str], tmp_path: Path) -> None:
    shipped = load_taxonomy().source
    own = tmp_path / "taxonomy.yaml"
    text = Path(shipped).read_text(encoding="utf-8")
    own.write_text(text.replace("claim_hours: 0.5", "claim_hours: 0.25", 1), encoding="utf-8")
    result = runner.invoke(app, ["limits", "--lang", "en"], env={**env, "LINLI_TAXONOMY": str(own)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(f"Time limits ({own})")
    assert result.stdout.splitlines()[-1].startswith("Urgent requests: claim 0.25 h / resolve 4 h")


def test_an_unreadable_taxonomy_is_named(env: dict[str, str], tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    result = runner.invoke(app, ["limits"], env={**env, "LINLI_TAXONOMY": str(missing)})
    assert result.exit_code == 2
    assert "LINLI_TAXONOMY" in result.stderr and result.stdout == ""
