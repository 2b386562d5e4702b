"""``linli outbox list|retry``: see what is queued or dead, and send dead messages again."""

import asyncio
from datetime import UTC, datetime
from typing import Annotated

import typer

from bot.cli_options import DatabaseUrl
from bot.cli_options import database_url as resolve_url
from db.delivery import OutboxEntry
from db.migrate import upgrade
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork

app = typer.Typer(
    help="The outbox: messages waiting to be delivered, and dead ones to send again.",
    no_args_is_help=True,
)


class _Now:
    def now(self) -> datetime:
        return datetime.now(UTC)


def _line(entry: OutboxEntry) -> str:
    when = entry.next_attempt_at.strftime("%Y-%m-%d %H:%M:%S")
    error = f"  {entry.last_error}" if entry.last_error else ""
    return (
        f"{entry.id}\t{entry.status}\t{entry.channel}:{entry.chat_id}\t{entry.key}"
        f"\ttries={entry.attempts}\tnext={when}{error}"
    )


@app.command("list")
def list_rows(
    database_url: DatabaseUrl = None,
    dead: Annotated[bool, typer.Option("--dead", help="Show dead messages instead.")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 100,
) -> None:
    """Messages not yet delivered (or, with --dead, given up on), oldest first."""
    entries = asyncio.run(_list(resolve_url(database_url), dead, limit))
    for entry in entries:
        typer.echo(_line(entry))
    typer.echo(f"{len(entries)} {'dead' if dead else 'queued'}", err=True)


@app.command("retry")
def retry(
    row_id: Annotated[int | None, typer.Argument(help="The dead message's id.")] = None,
    database_url: DatabaseUrl = None,
    all_dead: Annotated[bool, typer.Option("--all-dead", help="Every dead message.")] = False,
) -> None:
    """Queue a dead message (or all of them) again, with a fresh set of tries."""
    if (row_id is None) == (not all_dead):
        raise typer.BadParameter("give a message id or --all-dead (not both)")
    count = asyncio.run(_retry(resolve_url(database_url), None if all_dead else row_id))
    typer.echo(f"requeued {count}")
    if count == 0 and row_id is not None:
        raise typer.Exit(1)


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
