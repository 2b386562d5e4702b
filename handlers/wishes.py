"""/wishes: the wish wall in chat (认领心愿 for members and unit representatives), and the
resident's side of a fulfilled wish: may the wall show its photo, and a word of thanks."""

from core import buttons, wishes
from core.messages import Option, t
from core.vocabulary import Role
from core.wish_status import WishState
from handlers.flows import Step, ThanksState
from handlers.points import account_uow
from handlers.start import known_person
from handlers.turn import Turn

LISTED = 10
CLAIMERS = (Role.MEMBER, Role.LEADER, Role.UNIT)


async def cmd_wishes(turn: Turn) -> None:
    person = await known_person(turn)
    wall = await wishes.wall(account_uow(turn), turn.ctx)
    shown = [w for w in wall.wishes if w.state != WishState.FULFILLED][:LISTED]
    done = [w for w in wall.wishes if w.state == WishState.FULFILLED][:LISTED]
    if not shown and not done:
        turn.say("wish.wall_empty")
        return
    options: tuple[Option, ...] = ()
    if person.role in CLAIMERS:
        options = tuple(
            Option(
                "button.wish_claim", buttons.WishClaim(w.request_id).pack(), {"number": w.number}
            )
            for w in shown
            if w.state == WishState.WAITING
        )
    turn.say(
        "wish.wall",
        options,
        waiting=[_item(w) for w in shown] or t("wish.none_open"),
        fulfilled=[_item(w) for w in done] or t("wish.none_fulfilled"),
    )


def _item(wish: wishes.WallWish) -> dict[str, object]:
    return t(
        f"wish.item.{wish.state}",
        number=wish.number,
        grid=wish.grid,
        resident=wish.resident,
        text=wish.text,
        claimant=wish.claimant,
        due=wish.due or "—",
        overdue=t("wish.overdue") if wish.overdue else "",
        thanks=wish.thanks or "—",
    )


async def on_claim(turn: Turn, press: buttons.WishClaim) -> None:
    person = await known_person(turn)
    request = await wishes.claim_wish(account_uow(turn), turn.ctx, press.request_id, person.id)
    turn.notify("wish.claimed", number=request.number)


async def on_show(turn: Turn, press: buttons.WishShow) -> None:
    person = await known_person(turn)
    public = press.public
    request = await wishes.consent(account_uow(turn), turn.ctx, press.request_id, person.id, public)
    turn.notify("wish.photo_shown" if public else "wish.photo_hidden", number=request.number)


async def on_thanks_button(turn: Turn, press: buttons.WishThanks) -> None:
    await known_person(turn)
    turn.ask(ThanksState(press.request_id), Step.TEXT)
    turn.say("wish.ask_thanks_text")


async def on_thanks_text(turn: Turn) -> None:
    person = await known_person(turn)
    request = await wishes.thank(
        account_uow(turn),
        turn.ctx,
        turn.expect(ThanksState).request_id,
        person.id,
        turn.incoming.text,
    )
    turn.finish()
    turn.say("wish.thanks_saved", number=request.number)


async def reprompt_thanks(turn: Turn) -> None:
    turn.say("wish.ask_thanks_text")
