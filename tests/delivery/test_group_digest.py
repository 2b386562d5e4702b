"""A group's long queue: one message per card, a digest of new requests instead of a card
each, claimable from its buttons and brought up to date; urgent requests never wait in one."""

from bot.channels import Undeliverable
from core import intake
from core.intake import Draft
from core.records import Request
from handlers.texts import render_option, render_reply
from tests.chat import Chat
from tests.delivery.fakes import Call, RecordingChannel, rows
from tests.delivery.test_outbox_sender import drain, make_sender

LIGHT = Draft("5号楼2单元楼道灯坏了", "repair", "repair.corridor_light", "complaint")
FIRE_LANE = Draft("消防通道被电动车堵住了", "safety", "safety.fire_lane", "complaint")
SMOKE = Draft("楼道里冒烟了", "safety", None, "help", urgent=True)
DIGEST_AFTER_MINUTES = 1  # a group with more than 20 messages queued gets digests


async def submit(chat: Chat, draft: Draft = LIGHT, times: int = 1) -> list[Request]:
    resident = chat.seeded.residents[0]
    return [
        await intake.submit_request(chat.env.uow(), chat.env.ctx, resident, draft)
        for _ in range(times)
    ]


def to_group(channel: RecordingChannel) -> list[Call]:
    return [c for c in channel.calls if c.chat_id == "group-a"]


async def test_a_long_group_queue_goes_out_as_one_digest_claimable_from_it(chat: Chat) -> None:
    env, s = chat.env, chat.seeded
    await submit(chat, times=25)
    env.clock.advance(minutes=5)
    (hazard,) = await submit(chat, FIRE_LANE)  # filed last, but to be claimed sooner
    channel = RecordingChannel(env.clock)
    sender = make_sender(env, channel, digest_after_minutes=DIGEST_AFTER_MINUTES)
    await sender.deliver_due()

    (digest,) = to_group(channel)
    shown = render_reply(digest.reply)
    assert digest.key == "group.digest" and shown.startswith("新诉求 20 件")
    assert shown.index(hazard.number) < shown.index("20261123-0001")  # the most urgent first
    assert "党员0、党员1、党员2：与您的岗位相关" in shown  # the mentions, inside
    buttons = {render_option(o): o.value for o in digest.reply.options}
    assert len(buttons) == 20 and buttons[f"认领 {hazard.number[-4:]}"] == f"claim:{hazard.id}"

    await drain(sender, env)  # the 6 left are a short queue: a card each
    assert [c.key for c in to_group(channel)] == ["group.digest"] + ["card.request"] * 6
    assert {r.status for r in await rows(env)} == {"sent", "folded"}

    member, other = s.members_a[0], s.members_a[1]
    ack = await chat.press(member, f"claim:{hazard.id}", group="group-a")
    assert ack.toast is not None and ack.toast.key == "claim.ok"
    late = await chat.press(other, f"claim:{hazard.id}", group="group-a")
    assert late.toast is not None and late.toast.key == "refused.claim.taken"
    await drain(sender, env)
    assert "task.details" in channel.keys(str(member))
    edit = to_group(channel)[-1]  # the card's edit reaches the digest it went out in
    assert (edit.op, edit.key, edit.message_id) == ("edit", "group.digest", digest.message_id)
    after = render_reply(edit.reply)
    assert "状态：办理中　认领人：党员0" in after and after.count("认领人") == 1
    assert len(edit.reply.options) == 19
    assert f"claim:{hazard.id}" not in [o.value for o in edit.reply.options]


async def test_an_urgent_request_goes_on_its_own_at_once_while_a_digest_builds(
    chat: Chat,
) -> None:
    env = chat.env
    await submit(chat, times=50)
    channel = RecordingChannel(env.clock)
    sender = make_sender(env, channel, digest_after_minutes=DIGEST_AFTER_MINUTES)
    await sender.deliver_due()
    assert [c.key for c in to_group(channel)] == ["group.digest"]  # 30 more are waiting

    env.clock.advance(seconds=1)
    (fire,) = await submit(chat, SMOKE)
    env.clock.advance(seconds=2)  # the group's next turn (20 a minute)
    await sender.deliver_due()
    urgent = to_group(channel)[-1]
    assert urgent.key == "card.request" and urgent.reply.params["number"] == fire.number
    assert render_reply(urgent.reply).startswith("【紧急】")

    await drain(sender, env)
    group = to_group(channel)
    assert [c.key for c in group] == ["group.digest", "card.request", "group.digest"] + [
        "card.request"
    ] * 10
    digests = [render_reply(c.reply) for c in group if c.key == "group.digest"]
    assert all(fire.number not in text for text in digests)


async def test_a_digest_not_sent_yet_takes_in_its_requests_edits(chat: Chat) -> None:
    env, s = chat.env, chat.seeded
    requests = await submit(chat, times=25)
    channel = RecordingChannel(env.clock)
    channel.failures["group-a"].append(Undeliverable("message is too long"))
    sender = make_sender(env, channel, digest_after_minutes=DIGEST_AFTER_MINUTES)
    await sender.deliver_due()  # the digest is dead
    assert to_group(channel) == []
    claimed = requests[0]
    ack = await chat.press(s.members_a[0], f"claim:{claimed.id}", group="group-a")
    assert ack.toast is not None and ack.toast.key == "claim.ok"
    await drain(sender, env)
    assert [c.op for c in to_group(channel)] == ["send"] * 5  # the 5 left; no edit of a
    async with env.uow() as uow:  # digest never shown, but it holds the claim now
        assert await uow.delivery.requeue(None, env.clock.now()) == 1
        await uow.commit()
    await drain(sender, env)
    digest = to_group(channel)[-1]
    assert digest.key == "group.digest" and len(digest.reply.options) == 19
    assert "认领人：党员0" in render_reply(digest.reply)
