"""Accountability in chat: /wishes (a unit's representative claims a wish, the resident lets
the wall show the photo and says thanks), hours after resolving, /points, /promise, /stars
and the card's footer."""

from core import intake
from core.intake import Draft
from core.records import Request
from handlers.types import Ack
from tests.chat import Chat

WISH = Draft("想给孙子买个书包，我是王小0，电话13800000000", "care", None, "wish")


def toast(ack: Ack) -> str:
    assert ack.toast is not None
    return ack.toast.key


async def a_wish(chat: Chat) -> Request:
    return await intake.submit_request(chat.env.uow(), chat.env.ctx, chat.seeded.residents[0], WISH)


async def test_a_unit_claims_a_wish_the_resident_shows_the_photo_and_says_thanks(
    chat: Chat,
) -> None:
    s = chat.seeded
    resident = s.residents[0]
    wish = await a_wish(chat)
    await chat.new()
    await chat.send(s.unit, "/wishes")
    (wall,) = await chat.to(s.unit)
    assert wall.key == "wish.wall" and "待认领" in wall.text and "幸福家园网格" in wall.text
    assert "王小0" not in wall.text and "13800000000" not in wall.text and "王**" in wall.text
    assert (
        toast(await chat.press(s.unit, wall.options[f"认领心愿 {wish.number}"])) == "wish.claimed"
    )
    assert "task.details" in [m.key for m in await chat.to(s.unit)]
    await chat.press(s.unit, f"resolve:{wish.id}")
    await chat.send(s.unit, "书包送到了", photo="schoolbag-photo-file-id")
    said = await chat.new()
    done = next(m for m in said if m.key == "note.resolved")
    assert list(done.options) == ["0.5 小时", "1 小时", "2 小时", "4 小时"]
    ask = next(m for m in said if m.key == "wish.ask_photo")
    assert ask.chat_id == str(resident)
    assert toast(await chat.press(resident, ask.options["可以展示照片"])) == "wish.photo_shown"
    await chat.press(resident, ask.options["写感谢"])
    assert [m.key for m in await chat.to(resident)] == ["wish.ask_thanks_text"]
    await chat.send(resident, "谢谢供电所的师傅！我是王小0，有事打13800000000")
    said = await chat.new()
    assert [m.key for m in said if m.chat_id == str(resident)] == ["wish.thanks_saved"]
    assert [m.key for m in said if m.chat_id == str(s.unit)] == ["wish.thanked"]

    await chat.send(s.members_a[1], "/wishes")
    (wall,) = await chat.to(s.members_a[1])
    assert "已圆梦" in wall.text and "谢谢供电所的师傅" in wall.text
    assert "王小0" not in wall.text and "13800000000" not in wall.text


async def test_hours_entered_at_resolve_reach_the_ledger_and_points(chat: Chat) -> None:
    s = chat.seeded
    member = s.members_a[0]
    wish = await a_wish(chat)
    await chat.press(member, f"claim:{wish.id}", group="group-a")
    await chat.press(member, f"resolve:{wish.id}")
    await chat.send(member, "买好送去了")
    done = next(m for m in await chat.new() if m.key == "note.resolved")
    assert toast(await chat.press(member, done.options["2 小时"])) == "points.hours_saved"
    await chat.send(member, "/points")
    (mine,) = await chat.to(member)
    assert mine.key == "points.mine"
    assert "9 分" in mine.text and "服务时长 2 小时" in mine.text  # claim 1, on time 3, wish 5
    assert "心愿圆梦" in mine.text and wish.number in mine.text

    await chat.send(s.leader_a, "/points grid")
    (board,) = await chat.to(s.leader_a)
    assert board.key == "points.board" and "1. 党员0　9 分　2 小时" in board.text
    await chat.send(s.leader_a, "/points community")
    assert [m.key for m in await chat.to(s.leader_a)] == ["refused.points.not_admin"]
    refused = await chat.press(s.members_a[1], f"hours:{wish.id}:4")
    assert toast(refused) == "refused.points.not_yours"

    line = mine.text.split("#", 1)[1].split()[0]
    await chat.send(s.admin, f"/points fix {line} -1 测试更正")
    assert [m.key for m in await chat.to(s.admin)] == ["points.corrected"]
    await chat.send(member, "/points")
    assert "8 分" in (await chat.to(member))[0].text


async def test_a_promise_is_shown_on_the_cards_the_member_claims(chat: Chat) -> None:
    s = chat.seeded
    member = s.members_a[0]
    await chat.send(member, "/promise 每月为独居老人上门服务两次")
    (ask,) = await chat.to(member)
    assert ask.key == "promise.ask_span"
    await chat.press(member, ask.options["本月底"])
    (made,) = await chat.to(member)
    assert made.key == "promise.made" and "2026-11-30" in made.text
    wish = await a_wish(chat)
    await chat.new()
    await chat.press(member, f"claim:{wish.id}", group="group-a")
    card = next(m for m in await chat.new() if m.key == "card.request")
    assert "党员0 承诺：每月为独居老人上门服务两次" in card.text
    await chat.send(member, "/promise")
    (listed,) = await chat.to(member)
    assert "进行中" in listed.text
    await chat.send(s.leader_a, "/promise review")
    assert [m.key for m in await chat.to(s.leader_a)] == ["promise.none_to_review"]
    await chat.send(s.residents[0], "/promise 我也想承诺")
    assert [m.key for m in await chat.to(s.residents[0])] == ["refused.not_staff"]


async def test_an_admin_proposes_and_publishes_stars_and_the_card_shows_them(
    chat: Chat,
) -> None:
    s = chat.seeded
    wish = await a_wish(chat)
    await chat.send(s.leader_a, "/stars")
    assert [m.key for m in await chat.to(s.leader_a)] == ["stars.none_published"]
    await chat.send(s.admin, "/stars 2026-11")
    (proposed,) = await chat.to(s.admin)
    assert proposed.key == "stars.proposed" and "网格党支部 幸福家园网格：★☆☆☆☆" in proposed.text
    assert "✗ 按时响应率 —（标准 90%）" in proposed.text
    published = await chat.press(s.admin, proposed.options["审核无误，发布"])
    assert toast(published) == "stars.published"
    await chat.send(s.leader_a, "/stars")
    assert "幸福家园网格：★☆☆☆☆" in (await chat.to(s.leader_a))[0].text
    await chat.press(s.members_a[0], f"claim:{wish.id}", group="group-a")
    card = next(m for m in await chat.new() if m.key == "card.request")
    assert card.text.endswith("幸福家园网格：★☆☆☆☆（2026-11）\n党员0：★☆☆☆☆")
    await chat.send(s.members_a[0], "/stars 2026-11")
    assert [m.key for m in await chat.to(s.members_a[0])] == ["stars.list"]
    assert toast(await chat.press(s.members_a[0], "starspub:2026-11")) == "refused.stars.not_admin"
