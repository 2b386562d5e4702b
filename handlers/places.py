"""Offering a matched building to confirm, or the closest ones to choose from."""

from core.messages import Option
from handlers.turn import Turn
from handlers.understanding import PlaceGuess


def offer(turn: Turn, guess: PlaceGuess) -> None:
    """Confirm a match with buttons, or offer the closest three, or ask again."""
    names = turn.services.understanding.building_name
    if turn.flow != "draft":
        turn.ask("address", "confirm")
    turn.data["detail"] = guess.detail
    if guess.building_id is not None:
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
        options = tuple(
            Option("button.building", f"addr:{building_id}", {"name": name})
            for building_id, name in guess.candidates
        )
        turn.say("address.choose", (*options, Option("button.retype", "addr:retry")))
    else:
        turn.say("address.not_found")
