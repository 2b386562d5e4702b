"""A chat harness: people talk to the real dispatcher; we read what the outbox would send.

Tests ask for it as the ``chat`` fixture (tests/conftest.py); the NLP parts it uses are the
session's ``nlp_parts``, which a test module may override with its own model or taxonomy."""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select

from bot.nlp_adapter import NlpUnderstanding, TaxonomyNames
from core.context import Context
from core.messages import Reply
from db.models import OutboxRow
from handlers.dispatch import Dispatcher
from handlers.texts import render, render_option
from handlers.turn import Services
from handlers.types import Ack, ChatKind, Incoming
from nlp import Classifier, Segmenter, load_classifier, load_taxonomy
from tests.env import Env
from tests.seed import Seeded, seed


@dataclass(frozen=True)
class Said:
    """A message as the recipient would read it, with its option payloads."""

    chat_id: str
    key: str
    text: str
    options: dict[str, str]
    ref: str | None
    edit: bool


NlpParts = tuple[Classifier, Segmenter, TaxonomyNames]


def load_nlp_parts() -> NlpParts:
    taxonomy = load_taxonomy()
    return load_classifier(taxonomy), Segmenter(taxonomy=taxonomy), TaxonomyNames(taxonomy)


@dataclass
class Chat:
    env: Env
    seeded: Seeded
    dispatcher: Dispatcher
    seen: int = 0
    updates: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    async def send(
        self,
        user: int | str,
        text: str = "",
        *,
        payload: str | None = None,
        photo: str | None = None,
        group: str | None = None,
        location: tuple[float, float] | None = None,
    ) -> Ack:
        incoming = Incoming(
            channel="test",
            chat_id=group or str(user),
            user_id=str(user),
            update_id=str(next(self.updates)),
            user_name="测试用户",
            chat_kind=ChatKind.GROUP if group else ChatKind.PRIVATE,
            text=text,
            payload=payload,
            photo=photo,
            location=location,
        )
        return await self.dispatcher.handle(incoming)

    async def press(self, user: int | str, payload: str, group: str | None = None) -> Ack:
        return await self.send(user, payload=payload, group=group)

    async def new(self) -> list[Said]:
        """Messages enqueued since the last look."""
        async with self.env.uow() as uow:
            rows = list(
                await uow.session.scalars(
                    select(OutboxRow).where(OutboxRow.id > self.seen).order_by(OutboxRow.id)
                )
            )
        if rows:
            self.seen = rows[-1].id
        return [said(row) for row in rows]

    async def to(self, chat: int | str) -> list[Said]:
        return [s for s in await self.new() if s.chat_id == str(chat)]


def said(row: OutboxRow) -> Said:
    reply = Reply.from_json(row.reply)
    return Said(
        row.chat_id,
        reply.key,
        render(reply.key, reply.params),
        {render_option(o): o.value for o in reply.options},
        row.ref,
        row.edit,
    )


async def open_chat(env: Env, nlp_parts: NlpParts) -> Chat:
    classifier, segmenter, names = nlp_parts
    env.taxonomy = names  # type: ignore[assignment]
    seeded = await seed(env)
    async with env.uow() as uow:
        buildings, grids = await uow.places.buildings(), await uow.places.grids()
        communities = {c.id: c.name for c in await uow.places.communities()}
    understanding = NlpUnderstanding(
        classifier,
        segmenter,
        buildings,
        grids,
        communities,
        duplicate_window_hours=env.policy.duplicate_window_hours,
    )
    services = Services(
        uow=env.uow,
        context=lambda: Context(now=env.clock.now(), policy=env.policy, taxonomy=names),
        understanding=understanding,
    )
    return Chat(env, seeded, Dispatcher(services))
