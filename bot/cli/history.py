"""``linli history export``: a community's requests as training data for ``linli nlp train``."""

import asyncio
import json
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.options import DatabaseUrl, Lang, Language
from bot.cli.options import database_url as resolve_url
from db.history import LabelledRequest, labelled_requests
from db.migrate import upgrade
from db.session import create_engine, session_factory
from handlers.texts import render

app = typer.Typer(help="A community's own history as labelled data.", no_args_is_help=True)


@app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="Where to write the JSONL.", dir_okay=False)],
    database_url: DatabaseUrl = None,
    days: Annotated[int | None, typer.Option(help="Only requests of the last N days.")] = None,
    corrected_only: Annotated[
        bool, typer.Option("--corrected-only", help="Only requests a leader recategorised.")
    ] = False,
    lang: Language = Lang.ZH_CN,
) -> None:
    """Write requests as JSONL (text, category, type, urgent) for `linli nlp train`."""
    if file.suffix.lower() != ".jsonl":
        typer.echo(render("cli.history.file_type", {"file": file.name}, lang), err=True)
        raise typer.Exit(2)
    since = datetime.now(UTC) - timedelta(days=days) if days else None
    rows = asyncio.run(_rows(resolve_url(database_url, lang), since))
    if corrected_only:
        rows = [row for row in rows if row.corrected]
    file.write_text(
        "".join(json.dumps(asdict(row), ensure_ascii=False) + "\n" for row in rows),
        encoding="utf-8",
    )
    corrected = sum(row.corrected for row in rows)
    params = {"file": str(file), "count": len(rows), "corrected": corrected}
    typer.echo(render("cli.history.exported", params, lang))


async def _rows(url: str, since: datetime | None) -> list[LabelledRequest]:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        return await labelled_requests(session_factory(engine), since)
    finally:
        await engine.dispose()
