"""A resident's own requests: /my, confirm or reopen, rate, cancel, /mydata and /forget."""

from core import buttons, closing, intake, onboarding
from core.actions import check_allowed
from core.buttons import ForgetAnswer
from core.cards import excerpt, local_date
from core.clock import pausing
from core.messages import Option, t
from core.vocabulary import Action, Status
from handlers.flows import AnswerState, ForgetState, Step
from handlers.start import known_person
from handlers.turn import Turn

LISTED = 10
EXCERPT = 24
KNOWN_CHANNELS = ("web", "telegram")


async def cmd_my(turn: Turn) -> None:
    person = await known_person(turn)
    async with turn.uow() as uow:
        requests = await uow.requests.of_resident(person.id, limit=LISTED)
    if not requests:
        turn.say("my.none")
        return
    lines = [
        t(
            "my.item_followed" if r.resident_id != person.id else "my.item",
            number=r.number,
            text=excerpt(r.text, EXCERPT, turn.services.understanding.words(r.text)),
            status=t(f"status.{r.status}"),
        )
        for r in requests
    ]
    options: list[Option] = []
    for r in requests:
        if r.resident_id != person.id:
            continue
        if r.status == Status.RESOLVED:
            options += [
                Option("button.fixed_n", buttons.Confirm(r.id).pack(), {"number": r.number}),
                Option("button.not_fixed_n", buttons.Reopen(r.id).pack(), {"number": r.number}),
            ]
        elif r.status in (Status.SUBMITTED, Status.ROUTED):
            cancel = Option("button.cancel_n", buttons.Cancel(r.id).pack(), {"number": r.number})
            options.append(cancel)
    turn.say("my.list", tuple(options), items=lines, count=len(requests))


async def on_confirm(turn: Turn, press: buttons.Confirm) -> None:
    person = await known_person(turn)
    request = await closing.confirm_fixed(turn.uow(), turn.ctx, press.request_id, person.id)
    turn.notify("resident.confirmed", number=request.number)


async def on_reopen(turn: Turn, press: buttons.Reopen) -> None:
    person = await known_person(turn)
    request = await closing.reopen_request(turn.uow(), turn.ctx, press.request_id, person.id)
    turn.notify("resident.reopened", number=request.number)


async def on_rate(turn: Turn, press: buttons.Rate) -> None:
    person = await known_person(turn)
    await closing.rate_request(turn.uow(), turn.ctx, press.request_id, person.id, press.stars)


async def on_cancel(turn: Turn, press: buttons.Cancel) -> None:
    person = await known_person(turn)
    request = await intake.cancel_request(turn.uow(), turn.ctx, press.request_id, person.id)
    turn.notify("resident.cancelled", number=request.number)


async def cmd_mydata(turn: Turn) -> None:
    """What is stored about the sender: accounts, address, phone, requests."""
    person = await known_person(turn)
    async with turn.uow() as uow:
        identities = await uow.persons.identities(person.id)
        building = await uow.places.building(person.building_id) if person.building_id else None
        requests = await uow.requests.filed_by(person.id)
    none = t("mydata.none")
    channels = [_channel_name(c) for c in dict.fromkeys(i.channel for i in identities)]
    address = " ".join(p for p in (building.name if building else "", person.address_detail) if p)
    shared = "mydata.phone_shared" if person.share_phone else "mydata.phone_private"
    phone = t(shared, phone=person.phone) if person.phone else none
    items = [
        t(
            "mydata.request",
            number=r.number,
            date=local_date(r.created_at, turn.ctx),
            status=t(f"status.{r.status}"),
        )
        for r in requests
    ]
    turn.say(
        "mydata.summary",
        name=person.name or none,
        identities=channels or none,
        address=address or none,
        phone=phone,
        count=len(requests),
        requests=items or none,
    )


def _channel_name(channel: str) -> object:
    return t(f"mydata.channel.{channel}") if channel in KNOWN_CHANNELS else channel


async def cmd_forget(turn: Turn) -> None:
    await known_person(turn)
    turn.ask(ForgetState(), Step.CONFIRM)
    turn.say(
        "forget.confirm",
        (
            Option("button.forget_yes", buttons.Forget(ForgetAnswer.YES).pack()),
            Option("button.forget_no", buttons.Forget(ForgetAnswer.NO).pack()),
        ),
    )


async def on_forget_button(turn: Turn, press: buttons.Forget) -> None:
    person = await known_person(turn)
    turn.finish()
    if press.answer is not ForgetAnswer.YES:
        turn.say("dialog.cancelled")
        return
    await onboarding.forget_person(turn.uow(), turn.ctx, person.id)
    turn.person = None
    turn.say("forget.done")


async def on_answer_button(turn: Turn, press: buttons.Answer) -> None:
    """The resident is about to answer a member's question; the clock waits for them."""
    person = await known_person(turn)
    request = await check_allowed(turn.uow(), press.request_id, person.id, Action.RESUME)
    turn.ask(AnswerState(request.id, request.number), Step.TEXT)
    turn.say("answer.ask", number=request.number)


async def on_answer_text(turn: Turn) -> None:
    person = await known_person(turn)
    answer = turn.incoming.text.strip()
    asked = turn.expect(AnswerState)
    if not answer:
        turn.say("answer.ask", number=asked.number)
        return
    await pausing.resume_request(turn.uow(), turn.ctx, asked.request_id, person.id, answer)
    turn.finish()
    turn.say("answer.sent")


async def reprompt_answer(turn: Turn) -> None:
    turn.say("answer.ask", number=turn.expect(AnswerState).number)


async def answer_only_question(turn: Turn, text: str) -> bool:
    """A plain message is the answer when a member's question (问居民) is the only one
    waiting for this resident: nobody should have to find the 回复 button first."""
    person = await known_person(turn)
    async with turn.uow() as uow:
        mine = await uow.requests.of_resident(person.id)
    waiting = [r for r in mine if r.resident_id == person.id and r.paused_at is not None]
    if len(waiting) != 1:
        return False
    request = await pausing.resume_request(turn.uow(), turn.ctx, waiting[0].id, person.id, text)
    turn.say("answer.sent_to", number=request.number)
    return True
