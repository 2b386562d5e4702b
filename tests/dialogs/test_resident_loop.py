"""The whole loop through the dialogs: a new resident binds an address, files, a member
claims from the group and resolves, the resident confirms and rates."""

from sqlalchemy import select, update

from core import onboarding
from core.vocabulary import Role
from db.models import OutboxRow
from tests.chat import Chat

NEWCOMER = 5001


async def test_newcomer_to_rated_close(chat: Chat) -> None:
    s = chat.seeded
    await chat.send(NEWCOMER, "/start")
    assert [m.key for m in await chat.to(NEWCOMER)] == ["start.welcome", "address.ask"]

    await chat.send(NEWCOMER, "幸福家园5号楼2单元301")
    (confirm,) = await chat.to(NEWCOMER)
    assert confirm.key == "address.confirm" and "幸福家园5号楼" in confirm.text
    await chat.press(NEWCOMER, confirm.options["是的"])
    assert [m.key for m in await chat.to(NEWCOMER)] == ["address.bound_next"]

    await chat.send(NEWCOMER, "楼道灯坏了一个礼拜了，晚上老人上下楼很危险")
    (summary,) = await chat.to(NEWCOMER)
    assert summary.key == "draft.summary" and "维修" in summary.text
    await chat.send(NEWCOMER, photo="photo-1")
    (again,) = await chat.to(NEWCOMER)
    assert "照片：1 张" in again.text
    await chat.press(NEWCOMER, again.options["提交"])
    messages = await chat.new()
    ack = next(m for m in messages if m.chat_id == str(NEWCOMER))
    assert ack.key == "resident.submitted"
    card = next(m for m in messages if m.chat_id == "group-a" and m.key == "card.request")
    assert "测**" in card.text and "2单元301" not in card.text

    member = s.members_a[0]
    ack_claim = await chat.press(member, card.options["认领"], group="group-a")
    assert ack_claim.toast is not None and ack_claim.toast.key == "claim.ok"
    messages = await chat.new()
    details = next(m for m in messages if m.key == "task.details")
    assert details.chat_id == str(member) and "2单元301" in details.text
    edit = next(m for m in messages if m.chat_id == "group-a" and m.edit)
    assert "办理中" in edit.text and "认领" not in edit.options

    await chat.press(member, details.options["办结"])
    assert [m.key for m in await chat.to(member)] == ["note.ask_resolve"]
    await chat.send(member, "已更换灯泡，亮了")
    messages = await chat.new()
    asked = next(m for m in messages if m.chat_id == str(NEWCOMER))
    assert asked.key == "resident.resolved" and "已更换灯泡" in asked.text

    await chat.press(NEWCOMER, asked.options["已解决"])
    rate = next(m for m in await chat.new() if m.key == "resident.rate")
    await chat.press(NEWCOMER, rate.options["5星"])
    thanks = [m for m in await chat.new() if m.chat_id == str(NEWCOMER)]
    assert [m.key for m in thanks] == ["resident.thanks"]


async def test_urgent_message_is_filed_at_once_with_hotline(chat: Chat) -> None:
    resident = chat.seeded.residents[0]
    await chat.send(resident, "楼下着火了冒好大的烟")
    messages = await chat.new()
    ack = next(m for m in messages if m.chat_id == str(resident))
    assert ack.key == "resident.submitted_urgent" and "119" in ack.text
    alert = next(m for m in messages if m.key == "leader.urgent")
    assert alert.chat_id == str(chat.seeded.leader_a)


async def test_redelivered_update_has_no_second_effect(chat: Chat) -> None:
    from handlers.types import Incoming

    resident = str(chat.seeded.residents[0])
    incoming = Incoming("test", resident, resident, "same-update", text="/my")
    first = await chat.dispatcher.handle(incoming)
    second = await chat.dispatcher.handle(incoming)
    assert not first.duplicate and second.duplicate
    assert [m.key for m in await chat.new()] == ["my.none"]


