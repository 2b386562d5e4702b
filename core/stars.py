"""星级创评: each month every grid branch, member and unit gets a proposed level of one to
five stars — one for taking part, one for each rule of the policy file met — with the reason
for each; admins review and publish. Proposing again gives the same levels for the same
records; a published month stays as it was published."""

from typing import Any

from core.account_figures import assess
from core.account_policy import StarRule
from core.account_ports import AccountUnitOfWork
from core.account_records import StarLevel
from core.assessment import Figures, ScopeKind
from core.context import Context
from core.errors import Refused
from core.periods import Period
from core.records import Person
from core.vocabulary import Role

MAX_LEVEL = 5
STARRED = (ScopeKind.GRID, ScopeKind.MEMBER, ScopeKind.UNIT)


Reasons = tuple[dict[str, Any], ...]


def level_of(figures: Figures, rules: tuple[StarRule, ...]) -> tuple[int, Reasons]:
    reasons = tuple(
        {
            "figure": rule.figure,
            "value": figures.get(rule.figure),
            "at_least": rule.at_least,
            "met": rule.met(figures.get(rule.figure)),
        }
        for rule in rules
    )
    return min(MAX_LEVEL, 1 + sum(1 for r in reasons if r["met"])), reasons


def stars_text(level: int) -> str:
    return "★" * level + "☆" * (MAX_LEVEL - level)


async def proposals(uow: AccountUnitOfWork, ctx: Context, month: Period) -> list[StarLevel]:
    """What the rules give for the month (nothing is stored)."""
    assessment = await assess(uow, ctx, month)
    rules = ctx.accountability.stars
    levels = []
    for scope in assessment.scopes:
        if scope.kind not in STARRED:
            continue
        chosen = rules.grid if scope.kind == ScopeKind.GRID else rules.member
        level, reasons = level_of(assessment.figures[scope.key], chosen)
        levels.append(StarLevel(month.label, scope.kind, scope.key, scope.name, level, reasons))
    return levels


async def propose(
    uow: AccountUnitOfWork, ctx: Context, month: Period, actor: Person | None = None
) -> list[StarLevel]:
    """Store the month's proposals (replacing earlier ones); refused once it is published."""
    _admin(actor)
    async with uow:
        if any(s.published for s in await uow.honours.stars(month.label)):
            raise Refused("refused.stars.published", month=month.label)
    levels = await proposals(uow, ctx, month)
    async with uow:
        await uow.honours.replace_proposals(month.label, levels)
        await uow.commit()
    return levels


async def publish(
    uow: AccountUnitOfWork, ctx: Context, month: Period, actor: Person | None = None
) -> int:
    _admin(actor)
    async with uow:
        if not await uow.honours.stars(month.label):
            raise Refused("refused.stars.none_proposed", month=month.label)
        count = await uow.honours.publish(month.label, actor.id if actor else None)
        await uow.commit()
    return count


async def of_month(uow: AccountUnitOfWork, month: Period) -> list[StarLevel]:
    async with uow:
        return await uow.honours.stars(month.label)


def _admin(actor: Person | None) -> None:
    """The command line (no actor) or an admin."""
    if actor is not None and actor.role != Role.ADMIN:
        raise Refused("refused.stars.not_admin")
