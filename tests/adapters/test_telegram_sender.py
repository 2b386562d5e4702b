"""The Telegram sender and adapter on their own, against the fake Bot API: rendering,
splitting, photos, edits, and Telegram's errors in the outbox's terms."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels import RetryLater, Undeliverable
from bot.telegram import invite_link
from bot.telegram.failures import delivery_error
from bot.telegram.render import keyboard, looks_like_file_id, split_text
from bot.telegram.sender import TelegramSender
from bot.telegram.updates import addressed_to_us, is_unsupported, to_incoming
from core.messages import Option, Reply
from handlers.types import ChatKind
from tests.support import FakeBotApi, tiny_png

USER, GROUP = 5001, -100777
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as api:
        api.add_user(USER, "张秀英")
        api.add_chat(GROUP, "网格群")
        yield api


@pytest.fixture
async def sender(api: FakeBotApi) -> AsyncIterator[TelegramSender]:
    bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
    yield TelegramSender(bot)
    await bot.shutdown()


STARS = tuple(Option(f"button.stars.{n}", f"rate:7:{n}") for n in range(1, 6))


def test_keyboard_two_a_row_wide_labels_alone() -> None:
    rows = keyboard(STARS, "zh-CN")
    assert rows is not None
    assert [len(row) for row in rows] == [2, 2, 1]
    wide = (Option("button.join", "dup:1:join"), Option("button.not_same", "dup:1:new"))
    rows = keyboard(wide, "zh-CN")
    assert rows is not None and [len(row) for row in rows] == [1, 1]
    assert keyboard((), "zh-CN") is None


def test_split_keeps_lines_and_limits() -> None:
    text = "\n".join(f"第{n}行：" + "字" * 60 for n in range(200))
    parts = split_text(text)
    assert len(parts) == 4 and "".join(parts) == text
    assert all(len(part) <= 4096 and part.endswith("\n") for part in parts[:-1])
    assert split_text("短") == ["短"]


def test_file_ids_and_links() -> None:
    assert looks_like_file_id("AgACAgUAAxkBAAIBY2Zx-abc_DEF")
    assert not looks_like_file_id("web:3f2a/photo.jpg") and not looks_like_file_id(None)
    assert invite_link("@linli_bot", "AB12CD34") == "https://t.me/linli_bot?start=AB12CD34"


async def test_long_text_is_split_and_the_first_part_carries_the_buttons(
    api: FakeBotApi, sender: TelegramSender
) -> None:
    items = "\n".join(f"20261123-{n:04d} · 楼道灯坏了，晚上很黑 · 办理中" for n in range(200))
    reply = Reply("my.list", {"count": 200, "items": items}, STARS)
    message_id = await sender.send(str(USER), reply)
    sent = api.sent_to(USER)
    assert len(sent) == 2 and str(sent[0]["message_id"]) == message_id
    assert "reply_markup" in sent[0] and "reply_markup" not in sent[1]


async def test_photos_by_file_id_and_web_photos_as_text(
    api: FakeBotApi, sender: TelegramSender
) -> None:
    file_id = api.user_sends(USER, photo=tiny_png())["message"]["photo"][-1]["file_id"]
    card = Reply("claim.ok", {"number": "20261123-0001"}, STARS[:1], photo=file_id)
    await sender.send(str(GROUP), card)
    await sender.send(str(GROUP), Reply("claim.ok", {"number": "2"}, photo="web:abc.jpg"))
    long = Reply("my.list", {"count": 1, "items": "字" * 2000}, STARS[:1], photo=file_id)
    long_id = await sender.send(str(GROUP), long)
    photo, text, bare_photo, long_text = api.sent_to(GROUP)
    assert photo["photo"][0]["file_id"] == file_id and "20261123-0001" in photo["caption"]
    assert "photo" not in text and text["text"].endswith("2，详情已私聊发给您。")
    assert "caption" not in bare_photo and str(long_text["message_id"]) == long_id

    edited = Reply("claim.ok", {"number": "X"}, (), photo=file_id)
    await sender.edit(str(GROUP), str(photo["message_id"]), edited)
    await sender.edit(str(GROUP), str(photo["message_id"]), edited)  # not modified: fine
    assert "X" in api.sent_to(GROUP)[0]["caption"]
    assert "reply_markup" not in api.sent_to(GROUP)[0]
    # sent as a text (too long for a caption), now short enough for one: Telegram refuses a
    # caption edit of a text, and the text is edited instead
    await sender.edit(str(GROUP), long_id, Reply("claim.ok", {"number": "Y"}, (), photo=file_id))
    assert "Y" in api.sent_to(GROUP)[3]["text"] and "caption" not in api.sent_to(GROUP)[3]
    assert len(api.calls_of("editMessageCaption")) == 3 and api.calls_of("editMessageText")


async def test_errors_become_retry_or_undeliverable(
    api: FakeBotApi, sender: TelegramSender
) -> None:
    api.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryLater) as later:
        await sender.send(str(USER), Reply("help.resident"))
    assert later.value.seconds == 7
    api.block_user(USER)
    with pytest.raises(Undeliverable) as blocked:
        await sender.send(str(USER), Reply("help.resident"))
    assert blocked.value.blocked
    with pytest.raises(Undeliverable) as gone:
        await sender.send("-100999", Reply("group.help"))
    assert gone.value.blocked
    too_long = Reply("help.resident", options=(Option("button.yes", "x" * 65),))
    with pytest.raises(Undeliverable) as bad:
        await sender.send(str(GROUP), too_long)
    assert not bad.value.blocked
    assert sender.is_group(str(GROUP)) and not sender.is_group(str(USER))


def test_error_mapping() -> None:
    assert isinstance(delivery_error(TimedOut()), RetryLater)
    assert isinstance(delivery_error(NetworkError("Bad Gateway")), RetryLater)
    assert delivery_error(RetryAfter(3)).seconds == 3  # type: ignore[union-attr]
    forbidden = delivery_error(Forbidden("Forbidden: bot was kicked from the group chat"))
    assert isinstance(forbidden, Undeliverable) and forbidden.blocked
    bad = delivery_error(BadRequest("Bad Request: message is too long"))
    assert isinstance(bad, Undeliverable) and not bad.blocked


def _update(api: FakeBotApi, raw: dict) -> Update:
    return Update.de_json(raw, Bot(api.token))


async def test_updates_become_incoming(api: FakeBotApi) -> None:
    photo = api.user_sends(USER, photo=tiny_png(), caption="楼道灯坏了")
    incoming = to_incoming(_update(api, photo), "linli_test_bot", "zh-CN")
    assert incoming is not None and incoming.text == "楼道灯坏了"
    assert incoming.photo == photo["message"]["photo"][-1]["file_id"]
    assert (incoming.chat_id, incoming.user_id, incoming.user_name) == ("5001", "5001", "张秀英")
    assert incoming.update_id == str(photo["update_id"])

    where = to_incoming(_update(api, api.user_sends(USER, location=(39.9, 116.4))), "b", "zh-CN")
    assert where is not None and where.location == (39.9, 116.4)

    bind = api.user_sends(USER, GROUP, text="/bindgrid@linli_test_bot XF-01")
    incoming = to_incoming(_update(api, bind), "linli_test_bot", "zh-CN")
    assert incoming is not None and incoming.chat_kind == ChatKind.GROUP
    assert (incoming.chat_id, incoming.command, incoming.args) == (str(GROUP), "bindgrid", "XF-01")
    chatter = api.user_sends(USER, GROUP, text="大家好")
    assert to_incoming(_update(api, chatter), "linli_test_bot", "zh-CN") is None
    assert not addressed_to_us("/help@other_bot", "linli_test_bot")

    sticker: dict[str, Any] = {
        "update_id": 99,
        "message": {**chatter["message"], "chat": photo["message"]["chat"]},
    }
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {
        "file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
        "is_animated": False, "is_video": False, "type": "regular",
    }  # fmt: skip
    assert is_unsupported(_update(api, sticker))
