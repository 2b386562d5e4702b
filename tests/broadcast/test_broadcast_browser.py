"""The console's 通知 page in a real headless browser: the admin picks 全社区, types the
notice, sees the preview with the count, sends it, and the list shows its counts."""

from playwright.sync_api import Browser

from tests.adapters.conftest_web import RunningWeb
from tests.community.test_console_browser import DESKTOP, join, page_of, shot

NOTICE = "本周日上午社区开展免费义诊，地点在居委会一楼。"


def test_an_admin_sends_a_notice_from_the_console(web_server: RunningWeb, browser: Browser) -> None:
    page = page_of(browser, DESKTOP)
    join(web_server, page, "P001")
    page.click("#tabs button[data-view=broadcasts]")
    form = page.locator("#broadcast-form")
    form.locator("select[name=scope]").select_option("community")
    form.locator("textarea[name=text]").fill(NOTICE)
    form.locator("button[type=submit]").click()
    preview = page.locator("#broadcast-preview:not([hidden])")
    preview.wait_for()
    assert NOTICE in preview.inner_text() and "周**" in preview.inner_text()
    assert "位居民" in preview.inner_text()
    shot(page, "broadcast-preview")
    preview.locator("button[data-action=send]").click()
    page.locator("#toast:not([hidden])").wait_for()
    assert "已排队发送" in page.inner_text("#toast")
    item = page.locator("#broadcasts-list li[data-broadcast]").first
    item.wait_for()
    assert NOTICE in item.inner_text() and "已送达" in item.inner_text()
    shot(page, "broadcast-sent")
