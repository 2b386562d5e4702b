"""Residents write their name, phone, ID number and room every way people do; the loop runs
through Telegram and nothing of it reaches the grid group. The stack's privacy scan then reads
every message the bot sent (tests/privacy/scan.py) for what they typed."""

from pathlib import Path

from core.vocabulary import Role
from tests.adapters.conftest_telegram import (
    GROUP,
    LEADER,
    MEMBER_A,
    TelegramStack,
    shown,
    telegram_stack,
)

HE = 5002  # a resident whose chat profile reads 秀英 何 (given name first)
TEXT = (
    "我是何秀英，住５号楼３０２，楼道灯坏了一个礼拜了，晚上看不见。"
    "电话一三九一二三四五六七八，或者139.1234.5678，身份证110105 19491231 002X，"
    "我女儿住room 104"
)
TYPED = {"何秀英", "秀英", "13912345678", "302", "104", "11010519491231002X"}
SHOWN_AS_TYPED = ("何秀英", "秀英", "３０２", "302", "一三九", "139.1234", "19491231", "104")


async def file_in_every_form(tg: TelegramStack) -> dict[str, object]:
    tg.send(HE, "/start")
    await tg.message(HE, "住在哪里")
    tg.send(HE, "幸福家园5号楼302")
    await tg.answer(tg.press(HE, await tg.message(HE, "您是住在"), "是的"))
    await tg.message(HE, "地址已记下")
    tg.send(HE, TEXT)
    await tg.answer(tg.press(HE, await tg.message(HE, "对吗"), "提交"))
    await tg.message(HE, "已收到")
    return await tg.message(GROUP, "楼道灯")


async def test_nothing_a_resident_typed_reaches_the_group(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path) as tg:
        tg.api.add_user(HE, "秀英", last_name="何")
        tg.typed[str(HE)] = TYPED
        await tg.join(LEADER, Role.LEADER)
        await tg.join(MEMBER_A, Role.MEMBER)
        await tg.bind_group()
        card = await file_in_every_form(tg)
        text = shown(card)
        assert "楼道灯坏了一个礼拜了" in text and "幸福家园5号楼" in text
        for typed in SHOWN_AS_TYPED:
            assert typed not in text, typed

        await tg.answer(tg.press(MEMBER_A, card, "认领"))
        details = await tg.message(MEMBER_A, "任务")
        assert "何秀英" in shown(details)  # the claimant sees the full record
        await tg.answer(tg.press(MEMBER_A, details, "办结"))
        await tg.message(MEMBER_A, "办理结果")
        tg.send(MEMBER_A, "已更换灯泡，亮了")
        await tg.message(MEMBER_A, "已办结")
        await tg.answer(tg.press(HE, await tg.message(HE, "已更换灯泡"), "已解决"))
        await tg.answer(tg.press(HE, await tg.message(HE, "打个分"), "5星"))
        await tg.message(HE, "（5 星）")
        edited = [shown(m) for m in tg.api.sent_to(GROUP) if m["message_id"] == card["message_id"]]
        assert edited and all(t not in e for e in edited for t in SHOWN_AS_TYPED)