async def test_forged_and_stale_buttons_are_refused(chat: Chat) -> None:
    s = chat.seeded
    resident = s.residents[0]
    await chat.send(resident, "小区门口垃圾堆了好几天没人清，臭得很")
    summary = (await chat.to(resident))[-1]
    await chat.press(resident, summary.options["提交"])
    card = next(m for m in await chat.new() if m.key == "card.request")
    claim = card.options["认领"]
    refusals = [
        (await chat.press(resident, claim, group="group-a"), "refused.not_staff"),
        (await chat.press(s.member_b, claim, group="group-a"), "refused.who.claim"),
        (await chat.press(s.members_a[0], "claim:abc", group="group-a"), "refused.stale_button"),
        (await chat.press(s.members_a[0], "resolve:99999"), "refused.no_such_request"),
        (await chat.press(resident, "nonsense:1"), "refused.stale_button"),
        (await chat.press(resident, "rate:1:9:9"), "refused.stale_button"),
    ]
    for ack, key in refusals:
        assert ack.toast is not None and ack.toast.key == key
    group_messages = [m for m in await chat.new() if m.chat_id == "group-a"]
    assert group_messages == []


async def test_cancel_word_ends_a_draft(chat: Chat) -> None:
    resident = chat.seeded.residents[0]
    await chat.send(resident, "想给孙子要个书包")
    await chat.new()
    await chat.send(resident, "算了")
    assert [m.key for m in await chat.new()] == ["dialog.cancelled"]
    ack = await chat.press(resident, "draft:submit")
    assert ack.toast is not None and ack.toast.key == "refused.stale_button"
    assert await chat.new() == []


async def test_invite_redeemed_by_start_code(chat: Chat) -> None:
    invite = await onboarding.create_invite(chat.env.uow(), chat.env.ctx, Role.MEMBER, "XF-02")
    await chat.send(7001, f"/start {invite.code}")
    assert [m.key for m in await chat.new()] == ["start.ask_name"]  # no roster entry: who?
    await chat.send(7001, "刘志愿")
    welcome, help_ = await chat.new()
    assert (welcome.key, help_.key) == ("start.welcome_staff", "help.member")
    assert welcome.text.startswith("刘志愿")
    await chat.send(7002, f"/start {invite.code}")
    assert [m.key for m in await chat.new()] == ["refused.invite.used"]
    await chat.send(7002, "/start WRONG123")
    assert [m.key for m in await chat.new()] == ["refused.invite.unknown"]


async def test_my_and_forget(chat: Chat) -> None:
    resident = chat.seeded.residents[1]
    await chat.send(resident, "3号楼电梯又坏了，困了人半天才出来")
    await chat.new()
    await chat.send(resident, "/cancel")
    await chat.send(resident, "/my")
    listing = (await chat.to(resident))[-1]
    assert listing.key in ("my.list", "my.none")
    async with chat.env.uow() as uow:  # what was said so far has been delivered
        await uow.session.execute(update(OutboxRow).values(status="sent"))
        await uow.commit()
    await chat.send(resident, "/forget")
    forget = (await chat.to(resident))[-1]
    await chat.press(resident, forget.options["确认删除"])
    assert (await chat.to(resident))[-1].key == "forget.done"
    async with chat.env.uow() as uow:
        person = await uow.persons.get(resident)
        assert person is not None and person.phone is None and person.name == ""
        assert await uow.persons.by_identity("test", str(resident)) is None
        # nothing the bot told them is kept (their draft's words, the lift, the prompts)
        kept = await uow.session.scalars(
            select(OutboxRow.reply).where(OutboxRow.chat_id == str(resident))
        )
        assert [reply["key"] for reply in kept] == ["forget.done"]


async def test_member_asks_resident_clock_pauses_until_the_answer(chat: Chat) -> None:
    s = chat.seeded
    resident, member = s.residents[0], s.members_a[0]
    await chat.send(resident, "楼道灯坏了好几天，晚上看不见路")
    await chat.press(resident, (await chat.to(resident))[-1].options["提交"])
    card = next(m for m in await chat.new() if m.key == "card.request")
    await chat.press(member, card.options["认领"], group="group-a")
    details = next(m for m in await chat.new() if m.key == "task.details")
    await chat.press(member, details.options["问居民"])
    assert [m.key for m in await chat.to(member)] == ["note.ask_question"]
    await chat.send(member, "是几层的灯？")
    messages = await chat.new()
    question = next(m for m in messages if m.chat_id == str(resident))
    assert question.key == "resident.question" and "几层" in question.text
    async with chat.env.uow() as uow:
        paused = await uow.requests.by_number(card.text.split("｜")[0])
    assert paused is not None and paused.paused_at is not None
    chat.env.clock.advance(hours=5)
    await chat.press(resident, question.options["回复"])
    assert [m.key for m in await chat.to(resident)] == ["answer.ask"]
    await chat.send(resident, "三楼和四楼之间")
    messages = await chat.new()
    assert next(m for m in messages if m.chat_id == str(resident)).key == "answer.sent"
    told = next(m for m in messages if m.chat_id == str(member))
    assert told.key == "member.resumed" and "三楼" in told.text
    async with chat.env.uow() as uow:
        resumed = await uow.requests.get(paused.id)
    assert resumed is not None and resumed.paused_at is None
    assert resumed.resolve_by is not None and paused.resolve_by is not None
    assert resumed.resolve_by > paused.resolve_by


