"""The fake Bot API driven through the real HTTP stacks of python-telegram-bot and aiogram."""

from __future__ import annotations

import asyncio
import datetime as dtm
import struct
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot as AiogramBot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BufferedInputFile
from aiogram.types import InlineKeyboardButton as AiogramButton
from aiogram.types import InlineKeyboardMarkup as AiogramMarkup
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from . import FakeBotApi, tiny_png
from .bot_api_objects import image_size

USER = 1001
GROUP = -1001234567890


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token="42:TEST", bot_username="linli_test_bot") as server:
        server.add_user(USER, "王芳", username="wangfang")
        yield server


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as ptb_bot:
        yield ptb_bot


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in data]])


async def test_get_me_and_send_edit_message(api: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (42, "linli_test_bot", True)

    sent = await bot.send_message(
        USER, "<b>网格</b>通知", parse_mode="HTML", reply_markup=keyboard("ok")
    )
    assert sent.text == "网格通知"
    assert sent.entities[0].type == "bold" and sent.entities[0].length == 2
    assert sent.chat.type == "private" and sent.chat.first_name == "王芳"
    assert sent.from_user is not None and sent.from_user.id == 42
    assert sent.reply_markup == keyboard("ok")

    second = await bot.send_message(USER, "第二条")
    assert second.message_id == sent.message_id + 1

    edited = await bot.edit_message_text("已处理", chat_id=USER, message_id=sent.message_id)
    assert isinstance(edited, Message)
    assert edited.text == "已处理" and edited.edit_date is not None
    state = api.sent_to(USER)
    assert [m["text"] for m in state] == ["已处理", "第二条"]
    assert "reply_markup" not in state[0]  # editing text without a markup drops the keyboard

    await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=keyboard("a", "b"))
    assert api.sent_to(USER)[0]["reply_markup"] == keyboard("a", "b").to_dict()
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=keyboard("a", "b"))
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER, message_id=999)
    with pytest.raises(BadRequest, match=r"(?i)Unsupported start tag"):
        await bot.send_message(USER, "a <br> b", parse_mode="HTML")

    assert await bot.delete_message(USER, second.message_id)
    assert len(api.sent_to(USER)) == 1
    assert api.calls_of("sendMessage")[0]["chat_id"] == USER
    await bot.send_message(USER, "42")  # form fields are text: "42" must stay a string
    assert api.calls_of("sendMessage")[-1]["text"] == "42"


async def test_reply_keyboard_is_tracked_but_not_echoed(api: FakeBotApi, bot: Bot) -> None:
    markup = ReplyKeyboardMarkup([["上报问题"]], resize_keyboard=True)
    sent = await bot.send_message(USER, "请选择", reply_markup=markup)
    assert sent.reply_markup is None
    assert api.reply_keyboards[USER]["keyboard"] == [[{"text": "上报问题"}]]


