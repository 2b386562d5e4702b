"""The sender's schedule: a chat without budget is skipped, not waited for; urgent cards and
members' notices before chatter; sends overlap, paced to the channel's overall rate."""

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from bot.outbox_sender import OutboxSender
from core.cards import CARD
from core.messages import Reply, t
from tests.delivery.fakes import RecordingChannel, queue
from tests.delivery.test_outbox_sender import drain, make_sender
from tests.env import Env

URGENT_CARD = Reply(CARD, {"urgent": t("card.urgent")})
CARD_REPLY = Reply(CARD, {"urgent": ""})


async def test_a_chat_without_budget_is_skipped_not_waited_for(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    for n in range(3):
        await queue(env, "group-a", f"group{n}")
        for chat in ("100", "200", "300"):
            await queue(env, chat, f"{chat}:{n}")
    sender = make_sender(env, channel)
    assert await sender.deliver_due() == 4  # every chat's first message
    env.clock.advance(seconds=1)
    before = env.clock.now()
    assert await sender.deliver_due() == 3  # the private chats again; the group has no budget
    assert (env.clock.now() - before).total_seconds() < 0.2  # and nobody waited for it
    assert channel.keys("group-a") == ["group0"]
    assert [c.chat_id for c in channel.calls[4:]] == ["100", "200", "300"]
    env.clock.advance(seconds=2)
    assert await sender.deliver_due() == 4  # 3 s after its first: the group's turn again
    assert channel.keys("group-a") == ["group0", "group1"]


async def test_urgent_cards_then_members_notices_before_chatter(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    for n in range(40):
        await queue(env, f"9{n:03d}", "dialog.reply")
    await queue(env, "group-b", CARD_REPLY, ref="req:1:card")
    await queue(env, "300", "task.details")
    await queue(env, "group-a", URGENT_CARD, ref="req:2:card")
    await make_sender(env, channel).deliver_due()
    assert len(channel.calls) == 30  # a second of the overall budget
    assert [c.chat_id for c in channel.calls[:3]] == ["group-a", "group-b", "300"]
    assert channel.keys()[3:] == ["dialog.reply"] * 27


async def test_an_urgent_card_overtakes_its_groups_queue_and_nothing_else(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    for n in range(5):
        await queue(env, "group-a", f"old{n}")
    await queue(env, "group-a", URGENT_CARD, ref="req:9:card")
    await queue(env, "group-a", Reply("card.claimed"), ref="req:9:card", edit=True)
    sender = make_sender(env, channel)
    await sender.deliver_due()
    assert channel.keys("group-a") == [CARD]
    await drain(sender, env)
    assert channel.keys("group-a") == [CARD, *(f"old{n}" for n in range(5)), "card.claimed"]
    assert channel.calls[-1].op == "edit"  # the urgent card's edit still follows it


@dataclass
class SlowChannel(RecordingChannel):
    """Answers only once several sends are in flight at the same time."""

    in_flight: int = 0
    most: int = 0
    together: asyncio.Event | None = None
    started: list[datetime] = field(default_factory=list)

    async def send(self, chat_id: str, reply: Reply) -> str:
        if self.together is None:
            self.together = asyncio.Event()
        self.started.append(self.clock.now())
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        if self.in_flight == 5:
            self.together.set()
        await asyncio.wait_for(self.together.wait(), 2.0)
        self.in_flight -= 1
        return await super().send(chat_id, reply)


async def test_sends_overlap_instead_of_waiting_for_each_answer(env: Env) -> None:
    channel = SlowChannel(env.clock)
    for n in range(10):
        await queue(env, f"9{n:03d}", "dialog.reply")
    sender: OutboxSender = make_sender(env, channel)
    assert await sender.deliver_due() == 10
    assert channel.most >= 5 and len(channel.calls) == 10
    gaps = [(b - a).total_seconds() for a, b in pairwise(channel.started)]
    assert min(gaps) >= 1 / 30 - 1e-6  # still no faster than 30 a second overall
