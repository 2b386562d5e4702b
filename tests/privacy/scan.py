"""The privacy scan the end-to-end harnesses run when they stop: no resident's phone, name or
room in any message that reached a group chat, a web grid room or another resident.

The harnesses hand over what they delivered (``Delivery``: chat, text, whether a group); the
scan reads who the residents are from the bot's own database (their names, phones, doors and
the doors of their requests), plus whatever a test adds (``extra``: what a resident typed).
Staff's private chats are not scanned: the claimant and the grid's leaders see the full record.
A resident's own private chat may hold their own data. Each problem is a line naming the chat,
the secret and the message.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from string import Formatter
from typing import Any

from sqlalchemy import select

from bot.channels import ChannelSender
from bot.wiring import Linli
from core.messages import Reply
from core.redact import shadow
from core.vocabulary import Role
from db.models import IdentityRow, PersonRow, RequestRow, WebMessageRow
from handlers.texts import CATALOGUES, render_option, render_reply

SEPARATORS = re.compile(r"(?<=\d)[\s.\-()]+(?=\d)")
ROOM = re.compile(r"(?<!\d)\d{3,4}(?!\d)")


@dataclass(frozen=True, slots=True)
class Delivery:
    chat_id: str
    text: str
    group: bool


class RecordingSender:
    """A channel's sender that keeps what it delivered, as read in zh-CN with its buttons."""

    def __init__(self, inner: ChannelSender, deliveries: list[Delivery]) -> None:
        self.inner = inner
        self.channel = inner.channel
        self.limits = inner.limits
        self.deliveries = deliveries

    def is_group(self, chat_id: str) -> bool:
        return self.inner.is_group(chat_id)

    def _keep(self, chat_id: str, reply: Reply) -> None:
        words = [render_reply(reply), *(render_option(o) for o in reply.options)]
        self.deliveries.append(Delivery(chat_id, "\n".join(words), self.is_group(chat_id)))

    async def send(self, chat_id: str, reply: Reply) -> str:
        message_id = await self.inner.send(chat_id, reply)
        self._keep(chat_id, reply)
        return message_id

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        await self.inner.edit(chat_id, message_id, reply)
        self._keep(chat_id, reply)


def telegram_deliveries(calls: Sequence[tuple[str, dict[str, Any]]]) -> list[Delivery]:
    """What the fake Bot API was asked to show, by chat (groups have negative ids)."""
    shown = []
    for method, params in calls:
        if method not in ("sendMessage", "sendPhoto", "editMessageText", "editMessageCaption"):
            continue
        keys = [
            b["text"]
            for row in (params.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        ]
        text = "\n".join([str(params.get("text") or params.get("caption") or ""), *keys])
        chat = int(params["chat_id"])
        shown.append(Delivery(str(chat), text, chat < 0))
    return shown


def forms(secret: str) -> list[str]:
    """A name's orders (秀英 何 → 何秀英) and the secret as it is."""
    parts = shadow(secret).split()
    found = {secret, "".join(parts), "".join(reversed(parts))}
    return [f for f in found if len(f) >= 2]


def readable(text: str) -> str:
    """What a reader sees, normalised: full-width and Chinese-numeral digits, no separators."""
    return SEPARATORS.sub("", shadow(text)).lower()


@cache
def catalogue_examples() -> tuple[str, ...]:
    """The catalogue's own words that hold digits (its example 幸福家园5号楼2单元301 is no
    resident's door), longest first: they are taken out of a message before it is read."""
    found = {
        literal
        for texts in CATALOGUES.values()
        for template in texts.values()
        for literal, *_ in Formatter().parse(template)
        if literal and any(c.isdigit() for c in literal)
    }
    return tuple(sorted(found, key=len, reverse=True))


def shows(text: str, secret: str) -> bool:
    for example in catalogue_examples():
        text = text.replace(example, " ")
    seen = readable(text)
    for form in forms(secret):
        wanted = readable(form)
        if wanted.isdigit():
            if re.search(rf"(?<!\d){wanted}(?!\d)", seen):
                return True
        elif wanted in seen:
            return True
    return False


def secrets_of(person: PersonRow, addresses: Iterable[str]) -> set[str]:
    found = {person.name.strip()} if len(person.name.strip()) >= 2 else set()
    if person.phone:
        found.add(person.phone)
    for door in (person.address_detail, *addresses):
        found |= set(ROOM.findall(shadow(door or "")))
    return found


async def scan(
    linli: Linli, channel: str, deliveries: Sequence[Delivery], extra: dict[str, set[str]]
) -> list[str]:
    """``extra``: secrets by the chat id of the resident who typed them."""
    async with linli.sessions() as session:
        people = {p.id: p for p in await session.scalars(select(PersonRow))}
        chats = {
            i.chat_id: i.person_id
            for i in await session.scalars(
                select(IdentityRow).where(IdentityRow.channel == channel)
            )
        }
        doors: dict[int, list[str]] = {}
        for request in await session.scalars(select(RequestRow)):
            doors.setdefault(request.resident_id, []).append(request.address)
        typed_here: dict[str, set[str]] = {}  # what each web chat's person typed there
        for message in await session.scalars(
            select(WebMessageRow).where(WebMessageRow.kind == "user")
        ):
            typed_here.setdefault(message.chat_id, set()).update(
                ROOM.findall(shadow(str(message.body.get("text") or "")))
            )
    residents = {
        pid: secrets_of(p, doors.get(pid, ()))
        for pid, p in people.items()
        if p.role == Role.RESIDENT
    }
    typed = {chats.get(chat, -1): values for chat, values in extra.items()}
    for pid, values in typed.items():
        residents.setdefault(pid, set()).update(values)
    leaks = []
    for delivery in deliveries:
        owner = chats.get(delivery.chat_id)
        if not delivery.group and (owner is None or owner not in residents):
            continue  # staff see the full record; a forgotten resident's chat is their own
        own = residents.get(owner, set()) if owner is not None else set()
        own = own | typed_here.get(delivery.chat_id, set())  # echoing one's own words is fine
        for pid, values in residents.items():
            if pid == owner:
                continue
            for secret in values - own:
                if shows(delivery.text, secret):
                    leaks.append(
                        f"{channel} chat {delivery.chat_id}: {secret!r} in {delivery.text!r}"
                    )
    return leaks
