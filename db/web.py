"""The web chat's own storage: its transcript, its uploads, and the look-ups it authorises by."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.records import Person, Request
from db.models import PersonRow, RequestRow, WebMessageRow, WebUploadRow
from db.people import person_record
from db.requests import request_record
from db.session import rowcount


@dataclass(frozen=True, slots=True)
class WebMessage:
    id: int
    chat_id: str
    kind: str
    body: dict[str, Any]
    version: int


PHOTO_PREFIX = "web:"  # a web chat photo as the dialogs and requests carry it: web:<name>


@dataclass(frozen=True, slots=True)
class WebUpload:
    name: str
    owner: str
    content_type: str
    size: int

    @property
    def ref(self) -> str:
        """How dialogs and requests name this photo."""
        return f"{PHOTO_PREFIX}{self.name}"


def _message(row: WebMessageRow) -> WebMessage:
    return WebMessage(row.id, row.chat_id, row.kind, dict(row.body or {}), row.version)


class SqlWebRepository:
    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self._s = session
        self._now = now

    async def add_message(self, chat_id: str, kind: str, body: dict[str, Any]) -> WebMessage:
        row = WebMessageRow(
            chat_id=chat_id,
            kind=kind,
            body=body,
            version=0,
            created_at=self._now,
            updated_at=self._now,
        )
        self._s.add(row)
        await self._s.flush()
        return _message(row)

    async def edit_message(
        self, chat_id: str, message_id: int, body: dict[str, Any]
    ) -> WebMessage | None:
        """Replace a message of ``chat_id``; None when that chat has no such message."""
        result = await self._s.execute(
            update(WebMessageRow)
            .where(WebMessageRow.id == message_id, WebMessageRow.chat_id == chat_id)
            .values(body=body, version=WebMessageRow.version + 1, updated_at=self._now)
        )
        if rowcount(result) != 1:
            return None
        row = await self._s.get(WebMessageRow, message_id, populate_existing=True)
        return _message(row) if row else None

    async def messages(self, chat_id: str, limit: int = 100) -> list[WebMessage]:
        rows = await self._s.scalars(
            select(WebMessageRow)
            .where(WebMessageRow.chat_id == chat_id)
            .order_by(WebMessageRow.id.desc())
            .limit(limit)
        )
        return [_message(r) for r in reversed(list(rows))]

    async def purge_chat(self, chat_id: str) -> None:
        await self._s.execute(delete(WebMessageRow).where(WebMessageRow.chat_id == chat_id))

    async def add_upload(self, upload: WebUpload) -> None:
        self._s.add(
            WebUploadRow(
                name=upload.name,
                owner=upload.owner,
                content_type=upload.content_type,
                size=upload.size,
                created_at=self._now,
            )
        )
        await self._s.flush()

    async def upload(self, name: str) -> WebUpload | None:
        row = await self._s.get(WebUploadRow, name)
        return WebUpload(row.name, row.owner, row.content_type, row.size) if row else None

    async def drop_uploads_of(self, owner: str) -> list[str]:
        """Forget an owner's uploads; the names, so the files can be deleted too."""
        names = list(
            await self._s.scalars(select(WebUploadRow.name).where(WebUploadRow.owner == owner))
        )
        await self._s.execute(delete(WebUploadRow).where(WebUploadRow.owner == owner))
        return names

    async def requests_with_photo(self, photo: str) -> list[Request]:
        """Requests whose photos include ``photo`` (a generated name: no LIKE wildcards)."""
        rows = await self._s.scalars(
            select(RequestRow).where(cast(RequestRow.photos, String).contains(f'"{photo}"'))
        )
        return [request_record(r) for r in rows]

    async def person_by_roster_key(self, roster_key: str) -> Person | None:
        row = await self._s.scalar(select(PersonRow).where(PersonRow.roster_key == roster_key))
        return person_record(row) if row else None

    async def roster_key_of(self, person_id: int) -> str | None:
        return await self._s.scalar(select(PersonRow.roster_key).where(PersonRow.id == person_id))
