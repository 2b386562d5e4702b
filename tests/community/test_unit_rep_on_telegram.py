"""A unit's representative works a dispatched need on Telegram, end to end through the real
PTB stack and the fake Bot API: the need arrives privately with 认领, the claim brings the
details, 办结 with a note, and the resident (also on Telegram) confirms and rates."""

from pathlib import Path

from core import dispatching, onboarding, triage
from core.vocabulary import Role
from tests.adapters.conftest_telegram import RESIDENT, TelegramStack, shown, telegram_stack

REP, OTHER_REP = 6002, 6003


async def escalated_and_dispatched(tg: TelegramStack, number: str) -> None:
    linli = tg.linli
    async with linli.uow() as uow:
        request = await uow.requests.by_number(number)
        leader = await uow.community.person_by_code("P011")
        admin = await uow.community.person_by_code("P001")
        power = await uow.units.by_code("GDS")
    assert request and leader and admin and power
    await triage.escalate_request(linli.uow(), linli.context(), request.id, leader.id)
    await dispatching.dispatch_need(linli.uow(), linli.context(), request.id, admin.id, power.id)


async def join_as(tg: TelegramStack, user: int, code: str) -> None:
    async with tg.linli.uow() as uow:
        someone = await uow.community.person_by_code(code)
    assert someone is not None
    invite = await onboarding.create_invite(
        tg.linli.uow(), tg.linli.context(), Role.UNIT, None, someone.id
    )
    tg.send(user, f"/start {invite.code}")
    await tg.message(user, "/unit")  # the representative's help


async def test_the_representative_claims_and_resolves_on_telegram(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path) as tg:
        tg.api.add_user(REP, "刘建军")
        tg.api.add_user(OTHER_REP, "许医生")
        await join_as(tg, REP, "P002")
        await join_as(tg, OTHER_REP, "P003")
        tg.send(RESIDENT, "/start")
        await tg.message(RESIDENT, "住在哪里")
        tg.send(RESIDENT, "幸福家园5号楼2单元301")
        await tg.answer(tg.press(RESIDENT, await tg.message(RESIDENT, "您是住在"), "是的"))
        await tg.message(RESIDENT, "地址已记下")
        tg.send(RESIDENT, "楼里配电箱老跳闸，经常停电")
        await tg.answer(tg.press(RESIDENT, await tg.message(RESIDENT, "照片：0 张"), "提交"))
        acknowledged = await tg.message(RESIDENT, "已收到")
        number = shown(acknowledged).split("诉求编号 ")[1][:13]

        await escalated_and_dispatched(tg, number)
        await tg.message(RESIDENT, "区供电所")
        need = await tg.message(REP, "共建需求")
        assert number in shown(need) and "2单元301" not in shown(need)
        assert not [m for m in tg.api.sent_to(OTHER_REP) if "共建需求" in shown(m)]
        answer = await tg.answer(tg.press(REP, need, "认领"))
        assert "认领成功" in answer["text"]
        details = await tg.message(REP, "2单元301")
        await tg.answer(tg.press(REP, details, "办结"))
        await tg.message(REP, "办理结果")
        tg.send(REP, "已更换空气开关")
        await tg.message(REP, "已办结")
        resolved = await tg.message(RESIDENT, "已更换空气开关")
        await tg.answer(tg.press(RESIDENT, resolved, "已解决"))
        await tg.answer(tg.press(RESIDENT, await tg.message(RESIDENT, "打个分"), "5星"))
        await tg.message(RESIDENT, "（5 星）")
