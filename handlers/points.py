"""/points: a member's own ledger, leaderboards for leaders and admins, an admin's correction;
and the hours a member enters after resolving (core/ledger.py)."""

from typing import cast

from core import buttons, ledger
from core.account_ports import AccountUnitOfWork
from core.errors import Refused
from core.messages import Option, t
from core.periods import month_of
from core.points import Standing
from handlers.start import staff
from handlers.turn import Turn

LISTED_LINES = 15
LISTED_PEOPLE = 10


def account_uow(turn: Turn) -> AccountUnitOfWork:
    """The turn's savepoint, with the accountability repositories (db/uow.py has them)."""
    return cast(AccountUnitOfWork, turn.uow())


def hours_options(turn: Turn, request_id: int) -> tuple[Option, ...]:
    return tuple(
        Option("button.hours", buttons.Hours(request_id, value).pack(), {"hours": f"{value:g}"})
        for value in turn.ctx.accountability.hours.choices
    )


async def cmd_points(turn: Turn) -> None:
    person = staff(turn)
    words = turn.incoming.args.split(maxsplit=3)
    month = month_of(turn.ctx.now, turn.ctx.policy.timezone)
    if words and words[0] in ("grid", "网格", "community", "社区"):
        whole = words[0] in ("community", "社区")
        code = words[1] if len(words) > 1 and not whole else None
        board = await ledger.leaderboard(account_uow(turn), turn.ctx, person, month, whole, code)
        _say_board(turn, board, month.label, whole)
        return
    if words and words[0] in ("fix", "更正"):
        await _correct(turn, words[1:])
        return
    standing = await ledger.own_standing(account_uow(turn), turn.ctx, person, month)
    lines = [
        t(
            "points.line",
            line=line.id or "",
            number=line.number,
            rule=t(f"points.rule.{line.rule}"),
            points=f"{line.points:+d}",
            hours=f"{line.hours:g}",
            note=line.note or "",
        )
        for line in standing.lines[-LISTED_LINES:]
    ]
    turn.say(
        "points.mine",
        month=month.label,
        points=standing.points,
        hours=f"{standing.hours:g}",
        lines=lines or t("points.no_lines"),
    )


def _say_board(turn: Turn, board: list[Standing], month: str, whole: bool) -> None:
    rows = [
        t(
            "points.rank",
            rank=index,
            name=standing.name,
            points=standing.points,
            hours=f"{standing.hours:g}",
        )
        for index, standing in enumerate(board[:LISTED_PEOPLE], start=1)
    ]
    scope = t("points.scope.community" if whole else "points.scope.grid")
    turn.say("points.board", month=month, scope=scope, rows=rows or t("points.no_lines"))


async def _correct(turn: Turn, words: list[str]) -> None:
    """``/points fix LINE ±N reason``: an admin's correction, recorded with its reason."""
    person = staff(turn)
    if len(words) < 3 or not words[0].isdigit() or not _signed(words[1]):
        raise Refused("refused.points.fix_usage")
    line = await ledger.correct(
        account_uow(turn), turn.ctx, int(words[0]), person.id, int(words[1]), words[2]
    )
    turn.say("points.corrected", line=words[0], points=f"{line.points:+d}", number=line.number)


def _signed(word: str) -> bool:
    body = word[1:] if word[:1] in "+-" else word
    return body.isascii() and body.isdigit()


async def on_hours(turn: Turn, press: buttons.Hours) -> None:
    person = staff(turn)
    number = await ledger.enter_hours(
        account_uow(turn), turn.ctx, press.request_id, person.id, press.hours
    )
    turn.notify("points.hours_saved", number=number, hours=f"{press.hours:g}")
