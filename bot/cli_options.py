"""Options the admin sub-commands share."""

from typing import Annotated

import typer

from bot.config import Settings

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="sqlite:///… or postgresql://… (default: LINLI_DATABASE_URL, .env, sqlite:///linli.db)",
        show_default=False,
    ),
]


def database_url(given: str | None) -> str:
    """The URL given on the command line, else the one the bot itself would use."""
    return given or Settings().database_url
