"""Members' work: claim from the group, /tasks, progress and resolve notes, release."""

from core import buttons, claims, wishes
from core.actions import check_allowed
from core.cards import task_details
from core.clock import pausing
from core.errors import Refused
from core.vocabulary import Action, Status
from core.wish_status import WISH
from handlers.flows import NoteState, Step
from handlers.points import account_uow, hours_options
from handlers.start import staff
from handlers.turn import Turn

NOTE_PROMPTS = {
    Step.PROGRESS: "note.ask_progress",
    Step.RESOLVE: "note.ask_resolve",
    Step.ASK: "note.ask_question",
}
NOTE_ACTIONS = {
    Step.PROGRESS: Action.PROGRESS,
    Step.RESOLVE: Action.RESOLVE,
    Step.ASK: Action.PAUSE,
}
NotePress = buttons.Progress | buttons.Resolve | buttons.Ask


async def on_claim(turn: Turn, press: buttons.Claim) -> None:
    member = staff(turn)
    request = await claims.claim_request(turn.uow(), turn.ctx, press.request_id, member.id)
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


async def on_note_button(turn: Turn, press: NotePress) -> None:
    member = staff(turn)
    step = Step(press.prefix)
    request = await check_allowed(turn.uow(), press.request_id, member.id, NOTE_ACTIONS[step])
    turn.ask(NoteState(request.id, request.number), step)
    turn.say(NOTE_PROMPTS[step], number=request.number)


async def reprompt(turn: Turn) -> None:
    turn.say(NOTE_PROMPTS[turn.step], number=turn.expect(NoteState).number)


async def on_note_text(turn: Turn) -> None:
    member = staff(turn)
    note, photo = turn.incoming.text.strip(), turn.incoming.photo
    request_id = turn.expect(NoteState).request_id
    if turn.step == Step.RESOLVE:
        request = await claims.resolve_request(
            turn.uow(), turn.ctx, request_id, member.id, note, photo
        )
        if request.type == WISH:
            await wishes.fulfilled(account_uow(turn), turn.ctx, request.id, photo)
        turn.say("note.resolved", hours_options(turn, request.id), number=request.number)
    elif turn.step == Step.ASK:
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


async def on_release(turn: Turn, press: buttons.Release) -> None:
    member = staff(turn)
    request = await claims.release_request(turn.uow(), turn.ctx, press.request_id, member.id)
    turn.notify("task.released", number=request.number)
