"""/phone: a resident leaves a number and decides whether the member handling it may see it."""

from core import onboarding
from core.messages import Option
from core.roster_records import normalise_phone
from handlers import payloads
from handlers.start import known_person
from handlers.turn import Turn

SHARE_OPTIONS = (
    Option("button.phone_share", "phone:share"),
    Option("button.phone_keep", "phone:keep"),
)


async def cmd_phone(turn: Turn) -> None:
    await known_person(turn)
    turn.ask("phone", "number")
    turn.say("phone.ask")


async def on_phone_text(turn: Turn) -> None:
    number = normalise_phone(turn.incoming.text)
    if number is None:
        turn.say("refused.phone.malformed")
        return
    turn.data["phone"] = number
    turn.step = "share"
    turn.say("phone.share", SHARE_OPTIONS)


async def on_phone_button(turn: Turn) -> None:
    (choice,) = payloads.parts(turn, 1)
    if turn.flow != "phone" or "phone" not in turn.data or choice not in ("share", "keep"):
        turn.finish()
        turn.notify("refused.stale_button")
        return
    person = await known_person(turn)
    phone = str(turn.data["phone"])
    turn.finish()
    await onboarding.set_phone(turn.uow(), turn.ctx, person.id, phone, choice == "share")
    turn.say("phone.saved_shared" if choice == "share" else "phone.saved_private")
