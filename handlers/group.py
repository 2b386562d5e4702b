"""Grid group chats: /bindgrid by the grid's leader, 认领 buttons; chatter is left alone."""

from core import onboarding
from core.errors import Refused
from handlers import tasks
from handlers.turn import Turn


async def on_group(turn: Turn) -> None:
    incoming = turn.incoming
    if incoming.payload is not None:
        if incoming.payload.startswith("claim:"):
            await tasks.on_claim(turn)
        else:
            turn.notify("refused.stale_button")
        return
    if incoming.command == "bindgrid":
        await _bind(turn)
    elif incoming.command in ("start", "help"):
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
