"""Who sees and changes what on the console: a unit's representative only what was
dispatched to their unit, a leader only their grid, a resident nothing of others; forged
requests (another community's records, a member posing as admin, no CSRF token) refused."""

from dataclasses import replace
from typing import Any

import pytest

from core import intake, onboarding
from core.roster import CommunityEntry, GridEntry, PersonEntry, Roster, UnitEntry
from core.vocabulary import Role
from db.roster import apply_roster
from tests.adapters.conftest_web import RunningWeb, WebClient
from tests.community.web_support import file, get, person, request_row, sign_in, unit_id

ELSEWHERE = Roster(
    communities=(CommunityEntry(code="XYL", name="向阳里社区"),),
    grids=(GridEntry(code="XY-01", name="向阳网格", community="XYL"),),
    people=(PersonEntry(code="Q001", name="外社区党员", role=Role.MEMBER, grid="XY-01"),),
    units=(UnitEntry(code="XYU", name="向阳中学", community="XYL"),),
)


@pytest.fixture(scope="module")
def elsewhere(web_server: RunningWeb) -> RunningWeb:
    """A second community in the same database, whose records the first one's admin must
    not touch."""
    web_server.call(apply_roster(web_server.linli.engine, ELSEWHERE))
    return web_server


async def post_raw(client: WebClient, path: str, body: dict[str, Any], **headers: str) -> int:
    async with client.http.post(f"{client.base}{path}", json=body, headers=headers) as r:
        return r.status


async def test_each_party_reads_only_their_own(elsewhere: RunningWeb) -> None:
    server = elsewhere
    async with (
        WebClient(server.base) as resident,
        WebClient(server.base) as neighbour,
        WebClient(server.base) as leader_b,
        WebClient(server.base) as leader_a,
        WebClient(server.base) as rep,
    ):
        number = await file(resident, "幸福家园3号楼1单元101", "楼下的路灯坏了，晚上很黑")
        for path in ("/admin/api/queue", f"/admin/api/requests/{number}", "/admin/api/needs"):
            status, body = await get(neighbour, path)
            assert status == 403 and body["error"] == "refused.console.not_staff"
        status, me = await get(neighbour, "/admin/api/me")
        assert status == 200 and me["views"] == [] and "name" not in me

        await sign_in(server, leader_b, "P021")  # XF-02
        status, _ = await get(leader_b, f"/admin/api/requests/{number}")
        assert status == 404
        status, queue = await get(leader_b, "/admin/api/queue?grid=XF-01")
        assert status == 200 and number not in [i["number"] for i in queue["requests"]]
        for path in ("/admin/api/needs", "/admin/api/people", "/admin/api/grids"):
            assert (await get(leader_b, path))[0] == 403
        await sign_in(server, leader_a, "P011")
        status, queue = await get(leader_a, "/admin/api/queue")
        assert number in [i["number"] for i in queue["requests"]]
        assert (await get(leader_a, f"/admin/api/requests/{number}"))[0] == 200

        await sign_in(server, rep, "P002")
        status, me = await get(rep, "/admin/api/me")
        assert me["views"] == ["unit", "chat"]
        assert (await get(rep, f"/admin/api/requests/{number}"))[0] == 404  # not dispatched
        assert (await get(rep, "/admin/api/queue"))[0] == 403
        other = unit_id(server, "WSZX")
        assert (await get(rep, f"/admin/api/units/{other}/report"))[0] == 403


async def test_forged_console_requests_are_refused(elsewhere: RunningWeb) -> None:
    server = elsewhere
    async with (
        WebClient(server.base) as admin,
        WebClient(server.base) as member,
        WebClient(server.base) as resident,
    ):
        await sign_in(server, admin, "P001")
        await sign_in(server, member, "P012")
        number = await file(resident, "幸福家园7号楼1单元101", "小区里好几个井盖松动了，车一过就响")
        request_id = request_row(server, number).id
        new_unit = {"code": "FAKE", "name": "冒名单位"}

        status, body = await member.post("/admin/api/units", new_unit)
        assert status == 403 and body["error"] == "refused.console.not_staff"
        assert await member.say(payload=f"dispatch:{request_id}:{unit_id(server, 'GDS')}") == 200
        assert request_row(server, number).level == "grid"
        headers = {"Origin": server.base}
        assert await post_raw(admin, "/admin/api/units", new_unit, **headers) == 403
        assert (
            await post_raw(
                admin, "/admin/api/units", new_unit, **admin.headers(Origin="http://evil.example")
            )
            == 403
        )
        status, units = await get(admin, "/admin/api/units")
        assert "FAKE" not in [u["code"] for u in units["units"]]

        stranger = person(server, "Q001")
        theirs = unit_id(server, "XYU")
        form = {"code": "Q001", "name": "改名", "role": "member", "grid": "XF-01"}
        for path, body in (
            (f"/admin/api/people/{stranger.id}", form),
            (f"/admin/api/people/{stranger.id}/active", {"active": False}),
            (f"/admin/api/units/{theirs}/resources", {"name": "礼堂", "type": "venue"}),
            ("/admin/api/invites", {"role": "member", "grid": "XY-01"}),
            ("/admin/api/invites", {"role": "unit", "unit": "XYU"}),
            ("/admin/api/people", {**form, "code": "Q002", "grid": "XY-01"}),
        ):
            status, refusal = await admin.post(path, body)
            assert status == 404, (path, refusal)
        assert person(server, "Q001").name == "外社区党员" and person(server, "Q001").active
        status, body = await admin.post("/admin/api/units", {"code": "XYU", "name": "抢注"})
        assert status == 400 and body["error"] == "refused.unit.code_taken"
        await leader_escalates(server, request_id)
        assert await admin.say(payload=f"dispatch:{request_id}:{theirs}") == 200
        row = request_row(server, number)
        assert (row.level, row.unit_id) == ("community", None)


async def leader_escalates(server: RunningWeb, request_id: int) -> None:
    async with WebClient(server.base) as leader:
        await sign_in(server, leader, "P011")
        assert await leader.say(payload=f"escalate:{request_id}") == 200


async def test_an_unrouted_request_is_routed_from_the_queue(web_server: RunningWeb) -> None:
    linli = web_server.linli

    async def unplaced() -> str:
        ctx = linli.context()
        resident = await onboarding.register_resident(linli.uow(), ctx, "web", "u-r", "u-r", "")
        draft = intake.Draft("路边的下水道井盖丢了", "infra", "infra.manhole", "complaint")
        draft = replace(draft, unplaced=True)
        return (await intake.submit_request(linli.uow(), ctx, resident.id, draft)).number

    number = web_server.call(unplaced())
    async with WebClient(web_server.base) as admin:
        await sign_in(web_server, admin, "P001")
        _status, queue = await get(admin, "/admin/api/queue?filter=unrouted")
        (item,) = [i for i in queue["requests"] if i["number"] == number]
        routes = [a for a in item["actions"] if a["payload"].startswith("route:")]
        assert [a["label"] for a in routes] == [
            "派给幸福家园网格",
            "派给和谐苑网格",
            "派给阳光小区网格",
        ]
        assert await admin.say(payload=f"route:{request_row(web_server, number).id}:XY-01") == 200
        assert request_row(web_server, number).status == "submitted"  # not another community's
        assert await admin.say(payload=routes[1]["payload"]) == 200
        row = request_row(web_server, number)
        assert (row.status, row.grid_id) == ("routed", person(web_server, "P021").grid_id)
