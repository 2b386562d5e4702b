"""What the page itself does, in headless Chromium: /forget shows at once, hotline numbers
are links, the grid room opens at its newest card, a toast covers no button, typed commands
show as sent, the demo bar folds away in large text, urgent is red on the leader page."""

from collections.abc import Callable

from playwright.sync_api import Browser, FloatRect, Page, Route

from tests.adapters.conftest_web import RunningWeb
from tests.adapters.test_web_browser import (
    become,
    last,
    phone,
    poll,
    shot,
)


def say(page: Page, text: str) -> None:
    page.fill("#text", text)
    page.press("#text", "Enter")


def resident_with_address(browser: Browser, base: str) -> Page:
    page = phone(browser)
    page.goto(base + "/")
    last(page, "chat", "address.ask")
    say(page, "幸福家园5号楼2单元301")
    last(page, "chat", "address.confirm").locator("button.chip").first.click()
    last(page, "chat", "address.bound_next")
    return page


def file(page: Page, text: str) -> None:
    count = page.locator("#chat-messages li[data-key='resident.submitted']").count()
    say(page, text)
    summary = last(page, "chat", "draft.summary")  # a resident's own are no duplicates
    summary.locator("button[data-payload='draft:submit']").click()
    page.locator("#chat-messages li[data-key='resident.submitted']").nth(count).wait_for()


def pump_until(page: Page, check: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Like ``poll``, but waits inside Playwright, so route handlers and pushed events run."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return True
        page.wait_for_timeout(50)
    return check()


def overlaps(a: FloatRect | None, b: FloatRect | None) -> bool:
    assert a is not None and b is not None
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_forget_shows_at_once_and_commands_show_as_sent(
    web_server: RunningWeb, browser: Browser
) -> None:
    page = resident_with_address(browser, web_server.base)
    say(page, "/forget")
    page.locator("#chat-messages li.user .text", has_text="/forget").wait_for()
    last(page, "chat", "forget.confirm").locator("button.chip").first.click()
    last(page, "chat", "forget.done")  # no reload
    assert poll(lambda: page.locator("#chat-messages li").count() == 1)
    shot(page, "7-forgotten")


def test_hotline_numbers_are_tap_to_call(web_server: RunningWeb, browser: Browser) -> None:
    page = resident_with_address(browser, web_server.base)
    say(page, "楼道里着火了，好多烟")
    told = last(page, "chat", "resident.submitted_urgent")
    link = told.locator("a[href='tel:119']")
    assert link.count() == 1 and link.inner_text() == "119"


def test_the_room_opens_at_its_newest_card_and_toasts_cover_nothing(
    web_server: RunningWeb, browser: Browser
) -> None:
    page = resident_with_address(browser, web_server.base)
    for n in range(5):
        file(page, f"小区{n + 2}号门口的垃圾桶满了好几天了，味道很大，第{n + 1}次反映")
    member = phone(browser)
    member.goto(web_server.base + "/")
    member.locator("#chat-messages li.bot").first.wait_for()
    become(member, "room")
    room = member.locator("#room-messages")
    newest = last(member, "room", "card.request")
    assert room.evaluate("r => r.scrollHeight > r.clientHeight")  # there is something to scroll
    assert poll(lambda: room.evaluate("r => r.scrollHeight - r.scrollTop - r.clientHeight < 2"))
    newest.locator("button[data-payload^='claim:']").click()
    toast = member.locator("#toast")
    toast.wait_for()
    for button in member.locator("#view-room button, #tabs button").all():
        if button.is_visible():
            assert not overlaps(toast.bounding_box(), button.bounding_box())
    assert not overlaps(toast.bounding_box(), room.bounding_box())
    shot(member, "8-room-toast")


def test_large_text_folds_the_demo_bar(web_server: RunningWeb, browser: Browser) -> None:
    page = phone(browser)
    page.goto(web_server.base + "/")
    page.locator("#chat-messages li.bot").first.wait_for()
    personas = page.locator(".personas button").first
    assert personas.is_visible()
    page.click("#large")
    assert poll(lambda: not personas.is_visible())
    page.click("#demo-title")
    assert poll(personas.is_visible)
    page.click("#demo-title")
    page.reload()
    page.locator("#chat-messages li.bot").first.wait_for()
    assert not personas.is_visible()
    shot(page, "9-large-folded")


def test_urgent_is_red_on_the_leader_page(web_server: RunningWeb, browser: Browser) -> None:
    page = resident_with_address(browser, web_server.base)
    say(page, "3楼有人煤气中毒晕倒了")
    last(page, "chat", "resident.submitted_urgent")
    leader = phone(browser)
    leader.goto(web_server.base + "/")
    leader.locator("#chat-messages li.bot").first.wait_for()
    become(leader, "leader")
    first = leader.locator("#leader-list li.request").first
    first.wait_for()
    assert "urgent" in (first.get_attribute("class") or "")
    assert "幸福家园5号楼" in first.inner_text() and "时间充裕" not in first.inner_text()
    color = first.locator(".tone").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(198, 40, 40)"  # --red
    shot(leader, "10-leader-urgent")


def test_a_reply_pushed_while_the_history_loads_is_not_wiped(
    web_server: RunningWeb, browser: Browser
) -> None:
    """The page draws its history from a fetch. A reply pushed while that fetch is on its way
    is newer than the history it brings, and drawing the history must not wipe it."""
    page = resident_with_address(browser, web_server.base)
    other = page.context.new_page()  # the same person in a second tab
    other.goto(web_server.base + "/")
    last(other, "chat", "address.bound_next")
    held: list[Route] = []
    page.route("**/web/api/messages?*", lambda route: held.append(route))
    page.reload()
    assert pump_until(page, lambda: bool(held))
    history = held[0].fetch()  # the history as it stands now, before the reply below
    say(other, "/help")
    last(other, "chat", "help.resident")
    last(page, "chat", "help.resident")  # pushed to the reloading tab too
    page.locator("#chat-messages li").first.evaluate("li => li.dataset.stale = '1'")
    held[0].fulfill(response=history)
    assert pump_until(page, lambda: page.locator("#chat-messages li[data-stale]").count() == 0)
    assert page.locator("#chat-messages li[data-key='help.resident']").count() == 1
