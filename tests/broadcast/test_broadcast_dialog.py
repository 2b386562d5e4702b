"""Broadcasts through the real dispatcher: scope, preview with the count, confirm; who may
send where; 退订 and 订阅; the counts; a confirm pressed or delivered twice sends once."""

import re

from sqlalchemy import func, select, update

from bot.clock import SlaClock
from db.delivery import SqlDeliveryRepository
from db.models import BroadcastRow, OutboxRow, PersonRow
from handlers.types import ChatKind, Incoming
from tests.broadcast.conftest import Chat, add_residents, broadcast

NOTICE = "本周六上午9点在社区广场开展垃圾分类宣传活动，欢迎参加。"


async def broadcast_rows(chat: Chat) -> list[OutboxRow]:
    async with chat.env.uow() as uow:
        return list(
            await uow.session.scalars(
                select(OutboxRow).where(OutboxRow.broadcast_id.is_not(None)).order_by(OutboxRow.id)
            )
        )


async def test_a_leader_broadcasts_to_the_grid_with_preview_and_confirm(chat: Chat) -> None:
    s = chat.seeded
    other_grid = await add_residents(chat.env, s.grid_b, 2)
    await chat.send(s.leader_a, "/broadcast")
    (ask,) = await chat.to(s.leader_a)
    assert ask.key == "broadcast.ask_scope" and list(ask.options) == ["本网格"]
    await chat.press(s.leader_a, ask.options["本网格"])
    assert [m.key for m in await chat.to(s.leader_a)] == ["broadcast.ask_text"]
    await chat.send(s.leader_a, NOTICE)
    (preview,) = await chat.new()
    assert preview.key == "broadcast.preview"
    assert "幸福家园网格" in preview.text and NOTICE in preview.text
    assert "2 位居民" in preview.text and "1 个网格群" in preview.text
    assert "网格长 张**" in preview.text and "张建国" not in preview.text
    assert list(preview.options) == ["发送", "修改", "取消"]
    assert await broadcast_rows(chat) == []  # nothing goes before 发送

    await chat.press(s.leader_a, preview.options["修改"])
    assert [m.key for m in await chat.to(s.leader_a)] == ["broadcast.ask_text"]
    await chat.send(s.leader_a, NOTICE + "请带好购物袋。")
    (preview,) = await chat.new()
    await chat.press(s.leader_a, preview.options["发送"])
    (sent,) = await chat.to(s.leader_a)
    assert sent.key == "broadcast.sent" and "3 条" in sent.text

    rows = await broadcast_rows(chat)
    chats = {r.chat_id for r in rows}
    assert chats == {"group-a", *(str(r) for r in s.residents)}
    assert not chats & {f"r{s.grid_b}-{p}" for p in other_grid}
    group = next(r for r in rows if r.chat_id == "group-a")
    assert group.reply["key"] == "broadcast.notice_group"
    resident = next(r for r in rows if r.chat_id != "group-a")
    assert resident.reply["key"] == "broadcast.notice"
    assert resident.reply["params"]["text"] == NOTICE + "请带好购物袋。"
    assert resident.reply["params"]["name"] == "张**"


async def test_only_leaders_admins_and_the_propaganda_post_may_broadcast(chat: Chat) -> None:
    s = chat.seeded
    member = s.members_a[0]
    await chat.send(member, "/broadcast")
    (refused,) = await chat.to(member)
    assert refused.key == "refused.broadcast.not_allowed" and "政策宣传员" in refused.text
    await chat.send(s.residents[0], "/broadcast")
    assert [m.key for m in await chat.to(s.residents[0])] == ["refused.not_staff"]
    await chat.press(member, "bcast:send:0123456789abcdef")
    assert [m.key for m in await chat.to(member)] == ["refused.broadcast.not_allowed"]
    assert await broadcast_rows(chat) == []

    async with chat.env.uow() as uow:
        await uow.session.execute(
            update(PersonRow).where(PersonRow.id == member).values(posts=["政策宣传员"])
        )
        await uow.commit()
    told = await broadcast(chat, member, "本网格", NOTICE)
    assert told[-1].key == "broadcast.sent"
    assert len(await broadcast_rows(chat)) == 3


