"""A dialog stored by an earlier version loads; one this version cannot read (an unknown
flow or step, a field of the wrong type, a required one missing) is logged and the person
starts idle, rather than every turn of theirs failing."""

import logging

import pytest

from core.records import DialogState
from tests.chat import Chat

PROBLEM = "小区门口垃圾堆了好几天没人清，臭得很"

UNREADABLE = [
    DialogState("complaint", "text", {}),
    DialogState("draft", "sign", {"text": "门口垃圾"}),
    DialogState("phone", "confirm", {"phone": "13800138000"}),
    DialogState("note", "progress", {"number": "20261201-0001"}),
    DialogState("note", "progress", {"request_id": "12", "number": "20261201-0001"}),
    DialogState("reason", "reject", {"request_id": True, "number": "20261201-0001"}),
    DialogState("draft", "confirm", {"text": "门口垃圾", "photos": "p.jpg"}),
    DialogState("draft", "confirm", {"text": "门口垃圾", "building_id": "3"}),
    DialogState("broadcast", "pick", {"scope": "grids", "grids": [1, "2"]}),
    DialogState("phone", "share", {"phone": 13800138000}),
]


async def store(chat: Chat, user: int, state: DialogState) -> None:
    async with chat.env.uow() as uow:
        await uow.dialogs.save("test", str(user), state)
        await uow.commit()


async def stored(chat: Chat, user: int) -> DialogState:
    async with chat.env.uow() as uow:
        return await uow.dialogs.load("test", str(user))


@pytest.mark.parametrize("state", UNREADABLE, ids=lambda s: f"{s.flow}-{s.step}")
async def test_an_unreadable_dialog_is_logged_and_reset_to_idle(
    chat: Chat, state: DialogState, caplog: pytest.LogCaptureFixture
) -> None:
    resident = chat.seeded.residents[0]
    await store(chat, resident, state)
    with caplog.at_level(logging.WARNING, logger="handlers.turn"):
        await chat.send(resident, PROBLEM)
    (warning,) = [r for r in caplog.records if r.name == "handlers.turn"]
    assert warning.levelno == logging.WARNING
    assert "reset" in warning.getMessage()
    assert [m.key for m in await chat.to(resident)] == ["draft.summary"]  # as from idle
    after = await stored(chat, resident)
    assert (after.flow, after.step, after.data["text"]) == ("draft", "confirm", PROBLEM)


async def test_a_dialog_stored_before_the_typed_state_goes_on(chat: Chat) -> None:
    resident = chat.seeded.residents[0]
    await store(chat, resident, DialogState("phone", "share", {"phone": "13800138000"}))
    await chat.press(resident, "phone:share")
    assert [m.key for m in await chat.to(resident)] == ["phone.saved_shared"]
    assert (await stored(chat, resident)).flow == ""


async def test_keys_of_an_earlier_flow_carried_over_are_ignored(chat: Chat) -> None:
    """An earlier version kept a flow's data when /address opened another."""
    resident = chat.seeded.residents[0]
    carried = {"request_id": 3, "number": "20261201-0001", "photos": [], "detail": ""}
    await store(chat, resident, DialogState("address", "ask", carried))
    await chat.send(resident, "和谐苑A座")
    assert [m.key for m in await chat.to(resident)] == ["address.confirm"]
    after = await stored(chat, resident)
    assert (after.flow, after.step) == ("address", "confirm")
    assert set(after.data) == {"detail", "offered"}


async def test_an_empty_draft_keeps_its_place_unlooked_for(chat: Chat) -> None:
    """``building_id`` absent (not looked for) and null (none found) differ on the wire."""
    resident = chat.seeded.residents[0]
    await chat.send(resident, photo="photo-1")
    after = await stored(chat, resident)
    assert (after.flow, after.step) == ("draft", "text")
    assert after.data["photos"] == ["photo-1"]
    assert "building_id" not in after.data
