"""Small things a resident or a member reads on the web chat: /my cut at a word's end, whole
keywords, one clock on a card, and a newcomer's own name."""

import asyncio
import re

from core.vocabulary import Role
from tests.adapters.conftest_web import RunningWeb, WebClient
from tests.adapters.test_web_http import invite
from tests.adapters.web_steps import become, bind_address, card_of, file_text

LONG = "楼道灯坏了一个礼拜了晚上老人上下楼看不见很危险希望尽快来修"


async def test_my_cuts_at_a_words_end_with_an_ellipsis(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        await bind_address(me)
        number = await file_text(me, LONG)
        await me.say("/my")
        listing = (await me.wait_for("my.list"))["text"]
    (line,) = [x for x in listing.splitlines() if number in x]
    cut = line.split(" · ")[1]
    assert cut.endswith("…") and LONG.startswith(cut[:-1]) and len(cut) <= 24
    words = web_server.linli.services.understanding.words(LONG)
    ends = {len("".join(words[: i + 1])) for i in range(len(words))}
    assert len(cut) - 1 in ends  # not half a word


async def test_keywords_are_whole_words(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        await bind_address(me)
        await me.say("小区里有人遛狗不拴绳还乱拉")
        summary = (await me.wait_for("draft.summary"))["text"]
        await me.say(payload="draft:cancel")
    keywords = re.search(r"关键词：(.*)", summary)
    assert keywords is not None
    shown = keywords.group(1).split("、")
    assert "还乱拉" not in shown and "有人遛" not in shown and "狗不拴绳" not in shown
    assert all(k in "小区里有人遛狗不拴绳还乱拉" for k in shown)


async def test_a_card_shows_the_clock_that_runs(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me, WebClient(web_server.base) as member:
        await become(member, "member")
        await bind_address(me)
        number = await file_text(me, "小区东门的路灯不亮了，晚上很黑")
        card = await card_of(member, number)
        assert "接单时限" in card["text"] and "办结时限" not in card["text"]
        assert await member.say(payload=card["options"][0]["value"], chat="room") == 200
        await member.wait_for("task.details")
        for _ in range(80):  # the card is edited in place once the claim is through
            (claimed,) = [m["text"] for m in await member.messages("room") if m["id"] == card["id"]]
            if "办理中" in claimed:
                break
            await asyncio.sleep(0.1)
        assert "办结时限" in claimed and "接单时限" not in claimed


async def test_a_newcomer_with_an_invite_gives_their_own_name(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as newcomer:
        await newcomer.say("你好")  # a resident first: the demo calls them 张阿姨
        status, body = await newcomer.post(
            "/web/api/signin", {"code": await invite(web_server, Role.MEMBER, "XF-01")}
        )
        assert status == 200 and body["session"]["role"] == "member"
        ask = await newcomer.wait_for("start.ask_name")
        assert "党员" in ask["text"] or "网格员" in ask["text"]
        assert body["session"]["name"] != "张阿姨"
        await newcomer.say("李建华")
        welcome = await newcomer.wait_for("start.welcome_staff")
        assert welcome["text"].startswith("李建华")
        assert (await newcomer.session())["name"] == "李建华"
