"""An urgent request that no emergency number fits (a burst pipe) is still filed at
once and the grid leader alerted; the reply does not send the resident to 119."""

from tests.chat import Chat


async def test_burst_pipe_alerts_the_leader_without_naming_119(chat: Chat) -> None:
    resident = chat.seeded.residents[0]
    await chat.send(resident, "家里水管爆了，满地都是水")
    messages = await chat.new()
    ack = next(m for m in messages if m.chat_id == str(resident))
    assert ack.key == "resident.submitted_urgent", ack.text
    assert "网格长" in ack.text and "拨打 119！" not in ack.text
    alert = next(m for m in messages if m.key == "leader.urgent")
    assert alert.chat_id == str(chat.seeded.leader_a)
