"""Options the admin sub-commands share."""

from typing import Annotated

import typer
from pydantic import ValidationError

from bot.config import Settings

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="sqlite:///… or postgresql://… (default: LINLI_DATABASE_URL, .env, sqlite:///linli.db)",
        show_default=False,
    ),
]


def load_settings(**given: object) -> Settings:
    """The settings from the environment and .env (`given` overrides them), or one line
    per bad value and exit 2."""
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as error:
        for problem in error.errors():
            name = "LINLI_" + "__".join(str(part) for part in problem["loc"]).upper()
            typer.echo(f"error: {name}: {problem['msg']}", err=True)
        raise typer.Exit(2) from None


def database_url(given: str | None) -> str:
    """The URL given on the command line, else the one the bot itself would use."""
    return given or load_settings().database_url
