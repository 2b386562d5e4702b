"""The wish wall as a public web page, phone first: open wishes, fulfilled ones with
their photo (if the resident agreed) and thanks, the members' promises, the star grid
branches. Rendered on the server from core/wishes.py's wall, which already hides every
resident's name, phone, door and building; no script runs on it."""

from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.web.http import SECURITY_HEADERS, state_of
from bot.web.render import locale_of
from core import wishes
from core.account_ports import AccountUnitOfWork
from core.stars import stars_text
from core.wish_status import WishState
from db.web import PHOTO_PREFIX
from handlers.texts import render

CSS = Path(__file__).with_name("static") / "wishwall.css"
WALL_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'"


def _t(key: str, locale: str, **params: Any) -> str:
    return escape(render(key, params, locale))


async def wall_page(request: web.Request) -> web.Response:
    locale = locale_of(request.query.get("locale"))
    state = state_of(request)
    uow: AccountUnitOfWork = state.linli.uow()
    ctx = state.linli.context()
    wall = await wishes.wall(uow, ctx)
    async with state.linli.uow() as plain:
        communities = await plain.places.communities()
    community = communities[0].name if communities else ""
    waiting = [w for w in wall.wishes if w.state != WishState.FULFILLED]
    done = [w for w in wall.wishes if w.state == WishState.FULFILLED]
    body = [
        f"<header><h1>{_t('wall.title', locale)}</h1>",
        f"<p>{_t('wall.subtitle', locale, community=community)}</p></header><main>",
        f"<p class='how'>{_t('wall.how', locale)}</p>",
        _section("waiting", _t("wall.waiting", locale), _wishes(waiting, locale), locale),
        _section("fulfilled", _t("wall.fulfilled", locale), _wishes(done, locale), locale),
        _section(
            "promises",
            _t("wall.promises", locale),
            [
                f"<li>{_t('wall.promise', locale, name=p.name, text=p.text, until=p.until)}</li>"
                for p in wall.promises
            ],
            locale,
        ),
        _section(
            "stars",
            _t("wall.stars", locale),
            [
                "<li>"
                + _t("wall.star", locale, name=s.name, stars=stars_text(s.level), month=s.month)
                + "</li>"
                for s in wall.stars
            ],
            locale,
        ),
        "</main>",
    ]
    html = (
        f"<!doctype html><html lang='{escape(locale)}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_t('wall.title', locale)}</title>"
        "<link rel='stylesheet' href='/wishes/wishwall.css'></head><body>"
        + "".join(body)
        + "</body></html>"
    )
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": WALL_POLICY}
    return web.Response(text=html, content_type="text/html", charset="utf-8", headers=headers)


def _section(name: str, title: str, items: list[str], locale: str) -> str:
    shown = "".join(items) or f"<li class='none'>{_t('wall.none', locale)}</li>"
    return f"<section class='{name}'><h2>{title}</h2><ul>{shown}</ul></section>"


def _wishes(found: list[wishes.WallWish], locale: str) -> list[str]:
    return [_wish(w, locale) for w in found]


def _wish(wish: wishes.WallWish, locale: str) -> str:
    meta = [escape(wish.resident), _t("wall.filed", locale, date=wish.filed)]
    if wish.claimant:
        meta.append(_t("wall.claimed_by", locale, name=wish.claimant))
    if wish.due and wish.state != WishState.FULFILLED:
        key = "wall.due_claim" if wish.state == WishState.WAITING else "wall.due_fulfil"
        meta.append(_t(key, locale, date=wish.due))
    if wish.overdue and wish.state != WishState.FULFILLED:
        meta.append(f"<b class='overdue'>{_t('wall.overdue', locale)}</b>")
    parts = [
        f"<li class='wish {wish.state}' data-number='{escape(wish.number)}'>",
        f"<div class='top'><span class='state'>{_t(f'wall.state.{wish.state}', locale)}</span>",
        f"<span class='grid'>{escape(wish.grid)}</span></div>",
        f"<p class='text'>{escape(wish.text)}</p>",
        f"<p class='meta'>{' · '.join(meta)}</p>",
    ]
    if wish.photo and wish.photo.startswith(PHOTO_PREFIX):
        alt = _t("wall.photo_alt", locale)
        parts.append(f"<img src='/wishes/photo/{escape(wish.number)}' alt='{alt}'>")
    if wish.thanks:
        parts.append(f"<p class='thanks'>{_t('wall.thanks', locale, text=wish.thanks)}</p>")
    parts.append("</li>")
    return "".join(parts)


async def wall_css(request: web.Request) -> web.StreamResponse:
    headers = {**SECURITY_HEADERS, "Content-Type": "text/css; charset=utf-8"}
    return web.FileResponse(CSS, headers={**headers, "Cache-Control": "no-cache"})


async def wish_photo(request: web.Request) -> web.StreamResponse:
    """A fulfilled wish's photo, only if its resident agreed it may be shown."""
    number = request.match_info["number"]
    state = state_of(request)
    uow: AccountUnitOfWork = state.linli.uow()
    async with uow:
        found = await uow.requests.by_number(number)
        extra = await uow.wishes.get(found.id) if found else None
    if extra is None or not extra.photo_public or not (extra.photo or "").startswith(PHOTO_PREFIX):
        raise web.HTTPNotFound()
    name = (extra.photo or "")[len(PHOTO_PREFIX) :]
    path = state.uploads / name
    if "/" in name or not path.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(
        path,
        headers={
            "Cache-Control": "public, max-age=600",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'",
        },
    )
