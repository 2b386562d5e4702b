"""Accountability on the web: the wish wall (public), and for leaders and admins the monthly
report (XLSX), chart images, star levels and leaderboards as small JSON — what the leader page
shows and the admin console links to."""

import re
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.charts import CHART_PREFIX, ChartFiles, NoChineseFont, draw
from bot.report_book import xlsx_bytes
from bot.web import wall
from bot.web.http import SECURITY_HEADERS, Viewer, refuse, respond, state_of, viewer_of
from core import chart_data, ledger, stars, wishes
from core.account_ports import AccountUnitOfWork
from core.errors import Refused
from core.periods import Period, PeriodError, chosen, month_of
from core.records import Person
from core.reports import build_report
from core.vocabulary import Role
from handlers.texts import render

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAFF = (Role.MEMBER, Role.LEADER, Role.ADMIN, Role.UNIT)
LABEL = re.compile(r"[^0-9A-Za-z\-]")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/wishes", wall.wall_page)
    app.router.add_get("/wishes/wishwall.css", wall.wall_css)
    app.router.add_get("/wishes/photo/{number}", wall.wish_photo)
    app.router.add_get("/web/api/wishes", wishes_json)
    app.router.add_get("/web/api/report.xlsx", report_xlsx)
    app.router.add_get("/web/api/chart/{kind}.png", chart_png)
    app.router.add_get("/web/api/stars", stars_json)
    app.router.add_get("/web/api/points", points_json)
    app.router.add_get("/web/chart/{name}", chat_chart)


def _uow(request: web.Request) -> AccountUnitOfWork:
    return state_of(request).linli.uow()


def _supervisor(viewer: Viewer) -> Person:
    person = viewer.person
    if person is None or person.role not in (Role.LEADER, Role.ADMIN):
        raise refuse(403, "refused.points.not_leader", viewer.locale)
    return person


def _period(request: web.Request, viewer: Viewer) -> Period:
    ctx = state_of(request).linli.context()
    query = request.query
    try:
        return chosen(
            ctx.policy.timezone,
            query.get("month"),
            query.get("quarter"),
            query.get("from"),
            query.get("to"),
            ctx.now,
        )
    except PeriodError as error:
        raise refuse(400, error.key, viewer.locale) from None


async def report_xlsx(request: web.Request) -> web.Response:
    """The period's report workbook, for the community's leaders and admins."""
    viewer = await viewer_of(request)
    _supervisor(viewer)
    period = _period(request, viewer)
    ctx = state_of(request).linli.context()
    made = await build_report(_uow(request), ctx, period)
    body = xlsx_bytes(made, ctx, viewer.locale)
    filename = f"report-{LABEL.sub('_', period.label)}.xlsx"
    headers = {
        **SECURITY_HEADERS,
        "Content-Disposition": f'attachment; filename="{filename}"',
    }
    return web.Response(body=body, content_type=XLSX, headers=headers)


async def chart_png(request: web.Request) -> web.Response:
    """``trend``: a leader's grid (an admin's: the community, or ``?grid=CODE``) month by
    month; ``grids``: every grid side by side for the period."""
    viewer = await viewer_of(request)
    person = _supervisor(viewer)
    period = _period(request, viewer)
    kind = request.match_info["kind"]
    ctx = state_of(request).linli.context()
    if kind == "grids":
        chart = await chart_data.by_grid(_uow(request), ctx, period)
    elif kind == "trend":
        grid_id = person.grid_id if person.role == Role.LEADER else await _grid(request)
        chart = await chart_data.trend(_uow(request), ctx, period, grid_id)
    else:
        raise refuse(404, "web.error.not_found", viewer.locale)
    try:
        png = draw(chart, viewer.locale)
    except NoChineseFont:
        raise refuse(404, "web.error.no_font", viewer.locale) from None
    headers = {**SECURITY_HEADERS, "Cache-Control": "private, max-age=60"}
    return web.Response(body=png, content_type="image/png", headers=headers)


async def _grid(request: web.Request) -> int | None:
    code = request.query.get("grid")
    if not code:
        return None
    async with state_of(request).linli.uow() as uow:
        grid = await uow.places.grid_by_code(code)
    return grid.id if grid else None


