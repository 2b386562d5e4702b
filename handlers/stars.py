"""/stars: admins propose a month's star levels, read the reasons, publish them; everyone on
the roster sees the published levels of their grid and their own (core/stars.py)."""

from core import buttons, stars
from core.account_records import StarLevel
from core.errors import Refused
from core.messages import Option, t
from core.periods import PeriodError, month, month_of
from core.reports import shown
from core.vocabulary import Role
from handlers.points import account_uow
from handlers.start import staff
from handlers.turn import Turn

LISTED = 20


def _month(turn: Turn, text: str) -> str:
    tz = turn.ctx.policy.timezone
    try:
        return (month(text, tz) if text else month_of(turn.ctx.now, tz)).label
    except PeriodError as error:
        raise Refused("refused.period", given=error.given) from None


def level_item(level: StarLevel) -> dict[str, object]:
    reasons = [
        t(
            "stars.reason_met" if r["met"] else "stars.reason_missed",
            figure=t(f"report.col.{r['figure']}"),
            value=shown(r["figure"], r["value"]),
            at_least=shown(r["figure"], r["at_least"]),
        )
        for r in level.reasons
    ]
    return t(
        "stars.item",
        name=level.name,
        scope=t(f"report.scope.{level.scope}"),
        stars=stars.stars_text(level.level),
        reasons=reasons,
    )


async def cmd_stars(turn: Turn) -> None:
    person = staff(turn)
    label = _month(turn, turn.incoming.args)
    period = month(label, turn.ctx.policy.timezone)
    if person.role != Role.ADMIN:
        levels = [s for s in await stars.of_month(account_uow(turn), period) if s.published]
        mine = {f"person:{person.id}"}
        grid = await _grid_code(turn, person.grid_id)
        shown_levels = [s for s in levels if s.subject_key in mine or s.subject_key == grid]
        if not shown_levels:
            turn.say("stars.none_published", month=label)
            return
        turn.say("stars.list", month=label, items=[level_item(s) for s in shown_levels])
        return
    levels = await stars.propose(account_uow(turn), turn.ctx, period, person)
    turn.say(
        "stars.proposed",
        (Option("button.stars_publish", buttons.StarsPublish(label).pack()),),
        month=label,
        items=[level_item(s) for s in levels[:LISTED]],
        count=len(levels),
    )


async def _grid_code(turn: Turn, grid_id: int | None) -> str:
    if grid_id is None:
        return ""
    async with turn.uow() as uow:
        grid = await uow.places.grid(grid_id)
    return grid.code if grid else ""


async def on_publish(turn: Turn, press: buttons.StarsPublish) -> None:
    person = staff(turn)
    period = month(_month(turn, press.month), turn.ctx.policy.timezone)
    count = await stars.publish(account_uow(turn), turn.ctx, period, person)
    turn.notify("stars.published", month=period.label, count=count)
