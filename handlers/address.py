"""Binding a resident's address once: free text fuzzy-matched, or a shared location.

A problem typed where the address was asked (a newcomer's first words are often the
problem) is kept as a draft, and its place asked for afterwards."""

from core import buttons, onboarding
from core.buttons import AddressChoice
from core.errors import Refused
from handlers import report_issue
from handlers.flows import AddressState, DraftState, Placing, Step
from handlers.places import offer, was_offered
from handlers.start import known_person
from handlers.turn import Turn


async def cmd_address(turn: Turn) -> None:
    await known_person(turn)
    turn.ask(turn.state_of(AddressState) or AddressState(), Step.ASK)
    turn.say("address.ask")


async def on_address_text(turn: Turn) -> None:
    text = report_issue.kept_text(turn, turn.incoming.text)
    if not text:
        turn.say("address.ask")
        return
    guess = turn.services.understanding.match_address(text)
    understood = turn.services.understanding.classify(text)
    if not understood.low_confidence and understood.category != "other":
        turn.say("address.kept_problem")
        await report_issue.start_draft(turn, text, [], understood)
        return
    offer(turn, guess)


async def on_location(turn: Turn) -> None:
    latitude, longitude = turn.incoming.location or (0.0, 0.0)
    offer(turn, turn.services.understanding.nearest_building(latitude, longitude))


async def on_address_button(turn: Turn, press: buttons.Address) -> None:
    if press.choice is AddressChoice.RETRY:
        if turn.state_of(DraftState) is None:
            turn.ask(turn.state_of(AddressState) or AddressState(), Step.ASK)
        else:
            turn.step = Step.ADDRESS
        turn.say("address.ask")
        return
    if press.choice is AddressChoice.SKIP and turn.state_of(AddressState) is not None:
        turn.finish()
        turn.say("address.skipped")
        return
    person = await known_person(turn)
    building_id = press.choice
    placing = turn.state_of(Placing)
    if (
        isinstance(building_id, AddressChoice)
        or placing is None
        or not was_offered(turn, building_id)
    ):
        raise Refused("refused.stale_button")
    draft = turn.state_of(DraftState)
    if draft is not None and person.building_id is not None:
        await _place_of_draft(turn, draft, building_id)
        return
    person, building = await onboarding.bind_address(
        turn.uow(), turn.ctx, person.id, building_id, placing.detail
    )
    turn.person = person
    if draft is not None:
        turn.notify("address.bound", name=building.name)
        draft.building_id = building.id
        await report_issue.placed(turn)
    else:
        turn.finish()
        turn.say("address.bound_next", name=building.name)


async def _place_of_draft(turn: Turn, draft: DraftState, building_id: int) -> None:
    """Where this one matter is; the resident's home address stays as it is."""
    async with turn.uow() as uow:
        building = await uow.places.building(building_id)
    if building is None:
        raise Refused("refused.no_such_building")
    draft.building_id = building.id
    turn.notify("draft.place", name=building.name)
    await report_issue.placed(turn)
