"""/promise: a member or unit states a public commitment (亮承诺) and its period; /promise
lists one's own with the record of tasks beside each; leaders mark ended ones kept or not
(/promise review)."""

from core import buttons, promises
from core.account_records import Promise
from core.messages import Option, t
from handlers.flows import PromiseState, Step
from handlers.points import account_uow
from handlers.start import staff
from handlers.turn import Turn

REVIEW_WORDS = ("review", "评诺")


async def cmd_promise(turn: Turn) -> None:
    person = staff(turn)
    text = turn.incoming.args
    if text in REVIEW_WORDS:
        await _review(turn)
        return
    if text:
        turn.ask(PromiseState(text), Step.SPAN)
        turn.say("promise.ask_span", span_options(), text=text)
        return
    mine = await promises.of_person(account_uow(turn), person.id)
    if not mine:
        turn.say("promise.none")
        return
    items = [await _item(turn, p, person.name) for p in mine]
    turn.say("promise.list", items=items)


async def _item(turn: Turn, promise: Promise, name: str) -> dict[str, object]:
    record = await promises.record_of(account_uow(turn), turn.ctx, promise)
    return t(
        "promise.item",
        name=name,
        text=promise.text,
        first=promise.first_day.isoformat(),
        last=promise.last_day.isoformat(),
        status=t(f"promise.status.{promise.status}"),
        resolved=record.resolved,
        on_time=record.on_time,
        wishes=record.wishes,
    )


def span_options() -> tuple[Option, ...]:
    return tuple(
        Option(f"button.promise_{s}", buttons.PromiseSpan(s).pack()) for s in promises.SPANS
    )


async def on_span(turn: Turn, press: buttons.PromiseSpan) -> None:
    person = staff(turn)
    state = turn.state_of(PromiseState)
    if state is None:
        turn.notify("refused.stale_button")
        return
    promise = await promises.make_promise(
        account_uow(turn), turn.ctx, person, state.text, press.span
    )
    turn.finish()
    turn.say("promise.made", text=promise.text, last=promise.last_day.isoformat())


async def reprompt(turn: Turn) -> None:
    turn.say("promise.ask_span", span_options(), text=turn.expect(PromiseState).text)


async def _review(turn: Turn) -> None:
    reviewer = staff(turn)
    ended = await promises.to_review(account_uow(turn), turn.ctx, reviewer)
    if not ended:
        turn.say("promise.none_to_review")
        return
    for promise, owner in ended:
        options = (
            Option("button.promise_kept", buttons.PromiseMark(promise.id, True).pack()),
            Option("button.promise_not_kept", buttons.PromiseMark(promise.id, False).pack()),
        )
        turn.say("promise.review_item", options, item=await _item(turn, promise, owner.name))


async def on_mark(turn: Turn, press: buttons.PromiseMark) -> None:
    reviewer = staff(turn)
    promise = await promises.mark(
        account_uow(turn), turn.ctx, press.promise_id, reviewer, press.kept
    )
    turn.notify("promise.marked", text=promise.text, status=t(f"promise.status.{promise.status}"))
