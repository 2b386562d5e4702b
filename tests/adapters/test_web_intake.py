"""Safe intake through the web chat's HTTP stack: nothing a resident says is lost, misread,
filed twice or shown to a stranger (issue 16's dialog defects, each tried as a new user)."""

import asyncio
from typing import Any

from sqlalchemy import select

from core import claims
from core.clock import pausing
from db.models import OutboxRow, RequestRow
from tests.adapters.conftest_web import RunningWeb, WebClient


def keys(messages: list[dict[str, Any]]) -> list[str]:
    return [m.get("key", "") for m in messages if m["kind"] != "user"]


async def until(client: WebClient, done: Any, timeout: float = 8.0) -> list[str]:
    """The transcript's keys once ``done(keys)`` holds (the outbox delivers in its time)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = keys(await client.messages())
        if done(found):
            return found
        if loop.time() > deadline:
            raise AssertionError(f"not there yet: {found}")
        await asyncio.sleep(0.1)


def option(message: dict[str, Any], label: str) -> str:
    return next(o["value"] for o in message["options"] if o["label"] == label)


async def bound(client: WebClient, address: str) -> None:
    """A resident who has given their address."""
    await client.say("/start")
    await client.wait_for("address.ask")
    await client.say(address)
    confirm = await client.wait_for("address.confirm")
    await client.say(payload=option(confirm, "是的"))
    await client.wait_for("address.bound_next")


async def file(client: WebClient, text: str) -> str:
    """File ``text`` as a draft and submit it; the request's number."""
    await client.say(text)
    await until(client, lambda k: k[-1] in ("draft.summary", "draft.duplicate"))
    offered = (await client.messages())[-1]
    if offered["key"] == "draft.duplicate":  # a neighbour's look-alike: not the same
        await client.say(payload=option(offered, "不是，继续提交"))
    summary = await client.wait_for("draft.summary")
    await client.say(payload=option(summary, "提交"))
    return str((await client.wait_for("resident.submitted"))["text"].split("诉求编号 ")[1][:13])


def rows(server: RunningWeb, *where: Any) -> list[RequestRow]:
    async def query() -> list[RequestRow]:
        async with server.linli.uow() as uow:
            return list(await uow.session.scalars(select(RequestRow).where(*where)))

    return server.call(query())


def outbox_keys(server: RunningWeb, key: str) -> list[OutboxRow]:
    async def query() -> list[OutboxRow]:
        async with server.linli.uow() as uow:
            found = await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id))
            return [row for row in found if row.reply["key"] == key]

    return server.call(query())


async def test_an_emergency_at_the_address_prompt_is_filed_at_once(
    web_server: RunningWeb,
) -> None:
    async with WebClient(web_server.base) as leader, WebClient(web_server.base) as newcomer:
        await leader.post("/web/api/demo/persona", {"persona": "leader"})
        await leader.say("/open")
        await leader.wait_for("leader.none_open")
        alerts_before = len(outbox_keys(web_server, "leader.urgent"))
        await newcomer.say("/start")
        await newcomer.wait_for("address.ask")
        await newcomer.say("救命！3号楼着火了")
        ack = await newcomer.wait_for("resident.submitted_urgent")
        assert "119" in ack["text"]
        await until(newcomer, lambda k: k[-2:] == ["dialog.resume", "address.ask"])
        alert = await leader.wait_for("leader.urgent")
        assert "幸福家园3号楼" in alert["text"]
        assert len(outbox_keys(web_server, "leader.urgent")) == alerts_before + 1
    (request,) = rows(web_server, RequestRow.text == "救命！3号楼着火了")
    assert request.urgent and request.building_id is not None


async def test_an_emergency_typed_into_an_open_draft_is_its_own_request(
    web_server: RunningWeb,
) -> None:
    async with WebClient(web_server.base) as resident:
        await bound(resident, "阳光小区2号楼3单元502")
        await resident.say("小区健身器材的螺丝松了，晃得厉害")
        await resident.wait_for("draft.summary")
        await resident.say("楼道里一股煤气味，邻居家敲门没人应")
        await resident.wait_for("resident.submitted_urgent")
        again = await resident.wait_for("draft.summary")
        assert "健身器材" not in str(rows(web_server, RequestRow.urgent.is_(True))[-1].text)
        await resident.say(payload=option(again, "提交"))
        await resident.wait_for("resident.submitted")
    texts = [r.text for r in rows(web_server, RequestRow.text.like("%健身器材%"))]
    assert texts == ["小区健身器材的螺丝松了，晃得厉害"]


