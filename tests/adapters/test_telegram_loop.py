"""The whole loop through Telegram: a resident files with a photo, the grid group gets the
card, two members race for 认领, the winner resolves from private chat, the resident rates.

Set ``LINLI_TELEGRAM_TRANSCRIPTS=<folder>`` to write what each party saw, one file per test
(docs/telegram.md quotes them).
"""

import os
from pathlib import Path

import pytest

from core.vocabulary import Role
from tests.adapters.conftest_telegram import (
    GROUP,
    LEADER,
    MEMBER_A,
    MEMBER_B,
    PEOPLE,
    POSTGRES_URL,
    RESIDENT,
    STRANGER,
    JSONDict,
    TelegramStack,
    shown,
    telegram_stack,
)


async def staff_and_group(tg: TelegramStack) -> None:
    await tg.join(LEADER, Role.LEADER)
    await tg.join(MEMBER_A, Role.MEMBER)
    await tg.join(MEMBER_B, Role.MEMBER)
    await tg.bind_group()


async def file_request_with_photo(tg: TelegramStack) -> JSONDict:
    """The resident binds an address and files a request (text, then a photo, then 提交)."""
    tg.send(RESIDENT, "/start")
    await tg.message(RESIDENT, "邻里")
    await tg.message(RESIDENT, "住在哪里")
    tg.send(RESIDENT, "幸福家园5号楼2单元301")
    await tg.answer(tg.press(RESIDENT, await tg.message(RESIDENT, "您是住在"), "是的"))
    await tg.message(RESIDENT, "地址已记下")
    tg.send(RESIDENT, "楼道灯坏了一个礼拜了，晚上老人上下楼很危险")
    await tg.message(RESIDENT, "照片：0 张")
    photo = tg.send_photo(RESIDENT)["message"]["photo"][-1]["file_id"]
    await tg.answer(tg.press(RESIDENT, await tg.message(RESIDENT, "照片：1 张"), "提交"))
    await tg.message(RESIDENT, "已收到")
    card = await tg.message(GROUP, "楼道灯")
    assert card["photo"][0]["file_id"] == photo  # re-sent by file id, no upload
    assert "张**" in shown(card) and "2单元301" not in shown(card)
    return card


async def race_for_the_claim(tg: TelegramStack, card: JSONDict) -> int:
    """Both members press 认领 at once: one toast, one refusal alert; returns the winner."""
    presses = {member: tg.press(member, card, "认领") for member in (MEMBER_A, MEMBER_B)}
    answers = {member: await tg.answer(press) for member, press in presses.items()}
    (winner,) = [m for m, a in answers.items() if not a.get("show_alert")]
    (loser,) = [m for m, a in answers.items() if a.get("show_alert")]
    assert "认领成功" in answers[winner]["text"] and answers[loser]["text"]

    await tg.api.wait_for_call("editMessageCaption", lambda p: p["chat_id"] == GROUP)
    (edited,) = [m for m in tg.api.sent_to(GROUP) if m["message_id"] == card["message_id"]]
    assert PEOPLE[winner] in shown(edited) and "办理中" in shown(edited)
    assert "reply_markup" not in edited  # nobody can claim it any more
    return winner


async def resolve_and_rate(tg: TelegramStack, winner: int, stars: int) -> None:
    details = await tg.message(winner, "2单元301")  # the full address, privately
    assert details.get("photo")
    await tg.answer(tg.press(winner, details, "办结"))
    await tg.message(winner, "办理结果")
    tg.send(winner, "已更换灯泡，亮了")
    await tg.message(winner, "已办结")
    await tg.answer(tg.press(RESIDENT, await tg.message(RESIDENT, "已更换灯泡"), "已解决"))
    await tg.answer(tg.press(RESIDENT, await tg.message(RESIDENT, "打个分"), f"{stars}星"))
    await tg.message(RESIDENT, f"（{stars} 星）")


def save_transcript(tg: TelegramStack, name: str) -> None:
    if folder := os.environ.get("LINLI_TELEGRAM_TRANSCRIPTS"):
        text = "\n".join(tg.transcript.lines()) + "\n"
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.txt").write_text(text, encoding="utf-8")


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="set LINLI_TEST_POSTGRES_URL"),
    ),
]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_request_with_photo_claimed_resolved_and_rated(tmp_path: Path, backend: str) -> None:
    async with telegram_stack(tmp_path, backend) as tg:
        await staff_and_group(tg)
        card = await file_request_with_photo(tg)
        winner = await race_for_the_claim(tg, card)
        await resolve_and_rate(tg, winner, 5)
        save_transcript(tg, f"rated_5_{backend}")
    assert not [m for m in tg.api.sent_to(LEADER) if "星差评" in shown(m)]


async def test_low_rating_alerts_the_leader_privately(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path) as tg:
        await staff_and_group(tg)
        card = await file_request_with_photo(tg)
        winner = await race_for_the_claim(tg, card)
        await resolve_and_rate(tg, winner, 1)
        alert = await tg.message(LEADER, "星差评")
        assert "1 星" in shown(alert)
        save_transcript(tg, "rated_1")


async def test_forged_callbacks_on_the_card_are_refused(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path) as tg:
        await staff_and_group(tg)
        card = await file_request_with_photo(tg)
        request_id = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"].split(":")[1]
        for data in (f"resolve:{request_id}", f"claim:{request_id}", "claim:1:2:3"):
            answer = await tg.answer(tg.forge(STRANGER, card, data))
            assert answer["show_alert"] is True and answer["text"]
        (still,) = [m for m in tg.api.sent_to(GROUP) if m["message_id"] == card["message_id"]]
        assert still == card  # no edit: nobody claimed it
        assert tg.api.sent_to(STRANGER) == []
        save_transcript(tg, "forged")
