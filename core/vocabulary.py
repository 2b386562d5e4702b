"""The words of the domain: request statuses, actions, roles and levels."""

from enum import StrEnum


class Status(StrEnum):
    SUBMITTED = "submitted"
    ROUTED = "routed"
    CLAIMED = "claimed"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"
    ESCALATED = "escalated"
    REJECTED = "rejected"
    MERGED = "merged"
    CANCELLED = "cancelled"


OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.ROUTED, Status.CLAIMED, Status.REOPENED, Status.ESCALATED}
)
CLAIMABLE_STATUSES = frozenset({Status.ROUTED, Status.REOPENED, Status.ESCALATED})


class Action(StrEnum):
    SUBMIT = "submit"
    ROUTE = "route"
    CLAIM = "claim"
    ASSIGN = "assign"
    RELEASE = "release"
    PROGRESS = "progress"
    RESOLVE = "resolve"
    CONFIRM = "confirm"
    REOPEN = "reopen"
    AUTO_CLOSE = "auto_close"
    CLOSE_UNFIXED = "close_unfixed"
    ESCALATE = "escalate"
    REJECT = "reject"
    MERGE = "merge"
    CANCEL = "cancel"
    RECATEGORISE = "recategorise"
    RATE = "rate"
    FOLLOW = "follow"
    REMIND = "remind"
    BREACH = "breach"
    PAUSE = "pause"
    RESUME = "resume"
    DISPATCH = "dispatch"


class Role(StrEnum):
    RESIDENT = "resident"
    MEMBER = "member"
    LEADER = "leader"
    ADMIN = "admin"
    UNIT = "unit"


class Level(StrEnum):
    """Who holds a request: the grid, the community's 大党委, a co-building unit."""

    GRID = "grid"
    COMMUNITY = "community"
    UNIT = "unit"


LEVEL_LADDER = (Level.GRID, Level.COMMUNITY, Level.UNIT)


class Outcome(StrEnum):
    FIXED = "fixed"
    NOT_FIXED = "not_fixed"
    NO_ANSWER = "no_answer"


MEMBER_POSTS = (
    "信息收集员",
    "环境卫生员",
    "治安巡逻员",
    "纠纷调解员",
    "政策宣传员",
    "文体活动员",
    "爱心帮扶员",
    "纪律监督员",
)
