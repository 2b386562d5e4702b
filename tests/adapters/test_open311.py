"""The open API (Open311 GeoReport v2, read only) through the bot's HTTP server: what a civic
app reads of the published categories' requests, and never a resident's name, phone or door."""

from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from bot.config import Settings
from bot.wiring import SettingError, published_categories, read_taxonomy
from tests.adapters.conftest_web import RunningWeb, WebClient, threaded_web, web_settings
from tests.adapters.test_web_intake import bound, file

PUBLISHED = "env,repair,infra,traffic,safety"
API = "/open311/v2"


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWeb]:
    settings = web_settings(tmp_path_factory.mktemp("open311"))
    with threaded_web(settings.model_copy(update={"open311_categories": PUBLISHED})) as running:
        yield running


async def get(base: str, path: str, **params: str) -> tuple[int, Any, aiohttp.ClientResponse]:
    async with aiohttp.ClientSession() as http, http.get(f"{base}{API}{path}", params=params) as r:
        return r.status, await r.json(), r


async def test_services_are_the_published_categories(open_server: RunningWeb) -> None:
    status, services, response = await get(open_server.base, "/services.json")
    assert status == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    assert [s["service_code"] for s in services] == PUBLISHED.split(",")
    assert {s["service_name"] for s in services} >= {"环境卫生", "房屋与设施维修"}


async def test_a_request_reads_without_its_resident(open_server: RunningWeb) -> None:
    async with WebClient(open_server.base) as resident, WebClient(open_server.base) as other:
        await bound(resident, "阳光小区2号楼3单元502")
        number = await file(resident, "我叫王秀英，2号楼302门口楼道灯坏了三天，电话13912345678")
        await bound(other, "阳光小区2号楼1单元201")
        private = await file(other, "我一个人住，想找个人陪我去医院复查")
    assert private != number
    status, found, _ = await get(open_server.base, "/requests.json")
    assert status == 200
    (shown,) = [r for r in found if r["service_request_id"] == number]
    assert shown["status"] == "open" and shown["service_code"] == "repair"
    assert shown["address"] == "阳光小区2号楼" and shown["agency_responsible"]
    assert "楼道灯坏了" in shown["description"]
    words = str([(r["description"], r["address"], r["agency_responsible"]) for r in found])
    for secret in ("秀英", "13912345678", "302", "502", "201"):
        assert secret not in words, secret
    assert shown["requested_datetime"].endswith("+00:00") and shown["media_url"] is None
    assert private not in str(found)  # care is not published
    status, one, _ = await get(open_server.base, f"/requests/{number}.json")
    assert status == 200 and one == [shown]
    status, missing, _ = await get(open_server.base, f"/requests/{private}.json")
    assert status == 404 and missing[0]["code"] == 404 and private in missing[0]["description"]
    status, closed, _ = await get(open_server.base, "/requests.json", status="closed")
    assert status == 200 and number not in str(closed)
    status, repairs, _ = await get(open_server.base, "/requests.json", service_code="repair,env")
    assert number in str(repairs)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "pending"},
        {"service_code": "care"},
        {"start_date": "yesterday"},
        {"start_date": "2026-01-01T00:00:00+08:00", "end_date": "2026-06-01T00:00:00+08:00"},
        {"start_date": "2026-06-01", "end_date": "2026-05-01"},
    ],
)
async def test_a_bad_query_is_told_what_is_wrong(
    open_server: RunningWeb, params: dict[str, str]
) -> None:
    status, errors, _ = await get(open_server.base, "/requests.json", **params)
    assert status == 400
    ((error),) = errors
    assert error["code"] == 400 and error["description"] and "open311." not in error["description"]


async def test_the_api_is_off_until_a_category_is_published(web_server: RunningWeb) -> None:
    url = f"{web_server.base}{API}/services.json"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 404


def test_an_unknown_category_stops_the_bot_with_the_setting_named() -> None:
    settings = Settings(_env_file=None, open311_categories="env, rubbish")
    with pytest.raises(SettingError) as error:
        published_categories(settings, read_taxonomy(None))
    assert error.value.name == "LINLI_OPEN311_CATEGORIES" and "rubbish" in error.value.problem
