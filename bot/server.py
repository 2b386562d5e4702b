"""The bot's own aiohttp server: health check, the open API (Open311, when a category is
published), and the routes channels add (web chat, Telegram webhook)."""

from aiohttp import web

from bot import open311
from bot.wiring import Linli

LINLI_KEY = web.AppKey("linli", Linli)


async def healthz(request: web.Request) -> web.Response:
    linli = request.app[LINLI_KEY]
    async with linli.uow() as uow:
        grids = await uow.places.grids()
    return web.json_response({"status": "ok", "grids": len(grids)})


def make_web_app(linli: Linli) -> web.Application:
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app[LINLI_KEY] = linli
    app.router.add_get("/healthz", healthz)
    open311.add_routes(app, linli)
    return app
