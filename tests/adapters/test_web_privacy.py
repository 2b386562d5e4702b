"""A resident's data on the web chat: /mydata shows what is kept, /forget takes it out of the
requests too, and the open page shows the confirmation (a new message id, never a reused one)."""

from sqlalchemy import select

from db.models import RequestEventRow, RequestRow
from handlers.texts import zh_cn
from tests.adapters.conftest_web import RunningWeb, WebClient
from tests.adapters.web_steps import become, bind_address, card_of, file_text

PHONE = "13912345678"
ID_NUMBER = "110105194912310021"
TEXT = f"我是张阿姨，电话{PHONE}，身份证{ID_NUMBER}，楼道灯坏了一个礼拜了，晚上很危险"
NOTE = f"已联系张阿姨（{PHONE}），明天上午去2单元301换灯"


async def leave_phone(client: WebClient) -> None:
    await client.say("/phone")
    await client.wait_for("phone.ask")
    await client.say(PHONE)
    await client.wait_for("phone.share")
    await client.say(payload="phone:share")
    await client.wait_for("phone.saved_shared")


async def member_notes_progress(member: WebClient, number: str) -> None:
    card = await card_of(member, number)
    assert await member.say(payload=card["options"][0]["value"], chat="room") == 200
    details = await member.wait_for("task.details")
    await member.say(
        payload=next(o["value"] for o in details["options"] if o["value"].startswith("progress:"))
    )
    await member.wait_for("note.ask_progress")
    await member.say(NOTE)
    await member.wait_for("note.saved")


async def stored(web_server: RunningWeb, number: str) -> tuple[str, list[str]]:
    async def read() -> tuple[str, list[str]]:
        async with web_server.linli.sessions() as session:
            request = await session.scalar(select(RequestRow).where(RequestRow.number == number))
            assert request is not None
            notes = await session.scalars(
                select(RequestEventRow.note).where(RequestEventRow.request_id == request.id)
            )
            return request.text, list(notes)

    return web_server.call(read())


async def test_mydata_shows_what_is_kept(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        await bind_address(me)
        await leave_phone(me)
        number = await file_text(me, "小区门口的垃圾桶满了好几天了，味道很大")
        await me.say("/mydata")
        text = (await me.wait_for("mydata.summary"))["text"]
    assert "张阿姨" in text and "幸福家园5号楼 2单元301" in text
    assert f"{PHONE}（办理您诉求的人可以看到）" in text and "网页对话" in text
    assert number in text and f"{number[:4]}-{number[4:6]}-{number[6:8]}" in text
    assert "诉求 1 件" in text


async def test_help_names_mydata(web_server: RunningWeb) -> None:
    assert "/mydata" in zh_cn.TEXTS["help.resident"]


async def test_forget_takes_the_person_out_of_their_requests(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me, WebClient(web_server.base) as member:
        await become(member, "member")
        await bind_address(me)
        await leave_phone(me)
        number = await file_text(me, TEXT)
        await member.wait_for("card.request", chat="room")
        await member_notes_progress(member, number)
        await me.wait_for("resident.status_note")
        text, notes = await stored(web_server, number)
        assert PHONE in text and any(PHONE in n for n in notes)

        await me.say("/forget")
        confirm = await me.wait_for("forget.confirm")
        shown = max(m["id"] for m in await me.messages())
        await me.say(payload=confirm["options"][0]["value"])
        done = await me.wait_for("forget.done")
        assert [m.get("key") for m in await me.messages()] == ["forget.done"]
        assert done["id"] > shown  # a page that showed the old ids shows this one too

    text, notes = await stored(web_server, number)
    for secret in ("张阿姨", PHONE, ID_NUMBER, "301"):
        assert secret not in text and all(secret not in n for n in notes), secret
    assert "张**" in text and "楼道灯坏了一个礼拜了" in text
