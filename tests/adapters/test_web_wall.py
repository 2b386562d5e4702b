"""The wish wall through the real web stack: a resident's wish is claimed from /wishes in the
member's chat, fulfilled with a photo, shown with the resident's consent and thanks, and the
public page never shows the resident's name, phone or room (at phone width, in Chromium);
the leader's report, charts and /stats chart."""

import asyncio
import io
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page

from core.changes import PersonChange
from tests.account.fonts import need_chinese_font
from tests.adapters.conftest_web import RunningWeb, WebClient, tiny_png
from tests.adapters.web_steps import become, bind_address, file_text
from tests.privacy.scan import shows

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
NAME, PHONE, ROOM = "王秀英", "13912345678", "301"
WISH = f"想给孙女买个书包，我叫{NAME}，电话{PHONE}，住5号楼2单元{ROOM}"
THANKS = f"谢谢陈老师！书包孙女很喜欢。我是{NAME}，有事打{PHONE}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def never_shows_the_resident(text: str) -> None:
    for secret in (NAME, PHONE, ROOM, "5号楼", "2单元"):
        assert not shows(text, secret), (secret, text)


async def fulfilled_wish(web_server: RunningWeb) -> str:
    """A resident's wish, claimed and fulfilled with a photo by the demo member, its photo
    allowed on the wall and thanked; its number."""
    async with WebClient(web_server.base) as resident, WebClient(web_server.base) as member:
        await bind_address(resident)
        number = await file_text(resident, WISH)
        request = await request_of(web_server, number)
        assert request.type == "wish"
        await name_the_resident(web_server, request.resident_id)
        await become(member, "member")
        await member.say("/wishes")
        wall = await member.wait_for("wish.wall")
        claim = next(o for o in wall["options"] if o["value"] == f"wishclaim:{request.id}")
        assert await member.say(payload=claim["value"]) == 200
        await member.wait_for("task.details")
        await member.say(payload=f"resolve:{request.id}")
        await member.wait_for("note.ask_resolve")
        assert await member.upload(tiny_png(), "schoolbag.png", text="书包送到了") == 200
        done = await member.wait_for("note.resolved")
        assert [o["label"] for o in done["options"]][:2] == ["0.5 小时", "1 小时"]
        await member.say(payload=f"hours:{request.id}:2")
        ask = await resident.wait_for("wish.ask_photo")
        assert ask["photo"]  # the resident sees the photo they are asked about
        await resident.say(payload=f"wishshow:{request.id}:1")
        await resident.say(payload=f"wishthanks:{request.id}")
        await resident.wait_for("wish.ask_thanks_text")
        await resident.say(THANKS)
        await resident.wait_for("wish.thanks_saved")
    return number


async def request_of(web_server: RunningWeb, number: str) -> Any:
    async def find() -> Any:
        async with web_server.linli.uow() as uow:
            return await uow.requests.by_number(number)

    return web_server.call(find())


async def name_the_resident(web_server: RunningWeb, person_id: int) -> None:
    """The resident's own name and phone, as /phone and the roster would keep them."""

    async def update() -> None:
        async with web_server.linli.uow() as uow:
            change = PersonChange(name=NAME, phone=PHONE, address_detail="2单元301")
            await uow.persons.update(person_id, change)
            await uow.commit()

    web_server.call(update())


async def get(client: WebClient, path: str) -> tuple[int, str, bytes]:
    async with client.http.get(client.base + path) as response:
        return response.status, response.headers.get("Content-Type", ""), await response.read()


async def test_the_wall_shows_the_wish_masked_with_photo_and_thanks(
    web_server: RunningWeb,
) -> None:
    number = await fulfilled_wish(web_server)
    async with WebClient(web_server.base) as stranger:
        status, kind, body = await get(stranger, "/wishes")
        assert status == 200 and kind.startswith("text/html")
        page = body.decode()
        assert number in page and "已圆梦" in page and "幸福家园网格" in page
        assert "想给孙女买个书包" in page and "王**" in page
        assert "谢谢陈老师！书包孙女很喜欢" in page and "认领：陈丽华" in page
        never_shows_the_resident(page)
        status, kind, photo = await get(stranger, f"/wishes/photo/{number}")
        assert status == 200 and photo == tiny_png()
        status, _, data = await get(stranger, "/web/api/wishes")
        never_shows_the_resident(data.decode())
        status, _, _ = await get(stranger, "/wishes/photo/20990101-0001")
        assert status == 404


async def test_reports_and_charts_for_leaders_only(web_server: RunningWeb) -> None:
    need_chinese_font()
    async with WebClient(web_server.base) as resident, WebClient(web_server.base) as leader:
        await bind_address(resident)
        status, _, _ = await get(resident, "/web/api/report.xlsx")
        assert status == 403
        await become(leader, "leader")
        status, kind, body = await get(leader, "/web/api/report.xlsx")
        assert status == 200 and kind.startswith("application/vnd.openxmlformats")
        book = load_workbook(io.BytesIO(body))
        assert book.sheetnames[:3] == ["说明", "社区", "网格"]
        status, kind, png = await get(leader, "/web/api/chart/trend.png")
        assert status == 200 and kind == "image/png" and png_size(png) == (800, 450)
        status, _, _ = await get(leader, "/web/api/report.xlsx?month=2026-13")
        assert status == 400
        async with leader.http.get(f"{leader.base}/web/api/leader") as response:
            account = (await response.json())["account"]
        assert account["chart"].startswith("/web/api/chart/trend.png?month=")
        assert account["report"].startswith("/web/api/report.xlsx?month=")

        await leader.say("/stats")
        stats = await leader.wait_for("leader.stats")
        assert stats["photo"].startswith("/web/chart/")
        status, kind, png = await get(leader, stats["photo"])
        assert status == 200 and png_size(png) == (800, 450)
        status, _, _ = await get(resident, stats["photo"])
        assert status == 404


def phone(browser: Browser) -> Page:
    page = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2
    ).new_page()
    page.set_default_timeout(10_000)
    return page


def test_the_wall_at_phone_width_in_chromium(web_server: RunningWeb, browser: Browser) -> None:
    with ThreadPoolExecutor(1) as thread:  # Playwright's loop runs in this one
        number = thread.submit(asyncio.run, fulfilled_wish(web_server)).result()
    page = phone(browser)
    page.goto(web_server.base + "/wishes")
    wish = page.locator(f"li.wish[data-number='{number}']")
    wish.wait_for()
    image = wish.locator("img")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 48
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    text = page.inner_text("body")
    assert "心愿墙" in text and "已圆梦" in text
    never_shows_the_resident(text)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-wall.png"), full_page=True)


def test_the_leader_page_shows_the_chart(web_server: RunningWeb, browser: Browser) -> None:
    need_chinese_font()
    page = phone(browser)
    page.goto(web_server.base + "/")
    page.locator("#chat-messages li.bot").first.wait_for()
    page.click(".personas button[data-persona='leader']")
    page.locator(".personas button[data-persona='leader'].on").wait_for()
    chart = page.locator("#leader-chart")
    chart.wait_for()
    for _ in range(100):
        if chart.evaluate("img => img.complete && img.naturalWidth") == 800:
            break
        page.wait_for_timeout(100)
    assert chart.evaluate("img => img.naturalWidth") == 800
    assert page.locator("#leader-report").get_attribute("href", timeout=1000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-leader-account.png"), full_page=True)
