"""/phone: a resident leaves a number and decides whether the member handling it may see it."""

from core import buttons, onboarding
from core.buttons import PhoneChoice
from core.messages import Option
from core.roster_records import normalise_phone
from handlers.flows import ABSENT, PhoneState, Step
from handlers.start import known_person
from handlers.turn import Turn

SHARE_OPTIONS = (
    Option("button.phone_share", buttons.Phone(PhoneChoice.SHARE).pack()),
    Option("button.phone_keep", buttons.Phone(PhoneChoice.KEEP).pack()),
)


async def cmd_phone(turn: Turn) -> None:
    await known_person(turn)
    turn.ask(turn.state_of(PhoneState) or PhoneState(), Step.NUMBER)
    turn.say("phone.ask")


async def on_phone_text(turn: Turn) -> None:
    number = normalise_phone(turn.incoming.text)
    if number is None:
        turn.say("refused.phone.malformed")
        return
    turn.expect(PhoneState).phone = number
    turn.step = Step.SHARE
    turn.say("phone.share", SHARE_OPTIONS)


async def on_phone_button(turn: Turn, press: buttons.Phone) -> None:
    state = turn.state_of(PhoneState)
    if state is None or state.phone is ABSENT:
        turn.finish()
        turn.notify("refused.stale_button")
        return
    person = await known_person(turn)
    phone, shared = state.phone, press.choice is PhoneChoice.SHARE
    turn.finish()
    await onboarding.set_phone(turn.uow(), turn.ctx, person.id, phone, shared)
    turn.say("phone.saved_shared" if shared else "phone.saved_private")
