"""The aiogram sender and the shared update reader against the fake Bot API: photos, edits,
long texts, and aiogram's errors in the outbox's terms."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage
from aiogram.types import Update

from bot.aiogram.failures import delivery_error
from bot.aiogram.sender import AiogramSender
from bot.channels import RetryLater, Undeliverable
from bot.telegram.updates import to_incoming
from core.messages import Option, Reply
from handlers.types import ChatKind
from tests.support import FakeBotApi, tiny_png

USER, GROUP = 5001, -100777
STARS = tuple(Option(f"button.stars.{n}", f"rate:7:{n}") for n in range(1, 6))


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as api:
        api.add_user(USER, "张秀英")
        api.add_chat(GROUP, "网格群")
        yield api


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    bot = Bot(api.token, session=AiohttpSession(api=TelegramAPIServer.from_base(api.server_url)))
    yield bot
    await bot.session.close()


async def test_photos_edits_and_long_texts(api: FakeBotApi, bot: Bot) -> None:
    sender = AiogramSender(bot)
    file_id = api.user_sends(USER, photo=tiny_png())["message"]["photo"][-1]["file_id"]
    card = Reply("claim.ok", {"number": "20261123-0001"}, STARS[:1], photo=file_id)
    card_id = await sender.send(str(GROUP), card)
    await sender.send(str(GROUP), Reply("claim.ok", {"number": "2"}, photo="web:abc.jpg"))
    photo, text = api.sent_to(GROUP)
    assert photo["photo"][0]["file_id"] == file_id and "20261123-0001" in photo["caption"]
    assert photo["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "rate:7:1"
    assert "photo" not in text and str(photo["message_id"]) == card_id

    edited = Reply("claim.ok", {"number": "X"}, (), photo=file_id)
    await sender.edit(str(GROUP), card_id, edited)
    await sender.edit(str(GROUP), card_id, edited)  # not modified: fine
    assert "X" in api.sent_to(GROUP)[0]["caption"] and "reply_markup" not in api.sent_to(GROUP)[0]
    long = Reply("my.list", {"count": 1, "items": "字" * 2000}, (), photo=file_id)
    long_id = await sender.send(str(GROUP), long)  # too long for a caption: sent as a text
    await sender.edit(str(GROUP), long_id, Reply("claim.ok", {"number": "Y"}, (), photo=file_id))
    assert "Y" in api.sent_to(GROUP)[-1]["text"]  # the caption edit refused, the text edited

    items = "\n".join(f"20261123-{n:04d} · 楼道灯坏了，晚上很黑 · 办理中" for n in range(200))
    first = await sender.send(str(USER), Reply("my.list", {"count": 200, "items": items}, STARS))
    sent = api.sent_to(USER)
    assert len(sent) == 2 and str(sent[0]["message_id"]) == first
    assert "reply_markup" in sent[0] and "reply_markup" not in sent[1]


async def test_errors_become_retry_or_undeliverable(api: FakeBotApi, bot: Bot) -> None:
    sender = AiogramSender(bot)
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


def test_error_mapping() -> None:
    method = SendMessage(chat_id=USER, text="x")
    assert isinstance(delivery_error(TelegramNetworkError(method, "timeout")), RetryLater)
    assert isinstance(delivery_error(TelegramServerError(method, "Bad Gateway")), RetryLater)
    later = delivery_error(TelegramRetryAfter(method, "Too Many Requests", retry_after=3))
    assert isinstance(later, RetryLater) and later.seconds == 3
    forbidden = delivery_error(TelegramForbiddenError(method, "Forbidden: bot was kicked"))
    assert isinstance(forbidden, Undeliverable) and forbidden.blocked
    bad = delivery_error(TelegramBadRequest(method, "Bad Request: message is too long"))
    assert isinstance(bad, Undeliverable) and not bad.blocked


def update(bot: Bot, raw: dict[str, Any]) -> Update:
    return Update.model_validate(raw, context={"bot": bot})


async def test_aiogram_updates_become_incoming(api: FakeBotApi, bot: Bot) -> None:
    photo = api.user_sends(USER, photo=tiny_png(), caption="楼道灯坏了")
    incoming = to_incoming(update(bot, photo), "linli_test_bot", "zh-CN")
    assert incoming is not None and incoming.text == "楼道灯坏了"
    assert incoming.photo == photo["message"]["photo"][-1]["file_id"]
    assert (incoming.chat_id, incoming.user_id, incoming.user_name) == ("5001", "5001", "张秀英")

    bind = api.user_sends(USER, GROUP, text="/bindgrid@linli_test_bot XF-01")
    incoming = to_incoming(update(bot, bind), "linli_test_bot", "zh-CN")
    assert incoming is not None and incoming.chat_kind == ChatKind.GROUP
    assert (incoming.chat_id, incoming.command, incoming.args) == (str(GROUP), "bindgrid", "XF-01")
    chatter = api.user_sends(USER, GROUP, text="大家好")
    assert to_incoming(update(bot, chatter), "linli_test_bot", "zh-CN") is None
