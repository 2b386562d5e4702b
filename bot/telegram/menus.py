"""The command menus Telegram shows, as data: residents', groups', and each staff role's own,
and which menu goes to which chats (each adapter's ``MenuTarget`` calls ``setMyCommands``
through its library)."""

import logging
from collections.abc import Callable
from typing import Protocol

from bot.telegram.objects import CHANNEL
from core.ports import UnitOfWork
from core.vocabulary import Role
from handlers.texts import render

PRIVATE = ("start", "my", "address", "phone", "help", "cancel", "mydata", "forget")
GROUP = ("bindgrid", "help")
# each role's commands as its /help lists them (handlers/texts: help.member, help.leader …)
STAFF_EXTRA: dict[Role, tuple[str, ...]] = {
    Role.MEMBER: ("tasks", "wishes", "points", "promise", "stars"),
    Role.UNIT: ("tasks", "unit", "wishes", "points", "promise"),
    Role.LEADER: (
        "open",
        "stats",
        "tasks",
        "points",
        "promise",
        "wishes",
        "broadcast",
        "broadcasts",
    ),
    Role.ADMIN: ("open", "needs", "stats", "stars", "points", "broadcast", "broadcasts"),
}

Menu = list[tuple[str, str]]  # (command, description)

logger = logging.getLogger(__name__)


class MenuTarget(Protocol):
    """Where one library sets command menus (``setMyCommands`` with a scope)."""

    @property
    def gone(self) -> type[Exception]:
        """What the library raises for a chat that cannot be reached."""
        ...

    async def private_chats(self, items: Menu) -> None: ...

    async def group_chats(self, items: Menu) -> None: ...

    async def chat(self, chat_id: str, items: Menu) -> None: ...


def menu(names: tuple[str, ...], locale: str) -> Menu:
    return [(name, render(f"command.{name}", None, locale)) for name in names]


def staff_menu(role: Role, locale: str) -> Menu | None:
    extra = STAFF_EXTRA.get(role)
    return menu(PRIVATE + extra, locale) if extra else None


async def staff_chats(uow: UnitOfWork) -> dict[str, Role]:
    """Private Telegram chats of members, leaders and admins, with their role."""
    chats: dict[str, Role] = {}
    async with uow:
        people = []
        for grid in await uow.places.grids():
            people += await uow.persons.in_grid(grid.id, [Role.MEMBER, Role.LEADER])
        for community in await uow.places.communities():
            people += await uow.persons.admins(community.id)
        for person in people:
            for identity in await uow.persons.identities(person.id):
                if identity.channel == CHANNEL and not identity.blocked:
                    chats[identity.chat_id] = Role(person.role)
    return chats


async def publish(target: MenuTarget, uow: Callable[[], UnitOfWork], locale: str) -> None:
    """The menus of private chats, of groups, and of each staff member's chat."""
    await target.private_chats(menu(PRIVATE, locale))
    await target.group_chats(menu(GROUP, locale))
    for chat_id, role in (await staff_chats(uow())).items():
        await publish_for(target, chat_id, role, locale)


async def publish_for(target: MenuTarget, chat_id: str, role: Role, locale: str) -> None:
    """A staff member's own menu (after start, or at once when they redeem an invite)."""
    items = staff_menu(role, locale)
    if items is None:
        return
    try:
        await target.chat(chat_id, items)
    except target.gone as error:  # the chat is gone; the menu is a convenience
        logger.warning("commands for staff chat not set: %s", error)
