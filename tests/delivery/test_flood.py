"""A flood through the real stack (PTB against the local Bot API server, the dialogs, the
outbox sender with Telegram's limits): a group with 300 messages queued and 40 commands from
a stranger holds up no other chat beyond its own budget. The sender runs on an injected clock:
no test time is spent waiting for budgets."""

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.channels import DeliveryPolicy, RateLimits
from bot.outbox_sender import OutboxSender
from core.messages import Reply
from db.models import OutboxRow
from tests.adapters.conftest_telegram import (
    GROUP,
    RESIDENT,
    STRANGER,
    JSONDict,
    TelegramStack,
    shown,
    telegram_stack,
)
from tests.env import FixedClock

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

BUSY_GROUP = -1009000000001  # bound to the other grid, XF-02
OTHERS = [7100 + n for n in range(20)]  # private chats with replies queued
PRIVATE_BUDGET = 1.0  # seconds between two messages to one private chat
SLACK = 0.2  # the overall pace (1/30 s a message) and the clock's steps


class Flood:
    """The outbox sender with Telegram's real limits, on a clock the test moves."""

    def __init__(self, tg: TelegramStack) -> None:
        self.tg = tg
        self.clock = FixedClock(datetime.now(UTC) + timedelta(hours=1))
        limits, tg.channel.sender.limits = tg.channel.sender.limits, RateLimits()

        async def sleep(seconds: float) -> None:
            self.clock.advance(seconds=seconds)

        self.sender = OutboxSender(
            tg.channel.sender, tg.linli.uow, self.clock, DeliveryPolicy(), sleep=sleep
        )
        tg.channel.sender.limits = limits
        self.turns = 0
        handled = tg.linli.dispatcher.on_outbox

        def counted() -> None:
            self.turns += 1
            handled()

        tg.linli.dispatcher.on_outbox = counted

    async def turns_done(self, count: int) -> None:
        for _ in range(3000):  # up to 30 s on a loaded machine
            if self.turns >= count:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"{self.turns} of {count} turns handled")

    async def until(self, find: Callable[[], JSONDict | None]) -> tuple[JSONDict, float]:
        """Deliver (moving the clock on when nothing is due) until ``find`` finds a message;
        the message and the seconds it took on the sender's clock."""
        start = self.clock.now()
        for _ in range(5000):
            found = find()
            if found is not None:
                return found, (self.clock.now() - start).total_seconds()
            if not await self.sender.deliver_due():
                self.clock.advance(seconds=0.1)
        raise AssertionError("never delivered")

    def new_message(self, chat: int, contains: str) -> Callable[[], JSONDict | None]:
        def find() -> JSONDict | None:
            for message in self.tg.api.sent_to(chat):
                key = (chat, message["message_id"])
                if key not in self.tg.seen and contains in shown(message):
                    self.tg.seen.add(key)
                    return message
            return None

        return find

    async def says(self, text: str, expect: str) -> float:
        """The resident writes; seconds until the bot's answer containing ``expect`` is out."""
        turns = self.turns
        self.tg.send(RESIDENT, text)
        await self.turns_done(turns + 1)
        return (await self.until(self.new_message(RESIDENT, expect)))[1]

    async def presses(self, label: str, on: str, expect: str, chat: int = RESIDENT) -> float:
        message = next(m for m in self.tg.api.sent_to(RESIDENT) if on in shown(m))
        turns = self.turns
        self.tg.press(RESIDENT, message, label)
        await self.turns_done(turns + 1)
        return (await self.until(self.new_message(chat, expect)))[1]


async def bind_groups(tg: TelegramStack) -> None:
    tg.api.add_chat(GROUP, "幸福家园网格群")
    tg.api.add_chat(BUSY_GROUP, "和谐苑网格群")
    async with tg.linli.uow() as uow:
        for chat, code in ((GROUP, "XF-01"), (BUSY_GROUP, "XF-02")):
            grid = await uow.places.grid_by_code(code)
            assert grid is not None
            await uow.places.bind_chat("telegram", str(chat), grid.id, grid.community_id)
        await uow.commit()


async def queue_backlog(tg: TelegramStack) -> None:
    """300 notices for the busy group; five replies for each of 20 other private chats."""
    now = datetime.now(UTC)
    async with tg.linli.uow() as uow:
        for n in range(300):
            params = {"number": f"20261123-{n:04d}", "topic": "环境卫生", "claim_by": "—"}
            notice = Reply("group.unclaimed", params)
            await uow.outbox.add("telegram", str(BUSY_GROUP), notice, None, False, now)
        for _ in range(5):
            for user in OTHERS:
                reply = Reply("help.resident")
                await uow.outbox.add("telegram", str(user), reply, None, False, now)
        await uow.commit()
    for user in OTHERS:
        tg.api.add_user(user, f"居民{user}")


async def sent_rows(tg: TelegramStack) -> list[OutboxRow]:
    async with tg.linli.uow() as uow:
        query = select(OutboxRow).where(OutboxRow.status == "sent").order_by(OutboxRow.sent_at)
        return list(await uow.session.scalars(query))


def sent_at(row: OutboxRow) -> datetime:
    assert row.sent_at is not None  # a sent row has the time
    return row.sent_at


def gaps(times: list[datetime]) -> list[float]:
    return [(b - a).total_seconds() for a, b in pairwise(times)]


async def test_a_flooded_group_holds_up_no_other_chat(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, deliver=False) as tg:
        flood = Flood(tg)
        await bind_groups(tg)
        await queue_backlog(tg)
        for _ in range(40):
            tg.send(STRANGER, "/help", chat=BUSY_GROUP)
        await flood.turns_done(40)

        # a resident files a request meanwhile: every answer within their chat's budget
        took = [await flood.says("/start", "住在哪里")]
        took.append(await flood.says("幸福家园5号楼2单元301", "您是住在"))
        took.append(await flood.presses("是的", "您是住在", "地址已记下"))
        took.append(await flood.says("楼道灯坏了一个礼拜了，晚上老人上下楼很危险", "照片：0 张"))
        took.append(await flood.presses("提交", "照片：0 张", "已收到"))
        assert max(took) <= 2 * PRIVATE_BUDGET + SLACK  # /start answers with two messages
        _, card_took = await flood.until(flood.new_message(GROUP, "楼道灯"))
        assert card_took <= SLACK  # the other group had budget: the card went at once

        def others_done_and_busy_group_served() -> JSONDict | None:
            done = all(len(tg.api.sent_to(user)) == 5 for user in OTHERS)
            return {} if done and len(tg.api.sent_to(BUSY_GROUP)) >= 5 else None

        await flood.until(others_done_and_busy_group_served)
        rows = await sent_rows(tg)
        for user in OTHERS:
            times = [sent_at(r) for r in rows if r.chat_id == str(user)]
            assert len(times) == 5 and max(gaps(times)) <= PRIVATE_BUDGET + SLACK
        busy = [r for r in rows if r.chat_id == str(BUSY_GROUP)]
        assert 5 <= len(busy) < 300 and min(gaps([sent_at(r) for r in busy])) >= 3.0 - 1e-6
        per_second = Counter(sent_at(r).replace(microsecond=0) for r in rows)
        assert max(per_second.values()) <= 30

    assert tg.api.sent_to(STRANGER) == []
    assert not [m for m in tg.api.sent_to(BUSY_GROUP) if "/bindgrid" in shown(m)]
