"""The console in a real headless browser, at a phone's and a desktop's width: the admin
signs in from an invite's QR link, finds the escalated request in the queue, dispatches it
to the proposed unit; the unit's representative signs in, claims and resolves it in the
console's chat; the timeline shows it all. Screenshots are kept (the path is printed)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from core import intake, onboarding, triage
from core.records import Request
from core.vocabulary import Role
from tests.adapters.conftest_web import RunningWeb
from tests.adapters.test_web_browser import poll
from tests.community.web_support import person

ARTEFACTS = Path(__file__).resolve().parents[2] / "tmp" / "artefacts" / "console"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
WAIT = 10_000


@pytest.fixture(scope="module", autouse=True)
def artefacts_named() -> Iterator[None]:
    yield
    print(f"\nconsole screenshots: {ARTEFACTS}")


def page_of(browser: Browser, viewport: ViewportSize) -> Page:
    page = browser.new_context(
        viewport=viewport, device_scale_factor=2 if viewport == PHONE else 1
    ).new_page()
    page.set_default_timeout(WAIT)
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    return page


def shot(page: Page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def fits(page: Page, width: int) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= width)


def join(server: RunningWeb, page: Page, code: str) -> None:
    """Open the invite's QR link; the code is filled in; sign in."""
    someone = person(server, code)
    linli = server.linli
    grid = "XF-01" if someone.role in (Role.MEMBER, Role.LEADER) else None
    invite = server.call(
        onboarding.create_invite(linli.uow(), linli.context(), someone.role, grid, someone.id)
    )
    page.goto(f"{server.base}/join?code={invite.code}")
    page.locator("#view-signin:not([hidden])").wait_for()
    assert page.input_value("#code") == invite.code
    page.click("#signin button[type=submit]")
    page.locator("#tabs button").first.wait_for()


def escalated_request(server: RunningWeb) -> Request:
    """A resident's request about the wiring, escalated by the grid's leader."""
    linli = server.linli
    leader = person(server, "P011")

    async def make() -> Request:
        ctx = linli.context()
        resident = await onboarding.register_resident(linli.uow(), ctx, "web", "b-res", "b-res", "")
        building = next(b for b in await _buildings(linli) if b.name == "幸福家园5号楼")
        draft = intake.Draft(
            text="5号楼的配电箱老跳闸，电线老化，整栋楼经常停电",
            category="repair",
            subcategory="repair.power",
            type="complaint",
            building_id=building.id,
            address="2单元301",
        )
        request = await intake.submit_request(linli.uow(), ctx, resident.id, draft)
        return await triage.escalate_request(linli.uow(), ctx, request.id, leader.id)

    return server.call(make())


async def _buildings(linli: Any) -> list[Any]:
    async with linli.uow() as uow:
        return await uow.places.buildings()


def test_the_console_at_phone_and_desktop_widths(web_server: RunningWeb, browser: Browser) -> None:
    need = escalated_request(web_server)
    desk = page_of(browser, DESKTOP)
    join(web_server, desk, "P001")
    card = desk.locator(f"#queue-list li[data-number='{need.number}']")
    card.wait_for()
    assert card.get_attribute("data-level") == "community"
    shot(desk, "desktop-1-queue")
    desk.select_option("#queue-filter", "escalated")
    card.wait_for()

    desk.click("#tabs button[data-view='needs']")
    proposal = desk.locator(f"#needs-list li[data-number='{need.number}'] .proposal").first
    proposal.wait_for()
    assert "区供电所" in proposal.inner_text() and "跳闸" in proposal.inner_text()
    shot(desk, "desktop-2-needs-proposals")

    phone = page_of(browser, PHONE)
    join(web_server, phone, "P001")
    phone.click("#tabs button[data-view='needs']")
    mobile = phone.locator(f"#needs-list li[data-number='{need.number}'] .proposal").first
    mobile.wait_for()
    assert fits(phone, PHONE["width"])
    shot(phone, "phone-1-needs-proposals")

    rep = page_of(browser, PHONE)
    join(web_server, rep, "P002")
    proposal.locator("button[data-payload^='dispatch:']").click()
    desk.locator("#toast:not([hidden])").wait_for()
    rep.locator("#unit-report li .link", has_text=need.number).wait_for(timeout=15_000)
    shot(rep, "phone-2-unit-page")
    rep.click("#tabs button[data-view='chat']")
    asked = rep.locator("#chat-messages li[data-key='unit.need']").last
    asked.wait_for()
    assert "2单元301" not in asked.inner_text()
    asked.locator("button[data-payload^='claim:']").click()
    details = rep.locator("#chat-messages li[data-key='task.details']").last
    details.wait_for()
    details.locator("button[data-payload^='resolve:']").click()
    rep.locator("#chat-messages li[data-key='note.ask_resolve']").wait_for()
    rep.fill("#text", "已更换空气开关，线路检修完毕")
    rep.press("#text", "Enter")
    rep.locator("#chat-messages li[data-key='note.resolved']").wait_for()
    assert fits(rep, PHONE["width"])
    shot(rep, "phone-3-unit-rep-chat")

    desk.click("#tabs button[data-view='queue']")
    desk.fill("#lookup-number", need.number)  # resolved: out of the queue, still on record
    desk.press("#lookup-number", "Enter")
    events = desk.locator("#timeline ol.timeline li")
    assert poll(lambda: events.count() >= 6)
    steps = [events.nth(i).locator("strong").inner_text() for i in range(events.count())]
    assert steps[-4:] == ["上报", "派给共建单位", "认领", "办结"]
    shot(desk, "desktop-3-timeline")

    for view in ("units", "grids", "people", "invites"):
        desk.click(f"#tabs button[data-view='{view}']")
        phone.click(f"#tabs button[data-view='{view}']")
        if view == "invites":
            for page in (desk, phone):
                page.select_option("#invite-form select[name=role]", "unit")
                page.select_option("#invite-form select[name=unit]", "WSZX")
                page.click("#invite-form button[type=submit]")
                page.locator("#invite-result img.qr").wait_for()
        else:
            first = {"units": "#units-list li", "grids": "#grids-table tr[data-grid]",
                     "people": "#people-list li"}[view]  # fmt: skip
            desk.locator(first).first.wait_for()
            phone.locator(first).first.wait_for()
        assert fits(phone, PHONE["width"]) or view == "grids"  # the table scrolls by itself
        shot(desk, f"desktop-4-{view}")
        shot(phone, f"phone-4-{view}")
    qr = desk.locator("#invite-result img.qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth") > 0
