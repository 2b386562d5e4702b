"""A large broadcast drains behind everything else: a request's card queued after it reaches
the grid group before the group's notice, and the filer's private replies before theirs."""

from bot.outbox_sender import OutboxSender
from tests.broadcast.conftest import Chat, add_residents, broadcast
from tests.delivery.fakes import RecordingChannel
from tests.delivery.test_outbox_sender import drain, make_sender

NOTICE = "明天上午8点至12点小区停水，请提前储水。"


async def file_request(chat: Chat, resident: int) -> None:
    await chat.send(resident, "小区门口垃圾桶满了好几天")
    await chat.press(resident, (await chat.to(resident))[-1].options["提交"])


async def test_a_card_after_a_large_broadcast_goes_first(chat: Chat) -> None:
    s = chat.seeded
    await add_residents(chat.env, s.grid_a, 300)
    told = await broadcast(chat, s.leader_a, "本网格", NOTICE)
    assert "303 条" in told[-1].text
    resident = s.residents[0]
    await file_request(chat, resident)
    channel = RecordingChannel(chat.env.clock)
    sender: OutboxSender = make_sender(chat.env, channel)
    await sender.deliver_due()  # one second of the channel's budget
    first = channel.calls[:30]
    assert [c.key for c in first if c.chat_id == "group-a"] == ["card.request"]
    receipts = [c.key for c in first if c.chat_id == str(resident)]
    assert receipts and "broadcast.notice" not in receipts

    await drain(sender, chat.env, passes=2000)
    group = channel.keys("group-a")
    assert group[0] == "card.request" and group[-1] == "broadcast.notice_group"
    mine = channel.keys(str(resident))
    assert mine[-1] == "broadcast.notice" and mine.count("broadcast.notice") == 1
    notices = [c for c in channel.calls if c.key == "broadcast.notice"]
    assert len(notices) == 302
