"""The roster and the three lists kept on the console, in effect at once in the running bot:
a new building is understood in the next message, a deactivated member loses their claims
and rights, units' lists feed the proposals for a community project."""

from tests.adapters.conftest_web import RunningWeb, WebClient
from tests.community.web_support import file, get, option, person, request_row, sign_in


async def test_a_new_building_is_understood_at_once(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as admin, WebClient(web_server.base) as resident:
        await sign_in(web_server, admin, "P001")
        building = {"grid": "XF-03", "name": "阳光小区9号楼", "aliases": "9号楼、九号楼"}
        status, _ = await admin.post("/admin/api/buildings", building)
        assert status == 200
        await resident.say("/start")
        await resident.wait_for("address.ask")
        await resident.say("九号楼3单元101")
        confirm = await resident.wait_for("address.confirm")
        assert "阳光小区9号楼" in confirm["text"]
        status, places = await get(admin, "/admin/api/buildings")
        added = next(b for b in places["buildings"] if b["name"] == "阳光小区9号楼")
        assert added["aliases"] == ["9号楼", "九号楼"] and added["grid"] == "XF-03"
        status, _ = await admin.post(f"/admin/api/buildings/{added['id']}", {"aliases": "阳光9栋"})
        await resident.say("/address")
        await resident.wait_for("address.ask")
        await resident.say("阳光9栋2单元202")
        assert "阳光小区9号楼" in (await resident.wait_for("address.confirm"))["text"]


async def test_people_are_added_moved_and_deactivated_at_once(web_server: RunningWeb) -> None:
    async with (
        WebClient(web_server.base) as admin,
        WebClient(web_server.base) as member,
        WebClient(web_server.base) as resident,
    ):
        await sign_in(web_server, admin, "P001")
        form: dict[str, object] = {
            "code": "p200",
            "name": "钱志明",
            "role": "member",
            "grid": "XF-03",
        }
        form |= {"phone": "138 0000 0200", "posts": ["治安巡逻员"], "skills": "电工、驾驶"}
        status, _ = await admin.post("/admin/api/people", form)
        assert status == 200
        stored = person(web_server, "P200")
        assert (stored.name, stored.phone, stored.skills) == (
            "钱志明",
            "13800000200",
            ("电工", "驾驶"),
        )
        status, again = await admin.post("/admin/api/people", form)
        assert status == 400 and again["error"] == "refused.console.code_taken"
        status, bad = await admin.post(
            "/admin/api/people", {**form, "code": "P201", "posts": ["扫地员"]}
        )
        assert status == 400 and bad["error"] == "refused.console.post"

        await sign_in(web_server, member, "P033")  # XF-03
        number = await file(resident, "阳光小区1号楼1单元101", "家里水管漏水，楼下都湿了")
        card = await member.wait_for("card.request", chat="room")
        assert number in card["text"]
        assert await member.say(payload=option(card, "claim:"), chat="room") == 200
        await member.wait_for("task.details")
        someone = person(web_server, "P033")
        status, body = await admin.post(f"/admin/api/people/{someone.id}/active", {"active": False})
        assert status == 200 and body["active"] is False
        row = request_row(web_server, number)
        assert (row.status, row.claimant_id) == ("routed", None)
        await member.wait_for("member.released")
        assert await member.say(payload=f"claim:{row.id}", chat="room") == 403  # no room now
        assert await member.say("/tasks") == 200
        await member.wait_for("refused.inactive")
        status, me = await get(member, "/web/api/session")
        assert me["views"] == ["chat", "signin"]

        status, body = await admin.post(f"/admin/api/people/{someone.id}/active", {"active": True})
        moved = {"code": "P033", "name": "马长江", "role": "member", "grid": "XF-02"}
        status, _ = await admin.post(f"/admin/api/people/{someone.id}", moved)
        assert status == 200
        status, me = await get(member, "/web/api/session")
        assert me["room"] == "和谐苑网格"
        status, body = await admin.post(
            f"/admin/api/people/{person(web_server, 'P001').id}/active", {"active": False}
        )
        assert status == 400 and body["error"] == "refused.console.self"


async def test_units_lists_and_a_community_project(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as admin:
        await sign_in(web_server, admin, "P001")
        unit = {"code": "lyj", "name": "区老年大学", "type": "school", "org": "老年大学党支部"}
        assert (await admin.post("/admin/api/units", unit))[0] == 200
        status, units = await get(admin, "/admin/api/units")
        made = next(u for u in units["units"] if u["code"] == "LYJ")
        base = f"/admin/api/units/{made['id']}"
        status, _ = await admin.post(f"{base}/resources", {"name": "书画教室", "type": "venue",
                                                          "amount": "每周三下午"})  # fmt: skip
        assert status == 200
        service = {"name": "书法兴趣班", "categories": ["culture"], "keywords": "书法、写字、老年",
                   "capacity": 2}  # fmt: skip
        assert (await admin.post(f"{base}/services", service))[0] == 200
        status, bad = await admin.post(f"{base}/services", {**service, "categories": ["nope"]})
        assert status == 400 and bad["error"] == "refused.no_such_category"
        project = {"text": "想给社区老人办一个书法班，借个教室每周练练写字", "category": "culture"}
        status, made_need = await admin.post("/admin/api/projects", project)
        assert status == 200
        status, needs = await get(admin, "/admin/api/needs")
        need = next(n for n in needs["needs"] if n["number"] == made_need["number"])
        assert need["project"] and need["proposals"][0]["unit"] == "区老年大学"
        assert any("书画教室" in r for r in need["proposals"][0]["reasons"])
        status, units = await get(admin, "/admin/api/units")
        resource = next(u for u in units["units"] if u["code"] == "LYJ")["resources"][0]
        drop = {"kind": "resource", "id": resource["id"]}
        assert (await admin.post(f"{base}/drop", drop))[0] == 200
        assert (await admin.post(f"{base}/drop", drop))[0] == 404