async def test_a_newcomers_first_problem_is_kept_and_the_place_asked_after(
    web_server: RunningWeb,
) -> None:
    async with WebClient(web_server.base) as newcomer:
        await newcomer.say("/start")
        await newcomer.wait_for("address.ask")
        await newcomer.say("单元门的门禁坏了好几天，关不上")
        await newcomer.wait_for("address.kept_problem")
        await newcomer.wait_for("draft.need_address")
        await newcomer.say("和谐苑B座")
        confirm = await newcomer.wait_for("address.confirm")
        await newcomer.say(payload=option(confirm, "是的"))
        summary = await newcomer.wait_for("draft.summary")
        assert "和谐苑B座" in summary["text"]
        await newcomer.say(payload=option(summary, "提交"))
        await newcomer.wait_for("resident.submitted")
    (request,) = rows(web_server, RequestRow.text == "单元门的门禁坏了好几天，关不上")
    assert request.grid_id is not None


async def test_a_place_off_the_roster_goes_to_the_community_not_a_neighbouring_building(
    web_server: RunningWeb,
) -> None:
    async with WebClient(web_server.base) as newcomer:
        await newcomer.say("/start")
        await newcomer.wait_for("address.ask")
        await newcomer.say("垃圾站的垃圾堆了一个礼拜没人清，味道很大")
        asked = await newcomer.wait_for("draft.need_address")
        assert option(asked, "说不清地点，交给社区") == "draft:nowhere"
        await newcomer.say("和谐小区3栋")
        missing = await newcomer.wait_for("address.not_found")
        assert "幸福家园3号楼" not in str(await newcomer.messages())
        await newcomer.say(payload=option(missing, "说不清地点，交给社区"))
        ack = await newcomer.wait_for("resident.submitted_unrouted")
        assert "社区" in ack["text"]
    (request,) = rows(web_server, RequestRow.text.like("垃圾站的垃圾堆了%"))
    assert request.grid_id is None and request.address == "和谐小区3栋"
    routing = outbox_keys(web_server, "admin.unrouted")
    assert any(row.reply["params"]["number"] == request.number for row in routing)


async def test_a_second_matter_is_asked_about_and_filed_as_its_own(
    web_server: RunningWeb,
) -> None:
    async with WebClient(web_server.base) as resident:
        await bound(resident, "幸福家园7号楼1单元101")
        await resident.say("7号楼楼顶的防水层破了，下雨天顶楼渗水")
        await resident.wait_for("draft.summary")
        await resident.say("还有小区东门外面有人乱停车把路堵了")
        which = await resident.wait_for("draft.same_or_new")
        await resident.say(payload=option(which, "是另一件事"))
        await resident.wait_for("draft.queued")
        summary = await resident.wait_for("draft.summary")
        await resident.say(payload=option(summary, "提交"))
        await resident.wait_for("draft.next")
        await until(resident, lambda k: k[k.index("draft.next") :].count("draft.summary") == 1)
        second = [m for m in await resident.messages() if m.get("key") == "draft.summary"][-1]
        assert "交通" in second["text"]
        await resident.say(payload=option(second, "提交"))
        await resident.wait_for("resident.submitted")
    assert len(rows(web_server, RequestRow.text == "7号楼楼顶的防水层破了，下雨天顶楼渗水")) == 1
    assert len(rows(web_server, RequestRow.text == "还有小区东门外面有人乱停车把路堵了")) == 1


