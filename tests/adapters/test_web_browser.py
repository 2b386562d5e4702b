"""The whole loop in a real headless browser, on the real server, in demo mode: a resident
files with a photo, the member claims in the grid room and resolves, the resident confirms
and rates, and the leader's page (open in another browser) follows along without reloading.

Screenshots go to ``test-artifacts/``; the page-load figures are printed (``-s`` shows them).
"""

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.adapters.conftest_web import RunningWeb, tiny_png

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE: ViewportSize = {"width": 360, "height": 740}
WAIT = 10_000


def phone(browser: Browser) -> Page:
    page = browser.new_context(viewport=PHONE, device_scale_factor=2).new_page()
    page.set_default_timeout(WAIT)
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    return page


def last(page: Page, view: str, key: str) -> Any:
    """The newest message with catalogue ``key`` in ``chat`` or ``room``, once it arrived."""
    locator = page.locator(f"#{view}-messages li[data-key='{key}']").last
    locator.wait_for()
    return locator


def become(page: Page, persona: str) -> None:
    page.click(f".personas button[data-persona='{persona}']")
    page.locator(f".personas button[data-persona='{persona}'].on").wait_for()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"))


def open_measured(page: Page, base: str) -> dict[str, float]:
    """Load the page; bytes of HTML+JS+CSS, and time until the first bot message shows."""
    sizes: dict[str, int] = {}

    def count(response: Any) -> None:
        if response.request.resource_type in ("document", "script", "stylesheet"):
            sizes[response.url] = len(response.body())

    page.on("response", count)
    started = time.perf_counter()
    page.goto(base + "/")
    page.locator("#chat-messages li.bot").first.wait_for()
    wall = (time.perf_counter() - started) * 1000
    page.remove_listener("response", count)
    metrics = page.evaluate("window.linliMetrics")
    return {
        "bytes": sum(sizes.values()),
        "first_message_ms": wall,
        "in_page_ms": metrics["firstMessageMs"],
    }


def poll(check: Any, seconds: float = 10.0) -> bool:
    """The page's CSP forbids eval, so no wait_for_function: ask until it holds."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def file_with_photo(page: Page, tmp_path: Path) -> None:
    last(page, "chat", "address.ask")
    page.fill("#text", "幸福家园5号楼2单元301")
    page.press("#text", "Enter")
    last(page, "chat", "address.confirm").locator("button.chip").first.click()
    last(page, "chat", "address.bound_next")
    page.fill("#text", "楼道灯坏了一个礼拜了，晚上老人上下楼很危险<script>alert(1)</script>")
    page.press("#text", "Enter")
    last(page, "chat", "draft.summary")
    picture = tmp_path / "light.png"
    picture.write_bytes(tiny_png())
    page.set_input_files("#photo", str(picture))
    page.locator("#chat-messages li.user img").wait_for()
    page.locator("#chat-messages li[data-key='draft.summary']").nth(1).wait_for()
    image = page.locator("#chat-messages li.user img").last
    assert poll(lambda: image.evaluate("img => img.complete && img.naturalWidth") > 0)
    last(page, "chat", "draft.summary").locator("button[data-payload='draft:submit']").click()
    last(page, "chat", "resident.submitted")


def test_the_whole_loop_in_a_phone_browser(
    web_server: RunningWeb, browser: Browser, tmp_path: Path
) -> None:
    resident = phone(browser)
    figures = open_measured(resident, web_server.base)
    print(
        f"\nweb chat page: {figures['bytes']} bytes HTML+JS+CSS; first message "
        f"{figures['first_message_ms']:.0f} ms after navigation "
        f"({figures['in_page_ms']} ms after the script started)"
    )
    assert figures["bytes"] < 40_000

    file_with_photo(resident, tmp_path)
    assert "<script>" in resident.locator("#chat-messages li.user .text").last.inner_text()
    shot(resident, "1-resident-filed")

    leader = phone(browser)
    leader.goto(web_server.base + "/")
    leader.locator("#chat-messages li.bot").first.wait_for()
    become(leader, "leader")
    item = leader.locator("#leader-list li.request").first
    item.wait_for()
    assert item.get_attribute("data-status") == "routed"
    assert "green" in (item.get_attribute("class") or "")
    item.locator("button[data-payload^='assign:']").click()  # the leader's chat asks whom
    picks = last(leader, "chat", "leader.pick_member").locator("button.chip")
    assert picks.count() >= 2 and not leader.locator("#view-leader").is_visible()
    leader.click("#tabs button[data-view='leader']")
    leader.locator("#leader-list li.request").first.wait_for()

    become(resident, "room")
    card = last(resident, "room", "card.request")
    assert card.locator("img").count() == 1 and "张**" in card.inner_text()
    shot(resident, "2-grid-room-card")
    card.locator("button[data-payload^='claim:']").click()
    resident.locator("#toast").wait_for()
    card.locator("button[data-payload^='claim:']").wait_for(state="detached")
    assert "陈丽华" in last(resident, "room", "card.request").inner_text()
    leader.locator("#leader-list li.request[data-status='claimed']").wait_for()
    shot(leader, "4-leader-page-claimed")

    become(resident, "member")
    details = last(resident, "chat", "task.details")
    assert "2单元301" in details.inner_text()
    details.locator("button[data-payload^='resolve:']").click()
    last(resident, "chat", "note.ask_resolve")
    resident.fill("#text", "已更换灯泡，亮了")
    resident.press("#text", "Enter")
    last(resident, "chat", "note.resolved")

    become(resident, "resident")
    last(resident, "chat", "resident.resolved").locator("button[data-payload^='confirm:']").click()
    last(resident, "chat", "resident.rate").locator("button[data-payload$=':5']").click()
    last(resident, "chat", "resident.thanks")
    shot(resident, "3-resident-rated")

    leader.locator("#leader-list li.hint").wait_for()  # nothing open any more
    leader.locator("#stats div[data-stat='satisfaction_rate'] dd", has_text="100%").wait_for()
    shot(leader, "5-leader-page-closed")


def test_large_text_and_english_are_remembered(web_server: RunningWeb, browser: Browser) -> None:
    page = phone(browser)
    page.goto(web_server.base + "/")
    page.locator("#chat-messages li.bot").first.wait_for()
    page.click("#large")
    page.select_option("#locale", "en")
    page.locator("#send", has_text="Send").wait_for()
    page.reload()
    page.locator("#chat-messages li.bot").first.wait_for()
    assert page.evaluate("document.documentElement.classList.contains('large')")
    assert page.locator("#send").inner_text() == "Send"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "6-english-large-text")
