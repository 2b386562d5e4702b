"""The one state machine for requests: who may do what, from which status, to which status."""

from dataclasses import dataclass, replace
from enum import StrEnum

from core.errors import Refused
from core.messages import t
from core.records import Person, Request
from core.vocabulary import (
    CLAIMABLE_STATUSES,
    LEVEL_LADDER,
    OPEN_STATUSES,
    Action,
    Level,
    Role,
    Status,
)
from core.wish_status import WISH


class Party(StrEnum):
    """How an actor stands towards one request."""

    FILER = "filer"
    RESIDENT = "resident"
    CLAIMANT = "claimant"
    HANDLER = "handler"
    LEADER = "leader"
    ADMIN = "admin"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Rule:
    sources: frozenset[Status]
    target: Status | None
    parties: frozenset[Party]


def _rule(sources: frozenset[Status] | set[Status], target: Status | None, *parties: Party) -> Rule:
    return Rule(frozenset(sources), target, frozenset(parties))


S = Status
P = Party
RULES: dict[Action, Rule] = {
    Action.ROUTE: _rule({S.SUBMITTED}, S.ROUTED, P.SYSTEM, P.ADMIN),
    Action.CLAIM: _rule(CLAIMABLE_STATUSES, S.CLAIMED, P.HANDLER),
    Action.ASSIGN: _rule(CLAIMABLE_STATUSES | {S.CLAIMED}, S.CLAIMED, P.LEADER, P.ADMIN),
    Action.RELEASE: _rule({S.CLAIMED}, S.ROUTED, P.CLAIMANT, P.LEADER, P.ADMIN, P.SYSTEM),
    Action.PROGRESS: _rule({S.CLAIMED}, None, P.CLAIMANT),
    Action.RESOLVE: _rule({S.CLAIMED}, S.RESOLVED, P.CLAIMANT, P.LEADER, P.ADMIN),
    Action.CONFIRM: _rule({S.RESOLVED}, S.CLOSED, P.FILER),
    Action.REOPEN: _rule({S.RESOLVED}, S.REOPENED, P.FILER),
    Action.AUTO_CLOSE: _rule({S.RESOLVED}, S.CLOSED, P.SYSTEM),
    Action.CLOSE_UNFIXED: _rule(OPEN_STATUSES | {S.RESOLVED}, S.CLOSED, P.LEADER, P.ADMIN),
    Action.ESCALATE: _rule(OPEN_STATUSES, S.ESCALATED, P.LEADER, P.ADMIN, P.SYSTEM),
    Action.REJECT: _rule(
        {S.SUBMITTED, S.ROUTED, S.REOPENED, S.ESCALATED}, S.REJECTED, P.LEADER, P.ADMIN
    ),
    Action.MERGE: _rule(
        {S.SUBMITTED, S.ROUTED, S.REOPENED, S.ESCALATED}, S.MERGED, P.LEADER, P.ADMIN
    ),
    Action.CANCEL: _rule({S.SUBMITTED, S.ROUTED, S.ESCALATED}, S.CANCELLED, P.FILER),
    Action.RECATEGORISE: _rule(OPEN_STATUSES, None, P.LEADER, P.ADMIN),
    Action.RATE: _rule({S.CLOSED}, None, P.FILER),
    Action.FOLLOW: _rule(OPEN_STATUSES, None, P.RESIDENT),
    Action.PAUSE: _rule({S.CLAIMED}, None, P.CLAIMANT, P.LEADER, P.ADMIN),
    Action.RESUME: _rule({S.CLAIMED}, None, P.FILER, P.CLAIMANT, P.LEADER, P.ADMIN, P.SYSTEM),
    Action.DISPATCH: _rule(CLAIMABLE_STATUSES, S.ESCALATED, P.ADMIN),
}


def parties_of(actor: Person | None, request: Request, community_id: int | None) -> set[Party]:
    """Every way ``actor`` stands towards ``request``; ``None`` is the system itself."""
    if actor is None:
        return {Party.SYSTEM}
    if not actor.active:  # deactivated: what any resident may do, no more
        actor = replace(actor, role=Role.RESIDENT)
    parties: set[Party] = set()
    if actor.id == request.resident_id:
        parties.add(Party.FILER)
    elif actor.role == Role.RESIDENT and _neighbour(actor, request):
        parties.add(Party.RESIDENT)
    if request.claimant_id is not None and actor.id == request.claimant_id:
        parties.add(Party.CLAIMANT)
    in_grid = request.grid_id is not None and actor.grid_id == request.grid_id
    is_admin = actor.role == Role.ADMIN and actor.community_id == community_id
    if actor.role == Role.LEADER and in_grid:
        parties.add(Party.LEADER)
    if is_admin:
        parties.add(Party.ADMIN)
    if _may_handle(actor, request, in_grid, is_admin, community_id):
        parties.add(Party.HANDLER)
    return parties


def _neighbour(actor: Person, request: Request) -> bool:
    """A resident of the same grid: only they may follow ("me too") a request."""
    return request.grid_id is not None and actor.grid_id == request.grid_id


def _may_handle(
    actor: Person, request: Request, in_grid: bool, is_admin: bool, community_id: int | None
) -> bool:
    in_community = community_id is not None and actor.community_id == community_id
    if request.type == WISH and actor.role == Role.UNIT and in_community:
        return True  # a co-building unit's representative may take up any micro-wish
    if request.level == Level.GRID:
        return in_grid and actor.role in (Role.MEMBER, Role.LEADER)
    if request.level == Level.COMMUNITY:
        return is_admin
    dispatched_to = request.unit_id is not None and actor.unit_id == request.unit_id
    return is_admin or (actor.role == Role.UNIT and in_community and dispatched_to)


def authorize(
    action: Action, request: Request, actor: Person | None, community_id: int | None
) -> Status:
    """The status ``action`` leads to, or :class:`Refused` saying why it may not happen."""
    rule = RULES[action]
    if not parties_of(actor, request, community_id) & rule.parties:
        raise Refused(f"refused.who.{action}", number=request.number)
    if request.status not in rule.sources:
        raise Refused(
            "refused.state",
            number=request.number,
            status=t(f"status.{request.status}"),
            action=t(f"action.{action}"),
        )
    return rule.target or request.status


def next_level(level: Level) -> Level | None:
    index = LEVEL_LADDER.index(level)
    return LEVEL_LADDER[index + 1] if index + 1 < len(LEVEL_LADDER) else None


def release_target(level: Level) -> Status:
    """A released claim goes back to whoever held the request before it was claimed."""
    return Status.ROUTED if level == Level.GRID else Status.ESCALATED