async def test_the_whole_community_is_for_admins_only(chat: Chat) -> None:
    s = chat.seeded
    other_grid = await add_residents(chat.env, s.grid_b, 3)
    await chat.press(s.leader_a, "bcast:scope:community")
    assert [m.key for m in await chat.to(s.leader_a)] == ["refused.stale_button"]
    await chat.send(s.leader_a, "/broadcast")
    await chat.new()
    await chat.press(s.leader_a, "bcast:scope:community")
    (refused,) = await chat.to(s.leader_a)
    assert refused.key == "refused.broadcast.community_admins_only"
    await chat.press(s.leader_a, f"bcast:grid:{s.grid_b}")
    assert [m.key for m in await chat.to(s.leader_a)] == ["refused.broadcast.grid_not_yours"]

    await chat.send(s.admin, "/broadcast")
    (ask,) = await chat.to(s.admin)
    assert list(ask.options) == ["选择网格", "全社区"]
    await chat.press(s.admin, ask.options["全社区"])
    await chat.new()
    await chat.send(s.admin, NOTICE)
    (preview,) = await chat.new()
    assert "发给：全社区" in preview.text and "5 位居民" in preview.text
    assert "社区管理员 周**" in preview.text
    await chat.press(s.admin, preview.options["发送"])
    assert [m.key for m in await chat.to(s.admin)] == ["broadcast.sent"]
    chats = {r.chat_id for r in await broadcast_rows(chat)}
    residents = {str(r) for r in s.residents} | {f"r{s.grid_b}-{p}" for p in other_grid}
    assert chats == {"group-a", *residents}


async def test_an_admin_picks_grids_one_by_one(chat: Chat) -> None:
    s = chat.seeded
    other_grid = await add_residents(chat.env, s.grid_b, 2)
    await chat.send(s.admin, "/broadcast")
    (ask,) = await chat.to(s.admin)
    await chat.press(s.admin, ask.options["选择网格"])
    (pick,) = await chat.to(s.admin)
    assert list(pick.options) == ["幸福家园网格", "和谐苑网格"]
    await chat.press(s.admin, pick.options["和谐苑网格"])
    (pick,) = await chat.to(s.admin)
    assert "已选：和谐苑网格" in pick.text and list(pick.options) == ["幸福家园网格", "选好了"]
    await chat.press(s.admin, pick.options["选好了"])
    await chat.new()
    await chat.send(s.admin, NOTICE)
    (preview,) = await chat.new()
    assert "2 位居民" in preview.text and "0 个网格群" in preview.text
    await chat.press(s.admin, preview.options["发送"])
    chats = {r.chat_id for r in await broadcast_rows(chat)}
    assert chats == {f"r{s.grid_b}-{p}" for p in other_grid}


async def test_unsubscribed_residents_get_nothing_until_they_subscribe(chat: Chat) -> None:
    s = chat.seeded
    quiet, other = s.residents
    await chat.send(quiet, "退订")
    (ack,) = await chat.to(quiet)
    assert ack.key == "broadcast.unsubscribed" and "订阅" in ack.text
    told = await broadcast(chat, s.leader_a, "本网格", NOTICE)
    assert "1 位居民已退订" in told[-2].text
    assert "1 位已退订的居民不发" in told[-1].text
    assert {r.chat_id for r in await broadcast_rows(chat)} == {"group-a", str(other)}

    await chat.send(quiet, "订阅")
    assert [m.key for m in await chat.to(quiet)] == ["broadcast.subscribed"]
    await broadcast(chat, s.leader_a, "本网格", "第二条通知")
    second = [r for r in await broadcast_rows(chat) if r.reply["params"]["text"] == "第二条通知"]
    assert {r.chat_id for r in second} == {"group-a", str(quiet), str(other)}

    await chat.send(other, "/unsubscribe")
    assert [m.key for m in await chat.to(other)] == ["broadcast.unsubscribed"]
    await chat.send(other, "/subscribe")
    assert [m.key for m in await chat.to(other)] == ["broadcast.subscribed"]


