"""Group binding, and a leader's triage from private chat."""

from tests.dialogs.conftest import Chat


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
    await chat.send(resident, "能不能在小区里建个游泳池")
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
