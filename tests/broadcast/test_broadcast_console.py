"""Broadcasts on the console and the web chat, through the real web server: an admin
previews and sends to the community, the web chat's residents read it (not the one who
replied 退订), a second send of the same preview sends nothing, a leader may not address
the community, the list shows the counts."""

from tests.adapters.conftest_web import RunningWeb, WebClient
from tests.community.web_support import file, get, sign_in

NOTICE = "本周日上午社区开展免费义诊，地点在居委会一楼。"


async def test_an_admin_broadcasts_from_the_console(web_server: RunningWeb) -> None:
    server = web_server
    async with (
        WebClient(server.base) as reader,
        WebClient(server.base) as quiet,
        WebClient(server.base) as admin,
        WebClient(server.base) as leader,
    ):
        await file(reader, "幸福家园3号楼1单元101", "楼下的路灯坏了，晚上很黑")
        await file(quiet, "幸福家园3号楼2单元202", "楼道里堆了很多杂物")
        await quiet.say("退订")
        await quiet.wait_for("broadcast.unsubscribed")

        await sign_in(server, leader, "P011")
        status, mine = await get(leader, "/admin/api/broadcasts")
        assert status == 200 and [s["value"] for s in mine["scopes"]] == ["grid"]
        body = {"scope": "community", "text": NOTICE}
        status, refused = await leader.post("/admin/api/broadcasts/preview", body)
        assert status == 403 and refused["error"] == "refused.broadcast.community_admins_only"

        await sign_in(server, admin, "P001")
        status, listed = await get(admin, "/admin/api/broadcasts")
        assert [s["value"] for s in listed["scopes"]] == ["grids", "community"]
        status, seen = await admin.post("/admin/api/broadcasts/preview", body)
        assert status == 200 and seen["residents"] >= 1 and seen["skipped"] >= 1
        assert NOTICE in seen["notice"] and "周**" in seen["notice"]
        assert "周慧敏" not in seen["notice"]
        status, sent = await admin.post("/admin/api/broadcasts", {**body, "token": seen["token"]})
        assert (
            status == 200 and sent["fresh"] and sent["queued"] == seen["residents"] + seen["groups"]
        )
        status, again = await admin.post("/admin/api/broadcasts", {**body, "token": seen["token"]})
        assert status == 200 and not again["fresh"] and again["number"] == sent["number"]

        notice = await reader.wait_for("broadcast.notice")
        assert NOTICE in notice["text"] and "退订" in notice["text"]
        assert "broadcast.notice" not in [m.get("key") for m in await quiet.messages()]

        status, listed = await get(admin, "/admin/api/broadcasts")
        (first,) = [b for b in listed["broadcasts"] if b["id"] == sent["number"]]
        assert first["queued"] == sent["queued"] and first["skipped"] >= 1
        assert first["scope"] == "全社区"
