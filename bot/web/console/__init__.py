"""The community console at ``/admin``: the community Party committee's desk on the web chat's own
server and sessions; staff sign in with their invite code (``/join?code=…`` from a QR)."""

from aiohttp import web

from bot.web.console import auth, broadcasts, invites, queue, roster, timeline, units
from bot.web.session import RateLimiter

CHANGES_PER_MINUTE = 120


def add_routes(app: web.Application) -> None:
    app[auth.LIMITER] = RateLimiter(limit=CHANGES_PER_MINUTE)
    get, post = app.router.add_get, app.router.add_post
    get("/admin", auth.page)
    get("/join", auth.page)
    get("/admin/static/{name}", auth.static)
    get("/admin/api/me", queue.me)
    get("/admin/api/queue", queue.queue)
    get("/admin/api/grids", queue.grids)
    get("/admin/api/requests/{number}", timeline.timeline)
    get("/admin/api/people", roster.people)
    post("/admin/api/people", roster.save_person)
    post("/admin/api/people/{id}", roster.save_person)
    post("/admin/api/people/{id}/active", roster.set_active)
    post("/admin/api/secretary", roster.set_secretary)
    get("/admin/api/buildings", roster.buildings)
    post("/admin/api/buildings", roster.save_building)
    post("/admin/api/buildings/{id}", roster.save_building)
    get("/admin/api/units", units.unit_lists)
    post("/admin/api/units", units.save_unit)
    post("/admin/api/units/{id}/{kind:resources|services|drop}", units.save_item)
    get("/admin/api/units/{id}/report", units.report)
    get("/admin/api/needs", units.needs)
    post("/admin/api/projects", units.add_project)
    post("/admin/api/invites", invites.create)
    get("/admin/api/broadcasts", broadcasts.recent)
    post("/admin/api/broadcasts/preview", broadcasts.preview)
    post("/admin/api/broadcasts", broadcasts.send)
