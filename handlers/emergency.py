"""An emergency typed at any prompt (an address, a note, a reason, an answer) is filed at
once, as from a fresh message: the hotline, the leader's alert. The interrupted dialog
keeps its state and resumes."""

from handlers import report_issue
from handlers.flows import DraftState
from handlers.start import known_person
from handlers.turn import Turn


async def file_if_urgent(turn: Turn) -> bool:
    """File the typed text as its own urgent request if it reads as an emergency."""
    text = turn.incoming.text.strip()
    if not text or not turn.flow:
        return False
    understanding = turn.services.understanding
    understood = understanding.classify(text)
    if not understood.urgent:
        return False
    person = await known_person(turn)
    place = understanding.match_address(text)
    draft = DraftState(
        text=report_issue.kept_text(turn, text),
        photos=[turn.incoming.photo] if turn.incoming.photo else [],
        building_id=place.building_id or person.building_id,
        detail=place.detail,
    )
    report_issue.keep_understood(draft, understood)
    await report_issue.file_draft(turn, draft)
    return True
