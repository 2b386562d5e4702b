"""The Telegram channel end to end: the real PTB (or aiogram) stack, the real Linli, the fake
Bot API. ``telegram_stack(tmp_path, telegram_library="aiogram")`` runs it on aiogram.

Not a ``conftest.py`` (the web chat tests share this folder): tests open the stack with
``async with telegram_stack(tmp_path) as tg:`` and talk as people do — ``tg.send(...)``,
``tg.press(...)`` — then wait for what the bot does with ``tg.message(...)`` or
``tg.api.wait_for_call(...)``. Everything the parties saw is kept in ``tg.transcript``.
"""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.channels import DeliveryPolicy, RateLimits
from bot.config import Settings
from bot.outbox_sender import OutboxSender
from bot.runner import telegram_channel
from bot.telegram.channel_base import TelegramChannelBase
from bot.wiring import Linli, build
from core import onboarding
from core.vocabulary import Role
from db.session import async_url
from tests.databases import POSTGRES_URL, TEMPLATES
from tests.privacy.scan import scan, telegram_deliveries
from tests.support import FakeBotApi, tiny_png

JSONDict = dict[str, Any]

BOT = "邻里"
RESIDENT, LEADER, MEMBER_A, MEMBER_B, STRANGER = 5001, 6011, 6012, 6013, 6099
GROUP = -1001234567890
PEOPLE = {
    RESIDENT: "张秀英",
    LEADER: "王建国",
    MEMBER_A: "陈丽华",
    MEMBER_B: "孙德明",
    STRANGER: "路人甲",
}
GROUP_TITLE = "幸福家园网格群"

# Fast enough for a test: no pacing, retries after 50 ms unless Telegram says otherwise.
FAST_LIMITS = RateLimits(overall_per_second=1000, private_per_second=1000, group_per_minute=60000)
FAST_POLICY = DeliveryPolicy(
    max_attempts=4, backoff_seconds=0.05, backoff_max_seconds=0.2, poll_seconds=0.05
)