async def test_photo_upload_file_id_and_download(api: FakeBotApi, bot: Bot) -> None:
    image = tiny_png(4, 3)
    sent = await bot.send_photo(USER, image, caption="现场照片")
    (size,) = sent.photo
    assert (size.width, size.height, size.file_size) == (4, 3, len(image))
    assert sent.caption == "现场照片"

    again = await bot.send_photo(USER, size.file_id)
    assert again.photo[0].file_unique_id == size.file_unique_id

    file = await bot.get_file(size.file_id)
    assert file.file_path is not None and file.file_path.startswith(api.base_file_url)
    assert bytes(await file.download_as_bytearray()) == image

    with pytest.raises(BadRequest, match=r"(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(USER, b"not an image")


async def test_commands_per_scope(api: FakeBotApi, bot: Bot) -> None:
    scope = BotCommandScopeChat(USER)
    commands = [BotCommand("report", "上报问题"), BotCommand("help", "帮助")]
    assert await bot.set_my_commands(commands, scope=scope, language_code="zh")
    assert await bot.get_my_commands(scope=scope, language_code="zh") == tuple(commands)
    assert await bot.get_my_commands() == ()
    assert api.my_commands(scope.to_dict(), "zh")[0] == {
        "command": "report",
        "description": "上报问题",
    }
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert await bot.delete_my_commands(scope=scope, language_code="zh")
    assert api.my_commands(scope.to_dict(), "zh") == []


# PTB 22 warns that RetryAfter.retry_after will become a timedelta.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fault_injection_maps_to_ptb_errors(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", retry_after=7)
    with pytest.raises(RetryAfter) as excinfo:
        await bot.send_message(USER, "hi")
    assert excinfo.value.retry_after in (7, dtm.timedelta(seconds=7))
    assert (await bot.send_message(USER, "hi")).text == "hi"

    api.block_user(USER)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(USER, "hi")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(777, "hi")
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")


async def test_chats_members_and_documents(api: FakeBotApi, bot: Bot) -> None:
    api.add_chat(GROUP, "幸福里网格群")
    api.add_chat(-42)
    assert (await bot.get_chat(GROUP)).type == "supergroup"
    assert (await bot.get_chat(-42)).type == "group"
    assert (await bot.get_chat(USER)).username == "wangfang"
    assert (await bot.get_chat_member(GROUP, USER)).status == "member"
    for status in ("administrator", "creator", "restricted", "kicked", "left"):
        api.set_chat_member(GROUP, USER, status)
        assert (await bot.get_chat_member(GROUP, USER)).status == status
    with pytest.raises(BadRequest, match=r"(?i)user not found"):
        await bot.get_chat_member(GROUP, 555)

    sent = await bot.send_document(GROUP, b"a,b\n1,2\n", filename="台账.csv", caption="台账")
    assert sent.document is not None and sent.document.file_name == "台账.csv"
    assert sent.document.mime_type == "text/csv"
    assert api.sent_to(GROUP)[0]["caption"] == "台账"
    assert await bot.send_chat_action(GROUP, "typing")


async def test_user_presses_only_existing_buttons(api: FakeBotApi) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        api.user_presses(USER, {"chat": {"id": USER}, "message_id": 1}, "x")


def test_image_sizes() -> None:
    gif = b"GIF89a" + struct.pack("<HH", 7, 9)
    jpeg = b"\xff\xd8\xff\xe0\x00\x04\x00\x00\xff\xc0\x00\x11\x08" + struct.pack(">HH", 30, 40)
    assert (image_size(tiny_png(3, 5)), image_size(gif), image_size(jpeg)) == (
        (3, 5),
        (7, 9),
        (40, 30),
    )
    assert image_size(b"plain text") is None


async def test_raw_http_envelopes_json_body_and_token(api: FakeBotApi) -> None:
    async with aiohttp.ClientSession() as http:
        url = f"{api.base_url}{api.token}/sendMessage"
        async with http.post(url, json={"chat_id": USER, "text": "123"}) as response:
            body = await response.json()
        assert body["ok"] and body["result"]["text"] == "123"
        async with http.get(f"{api.base_url}1:WRONG/getMe") as response:
            assert response.status == 401
            assert await response.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with http.post(f"{api.base_url}{api.token}/nope") as response:
            assert response.status == 404
            assert (await response.json())["description"] == "Not Found: method not found"
        api.latency = 0.1
        started = asyncio.get_running_loop().time()
        async with http.get(f"{api.base_url}{api.token}/getMe") as response:
            assert (await response.json())["result"]["username"] == "linli_test_bot"
        assert asyncio.get_running_loop().time() - started >= 0.1


async def test_get_updates_offset_limit_timeout_and_allowed_updates(
    api: FakeBotApi, bot: Bot
) -> None:
    first = api.user_sends(USER, text="/start")
    second = api.user_sends(USER, GROUP, text="你好 /help@linli_test_bot")
    updates = await bot.get_updates(limit=1)
    assert [u.update_id for u in updates] == [first["update_id"]]
    message = updates[0].message
    assert message is not None
    assert message.entities[0].to_dict() == {
        "type": "bot_command",
        "offset": 0,
        "length": 6,
    }
    updates = await bot.get_updates(offset=first["update_id"] + 1)
    assert [u.update_id for u in updates] == [second["update_id"]]
    message = updates[0].message
    assert message is not None
    assert message.chat.type == "supergroup"
    assert message.entities[0].offset == 3

    waiting = asyncio.create_task(bot.get_updates(offset=second["update_id"] + 1, timeout=5))
    await api.wait_for(lambda: api.calls_of("getUpdates")[2:])
    photo = api.user_sends(USER, photo=tiny_png(), caption="楼道堆物")
    (update,) = await waiting
    assert update.update_id == photo["update_id"]
    assert update.message is not None
    file = await bot.get_file(update.message.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == tiny_png()

    sent = await bot.send_message(USER, "确认?", reply_markup=keyboard("yes"))
    assert await bot.get_updates(offset=photo["update_id"] + 1, allowed_updates=["message"]) == ()
    api.user_presses(USER, sent.to_dict(), "yes")  # dropped: only messages are allowed now
    reply = api.user_sends(USER, text="好的")
    assert [u.update_id for u in await bot.get_updates()] == [reply["update_id"]]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("请确认", reply_markup=keyboard("yes", "no"))


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("收到")
    await query.edit_message_text(f"你选择了 {query.data}")


async def test_ptb_application_polling(api: FakeBotApi) -> None:
    app: Application = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(confirm))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=2))
        await app.start()

        api.user_sends(USER, text="/start")
        reply = await api.wait_for_call("sendMessage")
        assert reply["chat_id"] == USER and reply["text"] == "请确认"
        (question,) = api.sent_to(USER)

        api.user_presses(USER, question, "no")
        answer = await api.wait_for_call("answerCallbackQuery")
        assert answer["text"] == "收到"
        await api.wait_for_call("editMessageText")
        assert api.sent_to(USER)[0]["text"] == "你选择了 no"

        await app.updater.stop()
        await app.stop()
    methods = [name for name, _ in api.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"]
    assert not api.pending_updates  # the final getUpdates confirmed everything


async def test_webhook_delivery_with_secret(api: FakeBotApi, bot: Bot) -> None:
    received: asyncio.Queue[tuple[str | None, dict]] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        await received.put((secret, await request.json()))
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
        assert await bot.set_webhook(url, secret_token="s3cret")
        assert (await bot.get_webhook_info()).url == url
        update = api.user_sends(USER, text="/start")
        assert await asyncio.wait_for(received.get(), 5) == ("s3cret", update)
        with pytest.raises(Conflict):
            await bot.get_updates()
        assert await bot.delete_webhook()
        later = api.user_sends(USER, text="polling again")
        assert [u.update_id for u in await bot.get_updates()] == [later["update_id"]]
    finally:
        await runner.cleanup()


async def test_aiogram_bot(api: FakeBotApi) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api.server_url))
    bot = AiogramBot(api.token, session=session)
    try:
        me = await bot.get_me()
        assert me.username == "linli_test_bot"
        markup = AiogramMarkup(inline_keyboard=[[AiogramButton(text="好", callback_data="ok")]])
        sent = await bot.send_message(USER, "来自 aiogram", reply_markup=markup)
        assert sent.text == "来自 aiogram"
        assert sent.reply_markup is not None
        assert sent.reply_markup.model_dump() == markup.model_dump()
        assert api.calls_of("sendMessage")[-1]["reply_markup"] == markup.model_dump(
            exclude_none=True
        )
        photo = await bot.send_photo(USER, BufferedInputFile(tiny_png(5, 5), "p.png"))
        assert photo.photo is not None and photo.photo[0].width == 5
        member = await bot.get_chat_member(USER, USER)
        assert member.status == "member"
    finally:
        await bot.session.close()
