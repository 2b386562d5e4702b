"""A community's history becomes training data: leaders' corrections marked, ready to train."""

import asyncio
import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli.app import app
from core import intake, triage
from db.history import labelled_requests
from db.session import session_factory
from tests.env import Env
from tests.seed import seed
from tests.unit.test_request_lifecycle import LIGHT

runner = CliRunner()


async def filed_and_corrected(env: Env) -> None:
    s = await seed(env)
    first = await intake.submit_request(env.uow(), env.ctx, s.residents[0], LIGHT)
    await intake.submit_request(env.uow(), env.ctx, s.residents[1], LIGHT)
    await triage.recategorise_request(env.uow(), env.ctx, first.id, s.leader_a, "env")
    cancelled = await intake.submit_request(env.uow(), env.ctx, s.residents[0], LIGHT)
    await intake.cancel_request(env.uow(), env.ctx, cancelled.id, s.residents[0])


async def test_requests_become_labelled_rows(env: Env) -> None:
    await filed_and_corrected(env)
    rows = await labelled_requests(session_factory(env.engine))
    assert [(r.category, r.corrected) for r in rows] == [("env", True), ("repair", False)]
    assert rows[0].text == LIGHT.text and rows[0].type == "complaint"


async def test_cli_exports_jsonl_that_nlp_trains_on(
    env: Env, tmp_path: Path, sqlite_only: None
) -> None:
    await filed_and_corrected(env)
    url = env.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "history.jsonl"
    args = ["history", "export", str(out), "--database-url", url]
    result = await asyncio.to_thread(runner.invoke, app, args)
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}：2 条诉求（其中 1 条由网格长改过类别）\n"
    english = await asyncio.to_thread(runner.invoke, app, [*args, "--lang", "en"])
    assert english.output == f"{out}: 2 requests (1 recategorised by leaders)\n"
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["category"] for line in lines} == {"env", "repair"}
    model = tmp_path / "model.json"
    trained = runner.invoke(app, ["nlp", "train", str(out), "--out", str(model)])
    assert trained.exit_code == 0, trained.output
    assert model.exists()


def test_cli_refuses_a_wrong_file_name(tmp_path: Path) -> None:
    args = ["history", "export", str(tmp_path / "history.csv")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == "history.csv：文件扩展名应为 .jsonl\n"
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert english.exit_code == 2
    assert english.stderr == "history.csv: the file must end in .jsonl\n"
