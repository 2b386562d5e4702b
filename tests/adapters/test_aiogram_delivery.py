"""Telegram's answers the outbox must respect, on aiogram: a blocked user, a 429, the command
menus, a group added and upgraded (as test_telegram_delivery.py does for PTB)."""

import asyncio
from pathlib import Path
from typing import Any

from aiogram.types import BotCommandScopeChat
from sqlalchemy import select

from bot.aiogram import commands
from bot.aiogram.channel import AiogramChannel
from bot.telegram import menus
from core.vocabulary import Role
from db.models import OutboxRow
from tests.adapters.conftest_telegram import GROUP_TITLE, LEADER, RESIDENT, telegram_stack
from tests.adapters.test_telegram_delivery import grid_bound_to, service_message

AIOGRAM: dict[str, Any] = {"telegram_library": "aiogram"}


async def test_blocked_user_is_marked_and_not_retried(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, deliver=False, **AIOGRAM) as tg:
        tg.send(RESIDENT, "/start")
        await tg.next_turn()
        assert await tg.drain() == 2
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


async def test_retry_after_is_honoured(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, **AIOGRAM) as tg:
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


async def test_command_menus_per_scope_and_for_staff(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, **AIOGRAM) as tg:
        names = lambda scope: [c["command"] for c in tg.api.my_commands(scope)]  # noqa: E731
        assert names({"type": "all_private_chats"}) == list(menus.PRIVATE)
        assert names({"type": "all_group_chats"}) == ["bindgrid", "help"]
        leader_chat = {"type": "chat", "chat_id": LEADER}
        await tg.join(LEADER, Role.LEADER)
        await tg.api.wait_for(lambda: names(leader_chat))
        assert names(leader_chat) == [*menus.PRIVATE, *menus.STAFF_EXTRA[Role.LEADER]]

        assert isinstance(tg.channel, AiogramChannel)  # at the next start, from the identities
        await tg.channel.bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=LEADER))
        assert names(leader_chat) == []
        await menus.publish(commands.Menus(tg.channel.bot), tg.linli.uow, "zh-CN")
        assert {"open", "stats", "tasks"} <= set(names(leader_chat))


async def test_group_added_and_upgraded_to_a_supergroup(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, **AIOGRAM) as tg:
        await tg.join(LEADER, Role.LEADER)
        old, new = -4001, -1004001
        basic = tg.api.add_chat(old, GROUP_TITLE) | {"type": "group"}
        service_message(tg, basic, new_chat_members=[tg.api.bot_user])
        assert "/bindgrid" in (await tg.message(old))["text"]  # how to bind it
        tg.send(LEADER, "/bindgrid XF-01", chat=old)
        await tg.message(old, "XF-01")

        tg.api.add_chat(new, GROUP_TITLE)
        service_message(tg, tg.api.chats[new], migrate_from_chat_id=old)
        moved = await grid_bound_to(tg, new)
        async with tg.linli.uow() as uow:
            left = await uow.places.grid_of_chat("telegram", str(old))
        assert moved is not None and moved.code == "XF-01" and left is None
