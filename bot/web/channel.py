"""The web chat as a channel the runner hosts: its pages and API, its rooms, its sender."""

import logging
from pathlib import Path

from aiohttp import web

from bot.web import accountability, chat, console, demo, leader, uploads
from bot.web.http import SECURITY_HEADERS, STATE, WebState
from bot.web.relay import RedisHub
from bot.web.sender import CHANNEL, Hub, WebSender
from bot.web.session import Signer, load_secret
from bot.wiring import Linli

logger = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
STATIC_TYPES = {"app.js": "text/javascript", "app.css": "text/css", "index.html": "text/html"}
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'"
)


def room_chat(kind: str, code: str) -> str:
    return f"{kind}:{code}"


async def index(request: web.Request) -> web.StreamResponse:
    return _static_file("index.html", {"Content-Security-Policy": PAGE_POLICY})


async def static(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if name not in STATIC_TYPES or name == "index.html":
        raise web.HTTPNotFound()
    return _static_file(name, {"Cache-Control": "no-cache"})


def _static_file(name: str, extra: dict[str, str]) -> web.FileResponse:
    headers = {**SECURITY_HEADERS, "Content-Type": f"{STATIC_TYPES[name]}; charset=utf-8", **extra}
    return web.FileResponse(STATIC / name, headers=headers)


def hub_of(linli: Linli) -> Hub:
    """Pushes to every process's pages through Redis when LINLI_REDIS_URL is set; else to
    this process's."""
    if linli.redis is None:
        return Hub()
    return RedisHub(linli.redis, f"{linli.settings.redis_prefix}:web")


class WebChannel:
    """``web_channel(linli)``: add its routes, start it (binds the web rooms), stop it."""

    def __init__(self, linli: Linli) -> None:
        self.linli = linli
        self.uploads = Path(linli.settings.data_dir) / "uploads"
        self.hub = hub_of(linli)
        self.sender = WebSender(linli.uow, self.hub, self.uploads)
        self.state = WebState(
            linli, Signer(load_secret(linli.settings)), self.hub, self.sender, self.uploads
        )

    def add_routes(self, app: web.Application) -> None:
        app[STATE] = self.state
        app.on_shutdown.append(self._close_streams)
        app.router.add_get("/", index)
        app.router.add_get("/web/static/{name}", static)
        app.router.add_get("/web/api/session", chat.session)
        app.router.add_get("/web/api/messages", chat.messages)
        app.router.add_get("/web/api/events", chat.events)
        app.router.add_post("/web/api/send", chat.send)
        app.router.add_post("/web/api/upload", chat.upload)
        app.router.add_post("/web/api/signin", chat.signin)
        app.router.add_get("/web/api/leader", leader.leader_page)
        app.router.add_post("/web/api/demo/persona", demo.switch_persona)
        app.router.add_get("/web/photo/{name}", uploads.photo)
        console.add_routes(app)
        accountability.add_routes(app)  # /wishes, reports, charts, stars, points

    async def start(self) -> None:
        """Every grid gets its web room, and every community one (the room speaks for it)."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        async with self.linli.uow() as uow:
            for grid in await uow.places.grids():
                await uow.places.bind_chat(
                    CHANNEL, room_chat("grid", grid.code), grid.id, grid.community_id
                )
            for community in await uow.places.communities():
                await uow.places.bind_chat(
                    CHANNEL, room_chat("community", community.code), None, community.id
                )
            await uow.commit()
        await self.hub.start()
        logger.info("web chat: rooms bound; uploads in %s", self.uploads)

    async def stop(self) -> None:
        await self.hub.stop()

    async def _close_streams(self, app: web.Application) -> None:
        await self.hub.stop()
