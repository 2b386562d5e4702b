"""The accountability rules a community sets in its policy file (YAML, read by ``bot/``):
points per action, service hours, wishes' time limits, and what earns a star.

The shipped defaults are ``bot/data/accountability.yaml`` (the same values as below)::

    points: {claim: 1, resolve_on_time: 3, resolve_late: 1, good_rating: 2,
             wish_fulfilled: 5, late_release: -2, reopened: -3}
    hours: {default: 1.0, categories: {care: 2.0}, choices: [0.5, 1, 2, 4]}
    wishes: {claim_days: 7, fulfil_days: 7, shown_days: 30}
    stars:
      grid:   [{figure: response_rate, at_least: 0.9}, …]
      member: [{figure: points, at_least: 10}, …]
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

RULES = (
    "claim",
    "resolve_on_time",
    "resolve_late",
    "good_rating",
    "wish_fulfilled",
    "late_release",
    "reopened",
)
# What a star rule may read: the rates (core/rates.py) and the accountability figures.
FIGURES = frozenset(
    {
        "response_rate",
        "resolution_rate",
        "satisfaction_rate",
        "on_time_rate",
        "reopen_rate",
        "total",
        "solved",
        "points",
        "hours",
        "wishes_fulfilled",
        "promises_kept",
    }
)
LOWER_IS_BETTER = frozenset({"reopen_rate"})


class AccountPolicyError(ValueError):
    """The policy file is wrong; the message names the entry."""


@dataclass(frozen=True, slots=True)
class PointRules:
    claim: int = 1
    resolve_on_time: int = 3
    resolve_late: int = 1
    good_rating: int = 2
    wish_fulfilled: int = 5
    late_release: int = -2
    reopened: int = -3

    def of(self, rule: str) -> int:
        return int(getattr(self, rule))


@dataclass(frozen=True, slots=True)
class HourRules:
    default: float = 1.0
    categories: Mapping[str, float] = field(default_factory=lambda: {"care": 2.0})
    choices: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)

    def for_category(self, category: str) -> float:
        return float(self.categories.get(category, self.default))


@dataclass(frozen=True, slots=True)
class WishRules:
    claim_days: float = 7.0  # 待认领 this long at most
    fulfil_days: float = 7.0  # 认领后7日内完成
    shown_days: float = 30.0  # a fulfilled wish stays on the wall this long


@dataclass(frozen=True, slots=True)
class StarRule:
    """One star: ``figure`` reaches ``at_least`` (for the reopen rate: stays at or under it)."""

    figure: str
    at_least: float

    def met(self, value: float | int | None) -> bool:
        if value is None:
            return False
        if self.figure in LOWER_IS_BETTER:
            return value <= self.at_least
        return value >= self.at_least


def _grid_stars() -> tuple[StarRule, ...]:
    return (
        StarRule("response_rate", 0.9),
        StarRule("resolution_rate", 0.85),
        StarRule("satisfaction_rate", 0.9),
        StarRule("wishes_fulfilled", 1),
    )


def _member_stars() -> tuple[StarRule, ...]:
    return (
        StarRule("points", 10),
        StarRule("on_time_rate", 0.9),
        StarRule("satisfaction_rate", 0.9),
        StarRule("promises_kept", 1),
    )


@dataclass(frozen=True, slots=True)
class StarRules:
    """A level is one star for taking part, plus one for each rule met, at most five."""

    grid: tuple[StarRule, ...] = field(default_factory=_grid_stars)
    member: tuple[StarRule, ...] = field(default_factory=_member_stars)


@dataclass(frozen=True, slots=True)
class Accountability:
    points: PointRules = field(default_factory=PointRules)
    hours: HourRules = field(default_factory=HourRules)
    wishes: WishRules = field(default_factory=WishRules)
    stars: StarRules = field(default_factory=StarRules)


def parse_accountability(data: Mapping[str, Any] | None) -> Accountability:
    data = _mapping(data or {}, "")
    unknown = set(data) - {"points", "hours", "wishes", "stars"}
    if unknown:
        raise AccountPolicyError(f"{sorted(unknown)[0]}: not a section of the policy file")
    points = _numbers(_mapping(data.get("points") or {}, "points"), PointRules, "points", int)
    hours = _hours(_mapping(data.get("hours") or {}, "hours"))
    wishes = _numbers(_mapping(data.get("wishes") or {}, "wishes"), WishRules, "wishes", float)
    stars = _mapping(data.get("stars") or {}, "stars")
    defaults = {"grid": _grid_stars(), "member": _member_stars()}
    chosen = {
        kind: _star_list(stars[kind], f"stars.{kind}") if kind in stars else rules
        for kind, rules in defaults.items()
    }
    star_rules = StarRules(grid=chosen["grid"], member=chosen["member"])
    return Accountability(points, hours, wishes, star_rules)


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise AccountPolicyError(f"{where or 'the file'}: expected a mapping")
    return value


def _number(value: Any, where: str, kind: type) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AccountPolicyError(f"{where}: expected a number, got {value!r}")
    if kind is int and value != int(value):
        raise AccountPolicyError(f"{where}: expected a whole number, got {value!r}")
    return kind(value)


def _numbers(data: Mapping[str, Any], cls: type, where: str, kind: type) -> Any:
    names = {f.name for f in fields(cls)}
    for name in data:
        if name not in names:
            raise AccountPolicyError(f"{where}.{name}: unknown (known: {', '.join(sorted(names))})")
    return cls(**{name: _number(value, f"{where}.{name}", kind) for name, value in data.items()})


def _hours(data: Mapping[str, Any]) -> HourRules:
    base = HourRules()
    unknown = set(data) - {"default", "categories", "choices"}
    if unknown:
        raise AccountPolicyError(f"hours.{sorted(unknown)[0]}: unknown")
    categories = _mapping(data.get("categories", base.categories), "hours.categories")
    choices = data.get("choices", list(base.choices))
    if not isinstance(choices, list) or not choices:
        raise AccountPolicyError("hours.choices: expected a list of hours")
    return HourRules(
        default=_number(data.get("default", base.default), "hours.default", float),
        categories={
            str(code): _number(value, f"hours.categories.{code}", float)
            for code, value in categories.items()
        },
        choices=tuple(_number(v, "hours.choices", float) for v in choices),
    )


def _star_list(value: Any, where: str) -> tuple[StarRule, ...]:
    if not isinstance(value, list):
        raise AccountPolicyError(f"{where}: expected a list of rules")
    rules = []
    for index, entry in enumerate(value):
        entry = _mapping(entry, f"{where}[{index}]")
        figure = entry.get("figure")
        if figure not in FIGURES:
            known = ", ".join(sorted(FIGURES))
            raise AccountPolicyError(f"{where}[{index}].figure: {figure!r} (known: {known})")
        threshold = _number(entry.get("at_least"), f"{where}[{index}].at_least", float)
        rules.append(StarRule(str(figure), threshold))
    if len(rules) > 4:
        raise AccountPolicyError(f"{where}: at most four rules (one star is for taking part)")
    return tuple(rules)