async def test_phone_is_shared_with_the_claimant_only_when_agreed(chat: Chat) -> None:
    s = chat.seeded
    resident, member = s.residents[1], s.members_a[0]
    await chat.send(resident, "/phone")
    assert [m.key for m in await chat.to(resident)] == ["phone.ask"]
    await chat.send(resident, "138-1234-5678")
    (share,) = await chat.to(resident)
    await chat.press(resident, share.options["可以给办理人看"])
    assert [m.key for m in await chat.to(resident)] == ["phone.saved_shared"]
    await chat.send(resident, "小区门口的垃圾桶满了没人收")
    await chat.press(resident, (await chat.to(resident))[-1].options["提交"])
    card = next(m for m in await chat.new() if m.key == "card.request")
    assert "13812345678" not in card.text
    await chat.press(member, card.options["认领"], group="group-a")
    details = next(m for m in await chat.new() if m.key == "task.details")
    assert "13812345678" in details.text


async def test_malformed_phone_is_refused_and_asked_again(chat: Chat) -> None:
    resident = chat.seeded.residents[1]
    await chat.send(resident, "/phone")
    await chat.new()
    await chat.send(resident, "12345")
    assert [m.key for m in await chat.new()] == ["refused.phone.malformed"]
    await chat.send(resident, "+86 139 0000 1111")
    (share,) = await chat.new()
    await chat.press(resident, share.options["不给看"])
    assert [m.key for m in await chat.new()] == ["phone.saved_private"]
    async with chat.env.uow() as uow:
        person = await uow.persons.get(resident)
    assert person is not None and person.phone == "13900001111" and not person.share_phone


async def test_group_card_hides_what_residents_write_about_themselves(chat: Chat) -> None:
    s = chat.seeded
    resident = s.residents[0]
    await chat.send(resident, "楼道灯坏了，我是2单元502的老王，电话13912345678")
    await chat.press(resident, (await chat.to(resident))[-1].options["提交"])
    card = next(m for m in await chat.new() if m.key == "card.request")
    assert "13912345678" not in card.text and "502" not in card.text
    await chat.press(s.members_a[0], card.options["认领"], group="group-a")
    details = next(m for m in await chat.new() if m.key == "task.details")
    assert "13912345678" in details.text and "502" in details.text


async def test_changing_a_drafts_place_keeps_the_home_address(chat: Chat) -> None:
    s = chat.seeded
    resident = s.residents[0]
    await chat.send(resident, "路边的路灯坏了")
    summary = (await chat.to(resident))[-1]
    await chat.press(resident, summary.options["改地址"])
    await chat.send(resident, "和谐苑A座")
    confirm = (await chat.to(resident))[-1]
    assert confirm.key == "address.confirm"
    ack = await chat.press(resident, confirm.options["是的"])
    assert ack.toast is not None and ack.toast.key == "draft.place"
    async with chat.env.uow() as uow:
        person = await uow.persons.get(resident)
    assert person is not None and person.building_id == s.building_a


async def test_only_the_offered_duplicate_can_be_joined(chat: Chat) -> None:
    s = chat.seeded
    await chat.send(s.residents[0], "5号楼门口的路灯坏了，晚上黑乎乎的")
    await chat.press(s.residents[0], (await chat.to(s.residents[0]))[-1].options["提交"])
    await chat.new()
    newcomer = 6001
    await chat.send(newcomer, "/start")
    await chat.send(newcomer, "和谐苑A座")
    confirm = (await chat.to(newcomer))[-1]
    await chat.press(newcomer, confirm.options["是的"])
    await chat.send(newcomer, "电梯坏了")
    await chat.new()
    ack = await chat.press(newcomer, "dup:1")
    assert ack.toast is not None and ack.toast.key == "refused.stale_button"
    await chat.send(newcomer, "/my")
    assert [m.key for m in await chat.new()] == ["my.none"]