async def test_more_words_on_the_same_matter_still_join_the_draft(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as resident:
        await bound(resident, "阳光小区6号楼2单元202")
        await resident.say("6号楼的电梯又停了")
        await resident.wait_for("draft.summary")
        await resident.say("电梯按钮按了没反应，已经两天了")
        summary = [m for m in await resident.messages() if m.get("key") == "draft.summary"][-1]
        assert "draft.same_or_new" not in keys(await resident.messages())
        await resident.say(payload=option(summary, "提交"))
        await resident.wait_for("resident.submitted")
    (request,) = rows(web_server, RequestRow.text.like("6号楼的电梯又停了%"))
    assert "两天" in request.text


async def test_repeating_my_own_open_request_is_not_filed_twice(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as resident:
        await bound(resident, "和谐苑C座3单元303")
        number = await file(resident, "C座门口的下水道堵了，污水漫到路上")
        await resident.say("C座门口下水道堵了，脏水流得到处都是")
        told = await resident.wait_for("draft.already_reported")
        assert number in told["text"]
        await resident.say(payload=option(told, "不用了，不重复提交"))
        await resident.wait_for("dialog.cancelled")
    assert len(rows(web_server, RequestRow.text.like("C座门口%下水道堵了%"))) == 1


async def test_the_likely_duplicate_is_offered_once_and_redacted(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as first, WebClient(web_server.base) as second:
        await bound(first, "幸福家园3号楼1单元102")
        await file(first, "3号楼单元门口的路灯不亮了，我叫王秀英，电话13912345678，住1单元102")
        await bound(second, "幸福家园3号楼2单元201")
        await second.say("3号楼单元门口那个路灯不亮，晚上黑")
        offer = await second.wait_for("draft.duplicate")
        for secret in ("13912345678", "王秀英", "102"):
            assert secret not in offer["text"]
        await second.say("路灯坏了好几天了，晚上走路看不见")
        await second.wait_for("draft.summary")
        assert keys(await second.messages()).count("draft.duplicate") == 1


async def test_a_plain_reply_answers_the_members_only_question(web_server: RunningWeb) -> None:
    linli = web_server.linli
    async with WebClient(web_server.base) as resident, WebClient(web_server.base) as member:
        await bound(resident, "幸福家园5号楼1单元101")
        number = await file(resident, "5号楼地下室的灯一直亮着，开关坏了")
        await member.post("/web/api/demo/persona", {"persona": "member"})
        (request,) = rows(web_server, RequestRow.number == number)
        member_id = linli_member(web_server)
        web_server.call(claims.claim_request(linli.uow(), linli.context(), request.id, member_id))
        web_server.call(
            pausing.pause_request(linli.uow(), linli.context(), request.id, member_id, "哪个开关？")
        )
        await resident.wait_for("resident.question")
        await resident.say("是楼梯口左边那个")
        answered = await resident.wait_for("answer.sent_to")
        assert number in answered["text"]
        assert keys(await resident.messages()).count("draft.summary") == 1
    (after,) = rows(web_server, RequestRow.number == number)
    assert after.paused_at is None


def linli_member(server: RunningWeb) -> int:
    from db.models import PersonRow

    async def query() -> int:
        async with server.linli.uow() as uow:
            row = await uow.session.scalar(select(PersonRow).where(PersonRow.roster_key == "P012"))
            assert row is not None
            return int(row.id)

    return server.call(query())


async def test_long_input_is_not_cut_silently(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as resident:
        await bound(resident, "阳光小区1号楼1单元101")
        long = "1号楼后面的绿化带好久没人修剪了，" * 200
        assert await resident.say(long) == 200
        cut = await resident.wait_for("draft.cut")
        assert "2000" in cut["text"] and str(len(long.strip())) in cut["text"]


async def test_vague_or_junk_input_gets_a_question_not_a_draft(web_server: RunningWeb) -> None:
    for words in ("水", "😀😀😀", "<b></b>"):
        async with WebClient(web_server.base) as resident:
            await bound(resident, "和谐苑A座1单元101")
            await resident.say(words)
            await resident.wait_for("draft.clarify")
            assert "draft.summary" not in keys(await resident.messages()), words


async def test_payloads_the_bot_did_not_offer_are_refused(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as resident, WebClient(web_server.base) as member:
        await bound(resident, "和谐苑B座2单元202")
        await member.post("/web/api/demo/persona", {"persona": "member"})
        for client, forged in (
            (resident, "addr:1"),
            (resident, "confirm:²"),
            (resident, "rate:٣:5"),
            (member, "claim:１"),
            (member, "claim:99999999999"),
            (member, "resolve:2147483648"),
        ):
            status, ack = await client.post("/web/api/send", {"payload": forged})
            assert status == 200 and "失效" in (ack["toast"] or ""), forged
        for client in (resident, member):
            assert "error.generic" not in keys(await client.messages())


async def test_merge_takes_the_short_number_offers_likely_originals_and_asks_again(
    web_server: RunningWeb,
) -> None:
    async with (
        WebClient(web_server.base) as first,
        WebClient(web_server.base) as second,
        WebClient(web_server.base) as leader,
    ):
        await bound(first, "幸福家园7号楼2单元201")
        original = await file(first, "7号楼门口的井盖松了，踩上去咣当响")
        await bound(second, "老干部楼1单元101")
        await second.say("7号楼门口那个井盖松动了，走上去晃")
        offer = await second.wait_for("draft.duplicate")
        await second.say(payload=option(offer, "不是，继续提交"))
        summary = await second.wait_for("draft.summary")
        await second.say(payload=option(summary, "提交"))
        duplicate = str(
            (await second.wait_for("resident.submitted"))["text"].split("诉求编号 ")[1][:13]
        )
        await leader.post("/web/api/demo/persona", {"persona": "leader"})
        await leader.say(payload=f"merge:{rows_id(web_server, duplicate)}")  # /open's 合并
        asked = await leader.wait_for("leader.ask_merge")
        target = f"mergeto:{rows_id(web_server, duplicate)}:{rows_id(web_server, original)}"
        assert option(asked, f"并入 {original}") == target
        await leader.say("9999")
        await until(leader, lambda k: k[-2:] == ["refused.merge.target", "leader.ask_merge"])
        await leader.say(original[-4:].lstrip("0"))
        done = await leader.wait_for("leader.done")
        assert duplicate in done["text"]
    (merged,) = rows(web_server, RequestRow.number == duplicate)
    assert merged.status == "merged"


def rows_id(server: RunningWeb, number: str) -> int:
    (row,) = rows(server, RequestRow.number == number)
    return int(row.id)
