"""The ``linli`` command line: run the bot, migrate, invite, and the admin sub-commands."""

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import account as account_cli
from bot.cli import history as history_cli
from bot.cli import outbox as outbox_cli
from bot.cli import roster as roster_cli
from bot.cli.options import Lang, Language, load_settings
from bot.logs import configure_logging
from bot.nlp_adapter import TaxonomyNames
from bot.roster_text import problem_text
from bot.runner import serve
from bot.wiring import (
    SettingError,
    SystemClock,
    policy_of,
    prepare_database,
    read_taxonomy,
    roster_path,
)
from core import onboarding
from core.context import Context
from core.errors import Refused
from core.roster import RosterError
from core.vocabulary import Role
from db.session import session_factory
from db.uow import SqlAlchemyUnitOfWork
from handlers.texts import render
from nlp import load_taxonomy
from nlp.training import cli as nlp_cli

app = typer.Typer(help="邻里 linli — community grid governance bot.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.")
app.add_typer(db_app, name="db")
app.add_typer(roster_cli.app, name="roster")
app.add_typer(outbox_cli.app, name="outbox")
app.add_typer(nlp_cli.app, name="nlp")
app.add_typer(history_cli.app, name="history")
app.add_typer(account_cli.points_app, name="points")
app.add_typer(account_cli.stars_app, name="stars")
app.command("report")(account_cli.report)


@app.command()
def run(lang: Language = Lang.ZH_CN) -> None:
    """Run the bot: web chat, configured channels, outbox sender and clock."""
    settings = load_settings(lang)
    configure_logging()
    try:
        asyncio.run(serve(settings))
    except SettingError as error:
        raise _bad_setting(error.name, error.problem, lang) from None
    except RosterError as error:
        problem = _roster_problem(roster_path(settings), error, lang)
        raise _bad_setting("LINLI_ROSTER", problem, lang) from None


def _roster_problem(file: Path | None, error: RosterError, lang: str) -> str:
    """The roster's first problem (its first line: YAML errors run on), how many there are,
    and how to list them all."""
    first = problem_text(error.problems[0], lang).splitlines()[0]
    params = {"file": str(file), "problem": first, "count": len(error.problems)}
    return render("cli.settings.roster", params, lang)


def _bad_setting(name: str, problem: str, lang: str) -> typer.Exit:
    """Say in one line which setting is wrong and why; the exit (code 2) to raise."""
    typer.echo(render("cli.settings.invalid", {"name": name, "problem": problem}, lang), err=True)
    return typer.Exit(2)


@app.command()
def limits(lang: Language = Lang.ZH_CN) -> None:
    """The time limits (接单时限, 办结时限) of every category and sub-category, from the
    taxonomy in effect (LINLI_TAXONOMY, or the shipped one)."""
    settings = load_settings(lang)
    try:
        taxonomy = read_taxonomy(settings.taxonomy)
    except SettingError as error:
        raise _bad_setting(error.name, error.problem, lang) from None
    source = taxonomy.source or render("cli.limits.shipped", locale=lang)
    typer.echo(render("cli.limits.header", {"source": source}, lang))
    for category in taxonomy.categories:
        for sub in category.subcategories:
            row = {
                "category": category.name,
                "name": sub.name,
                "code": sub.code,
                "claim": sub.claim_hours,
                "resolve": sub.resolve_hours,
            }
            typer.echo(render("cli.limits.row", row, lang))
    urgent = {"claim": taxonomy.urgent_claim_hours, "resolve": taxonomy.urgent_resolve_hours}
    typer.echo(render("cli.limits.urgent", urgent, lang))


@db_app.command("upgrade")
def db_upgrade(lang: Language = Lang.ZH_CN) -> None:
    """Apply all database migrations (the run command does this by itself)."""
    settings = load_settings(lang, demo=False)

    async def go() -> None:
        engine = await prepare_database(settings)
        await engine.dispose()

    asyncio.run(go())
    typer.echo(render("cli.db.upgraded", locale=lang))


@app.command()
def invite(
    role: Annotated[str, typer.Option(help="member, leader, admin or unit")],
    grid: Annotated[str | None, typer.Option(help="grid code, e.g. XF-01")] = None,
    person: Annotated[int | None, typer.Option(help="roster person id to link")] = None,
    unit: Annotated[
        str | None, typer.Option(help="co-building unit code: its representative, or its member")
    ] = None,
    lang: Language = Lang.ZH_CN,
) -> None:
    """Print a one-time, expiring invite code (redeem in chat with /start CODE)."""
    if role not in {r.value for r in Role} - {Role.RESIDENT.value}:
        typer.echo(render("cli.invite.unknown_role", {"role": role}, lang), err=True)
        raise typer.Exit(2)
    settings = load_settings(lang)

    async def go() -> str:
        engine = await prepare_database(settings)
        try:
            clock = SystemClock()
            uow = SqlAlchemyUnitOfWork(session_factory(engine), clock)
            taxonomy = TaxonomyNames(load_taxonomy(settings.taxonomy))
            ctx = Context(now=datetime.now(UTC), policy=policy_of(settings), taxonomy=taxonomy)
            made = await onboarding.create_invite(uow, ctx, Role(role), grid, person, unit)
        finally:
            await engine.dispose()
        return made.code

    try:
        code = asyncio.run(go())
    except Refused as refusal:
        typer.echo(render(refusal.key, refusal.params, lang), err=True)
        raise typer.Exit(2) from None
    typer.echo(code)
    params = {"code": code, "hours": settings.policy.invite_ttl_hours}
    typer.echo(render("cli.invite.telegram", params, lang))
