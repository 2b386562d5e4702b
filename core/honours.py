"""What a group card's footer shows of accountability: the grid branch's published star level
and, once someone claimed it, the claimant's published level and running promise (亮承诺)."""

from typing import Any, cast

from core.account_ports import AccountUnitOfWork
from core.messages import t
from core.ports import UnitOfWork
from core.promises import OPEN
from core.records import Person, Request
from core.stars import stars_text


async def card_footer(
    uow: UnitOfWork, request: Request, claimant: Person | None, today_iso: str
) -> dict[str, Any] | str:
    """``t("card.footer", …)`` with a line per honour, or "" when there is none."""
    account = cast(AccountUnitOfWork, uow)
    grid = await uow.places.grid(request.grid_id) if request.grid_id else None
    keys = [grid.code] if grid else []
    if claimant:
        keys.append(f"person:{claimant.id}")
    levels = await account.honours.latest_published(keys)
    lines: list[dict[str, Any]] = []
    if grid and grid.code in levels:
        level = levels[grid.code]
        lines.append(
            t("card.footer_grid", grid=grid.name, stars=stars_text(level.level), month=level.month)
        )
    if claimant and f"person:{claimant.id}" in levels:
        level = levels[f"person:{claimant.id}"]
        lines.append(t("card.footer_member", name=claimant.name, stars=stars_text(level.level)))
    if claimant:
        promises = await account.honours.promises([claimant.id])
        running = [
            p
            for p in promises
            if p.status == OPEN and p.first_day.isoformat() <= today_iso <= p.last_day.isoformat()
        ]
        if running:
            lines.append(t("card.footer_promise", name=claimant.name, text=running[-1].text))
    return t("card.footer", lines=lines) if lines else ""
