"""/start (with an invite code or not, then the newcomer's name), /help, and making sure a
sender is known."""

from core import onboarding
from core.errors import Refused
from core.messages import t
from core.records import Person
from core.vocabulary import Role
from handlers.flows import AddressState, NameState, Step
from handlers.turn import Turn

HELP_BY_ROLE = {
    Role.RESIDENT: "help.resident",
    Role.MEMBER: "help.member",
    Role.LEADER: "help.leader",
    Role.ADMIN: "help.admin",
    Role.UNIT: "help.unit",
}


async def known_person(turn: Turn) -> Person:
    """The sender, registered as a resident on first contact (residents need no invite)."""
    if turn.person is None:
        incoming = turn.incoming
        turn.person = await onboarding.register_resident(
            turn.uow(),
            turn.ctx,
            incoming.channel,
            incoming.user_id,
            incoming.chat_id,
            incoming.user_name,
        )
    return turn.person


def staff(turn: Turn) -> Person:
    """The sender if they are on the roster (member, leader, admin, unit), else a refusal."""
    if turn.person is None or turn.person.role == Role.RESIDENT:
        raise Refused("refused.not_staff")
    if not turn.person.active:
        raise Refused("refused.inactive")
    return turn.person


async def on_start(turn: Turn) -> None:
    code = turn.incoming.args
    turn.finish()
    if code:
        async with turn.uow() as uow:
            invite = await uow.invites.get(code.strip().upper())
        incoming = turn.incoming
        person = await onboarding.redeem_invite(
            turn.uow(),
            turn.ctx,
            incoming.channel,
            incoming.user_id,
            incoming.chat_id,
            incoming.user_name,
            code,
        )
        turn.person = person
        if invite is not None and invite.person_id is None:  # no roster entry: who are they?
            turn.ask(NameState(), Step.ASK)
            turn.say("start.ask_name", role=t(f"role.{person.role}"))
            return
        welcome(turn, person)
        return
    person = await known_person(turn)
    if person.role != Role.RESIDENT:
        turn.say(HELP_BY_ROLE[person.role])
        return
    turn.say("start.welcome")
    if person.building_id is None:
        turn.ask(AddressState(), Step.ASK)
        turn.say("address.ask")


def welcome(turn: Turn, person: Person) -> None:
    turn.say("start.welcome_staff", role=t(f"role.{person.role}"), name=person.name)
    turn.say(HELP_BY_ROLE[person.role])


async def on_name_text(turn: Turn) -> None:
    """The newcomer's name, asked once they redeemed an invite for no roster entry."""
    person = staff(turn)
    text = turn.incoming.text.strip()
    if not text:
        turn.say("start.ask_name", role=t(f"role.{person.role}"))
        return
    turn.person = await onboarding.rename_person(turn.uow(), turn.ctx, person.id, text)
    turn.finish()
    welcome(turn, turn.person)


async def on_help(turn: Turn) -> None:
    role = turn.person.role if turn.person else Role.RESIDENT
    turn.say(HELP_BY_ROLE[role])


async def on_unknown_command(turn: Turn) -> None:
    turn.say("dialog.unknown_command", command=turn.incoming.command or "")
