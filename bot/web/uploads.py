"""Photos: checked by their first bytes, kept outside the web root under generated names,
and shown only to people who may see the request they belong to."""

import contextlib
import re
import secrets
from pathlib import Path

from aiohttp import BodyPartReader, web

from bot.web.http import Viewer, refuse, state_of, viewer_of
from core.actions import community_of
from core.lifecycle import Party, parties_of
from core.records import Person, Request
from core.vocabulary import Role
from db.web import WebUpload

MAX_PHOTO = 5 * 1024 * 1024
MAX_CAPTION = 2000
CHUNK = 64 * 1024
NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp)$")
TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
SEEING = {Party.FILER, Party.CLAIMANT, Party.LEADER, Party.ADMIN, Party.HANDLER}


def sniff(head: bytes) -> str | None:
    """The photo's real type from its magic bytes, whatever its name or header claims."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


async def read_photo_form(request: web.Request, locale: str) -> tuple[bytes, str]:
    """The ``photo`` file and the optional ``text`` caption of a multipart form, size-capped."""
    if request.content_length is not None and request.content_length > MAX_PHOTO + CHUNK:
        raise refuse(413, "web.error.too_large", locale)
    try:
        reader = await request.multipart()
    except (AssertionError, ValueError, KeyError):
        raise refuse(400, "web.error.bad_request", locale) from None
    data, caption = b"", ""
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            raise refuse(400, "web.error.bad_request", locale)
        if part.name == "photo":
            data = await _read_capped(part, MAX_PHOTO, locale)
        elif part.name == "text":
            caption = (await _read_capped(part, MAX_CAPTION * 4, locale)).decode("utf-8", "replace")
    if not data:
        raise refuse(400, "web.error.no_photo", locale)
    return data, caption.strip()[:MAX_CAPTION]


async def _read_capped(part: BodyPartReader, limit: int, locale: str) -> bytes:
    chunks, size = [], 0
    while chunk := await part.read_chunk(CHUNK):
        size += len(chunk)
        if size > limit:
            raise refuse(413, "web.error.too_large", locale)
        chunks.append(chunk)
    return b"".join(chunks)


def save_photo(request: web.Request, viewer: Viewer, data: bytes) -> WebUpload:
    """Write the photo's file under a generated name. Its row is written by the turn that
    carries it (``OwnMessage``), so a turn that does not commit leaves no photo behind
    (``discard_photo``); the dialogs carry its ``ref``."""
    kind = sniff(data[:16])
    if kind is None:
        raise refuse(400, "web.error.not_a_photo", viewer.locale)
    name = f"{secrets.token_hex(16)}.{kind}"
    folder: Path = state_of(request).uploads
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return WebUpload(name, viewer.actor, TYPES[kind], len(data))


def discard_photo(request: web.Request, upload: WebUpload) -> None:
    """Remove the file of a photo whose turn did not commit (it failed, or it was a
    retry of a turn already done): no row names it, so nobody could see it."""
    with contextlib.suppress(FileNotFoundError):
        (state_of(request).uploads / upload.name).unlink()


async def may_see(request: web.Request, viewer: Viewer, upload: WebUpload) -> bool:
    if upload.owner == viewer.actor:
        return True
    person = viewer.person
    if person is None:
        return False
    async with state_of(request).linli.uow() as uow:
        for req in await uow.web.requests_with_photo(upload.ref):
            if _sees(person, req, await community_of(uow, req)):
                return True
    return False


def _sees(person: Person, request: Request, community_id: int | None) -> bool:
    """The resident who filed it, its claimant, and the grid's members, leaders and admins."""
    if parties_of(person, request, community_id) & SEEING:
        return True
    return (
        person.role in (Role.MEMBER, Role.LEADER)
        and request.grid_id is not None
        and person.grid_id == request.grid_id
    )


async def photo(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    viewer = await viewer_of(request)
    if not NAME.match(name):
        raise refuse(404, "web.error.not_found", viewer.locale)
    state = state_of(request)
    async with state.linli.uow() as uow:
        upload = await uow.web.upload(name)
    path = state.uploads / name
    if upload is None or not path.is_file() or not await may_see(request, viewer, upload):
        raise refuse(404, "web.error.not_found", viewer.locale)
    return web.FileResponse(
        path,
        headers={
            "Content-Type": upload.content_type,
            "Cache-Control": "private, max-age=3600",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'",
        },
    )