def button_data(message: JSONDict, label: str) -> str:
    """The callback_data of the inline button labelled ``label`` (exact, or a prefix)."""
    buttons = [b for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
    for button in buttons:
        if button["text"] == label:
            return str(button["callback_data"])
    for button in buttons:
        if button["text"].startswith(label):
            return str(button["callback_data"])
    raise AssertionError(f"no button {label!r} in {[b['text'] for b in buttons]}")


def shown(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


@dataclass
class Transcript:
    """What each party saw, in order: people's messages and presses, the bot's calls."""

    api: FakeBotApi
    said: list[tuple[int, str]] = field(default_factory=list)
    presser: dict[str, int] = field(default_factory=dict)

    def name(self, chat_id: int) -> str:
        return GROUP_TITLE if chat_id == GROUP else PEOPLE.get(chat_id, str(chat_id))

    def person(self, who: int, chat: int | None, what: str) -> None:
        where = f" @ {self.name(chat)}" if chat is not None else ""
        self.said.append((len(self.api.calls), f"{self.name(who)}{where} » {what}"))

    def lines(self) -> list[str]:
        said = list(self.said)
        lines: list[str] = []
        for index, (method, params) in enumerate(self.api.calls):
            while said and said[0][0] <= index:
                lines.append(said.pop(0)[1])
            line = self._bot_line(method, params)
            if line:
                lines.append(line)
        lines += [line for _, line in said]
        return lines

    def _bot_line(self, method: str, params: JSONDict) -> str | None:
        chat: Any = params.get("chat_id")  # as the bot sent it (the Bot API takes int or str)
        body = str(params.get("text") or params.get("caption") or "").replace("\n", "\n    ")
        keys = [
            b["text"]
            for row in (params.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        ]
        buttons = ("\n    " + " ".join(f"[{k}]" for k in keys)) if keys else ""
        if method == "sendMessage":
            return f"{BOT} → {self.name(chat)}: {body}{buttons}"
        if method == "sendPhoto":
            return f"{BOT} → {self.name(chat)}: [photo] {body}{buttons}"
        if method in ("editMessageText", "editMessageCaption"):
            return f"{BOT} ✎ {self.name(chat)} (message {params['message_id']}): {body}{buttons}"
        if method == "answerCallbackQuery":
            who = self.presser.get(str(params.get("callback_query_id")))
            toast = params.get("text") or "(answered, nothing to show)"
            kind = "alert" if params.get("show_alert") else "toast"
            return f"{BOT} → {self.name(who or 0)} ({kind}): {toast}"
        return None


@dataclass
class TelegramStack:
    api: FakeBotApi
    linli: Linli
    channel: TelegramChannelBase
    outbox: OutboxSender
    transcript: Transcript
    seen: set[tuple[int, int]] = field(default_factory=set)
    queued: asyncio.Event = field(default_factory=asyncio.Event)
    typed: dict[str, set[str]] = field(default_factory=dict)  # by private chat: for the scan

    def send(
        self,
        user: int,
        text: str | None = None,
        *,
        chat: int | None = None,
        photo: bytes | None = None,
        caption: str | None = None,
    ) -> JSONDict:
        what = "[photo]" if photo is not None else ""
        what = " ".join(part for part in (what, text or caption or "") if part)
        self.transcript.person(user, chat, what)
        return self.api.user_sends(user, chat, text=text, photo=photo, caption=caption)

    def send_photo(self, user: int) -> JSONDict:
        return self.send(user, photo=tiny_png())

    def press(self, user: int, message: JSONDict, label: str) -> JSONDict:
        chat = message["chat"]["id"]
        self.transcript.person(user, chat if chat < 0 else None, f"presses [{label}]")
        update = self.api.user_presses(user, message, button_data(message, label))
        self.transcript.presser[update["callback_query"]["id"]] = user
        return update

    def forge(self, user: int, message: JSONDict, data: str) -> JSONDict:
        """A press with callback_data no button carries, as a modified client could send."""
        self.transcript.person(user, message["chat"]["id"], f"sends forged callback {data!r}")
        query_id = f"forged-{uuid.uuid4().hex[:8]}"
        self.api._open_callbacks.add(query_id)  # so the answer is accepted, as Telegram would
        query = {
            "id": query_id,
            "from": self.api._user(user),
            "message": message,
            "chat_instance": "1",
            "data": data,
        }
        self.transcript.presser[query_id] = user
        return self.api._push_update("callback_query", query)

    async def answer(self, press: JSONDict) -> JSONDict:
        """The bot's answerCallbackQuery for this press (update)."""
        query_id = press["callback_query"]["id"]
        return await self.api.wait_for_call(
            "answerCallbackQuery", lambda p: p["callback_query_id"] == query_id
        )

    async def message(self, chat: int, contains: str = "", timeout: float = 5.0) -> JSONDict:
        """The first message the bot sent to ``chat`` containing ``contains``, not yet returned."""

        def find() -> JSONDict | None:
            for message in self.api.sent_to(chat):
                key = (chat, message["message_id"])
                if key not in self.seen and contains in shown(message):
                    self.seen.add(key)
                    return message
            return None

        return await self.api.wait_for(find, timeout)

    async def invite(self, role: Role, grid: str = "XF-01", roster_name: str | None = None) -> str:
        """An invite code, linked to the roster person of that name when given."""
        person_id = None
        async with self.linli.uow() as uow:
            found = await uow.places.grid_by_code(grid)
            assert found is not None
            people = await uow.persons.in_grid(found.id, [Role.MEMBER, Role.LEADER])
            if roster_name is not None:
                person_id = next(p.id for p in people if p.name == roster_name)
        invite = await onboarding.create_invite(
            self.linli.uow(), self.linli.context(), role, grid, person_id
        )
        return invite.code

    async def join(self, user: int, role: Role) -> None:
        """The roster person redeems an invite with /start CODE (the deep link sends that)."""
        self.send(user, f"/start {await self.invite(role, roster_name=PEOPLE[user])}")
        await self.message(user, PEOPLE[user])
        await self.message(user, "/tasks")  # the help for their role

    async def bind_group(self) -> None:
        self.api.add_chat(GROUP, GROUP_TITLE)
        self.send(LEADER, "/bindgrid XF-01", chat=GROUP)
        await self.message(GROUP, "XF-01")

    async def next_turn(self) -> None:
        """Wait until the dialogs have handled an update and queued its replies."""
        await asyncio.wait_for(self.queued.wait(), 5.0)
        self.queued.clear()

    async def drain(self) -> int:
        """Deliver everything due now (for tests that run without the delivery loop)."""
        total = 0
        while claimed := await self.outbox.deliver_due():
            total += claimed
        return total


@contextlib.asynccontextmanager
async def database(tmp_path: Path, backend: str) -> AsyncIterator[str]:
    """A migrated SQLite file (the session's template, copied), or a fresh PostgreSQL
    database dropped afterwards."""
    if backend == "sqlite":
        yield TEMPLATES.sqlite(tmp_path / "linli.db")
        return
    assert POSTGRES_URL
    name = f"tg_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@contextlib.asynccontextmanager
async def telegram_stack(
    tmp_path: Path, backend: str = "sqlite", *, deliver: bool = True, **settings: Any
) -> AsyncIterator[TelegramStack]:
    """FakeBotApi, a real Linli on the demo roster, the channel polling and an outbox sender
    (its loop running unless ``deliver=False``: then the test calls ``drain()``).

    When the test is done, the privacy scan reads every message the bot sent: no resident's
    phone, name or room in the group or another resident's chat (tests/privacy/scan.py); a
    test adds what its residents typed to ``typed``."""
    async with FakeBotApi() as api, database(tmp_path, backend) as url:
        for user, name in PEOPLE.items():
            api.add_user(user, name)
        linli = await build(
            Settings(
                _env_file=None,
                database_url=url,
                telegram_token=api.token,
                telegram_base_url=api.base_url,
                telegram_base_file_url=api.base_file_url,
                demo=True,
                **settings,
            )
        )
        channel = telegram_channel(linli)
        channel.sender.limits = FAST_LIMITS
        outbox = OutboxSender(channel.sender, linli.uow, linli.clock, FAST_POLICY)
        stack = TelegramStack(api, linli, channel, outbox, Transcript(api))

        def on_outbox() -> None:
            stack.queued.set()
            outbox.wake()

        linli.dispatcher.on_outbox = on_outbox
        if not channel.webhook_url:  # webhook tests start it once their server is up
            await channel.start()
        delivering = asyncio.create_task(outbox.run()) if deliver else None
        leaks: list[str] = []
        try:
            yield stack
            shown = telegram_deliveries(api.calls)
            leaks = await scan(linli, "telegram", shown, stack.typed)
        finally:
            if delivering is not None:
                outbox.stop()  # as `linli run` stops it: the pass in hand finishes
                await delivering
            await channel.stop()
            await linli.close()
    assert not leaks, "\n".join(leaks)
