"""Telegram's answers the outbox must respect: a blocked user, a 429, a webhook secret, and
the command menus each kind of chat is given."""

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select
from telegram import BotCommandScopeChat

from bot.server import make_web_app
from bot.telegram import commands, menus
from bot.telegram.channel import TelegramChannel
from bot.telegram.webhook import SECRET_HEADER
from core.records import Grid
from core.vocabulary import Role
from db.models import OutboxRow
from handlers import router
from tests.adapters.conftest_telegram import (
    GROUP_TITLE,
    LEADER,
    RESIDENT,
    STRANGER,
    JSONDict,
    TelegramStack,
    telegram_stack,
)

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def test_blocked_user_is_marked_and_not_retried(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, deliver=False) as tg:
        tg.send(RESIDENT, "/start")
        await tg.next_turn()
        assert await tg.drain() == 2  # welcome, and the question for the address
        tg.api.block_user(RESIDENT)
        tg.send(RESIDENT, "/my")
        await tg.next_turn()
        tg.send(RESIDENT, "/help")
        await tg.next_turn()
        await tg.drain()
        await tg.drain()
        assert len(tg.api.calls_of("sendMessage")) == 3  # one try, then the chat is dead
        async with tg.linli.uow() as uow:
            rows = list(await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id)))
            person = await uow.persons.by_identity("telegram", str(RESIDENT))
            assert person is not None
            (identity,) = await uow.persons.identities(person.id)
        assert [row.status for row in rows] == ["sent", "sent", "dead", "dead"]
        assert identity.blocked

        tg.api.unblock_user(RESIDENT)  # and writes again: reachable again
        tg.send(RESIDENT, "/help")
        await tg.next_turn()
        assert await tg.drain() == 1
        async with tg.linli.uow() as uow:
            (identity,) = await uow.persons.identities(person.id)
        assert not identity.blocked


async def test_retry_after_is_honoured(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path) as tg:
        tg.api.fail_next("sendMessage", 429, retry_after=1)
        tg.send(RESIDENT, "/help")
        to_resident = lambda p: p["chat_id"] == RESIDENT  # noqa: E731
        refused = await tg.api.wait_for_call("sendMessage", to_resident)
        loop = asyncio.get_running_loop()
        started = loop.time()
        accepted = await tg.api.wait_for_call("sendMessage", to_resident, timeout=5)
        assert loop.time() - started >= 0.95
        assert accepted["text"] == refused["text"]
        assert len(tg.api.sent_to(RESIDENT)) == 1


async def test_webhook_checks_the_secret_and_feeds_the_dialogs(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/telegram/webhook"
    secret = "s3cret-token_x"
    async with telegram_stack(
        tmp_path, telegram_webhook_url=url, telegram_webhook_secret=secret
    ) as tg:
        app = make_web_app(tg.linli)
        tg.channel.add_routes(app)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.SockSite(runner, listener).start()
        try:
            await tg.channel.start()
            assert (tg.api.webhook_url, tg.api.webhook_secret) == (url, secret)
            forged = {
                "update_id": 999,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": STRANGER, "type": "private"},
                    "from": {"id": STRANGER, "is_bot": False, "first_name": "x"},
                    "text": "/help",
                },
            }
            async with aiohttp.ClientSession() as http:
                for headers in ({}, {SECRET_HEADER: "wrong"}):
                    async with http.post(url, json=forged, headers=headers) as response:
                        assert response.status == 403

            tg.send(RESIDENT, "/help")  # Telegram posts it with the secret
            assert "/my" in (await tg.message(RESIDENT))["text"]
            assert tg.api.sent_to(STRANGER) == []
            assert tg.api.calls_of("getUpdates") == []
        finally:
            await runner.cleanup()


async def test_command_menus_per_scope_and_for_staff(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path) as tg:
        names = lambda scope: [c["command"] for c in tg.api.my_commands(scope)]  # noqa: E731
        assert names({"type": "all_private_chats"}) == list(menus.PRIVATE)
        assert names({"type": "all_group_chats"}) == ["bindgrid", "help"]
        assert all(c["description"] for c in tg.api.my_commands({"type": "all_private_chats"}))

        leader_chat = {"type": "chat", "chat_id": LEADER}
        await tg.join(LEADER, Role.LEADER)
        await tg.api.wait_for(lambda: names(leader_chat))
        assert names(leader_chat) == [*menus.PRIVATE, *menus.STAFF_EXTRA[Role.LEADER]]
        assert {"open", "stats", "tasks", "broadcast", "wishes"} <= set(names(leader_chat))
        assert all(c["description"] for c in tg.api.my_commands(leader_chat))

        assert isinstance(tg.channel, TelegramChannel)
        bot = tg.channel.bot  # at the next start, from the stored identities
        await bot.delete_my_commands(scope=BotCommandScopeChat(LEADER))
        await menus.publish(commands.Menus(bot), tg.linli.uow, "zh-CN")
        assert {"open", "stats", "tasks"} <= set(names(leader_chat))


async def grid_bound_to(tg: TelegramStack, chat_id: int, timeout: float = 5.0) -> Grid | None:
    """The grid bound to ``chat_id`` once the update moving it has been handled (PTB handles
    different chats' updates concurrently, so there is no ordering to wait on)."""
    for _ in range(int(timeout / 0.02)):
        async with tg.linli.uow() as uow:
            grid = await uow.places.grid_of_chat("telegram", str(chat_id))
        if grid is not None:
            return grid
        await asyncio.sleep(0.02)
    return None


def service_message(tg: TelegramStack, chat: JSONDict, **fields: object) -> None:
    """A message Telegram itself posts in a group (no user text), as an update."""
    message = {"message_id": 900, "date": 0, "chat": chat, "from": tg.api._user(LEADER)}
    tg.api._push_update("message", message | fields)


async def test_group_added_and_upgraded_to_a_supergroup(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path) as tg:
        await tg.join(LEADER, Role.LEADER)
        old, new = -4001, -1004001
        basic = tg.api.add_chat(old, GROUP_TITLE) | {"type": "group"}
        service_message(tg, basic, new_chat_members=[tg.api.bot_user])
        assert "/bindgrid" in (await tg.message(old))["text"]  # how to bind it
        tg.send(LEADER, "/bindgrid XF-01", chat=old)
        await tg.message(old, "XF-01")

        tg.api.add_chat(new, GROUP_TITLE)  # making the bot an admin can upgrade the group
        service_message(tg, tg.api.chats[new], migrate_from_chat_id=old)
        moved = await grid_bound_to(tg, new)
        async with tg.linli.uow() as uow:
            left = await uow.places.grid_of_chat("telegram", str(old))
        assert moved is not None and moved.code == "XF-01" and left is None


def test_every_menu_command_is_one_the_bot_answers() -> None:
    every = [menus.PRIVATE, *menus.STAFF_EXTRA.values()]
    known = set(router.COMMANDS) | {"cancel"}
    assert {name for menu in every for name in menu} <= known
