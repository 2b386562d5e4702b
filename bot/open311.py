"""The open API: Open311 GeoReport v2, read only, at ``/open311/v2/`` — ``services.json``,
``requests.json`` (``service_code``, ``status``, ``start_date``, ``end_date``) and
``requests/{service_request_id}.json`` — for the categories ``LINLI_OPEN311_CATEGORIES``
publishes (`core.open311` says what of a request is shown). Off when none are published.
Errors are GeoReport's: a list of ``{"code", "description"}`` with the HTTP status."""

import json
from functools import partial
from typing import Any

from aiohttp import web

from bot.wiring import Linli
from core import open311
from handlers.texts import render

PREFIX = "/open311/v2"
LINLI = web.AppKey("open311_linli", Linli)
HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=60"}
DUMPS = partial(json.dumps, ensure_ascii=False)


def add_routes(app: web.Application, linli: Linli) -> None:
    """The API's routes, when some category is published."""
    if not linli.published:
        return
    app[LINLI] = linli
    app.router.add_get(f"{PREFIX}/services.json", services)
    app.router.add_get(f"{PREFIX}/requests.json", requests)
    app.router.add_get(f"{PREFIX}/requests/{{number}}.json", one)


async def services(request: web.Request) -> web.Response:
    linli = request.app[LINLI]
    return _json(open311.services(linli.context(), linli.published))


async def requests(request: web.Request) -> web.Response:
    linli = request.app[LINLI]
    query = open311.Query(
        service_code=request.query.get("service_code", ""),
        status=request.query.get("status", ""),
        start_date=request.query.get("start_date", ""),
        end_date=request.query.get("end_date", ""),
    )
    try:
        found = await open311.requests(
            linli.uow(), linli.context(), linli.published, query, linli.settings.timezone
        )
    except open311.Open311Error as error:
        return _error(linli, error)
    return _json(found)


async def one(request: web.Request) -> web.Response:
    linli = request.app[LINLI]
    number = request.match_info["number"]
    try:
        found = await open311.one(linli.uow(), linli.context(), linli.published, number)
    except open311.Open311Error as error:
        return _error(linli, error)
    return _json([found])


def _json(body: list[dict[str, Any]], status: int = 200) -> web.Response:
    return web.json_response(body, status=status, headers=HEADERS, dumps=DUMPS)


def _error(linli: Linli, error: open311.Open311Error) -> web.Response:
    description = render(error.key, error.params, linli.settings.locale)
    return _json([{"code": error.status, "description": description}], error.status)
