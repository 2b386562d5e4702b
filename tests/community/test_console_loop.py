"""The loop above the grid through the real web server (HTTP, the dialogs, the outbox): a
resident's request escalates from the grid, shows in the community queue, the console
proposes a unit, the admin dispatches, the unit's representative claims and resolves in chat,
the resident rates; the timeline shows every step, and each party sees only their own."""

from tests.adapters.conftest_web import RunningWeb, WebClient
from tests.community.web_support import file, get, option, request_row, sign_in, unit_id

POWER_CUT = "我们楼的配电箱老是跳闸，整栋楼经常停电，电线也老化了，我叫王秀英，电话13912345678"


async def test_a_request_goes_up_to_a_unit_and_back_to_the_resident(
    web_server: RunningWeb,
) -> None:
    async with (
        WebClient(web_server.base) as resident,
        WebClient(web_server.base) as leader,
        WebClient(web_server.base) as admin,
        WebClient(web_server.base) as rep,
        WebClient(web_server.base) as other_rep,
    ):
        number = await file(resident, "幸福家园5号楼2单元301", POWER_CUT)
        request_id = request_row(web_server, number).id
        await sign_in(web_server, leader, "P011")
        assert await leader.say(payload=f"escalate:{request_id}") == 200
        await resident.wait_for("resident.status")

        await sign_in(web_server, admin, "P001")
        status, queue = await get(admin, "/admin/api/queue?filter=escalated")
        assert status == 200
        item = next(i for i in queue["requests"] if i["number"] == number)
        verbs = {a["payload"].split(":")[0] for a in item["actions"]}
        assert item["level"] == "community" and "units" in verbs and "escalate" not in verbs
        status, needs = await get(admin, "/admin/api/needs")
        need = next(n for n in needs["needs"] if n["number"] == number)
        best = need["proposals"][0]
        assert best["unit"] == "区供电所" and best["unit_id"] == unit_id(web_server, "GDS")
        assert any("关键词" in reason and "跳闸" in reason for reason in best["reasons"])
        assert any("类别相符" in reason for reason in best["reasons"])

        assert await admin.say(payload=f"units:{request_id}") == 200  # the same, in chat
        proposals = await admin.wait_for("admin.proposals")
        assert "区供电所" in proposals["text"]
        dispatch = option(proposals, "dispatch:")
        assert dispatch == f"dispatch:{request_id}:{best['unit_id']}"
        await sign_in(web_server, rep, "P002")
        await sign_in(web_server, other_rep, "P003")
        assert await admin.say(payload=dispatch) == 200
        assert (await resident.wait_for("resident.dispatched"))["text"].count("区供电所") == 1

        card = await rep.wait_for("unit.need")
        assert number in card["text"] and "13912345678" not in card["text"]
        assert "王秀英" not in card["text"] and "2单元301" not in card["text"]
        assert await other_rep.say(payload=option(card, "claim:")) == 200  # refused in core
        assert "unit.need" not in [m.get("key") for m in await other_rep.messages()]
        assert await rep.say(payload=option(card, "claim:")) == 200
        details = await rep.wait_for("task.details")
        assert "2单元301" in details["text"]
        assert await rep.say(payload=option(details, "resolve:")) == 200
        await rep.wait_for("note.ask_resolve")
        assert await rep.say("已更换空气开关，线路全部检修") == 200
        await rep.wait_for("note.resolved")

        resolved = await resident.wait_for("resident.resolved")
        assert await resident.say(payload=option(resolved, "confirm:")) == 200
        rate = await resident.wait_for("resident.rate")
        assert await resident.say(payload=option(rate, "rate:")[:-1] + "5") == 200
        await resident.wait_for("resident.thanks")

        status, timeline = await get(admin, f"/admin/api/requests/{number}")
        assert status == 200 and "王秀英" in timeline["text"]
        steps = [e["action"] for e in timeline["events"]]
        assert steps == ["提交", "派单", "上报", "派给共建单位", "认领", "办结", "确认解决", "评价"]
        by = {e["action"]: e["actor"] for e in timeline["events"]}
        assert by["派给共建单位"].startswith("周慧敏") and by["认领"].startswith("刘建军")
        assert by["上报"].startswith("王建国")
        notes = {e["action"]: e["note"] for e in timeline["events"]}
        assert (
            notes["派给共建单位"] == "区供电所" and notes["办结"] == "已更换空气开关，线路全部检修"
        )

        status, seen = await get(rep, f"/admin/api/requests/{number}")
        assert status == 200 and "13912345678" not in seen["text"] and "王**" in seen["text"]
        status, _ = await get(other_rep, f"/admin/api/requests/{number}")
        assert status == 404
        status, report = await get(rep, f"/admin/api/units/{best['unit_id']}/report")
        assert status == 200 and report["unit"] == "区供电所"
        status, grids = await get(admin, "/admin/api/grids")
        row = next(g for g in grids["grids"] if g["code"] == "XF-01")
        assert row["leaders"] == "王建国" and row["stats"]["satisfaction_rate"] == 1.0


async def test_the_unit_sees_its_members_month(web_server: RunningWeb) -> None:
    """双报到: a school's party member reports to a grid with an invite, takes a task there,
    and the school's page counts it."""
    async with (
        WebClient(web_server.base) as resident,
        WebClient(web_server.base) as teacher,
        WebClient(web_server.base) as admin,
    ):
        await sign_in(web_server, admin, "P001")
        status, made = await admin.post(
            "/admin/api/invites", {"role": "member", "grid": "XF-02", "unit": "XFXX"}
        )
        assert status == 200 and made["qr"].startswith("data:image/svg+xml")
        assert made["url"].endswith(f"/join?code={made['code']}")
        status, body = await teacher.post("/web/api/signin", {"code": made["code"]})
        assert body["session"]["role"] == "member" and "room" in body["session"]["views"]
        number = await file(resident, "和谐苑A座1单元202", "楼道里堆满了杂物，走路都不方便")
        card = await teacher.wait_for("card.request", chat="room")
        assert number in card["text"]
        assert await teacher.say(payload=option(card, "claim:"), chat="room") == 200
        details = await teacher.wait_for("task.details")
        assert await teacher.say(payload=option(details, "resolve:")) == 200
        await teacher.wait_for("note.ask_resolve")
        assert await teacher.say("已清理干净") == 200
        await teacher.wait_for("note.resolved")
        status, report = await get(admin, f"/admin/api/units/{unit_id(web_server, 'XFXX')}/report")
        assert status == 200
        month = {m["name"]: m["resolved"] for m in report["members"]}
        assert month[body["session"]["name"]] == 1 and "方晓梅" in month
