"""``linli outbox list|retry|prune``: see what is queued or dead, send dead messages again, and
delete messages delivered or given up on long ago."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from bot.cli.options import DatabaseUrl, Lang, Language, load_settings
from bot.cli.options import database_url as resolve_url
from core.clock.housekeeping import prune_outbox_before
from db.delivery import OutboxEntry
from db.migrate import upgrade
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork
from handlers.texts import render

app = typer.Typer(
    help="The outbox: messages waiting to be delivered, and dead ones to send again.",
    no_args_is_help=True,
)


class _Now:
    def now(self) -> datetime:
        return datetime.now(UTC)


def _line(entry: OutboxEntry, lang: str) -> str:
    error = (
        {"$t": "cli.outbox.last_error", "params": {"error": entry.last_error}}
        if entry.last_error
        else ""
    )
    params = {
        "id": entry.id,
        "status": entry.status,
        "channel": entry.channel,
        "chat_id": entry.chat_id,
        "key": entry.key,
        "attempts": entry.attempts,
        "when": entry.next_attempt_at.strftime("%Y-%m-%d %H:%M:%S"),
        "error": error,
    }
    return render("cli.outbox.entry", params, lang)


@app.command("list")
def list_rows(
    database_url: DatabaseUrl = None,
    dead: Annotated[bool, typer.Option("--dead", help="Show dead messages instead.")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 100,
    lang: Language = Lang.ZH_CN,
) -> None:
    """Messages not yet delivered (or, with --dead, given up on), oldest first."""
    entries = asyncio.run(_list(resolve_url(database_url, lang), dead, limit))
    for entry in entries:
        typer.echo(_line(entry, lang))
    key = "cli.outbox.dead" if dead else "cli.outbox.queued"
    typer.echo(render(key, {"count": len(entries)}, lang), err=True)


@app.command("retry")
def retry(
    row_id: Annotated[int | None, typer.Argument(help="The dead message's id.")] = None,
    database_url: DatabaseUrl = None,
    all_dead: Annotated[bool, typer.Option("--all-dead", help="Every dead message.")] = False,
    lang: Language = Lang.ZH_CN,
) -> None:
    """Queue a dead message (or all of them) again, with a fresh set of tries."""
    if (row_id is None) == (not all_dead):
        raise typer.BadParameter(render("cli.outbox.retry_target", locale=lang))
    url = resolve_url(database_url, lang)
    count = asyncio.run(_retry(url, None if all_dead else row_id))
    typer.echo(render("cli.outbox.requeued", {"count": count}, lang))
    if count == 0 and row_id is not None:
        raise typer.Exit(1)


@app.command("prune")
def prune(
    days: Annotated[
        float | None,
        typer.Option(min=0, help="Older than this (default: LINLI_POLICY__OUTBOX_KEEP_DAYS)."),
    ] = None,
    database_url: DatabaseUrl = None,
    lang: Language = Lang.ZH_CN,
) -> None:
    """Delete messages delivered or given up on more than DAYS days ago (the bot's clock does
    it hourly); broadcasts keep their delivery counts. Unsent messages are never deleted."""
    keep = days if days is not None else load_settings(lang).policy.outbox_keep_days
    if keep <= 0:
        typer.echo(render("cli.outbox.kept", locale=lang))
        return
    count = asyncio.run(_prune(resolve_url(database_url, lang), keep))
    typer.echo(render("cli.outbox.pruned", {"count": count, "days": f"{keep:g}"}, lang))


async def _list(database_url: str, dead: bool, limit: int) -> list[OutboxEntry]:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        async with SqlAlchemyUnitOfWork(session_factory(engine), _Now()) as uow:
            return await uow.delivery.entries(dead, limit)
    finally:
        await engine.dispose()


async def _retry(database_url: str, row_id: int | None) -> int:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        async with SqlAlchemyUnitOfWork(session_factory(engine), _Now()) as uow:
            count = await uow.delivery.requeue(row_id, datetime.now(UTC))
            await uow.commit()
            return count
    finally:
        await engine.dispose()


async def _prune(database_url: str, days: float) -> int:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        uow = SqlAlchemyUnitOfWork(session_factory(engine), _Now())
        return await prune_outbox_before(uow, datetime.now(UTC) - timedelta(days=days))
    finally:
        await engine.dispose()
