"""Members' work: claim from the group, /tasks, progress and resolve notes, release."""

from core import claims, wishes
from core.actions import check_allowed
from core.cards import task_details
from core.clock import pausing
from core.errors import Refused
from core.vocabulary import Action, Status
from core.wish_status import WISH
from handlers import payloads
from handlers.points import account_uow, hours_options
from handlers.start import staff
from handlers.turn import Turn

NOTE_PROMPTS = {
    "progress": "note.ask_progress",
    "resolve": "note.ask_resolve",
    "ask": "note.ask_question",
}
NOTE_ACTIONS = {"progress": Action.PROGRESS, "resolve": Action.RESOLVE, "ask": Action.PAUSE}


async def on_claim(turn: Turn) -> None:
    member = staff(turn)
    request = await claims.claim_request(turn.uow(), turn.ctx, payloads.request_id(turn), member.id)
    turn.notify("claim.ok", number=request.number)


async def cmd_tasks(turn: Turn) -> None:
    member = staff(turn)
    async with turn.uow() as uow:
        mine = await uow.requests.of_claimant(member.id, [Status.CLAIMED])
        details = []
        for request in mine:
            resident = await uow.persons.get(request.resident_id)
            building = (
                await uow.places.building(request.building_id) if request.building_id else None
            )
            details.append(task_details(request, turn.ctx, resident, building))
    if not details:
        turn.say("tasks.none")
    for reply in details:
        turn.replies.append(reply)


async def on_note_button(turn: Turn) -> None:
    member = staff(turn)
    verb = (turn.incoming.payload or "").split(":", 1)[0]
    request = await check_allowed(
        turn.uow(), payloads.request_id(turn), member.id, NOTE_ACTIONS[verb]
    )
    turn.finish()
    turn.ask("note", verb, request_id=request.id, number=request.number)
    turn.say(NOTE_PROMPTS[verb], number=request.number)


async def reprompt(turn: Turn) -> None:
    turn.say(NOTE_PROMPTS[turn.step], number=turn.data.get("number", ""))


async def on_note_text(turn: Turn) -> None:
    member = staff(turn)
    note, photo = turn.incoming.text.strip(), turn.incoming.photo
    request_id = int(turn.data["request_id"])
    if turn.step == "resolve":
        request = await claims.resolve_request(
            turn.uow(), turn.ctx, request_id, member.id, note, photo
        )
        if request.type == WISH:
            await wishes.fulfilled(account_uow(turn), turn.ctx, request.id, photo)
        turn.say("note.resolved", hours_options(turn, request.id), number=request.number)
    elif turn.step == "ask":
        if not note:
            raise Refused("refused.progress.empty")
        request = await pausing.pause_request(turn.uow(), turn.ctx, request_id, member.id, note)
        turn.say("note.asked", number=request.number)
    else:
        request = await claims.report_progress(
            turn.uow(), turn.ctx, request_id, member.id, note, photo
        )
        turn.say("note.saved", number=request.number)
    turn.finish()


async def on_release(turn: Turn) -> None:
    member = staff(turn)
    request = await claims.release_request(
        turn.uow(), turn.ctx, payloads.request_id(turn), member.id
    )
    turn.notify("task.released", number=request.number)
