"""Match the address in a message to a building of the roster.

"幸福家园5号楼2单元301", "幸福家圆五栋", "5#楼", "老干部楼": the community name is
found with rapidfuzz (typos tolerated), the building by its number or an alias,
unit and room by pattern. When several buildings fit and nothing tells them
apart, `building` is None and `candidates` lists the closest three.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from nlp.normalize import normalize

__all__ = ["AddressIndex", "AddressMatch", "BuildingRef", "building_key"]

COMMUNITY_CUTOFF = 72  # partial_ratio of a community name inside the message
CORE_DISCOUNT = 0.9  # a match on the name without 小区/家园... counts a little less
ALIAS_CUTOFF = 80  # partial_ratio of a building alias inside the message
NUMBER_ONLY_SCORE = 0.8  # a building number unique in the roster, no community named
MIN_SCORE = 0.6  # below this the match is uncertain: building None + candidates

_BUILDING = re.compile(r"(\d{1,3}|[A-Za-z])\s*(?:号楼|号院|#楼|#|栋|幢|座|号(?![室房]))")
_UNIT = re.compile(r"(\d{1,2})\s*单元")
_ROOM = re.compile(r"(\d{3,4})\s*(?:室|号|房)?")
_DASHED = re.compile(r"(\d{1,3})-(\d{1,2})-(\d{3,4})")
_GENERIC = re.compile(r"(小区|社区|家园|花园|公寓|新村|大院|苑|园|村|里|城)$")


@dataclass(frozen=True)
class BuildingRef:
    id: int
    name: str
    aliases: tuple[str, ...] = ()
    grid_code: str = ""
    community: str = ""


@dataclass(frozen=True)
class AddressMatch:
    building: BuildingRef | None
    unit: str | None
    room: str | None
    score: float
    candidates: tuple[tuple[BuildingRef, float], ...]


def building_key(name: str) -> str | None:
    """ "5号楼", "五栋", "5#" → "5"; "A座" → "A"; "老干部楼" → None."""
    match = _BUILDING.search(normalize(name))
    return match.group(1).upper() if match else None


def _parse(text: str) -> tuple[str | None, str | None, str | None, int]:
    """(building key, unit, room, end of the building mention or 0)."""
    dashed = _DASHED.search(text)
    if dashed:
        return dashed.group(1), dashed.group(2), dashed.group(3), dashed.end()
    building = _BUILDING.search(text)
    key = building.group(1).upper() if building else None
    after = building.end() if building else 0
    unit_match = _UNIT.search(text, after)
    unit = unit_match.group(1) if unit_match else None
    room_match = (
        _ROOM.search(text, unit_match.end() if unit_match else after)
        if (building or unit_match)
        else None
    )
    return key, unit, room_match.group(1) if room_match else None, after


class AddressIndex:
    def __init__(self, buildings: Sequence[BuildingRef]) -> None:
        self.buildings = tuple(buildings)
        self._by_key: dict[tuple[str, str], list[BuildingRef]] = {}
        self._by_number: dict[str, list[BuildingRef]] = {}
        self._aliases: list[str] = []
        self._alias_owner: list[BuildingRef] = []
        names: dict[str, str] = {}
        for building in self.buildings:
            community = normalize(building.community)
            names.setdefault(community, building.community)
            key = building_key(building.name)
            keys = {k for k in (key, *map(building_key, building.aliases)) if k}
            for k in keys:
                self._by_key.setdefault((building.community, k), []).append(building)
                self._by_number.setdefault(k, []).append(building)
            for alias in [*building.aliases, *([] if key else [building.name])]:
                self._aliases.append(normalize(alias))
                self._alias_owner.append(building)
        self._community_choices: list[str] = []
        self._community_of: list[tuple[str, float]] = []
        for norm, original in names.items():
            if not norm:
                continue
            self._community_choices.append(norm)
            self._community_of.append((original, 1.0))
            core = _GENERIC.sub("", norm)
            if len(core) >= 2 and core != norm:
                self._community_choices.append(core)
                self._community_of.append((original, CORE_DISCOUNT))

    def communities_in(self, text: str) -> dict[str, float]:
        """Communities named in the (normalised) text → score 0..1, best first."""
        found: dict[str, float] = {}
        for _, score, index in process.extract(
            text,
            self._community_choices,
            scorer=fuzz.partial_ratio,
            limit=None,
            score_cutoff=COMMUNITY_CUTOFF,
        ):
            community, factor = self._community_of[index]
            found[community] = max(found.get(community, 0.0), score / 100 * factor)
        if not found:
            return {}
        best = max(found.values())
        return {c: s for c, s in sorted(found.items(), key=lambda cs: -cs[1]) if s >= best - 0.05}

    def _alias_matches(
        self, text: str, communities: dict[str, float]
    ) -> list[tuple[BuildingRef, float]]:
        matches: dict[int, tuple[BuildingRef, float]] = {}
        for _, score, index in process.extract(
            text, self._aliases, scorer=fuzz.partial_ratio, limit=None, score_cutoff=ALIAS_CUTOFF
        ):
            building = self._alias_owner[index]
            if communities and building.community not in communities:
                continue
            weight = communities.get(building.community, NUMBER_ONLY_SCORE)
            if building.id not in matches or matches[building.id][1] < score / 100 * weight:
                matches[building.id] = (building, score / 100 * weight)
        return sorted(matches.values(), key=lambda bs: -bs[1])

    def match(self, text: str) -> AddressMatch:
        norm = normalize(text)
        key, unit, room, _ = _parse(norm)
        communities = self.communities_in(norm)
        found: list[tuple[BuildingRef, float]] = []
        if key is not None:
            if communities:
                found = [
                    (b, s) for c, s in communities.items() for b in self._by_key.get((c, key), [])
                ]
            else:
                found = [(b, NUMBER_ONLY_SCORE) for b in self._by_number.get(key, [])]
        if not found and self._aliases:
            found = self._alias_matches(norm, communities)
        found.sort(key=lambda bs: -bs[1])
        unique = len(found) == 1 or (len(found) > 1 and found[0][1] - found[1][1] >= 0.1)
        if found and unique and found[0][1] >= MIN_SCORE:
            building, score = found[0]
            return AddressMatch(building, unit, room, round(score, 3), tuple(found[:3]))
        score = found[0][1] if found else 0.0
        return AddressMatch(None, unit, room, round(score, 3), tuple(found[:3]))
