"""A group's budget is for cards: commands from people without a role there are answered in
their private chat, or not at all."""

from tests.chat import Chat

STRANGER = 9999  # nobody the bot knows


async def test_a_strangers_commands_are_not_answered_in_the_group(chat: Chat) -> None:
    for _ in range(40):
        await chat.send(STRANGER, "/help", group="group-a")
    await chat.send(STRANGER, "/bindgrid XF-01", group="group-a")
    assert await chat.new() == []


async def test_someone_without_a_role_there_is_answered_privately(chat: Chat) -> None:
    s = chat.seeded
    resident, other_grids_member = s.residents[0], s.member_b
    await chat.send(resident, "/help", group="group-a")
    assert [(m.chat_id, m.key) for m in await chat.new()] == [(str(resident), "group.help")]
    await chat.send(other_grids_member, "/bindgrid XF-01", group="group-a")
    assert [(m.chat_id, m.key) for m in await chat.new()] == [
        (str(other_grids_member), "refused.bindgrid.not_leader")
    ]
    await chat.send(resident, "/start", group="community")
    assert [m.chat_id for m in await chat.new()] == [str(resident)]


async def test_the_grids_people_are_answered_in_the_group(chat: Chat) -> None:
    s = chat.seeded
    for person in (s.members_a[0], s.leader_a, s.admin):
        await chat.send(person, "/help", group="group-a")
        assert [(m.chat_id, m.key) for m in await chat.new()] == [("group-a", "group.help")]
    await chat.send(s.admin, "/help", group="community")
    assert [m.chat_id for m in await chat.new()] == ["community"]
    await chat.send(s.leader_a, "/bindgrid", group="group-a")
    assert [(m.chat_id, m.key) for m in await chat.new()] == [("group-a", "group.bind_usage")]
