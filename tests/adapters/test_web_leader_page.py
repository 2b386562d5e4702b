"""The leader's page and chat: rates that count only what is due, urgent requests first and
in red with their place, hotline numbers a resident can tap to call."""

from datetime import timedelta
from typing import Any

from core.changes import RequestChange
from core.vocabulary import Status
from tests.adapters.conftest_web import RunningWeb, WebClient
from tests.adapters.web_steps import become, bind_address, file_text

PLACE = "幸福家园5号楼"


async def leader_page(leader: WebClient) -> dict[str, Any]:
    async with leader.http.get(f"{leader.base}/web/api/leader") as response:
        assert response.status == 200
        return dict(await response.json())


def move_claim_by_into_the_past(web_server: RunningWeb, number: str) -> None:
    async def move() -> None:
        async with web_server.linli.uow() as uow:
            request = await uow.requests.by_number(number)
            assert request is not None and request.status == Status.ROUTED
            past = web_server.linli.clock.now() - timedelta(minutes=1)
            await uow.requests.update(request.id, RequestChange(claim_by=past))
            await uow.commit()

    web_server.call(move())


async def test_a_request_within_its_time_limits_lowers_no_rate(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as resident, WebClient(web_server.base) as leader:
        await become(leader, "leader")
        await bind_address(resident)
        number = await file_text(resident, "小区门口的垃圾桶满了好几天了，味道很大")
        page = await leader_page(leader)
        assert page["stats"]["total"] == 1
        assert page["stats"]["response_rate"] is None  # nothing is due yet: not 0 %
        assert page["stats"]["resolution_rate"] is None
        assert "只算到期的诉求" in page["stats_rules"]
        await leader.say("/stats")
        stats = (await leader.wait_for("leader.stats"))["text"]
        assert "按时响应率 —（到期 0 件）" in stats and "解决率 —" in stats
        assert "还在时限内的不拉低比率" in stats

        move_claim_by_into_the_past(web_server, number)
        page = await leader_page(leader)
        assert page["stats"]["response_rate"] == 0.0  # due and unclaimed: it counts now
        assert page["stats"]["resolution_rate"] is None


async def test_urgent_first_in_red_with_its_place(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as resident, WebClient(web_server.base) as leader:
        await become(leader, "leader")
        await bind_address(resident)
        await file_text(resident, "楼道灯坏了一个礼拜了，晚上老人上下楼看不见")
        urgent = await file_text(resident, "楼道里着火了，好多烟", urgent=True)
        told = await resident.wait_for("resident.submitted_urgent")
        assert told["calls"] == ["119"] and "119" in told["text"]

        first = (await leader_page(leader))["requests"][0]
        assert first["number"] == urgent and first["urgent"]
        assert first["tone"] == "urgent"  # never 时间充裕 beside 紧急
        assert first["place"] == PLACE

        await leader.say("/open")
        item = await leader.wait_for("leader.item")
        items = [m for m in await leader.messages() if m.get("key") == "leader.item"]
        assert urgent in items[0]["text"] and item
        assert items[0]["text"].startswith("🔴【紧急】") and PLACE in items[0]["text"]
        assert all(PLACE in m["text"] and "🔴" not in m["text"] for m in items[1:])