async def stars_json(request: web.Request) -> web.Response:
    """The month's star levels with their reasons: admins see proposals too."""
    viewer = await viewer_of(request)
    period = _period(request, viewer)
    levels = await stars.of_month(_uow(request), period)
    if viewer.role != Role.ADMIN:
        levels = [s for s in levels if s.published]
    return respond(
        request,
        viewer,
        {
            "month": period.label,
            "levels": [
                {
                    "scope": s.scope,
                    "key": s.subject_key,
                    "name": s.name,
                    "level": s.level,
                    "stars": stars.stars_text(s.level),
                    "status": s.status,
                    "reasons": list(s.reasons),
                }
                for s in levels
            ],
        },
    )


async def points_json(request: web.Request) -> web.Response:
    """A leaderboard: ``scope=grid`` (a leader's own, an admin's ``grid=CODE``) or
    ``community`` (admins)."""
    viewer = await viewer_of(request)
    person = _supervisor(viewer)
    period = _period(request, viewer)
    whole = request.query.get("scope") == "community"
    code = request.query.get("grid") if person.role == Role.ADMIN else None
    try:
        ctx = state_of(request).linli.context()
        board = await ledger.leaderboard(_uow(request), ctx, person, period, whole, code)
    except Refused as refusal:
        raise refuse(403, refusal.key, viewer.locale, **refusal.params) from None
    return respond(
        request,
        viewer,
        {
            "month": period.label,
            "scope": "community" if whole else "grid",
            "people": [{"name": s.name, "points": s.points, "hours": s.hours} for s in board],
        },
    )


async def wishes_json(request: web.Request) -> web.Response:
    """The wall as data (the same masked words as the page)."""
    viewer = await viewer_of(request)
    found = await wall_data(request)
    return respond(request, viewer, found)


async def wall_data(request: web.Request) -> dict[str, Any]:
    state = state_of(request)
    shown = await wishes.wall(_uow(request), state.linli.context())
    return {
        "wishes": [
            {
                "number": w.number,
                "text": w.text,
                "grid": w.grid,
                "resident": w.resident,
                "state": str(w.state),
                "claimant": w.claimant,
                "due": w.due,
                "overdue": w.overdue,
                "filed": w.filed,
                "thanks": w.thanks,
            }
            for w in shown.wishes
        ],
        "promises": [{"name": p.name, "text": p.text, "until": p.until} for p in shown.promises],
        "stars": [{"name": s.name, "level": s.level, "month": s.month} for s in shown.stars],
    }


async def chat_chart(request: web.Request) -> web.StreamResponse:
    """A chart a chat message carries (``chart:<name>``), for people on the roster."""
    viewer = await viewer_of(request)
    if viewer.role not in STAFF:
        raise refuse(404, "web.error.not_found", viewer.locale)
    charts = ChartFiles(Path(state_of(request).linli.settings.data_dir) / "charts")
    path = charts.path(CHART_PREFIX + request.match_info["name"])
    if path is None:
        raise refuse(404, "web.error.not_found", viewer.locale)
    return web.FileResponse(
        path, headers={"Content-Type": "image/png", "Cache-Control": "private, max-age=3600"}
    )


async def leader_extras(request: web.Request, leader: Person, locale: str) -> dict[str, Any]:
    """What the leader page adds: the chart, the report, the wall, the grid's stars."""
    ctx = state_of(request).linli.context()
    month = month_of(ctx.now, ctx.policy.timezone).label
    shown = ""
    async with state_of(request).linli.uow() as uow:
        grid = await uow.places.grid(leader.grid_id) if leader.grid_id else None
        if grid is not None:
            levels = await uow.honours.latest_published([grid.code])
            if grid.code in levels:
                level = levels[grid.code]
                params = {"stars": stars.stars_text(level.level), "month": level.month}
                shown = render("web.leader.stars", params, locale)
    return {
        "chart": f"/web/api/chart/trend.png?month={month}",
        "report": f"/web/api/report.xlsx?month={month}",
        "wall": "/wishes",
        "stars": shown,
    }
