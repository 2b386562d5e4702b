"""Group binding, and a leader's triage from private chat."""

from tests.chat import Chat


async def test_only_the_leader_binds_a_group(chat: Chat) -> None:
    s = chat.seeded
    await chat.send(s.members_a[0], "/bindgrid XF-01", group="-100")
    assert [m.key for m in await chat.new()] == ["refused.bindgrid.not_leader"]
    await chat.send(s.leader_a, "/bindgrid", group="-100")
    assert [m.key for m in await chat.new()] == ["group.bind_usage"]
    await chat.send(s.leader_a, "/bindgrid xf-01", group="-100")
    (bound,) = await chat.new()
    assert bound.key == "group.bound" and bound.chat_id == "-100" and "XF-01" in bound.text
    await chat.send(s.residents[0], "大家好", group="-100")
    assert await chat.new() == []


async def test_leader_rejects_with_reason_resident_sees_it(chat: Chat) -> None:
    s = chat.seeded
    resident = s.residents[0]
    await chat.send(resident, "能不能把小区东门外的马路改成步行街")
    summary = (await chat.to(resident))[-1]
    await chat.press(resident, summary.options.get("提交") or "draft:submit")
    await chat.new()
    await chat.send(s.leader_a, "/open")
    item = (await chat.to(s.leader_a))[-1]
    assert item.key == "leader.item"
    await chat.press(s.leader_a, item.options["不予受理"])
    assert [m.key for m in await chat.to(s.leader_a)] == ["leader.ask_reason"]
    await chat.send(s.leader_a, "小区没有场地，已转给街道文体站")
    messages = await chat.new()
    told = next(m for m in messages if m.chat_id == str(resident))
    assert "不予受理" in told.text and "文体站" in told.text


async def test_leader_stats_and_member_refused(chat: Chat) -> None:
    s = chat.seeded
    await chat.send(s.leader_a, "/stats")
    (stats,) = await chat.new()
    assert stats.key == "leader.stats" and "幸福家园网格" in stats.text
    await chat.send(s.members_a[0], "/stats")
    assert [m.key for m in await chat.new()] == ["refused.not_leader"]
    await chat.send(s.residents[0], "/tasks")
    assert [m.key for m in await chat.new()] == ["refused.not_staff"]


async def test_a_refused_note_ends_the_flow_instead_of_trapping_the_member(chat: Chat) -> None:
    from core import triage

    s = chat.seeded
    resident, member = s.residents[0], s.members_a[0]
    await chat.send(resident, "小区门口垃圾桶满了好几天")
    await chat.press(resident, (await chat.to(resident))[-1].options["提交"])
    card = next(m for m in await chat.new() if m.key == "card.request")
    await chat.press(member, card.options["认领"], group="group-a")
    details = next(m for m in await chat.new() if m.key == "task.details")
    await chat.press(member, details.options["报进展"])
    number = card.text.split("｜")[0]
    async with chat.env.uow() as uow:
        found = await uow.requests.by_number(number)
    assert found is not None
    await triage.escalate_request(chat.env.uow(), chat.env.ctx, found.id, s.leader_a)
    await chat.new()
    await chat.send(member, "已联系物业")
    assert [m.key for m in await chat.to(member)] == ["refused.who.progress"]
    await chat.send(member, "/tasks")
    assert [m.key for m in await chat.to(member)] == ["tasks.none"]


async def test_an_emergency_without_an_address_reaches_admins_who_dispatch_it(chat: Chat) -> None:
    s = chat.seeded
    newcomer = 8001
    await chat.send(newcomer, "救命 楼道里着火了好大的烟")
    messages = await chat.new()
    told = [m for m in messages if m.chat_id == str(newcomer)]
    assert [m.key for m in told] == ["resident.submitted_urgent_unrouted", "address.ask"]
    assert "119" in told[0].text
    ask = next(m for m in messages if m.key == "admin.unrouted" and m.chat_id == str(s.admin))
    assert "【紧急】" in ask.text
    ack = await chat.press(s.admin, ask.options["派给幸福家园网格"])
    assert ack.toast is not None and ack.toast.key == "admin.routed"
    messages = await chat.new()
    card = next(m for m in messages if m.key == "card.request")
    assert card.chat_id == "group-a" and "认领" in card.options
    assert any(m.key == "leader.urgent" and m.chat_id == str(s.leader_a) for m in messages)
    forged = await chat.press(s.residents[0], ask.options["派给幸福家园网格"])
    assert forged.toast is not None and forged.toast.key == "refused.not_staff"
