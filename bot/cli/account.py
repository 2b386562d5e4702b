"""``linli report``, ``linli points …`` and ``linli stars …``: the accountability reports,
ledger and star levels from the command line (the admin's own tools)."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from bot.charts import NoChineseFont, draw
from bot.cli.options import DatabaseUrl, Lang, Language, load_settings
from bot.nlp_adapter import TaxonomyNames
from bot.report_book import write_csv, write_xlsx
from bot.wiring import SettingError, SystemClock, accountability_of, policy_of, read_taxonomy
from core import chart_data, ledger, stars
from core.account_ports import AccountUnitOfWork
from core.context import Context
from core.errors import Refused
from core.periods import Period, PeriodError, chosen
from core.reports import build_report
from db.migrate import upgrade
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork
from handlers.texts import render

T = TypeVar("T")
Work = Callable[[AccountUnitOfWork, Context], Awaitable[T]]

points_app = typer.Typer(help="The points ledger (积分).", no_args_is_help=True)
stars_app = typer.Typer(help="Monthly star levels (星级创评).", no_args_is_help=True)

Month = Annotated[str | None, typer.Option("--month", help="YYYY-MM (default: this month)")]


def _run(work: Work[T], database_url: str | None, lang: str) -> T:
    """Run ``work`` with a unit of work and a context, or say in one line what is wrong."""
    settings = load_settings(lang, **({"database_url": database_url} if database_url else {}))

    async def go() -> T:
        engine = create_engine(settings.database_url)
        try:
            await upgrade(engine)
            uow = SqlAlchemyUnitOfWork(session_factory(engine), SystemClock())
            ctx = Context(
                datetime.now(UTC),
                policy_of(settings),
                TaxonomyNames(read_taxonomy(settings.taxonomy)),
                accountability=accountability_of(settings),
            )
            return await work(uow, ctx)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(go())
    except SettingError as error:
        _fail("cli.settings.invalid", lang, name=error.name, problem=error.problem)
    except Refused as refusal:
        _fail(refusal.key, lang, **refusal.params)
    except NoChineseFont as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


def _fail(key: str, lang: str, **params: object) -> NoReturn:
    typer.echo(render(key, params, lang), err=True)
    raise typer.Exit(2)


def _period(lang: str, timezone: str, **given: str | None) -> Period:
    try:
        return chosen(
            timezone,
            given.get("month"),
            given.get("quarter"),
            given.get("first"),
            given.get("last"),
        )
    except PeriodError as error:
        _fail(error.key, lang)


def report(
    month: Month = None,
    quarter: Annotated[str | None, typer.Option("--quarter", help="YYYYQn, e.g. 2026Q4")] = None,
    first: Annotated[str | None, typer.Option("--from", help="first day, YYYY-MM-DD")] = None,
    last: Annotated[str | None, typer.Option("--to", help="last day, YYYY-MM-DD")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="the workbook (.xlsx)")] = None,
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="a folder for CSV files")] = None,
    charts: Annotated[Path | None, typer.Option("--charts", help="a folder for PNG charts")] = None,
    database_url: DatabaseUrl = None,
    lang: Language = Lang.ZH_CN,
) -> None:
    """The assessment report (三率, points, stars, wishes, promises) for a period."""
    if out is not None and out.suffix.lower() != ".xlsx":
        _fail("cli.report.out_type", lang, file=str(out))
    settings = load_settings(lang)
    period = _period(lang, settings.timezone, month=month, quarter=quarter, first=first, last=last)

    async def work(uow: AccountUnitOfWork, ctx: Context) -> None:
        made = await build_report(uow, ctx, period)
        if out is not None or (csv_dir is None and charts is None):
            target = out or Path(f"report-{period.label}.xlsx")
            sheets = write_xlsx(made, target, ctx, lang)
            params = {"file": str(target), "period": period.label, "sheets": sheets}
            typer.echo(render("cli.report.written", params, lang))
        if csv_dir is not None:
            files = write_csv(made, csv_dir, ctx, lang)
            params = {"count": len(files), "folder": str(csv_dir)}
            typer.echo(render("cli.report.csv_written", params, lang))
        if charts is not None:
            charts.mkdir(parents=True, exist_ok=True)
            for name, chart in (
                ("trend", await chart_data.trend(uow, ctx, period)),
                ("grids", await chart_data.by_grid(uow, ctx, period)),
            ):
                path = charts / f"{name}-{period.label}.png"
                path.write_bytes(draw(chart, lang))
                typer.echo(render("cli.report.chart_written", {"file": str(path)}, lang))

    _run(work, database_url, lang)


@points_app.command("settle")
def points_settle(
    month: Month = None, database_url: DatabaseUrl = None, lang: Language = Lang.ZH_CN
) -> None:
    """Derive the month's points again from the audit trail (the same every time)."""
    period = _period(lang, load_settings(lang).timezone, month=month)

    async def work(uow: AccountUnitOfWork, ctx: Context) -> None:
        lines = await ledger.settle(uow, ctx, period)
        params = {
            "month": period.label,
            "lines": len(lines),
            "points": sum(line.points for line in lines),
            "hours": f"{sum(line.hours for line in lines):g}",
        }
        typer.echo(render("cli.points.settled", params, lang))
        for line in lines:
            typer.echo(
                f"#{line.id}\t{line.person_id}\t{line.number}\t"
                f"{render(f'points.rule.{line.rule}', {}, lang)}\t{line.points:+d}\t{line.hours:g}"
            )

    _run(work, database_url, lang)


@points_app.command("correct")
def points_correct(
    line: Annotated[int, typer.Argument(help="the ledger line (#) to correct")],
    points: Annotated[int, typer.Argument(help="points to add (negative to take away)")],
    reason: Annotated[str, typer.Option("--reason", help="why (kept with the correction)")],
    admin: Annotated[int, typer.Option("--admin", help="the admin's person id")],
    database_url: DatabaseUrl = None,
    lang: Language = Lang.ZH_CN,
) -> None:
    """An admin's correction of a ledger line, recorded with its reason."""

    async def work(uow: AccountUnitOfWork, ctx: Context) -> None:
        added = await ledger.correct(uow, ctx, line, admin, points, reason)
        params = {"line": line, "points": f"{added.points:+d}", "reason": added.note}
        typer.echo(render("cli.points.corrected", params, lang))

    _run(work, database_url, lang)


@stars_app.command("propose")
def stars_propose(
    month: Month = None, database_url: DatabaseUrl = None, lang: Language = Lang.ZH_CN
) -> None:
    """Propose the month's star levels by the rules, with the reason for each star."""
    period = _period(lang, load_settings(lang).timezone, month=month)

    async def work(uow: AccountUnitOfWork, ctx: Context) -> None:
        for level in await stars.propose(uow, ctx, period):
            params = {
                "scope": render(f"report.scope.{level.scope}", {}, lang),
                "name": level.name,
                "stars": stars.stars_text(level.level),
                "status": render(f"report.star_status.{level.status}", {}, lang),
            }
            typer.echo(render("cli.stars.line", params, lang))

    _run(work, database_url, lang)


@stars_app.command("publish")
def stars_publish(
    month: Month = None, database_url: DatabaseUrl = None, lang: Language = Lang.ZH_CN
) -> None:
    """Publish the month's proposed star levels (the cards, the leader page, the wall)."""
    period = _period(lang, load_settings(lang).timezone, month=month)

    async def work(uow: AccountUnitOfWork, ctx: Context) -> None:
        count = await stars.publish(uow, ctx, period)
        typer.echo(render("cli.stars.published", {"month": period.label, "count": count}, lang))

    _run(work, database_url, lang)
