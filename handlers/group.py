"""Grid group chats: /bindgrid by the grid's leader, 认领 buttons; chatter is left alone.

A group's budget (20 messages a minute) is for cards: a command from someone without a role
there (not the grid's member or leader, not the community's admin) is answered in their
private chat when the bot knows them, else not at all. An unbound group answers everyone:
it is being set up.
"""

from collections.abc import Awaitable, Callable

from core import buttons, onboarding
from core.delivery import deliver
from core.errors import Refused
from core.messages import Notice, ToChat
from core.payloads import prefix_of
from core.records import Grid, Person
from core.vocabulary import Role
from handlers import tasks
from handlers.turn import Turn


async def on_group(turn: Turn) -> None:
    incoming = turn.incoming
    if incoming.payload is not None:
        if prefix_of(incoming.payload) == buttons.Claim.prefix:
            await tasks.on_claim(turn, buttons.Claim.unpack(incoming.payload))
        else:
            turn.notify("refused.stale_button")
        return
    command = COMMANDS.get(incoming.command or "")
    if command is None:
        return
    try:
        await command(turn)
    except Refused as refusal:
        turn.say(refusal.key, **refusal.params)
    if not await _has_role_here(turn):
        await _answer_privately(turn)


async def _help(turn: Turn) -> None:
    turn.say("group.help")


async def _bind(turn: Turn) -> None:
    code = turn.incoming.args
    if not code:
        turn.say("group.bind_usage")
        return
    if turn.person is None:
        raise Refused("refused.bindgrid.not_leader", code=code)
    name = await onboarding.bind_grid_chat(
        turn.uow(), turn.ctx, turn.incoming.channel, turn.incoming.chat_id, turn.person.id, code
    )
    turn.say("group.bound", name=name, code=code.upper())


COMMANDS: dict[str, Callable[[Turn], Awaitable[None]]] = {
    "bindgrid": _bind,
    "start": _help,
    "help": _help,
}


async def _has_role_here(turn: Turn) -> bool:
    """Whether the sender speaks for the group's grid or community (after the command: a
    leader who has just bound it does); True for a group not bound yet."""
    person, channel, chat_id = turn.person, turn.incoming.channel, turn.incoming.chat_id
    async with turn.uow() as uow:
        grid = await uow.places.grid_of_chat(channel, chat_id)
        if grid is not None:
            return person is not None and _works_in(person, grid)
        for community in await uow.places.communities():
            if (channel, chat_id) in await uow.places.chats_of_community(community.id):
                return (
                    person is not None
                    and person.community_id == community.id
                    and person.role in (Role.ADMIN, Role.UNIT)
                )
    return True


def _works_in(person: Person, grid: Grid) -> bool:
    if person.role == Role.ADMIN:
        return person.community_id == grid.community_id
    return person.role in (Role.MEMBER, Role.LEADER) and person.grid_id == grid.id


async def _answer_privately(turn: Turn) -> None:
    """The turn's answers go to the sender's private chat with the bot, if there is one."""
    replies, turn.replies = turn.replies, []
    if turn.person is None or not replies:
        return
    incoming = turn.incoming
    async with turn.uow() as uow:
        private = next(
            (
                i.chat_id
                for i in await uow.persons.identities(turn.person.id)
                if i.channel == incoming.channel
                and i.external_id == incoming.user_id
                and not i.blocked
            ),
            None,
        )
        if private is None:
            return
        notices = [Notice(ToChat(incoming.channel, private), reply) for reply in replies]
        await deliver(uow, notices, turn.ctx.now)
        await uow.commit()
