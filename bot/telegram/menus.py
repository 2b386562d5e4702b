"""The command menus Telegram shows, as data: residents', groups', and each staff role's own
(the adapters publish them with ``setMyCommands``, each through its library)."""

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
