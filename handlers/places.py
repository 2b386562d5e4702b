"""Offering a matched building to confirm, or the closest ones to choose from.

Only a building the bot offered may be chosen: the offered ids stay in the dialog state,
and a button naming any other (a forged ``addr:`` payload) is refused.
"""

from core import buttons
from core.buttons import AddressChoice, DraftAction
from core.messages import Option
from handlers.flows import AddressState, DraftState, Placing, Step
from handlers.turn import Turn
from handlers.understanding_port import PlaceGuess

RETYPE = Option("button.retype", buttons.Address(AddressChoice.RETRY).pack())


def offer(turn: Turn, guess: PlaceGuess) -> None:
    """Confirm a match with buttons, or offer the closest three, or ask again. A draft can
    always go to the community without a place; an address can be left for later."""
    names = turn.services.understanding.building_name
    placing = turn.state_of(Placing) or AddressState()
    if not isinstance(placing, DraftState):
        turn.ask(placing, Step.CONFIRM)
    placing.detail = guess.detail
    way_out = (
        Option("button.no_place", buttons.Draft(DraftAction.NOWHERE).pack())
        if isinstance(placing, DraftState)
        else Option("button.skip_address", buttons.Address(AddressChoice.SKIP).pack())
    )
    if guess.building_id is not None:
        placing.offered = [guess.building_id]
        turn.say(
            "address.confirm",
            (Option("button.yes", buttons.Address(guess.building_id).pack()), RETYPE),
            name=names(guess.building_id),
            detail=guess.detail or "",
        )
    elif guess.candidates:
        placing.offered = [building_id for building_id, _ in guess.candidates]
        options = tuple(
            Option("button.building", buttons.Address(building_id).pack(), {"name": name})
            for building_id, name in guess.candidates
        )
        turn.say("address.choose", (*options, RETYPE, way_out))
    else:
        turn.say("address.not_found", (way_out,))


def was_offered(turn: Turn, building_id: int) -> bool:
    placing = turn.state_of(Placing)
    return placing is not None and building_id in placing.offered