async def test_the_counts_follow_delivery(chat: Chat) -> None:
    s = chat.seeded
    await chat.send(s.residents[1], "退订")
    await broadcast(chat, s.leader_a, "本网格", NOTICE)
    await chat.new()
    await chat.send(s.leader_a, "/broadcasts")
    (listed,) = await chat.to(s.leader_a)
    assert listed.key == "broadcast.list" and "幸福家园网格" in listed.text
    assert "共 2 条：已送达 0，待发 2，失败 0，退订未发 1" in listed.text

    now = chat.env.clock.now()
    async with chat.env.uow() as uow:
        delivery = SqlDeliveryRepository(uow.session)
        for envelope in await delivery.claim("test", "me", now, now, 50):
            if envelope.chat_id == str(s.residents[0]):
                await delivery.failed(envelope, "me", "blocked", None)
            else:
                await delivery.sent(envelope, now, "m1")
        await uow.commit()
    await chat.send(s.leader_a, "/broadcasts")
    (listed,) = await chat.to(s.leader_a)
    assert "共 2 条：已送达 1，待发 0，失败 1，退订未发 1" in listed.text
    await chat.send(s.leader_b, "/broadcasts")
    assert [m.key for m in await chat.to(s.leader_b)] == ["broadcast.none"]


async def deliver_all(chat: Chat, failing: str) -> None:
    """Every queued row delivered, except the one to chat ``failing``: given up on."""
    now = chat.env.clock.now()
    async with chat.env.uow() as uow:
        delivery = SqlDeliveryRepository(uow.session)
        for envelope in await delivery.claim("test", "me", now, now, 50):
            if envelope.chat_id == failing:
                await delivery.failed(envelope, "me", "blocked", None)
            else:
                await delivery.sent(envelope, now, "m1")
        await uow.commit()


async def listed_counts(chat: Chat, leader: int) -> list[str]:
    await chat.new()
    await chat.send(leader, "/broadcasts")
    (listed,) = await chat.to(leader)
    return re.findall(r"共 \d+ 条：[^\n]*", listed.text)


async def test_the_counts_outlive_the_messages(chat: Chat) -> None:
    """A resident's /forget deletes what was sent to them, and the clock deletes what was
    delivered or given up on after the policy's 30 days: the counts stay, unsent rows stay."""
    s = chat.seeded
    first, leaving = s.residents
    await broadcast(chat, s.leader_a, "本网格", NOTICE)
    await chat.new()
    await deliver_all(chat, failing=str(first))
    (counts,) = await listed_counts(chat, s.leader_a)
    assert counts == "共 3 条：已送达 2，待发 0，失败 1，退订未发 0"

    await chat.send(leaving, "/forget")
    await chat.press(leaving, (await chat.to(leaving))[-1].options["确认删除"])
    assert {r.chat_id for r in await broadcast_rows(chat)} == {"group-a", str(first)}
    assert await listed_counts(chat, s.leader_a) == [counts]

    chat.env.clock.advance(days=29)
    await broadcast(chat, s.leader_a, "本网格", "第二条通知")
    chat.env.clock.advance(days=2)
    await SlaClock(chat.env.uow, lambda: chat.env.ctx, 3600).tick_once()
    left = await broadcast_rows(chat)
    assert {r.reply["params"]["text"] for r in left} == {"第二条通知"}
    assert {r.status for r in left} == {"pending"}
    second = "共 2 条：已送达 0，待发 2，失败 0，退订未发 0"  # the resident who left is not counted
    assert await listed_counts(chat, s.leader_a) == [second, counts]


async def test_a_confirm_pressed_or_delivered_twice_sends_once(chat: Chat) -> None:
    s = chat.seeded
    await chat.send(s.leader_a, "/broadcast")
    await chat.press(s.leader_a, (await chat.to(s.leader_a))[0].options["本网格"])
    await chat.new()
    await chat.send(s.leader_a, NOTICE)
    (preview,) = await chat.new()
    send = preview.options["发送"]
    press = Incoming(
        channel="test",
        chat_id=str(s.leader_a),
        user_id=str(s.leader_a),
        update_id="confirm-1",
        user_name="张建国",
        chat_kind=ChatKind.PRIVATE,
        payload=send,
    )
    await chat.dispatcher.handle(press)
    await chat.dispatcher.handle(press)  # the platform delivers the same update again
    assert len(await broadcast_rows(chat)) == 3
    again = await chat.press(s.leader_a, send)  # and the leader presses 发送 once more
    assert again.toast is not None and again.toast.key == "broadcast.already_sent"
    assert len(await broadcast_rows(chat)) == 3
    assert [m.key for m in await chat.to(s.leader_a)] == ["broadcast.sent"]
    async with chat.env.uow() as uow:
        made = await uow.session.scalar(select(func.count()).select_from(BroadcastRow))
    assert made == 1
