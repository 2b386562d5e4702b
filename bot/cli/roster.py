"""``linli roster import|export``: the roster file in and out of the database."""

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.options import DatabaseUrl, Lang, Language, locale_of
from bot.cli.options import database_url as resolve_url
from bot.roster_files import SUFFIXES, read_roster_file, roster_format, write_roster_file
from bot.roster_text import exported_text, problem_text, summary_text
from core.roster import Roster, RosterError, RosterProblem
from db.migrate import upgrade
from db.roster import RosterSummary, apply_roster, read_roster
from db.session import create_engine
from handlers.texts import render

app = typer.Typer(
    help="Import and export the roster (communities, grids, buildings, people): CSV, XLSX, YAML.",
    no_args_is_help=True,
)


def _roster_path(ctx: typer.Context, path: Path) -> Path:
    try:
        roster_format(path)
    except ValueError:
        params = {"file": path.name, "suffixes": ", ".join(SUFFIXES)}
        raise typer.BadParameter(render("roster.file_type", params, locale_of(ctx))) from None
    return path


InFile = Annotated[
    Path,
    typer.Argument(
        help="The roster: .csv, .xlsx or .yaml.", exists=True, dir_okay=False, callback=_roster_path
    ),
]
OutFile = Annotated[
    Path,
    typer.Argument(
        help="Where to write: .csv, .xlsx or .yaml.", dir_okay=False, callback=_roster_path
    ),
]


def _report(problems: list[RosterProblem], locale: str) -> None:
    for problem in problems:
        typer.echo(problem_text(problem, locale), err=True)
    raise typer.Exit(2)


@app.command("import")
def import_roster(
    file: InFile,
    database_url: DatabaseUrl = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file against the database; write nothing.")
    ] = False,
    lang: Language = Lang.ZH_CN,
) -> None:
    """Load a roster file: add what is new, update what changed, leave the rest alone."""
    roster = read_roster_file(file)
    try:
        summary = asyncio.run(_import(resolve_url(database_url, lang), roster, dry_run))
    except RosterError as error:
        _report(error.problems, lang)
    typer.echo(summary_text(summary, lang))


@app.command("export")
def export_roster(
    file: OutFile,
    database_url: DatabaseUrl = None,
    lang: Language = Lang.ZH_CN,
) -> None:
    """Write the whole roster from the database to a file (the format follows the extension)."""
    roster = asyncio.run(_export(resolve_url(database_url, lang)))
    write_roster_file(file, roster)
    typer.echo(exported_text(str(file), roster, lang))


async def _import(database_url: str, roster: Roster, dry_run: bool) -> RosterSummary:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        return await apply_roster(engine, roster, dry_run=dry_run)
    finally:
        await engine.dispose()


async def _export(database_url: str) -> Roster:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        return await read_roster(engine)
    finally:
        await engine.dispose()
