"""Offering a matched building to confirm, or the closest ones to choose from.

Only a building the bot offered may be chosen: the offered ids stay in the dialog state,
and a button naming any other (a forged ``addr:`` payload) is refused.
"""

from core.messages import Option
from handlers.turn import Turn
from handlers.understanding_port import PlaceGuess


def offer(turn: Turn, guess: PlaceGuess) -> None:
    """Confirm a match with buttons, or offer the closest three, or ask again. A draft can
    always go to the community without a place; an address can be left for later."""
    names = turn.services.understanding.building_name
    if turn.flow != "draft":
        turn.ask("address", "confirm")
    turn.data["detail"] = guess.detail
    way_out = (
        Option("button.no_place", "draft:nowhere")
        if turn.flow == "draft"
        else Option("button.skip_address", "addr:skip")
    )
    if guess.building_id is not None:
        turn.data["offered"] = [guess.building_id]
        turn.say(
            "address.confirm",
            (
                Option("button.yes", f"addr:{guess.building_id}"),
                Option("button.retype", "addr:retry"),
            ),
            name=names(guess.building_id),
            detail=guess.detail or "",
        )
    elif guess.candidates:
        turn.data["offered"] = [building_id for building_id, _ in guess.candidates]
        options = tuple(
            Option("button.building", f"addr:{building_id}", {"name": name})
            for building_id, name in guess.candidates
        )
        turn.say("address.choose", (*options, Option("button.retype", "addr:retry"), way_out))
    else:
        turn.say("address.not_found", (way_out,))


def was_offered(turn: Turn, building_id: int) -> bool:
    return building_id in turn.data.get("offered", [])
