"""Options the admin sub-commands share."""

from enum import StrEnum
from typing import Annotated

import typer
from pydantic import ValidationError

from bot.config import Settings
from handlers.texts import DEFAULT_LOCALE, render


class Lang(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="sqlite:///… or postgresql://… (default: LINLI_DATABASE_URL, .env, sqlite:///linli.db)",
        show_default=False,
    ),
]
Language = Annotated[
    Lang, typer.Option("--lang", help="Language of the command's messages.", is_eager=True)
]


def locale_of(ctx: typer.Context) -> str:
    """The ``--lang`` given so far (it is eager), for parameter callbacks."""
    return str(ctx.params.get("lang") or DEFAULT_LOCALE)


def load_settings(lang: str = DEFAULT_LOCALE, /, **given: object) -> Settings:
    """The settings from the environment and .env (`given` overrides them), or one line
    per bad value in `lang` and exit 2."""
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as error:
        for problem in error.errors():
            name = "LINLI_" + "__".join(str(part) for part in problem["loc"]).upper()
            params = {"name": name, "problem": problem["msg"]}
            typer.echo(render("cli.settings.invalid", params, lang), err=True)
        raise typer.Exit(2) from None


def database_url(given: str | None, lang: str = DEFAULT_LOCALE) -> str:
    """The URL given on the command line, else the one the bot itself would use."""
    return given or load_settings(lang).database_url
