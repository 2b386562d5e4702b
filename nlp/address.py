"""Match the address in a message to a building of the roster.

"幸福家园5号楼2单元301", "幸福家圆五栋", "5#楼", "老干部楼": the community name is
found with rapidfuzz (typos tolerated), the building by its number or an alias,
unit and room by pattern. When several buildings fit and nothing tells them
apart, `building` is None and `candidates` lists the closest three; a number the
named community does not have gives its buildings with the nearest numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from nlp.normalize import DIGIT_OF, normalize

__all__ = ["AddressIndex", "AddressMatch", "BuildingRef", "building_key"]

COMMUNITY_CUTOFF = 72  # partial_ratio of a community name inside the message
CORE_DISCOUNT = 0.9  # a match on the name without 小区/家园... counts a little less
ALIAS_CUTOFF = 80  # partial_ratio of a building alias inside the message
TYPO_MIN_LEN = 4  # aliases this long also match with one wrong inner character
NUMBER_ONLY_SCORE = 0.8  # a building number unique in the roster, no community named
NEAREST_SCORE = 0.5  # a building number one away from a number the community lacks
MIN_SCORE = 0.6  # below this the match is uncertain: building None + candidates

_BUILDING = re.compile(r"(\d{1,3}|[A-Za-z])\s*(号楼|号院|#楼|#|栋|幢|座|号(?![室房]))")
_UNIT = re.compile(r"(\d{1,2})\s*单元")
_ROOM = re.compile(r"(\d{3,4})\s*(?:室|号|房)?")
_DASHED = re.compile(r"(\d{1,3})-(\d{1,2})-(\d{3,4})")
_GENERIC = re.compile(r"(小区|社区|家园|花园|公寓|新村|大院|苑|园|村|里|城)$")
_HAO_TYPO = re.compile(r"([0-9０-９零〇一二两三四五六七八九十]{1,4}\s*)好(?=[楼樓])")  # 5好楼
_CN_DIGITS = "零〇幺一二三四五六七八九"
_CN_ROOM = re.compile(f"[\\s,、-]*([{_CN_DIGITS}]{{3,4}})(?![{_CN_DIGITS}两十百千])")  # 三零一
_GATE = re.compile(  # 2门301: 门 as 单元 between a building and a room
    f"\\s*(\\d{{1,2}}|[一二三四五六七八九])\\s*门(?=\\s*(?:\\d{{3,4}}|[{_CN_DIGITS}]{{3}}))"
)
_DETERMINER = re.compile(r"(?:同|这|那|整|每|哪|另|某|任何|其中|有)\s*$")
_WHOLE_AFTER = re.compile(r"楼(?:都|全|整|所有|上下|的(?:人|住户|居民|邻居|业主))")
_SPELLED_ONE = re.compile(r"一\s*[栋棟幢座]")
# A compound named right before a building number: 和谐小区3栋, 住在金桂花园的5号楼
_COMPOUND = re.compile(
    r"([\u4e00-\u9fff]{1,8}?)(小区|家园|花园|公寓|新村|大院|苑|园|村|里|城|大厦)\s*的?\s*"
    r"(?=(?:\d{1,3}|[A-Za-z])\s*(?:号楼|号院|#楼|#|栋|幢|座|号))"
)
_FILLER = re.compile(r"^(?:我们|咱们|俺们|我家|住在|这个|那个|我|咱|俺|本|这|那|住|在|是|的)+")
OWN_COMPOUND_CUTOFF = 75  # ratio of a named compound to a roster one (辛福家园 ~ 幸福家园)


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


def _one_building(text: str, mention: re.Match[str], spelled_one: bool) -> bool:
    """Whether a "1栋" mention means "one / the same building", not building 1.

    normalize() turns 一栋 into 1栋, so 同一栋楼 (the same building) and 一栋楼都停水了
    (a whole building) read as building 1. Only 1栋/1幢/1座 qualify (一号楼 and 1#
    are always names). The mention is "a building" when a determiner precedes it
    (同, 这, 那, 整, 每, 哪, 另, 某, 任何, 其中, 有: 同1栋, 这1栋楼, 哪1栋), or when the
    message spells it 一栋 (`spelled_one`, seen in the raw text) and 楼 plus 都, 全,
    整, 所有, 上下 or 的人/住户/居民/邻居/业主 follow (一栋楼都停水了). 一栋楼道 and
    一栋2单元 stay building 1, like 5号楼道 stays building 5.
    """
    if mention.group(1) != "1" or mention.group(2) not in ("栋", "幢", "座"):
        return False
    if _DETERMINER.search(text, max(0, mention.start() - 4), mention.start()):
        return True
    return spelled_one and _WHOLE_AFTER.match(text, mention.end()) is not None


def _room(text: str, start: int) -> str | None:
    """A room right after `start` written digit by digit (三零一 → 301), else the
    first 3–4 digit number after it."""
    spelled = _CN_ROOM.match(text, start)
    if spelled:
        return "".join(DIGIT_OF[c] for c in spelled.group(1))
    room = _ROOM.search(text, start)
    return room.group(1) if room else None


def _parse(text: str, spelled_one: bool) -> tuple[str | None, str | None, str | None]:
    """(building key, unit, room) of a normalised text."""
    dashed = _DASHED.search(text)
    if dashed:
        return dashed.group(1), dashed.group(2), dashed.group(3)
    mentions = (m for m in _BUILDING.finditer(text) if not _one_building(text, m, spelled_one))
    building = next(mentions, None)
    after = building.end() if building else 0
    gate = _GATE.match(text, after) if building else None
    unit_match = gate or _UNIT.search(text, after)
    unit = DIGIT_OF.get(unit_match.group(1), unit_match.group(1)) if unit_match else None
    room = _room(text, unit_match.end() if unit_match else after) if building or unit else None
    return building.group(1).upper() if building else None, unit, room


def _one_inner_typo(alias: str, text: str) -> bool:
    """Whether `text` holds `alias` with exactly one wrong character, neither the first
    nor the last (老干不楼 for 老干部楼; not 会干部楼 nor 老干部活)."""
    n = len(alias)
    return any(
        text[i] == alias[0]
        and text[i + n - 1] == alias[-1]
        and sum(a != b for a, b in zip(alias, text[i : i + n], strict=True)) == 1
        for i in range(len(text) - n + 1)
    )


def _key_distance(a: str, b: str) -> int | None:
    """How far apart two building keys are: 9 and 10 → 1, A and C → 2; None across kinds."""
    if a.isdigit() and b.isdigit():
        return abs(int(a) - int(b))
    if a.isalpha() and b.isalpha():
        return abs(ord(a) - ord(b))
    return None


class AddressIndex:
    def __init__(self, buildings: Sequence[BuildingRef]) -> None:
        self.buildings = tuple(buildings)
        self._by_key: dict[tuple[str, str], list[BuildingRef]] = {}
        self._by_number: dict[str, list[BuildingRef]] = {}
        self._keys_in: dict[str, list[tuple[str, BuildingRef]]] = {}
        self._aliases: dict[str, list[BuildingRef]] = {}
        names: dict[str, str] = {}
        for building in self.buildings:
            names.setdefault(normalize(building.community), building.community)
            key = building_key(building.name)
            keys = {k for k in (key, *map(building_key, building.aliases)) if k}
            for k in keys:
                self._by_key.setdefault((building.community, k), []).append(building)
                self._by_number.setdefault(k, []).append(building)
                self._keys_in.setdefault(building.community, []).append((k, building))
            for alias in [*building.aliases, *([] if key else [building.name])]:
                self._aliases.setdefault(normalize(alias), []).append(building)
        self._alias_choices = list(self._aliases)
        self._compounds = {normalize(n) for n in names.values() if n} | {
            normalize(b.name[: m.start()])
            for b in self.buildings
            if (m := _BUILDING.search(normalize(b.name))) and m.start() >= 2
        }
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
        """Aliases in the text: partial_ratio ≥ ALIAS_CUTOFF, or, for aliases of
        TYPO_MIN_LEN characters or more, one wrong inner character (老干不楼)."""
        loosest = 100 * (TYPO_MIN_LEN - 1) / TYPO_MIN_LEN
        matches: dict[int, tuple[BuildingRef, float]] = {}
        for alias, score, _ in process.extract(
            text, self._alias_choices, scorer=fuzz.partial_ratio, limit=None, score_cutoff=loosest
        ):
            if score < ALIAS_CUTOFF and not (
                len(alias) >= TYPO_MIN_LEN and _one_inner_typo(alias, text)
            ):
                continue
            for building in self._aliases[alias]:
                if communities and building.community not in communities:
                    continue
                weight = communities.get(building.community, NUMBER_ONLY_SCORE)
                if building.id not in matches or matches[building.id][1] < score / 100 * weight:
                    matches[building.id] = (building, score / 100 * weight)
        return sorted(matches.values(), key=lambda bs: -bs[1])

    def _nearest(self, key: str, communities: dict[str, float]) -> list[tuple[BuildingRef, float]]:
        """Buildings of the named communities whose keys are closest to `key` (which
        none of them has): score NEAREST_SCORE / distance, below MIN_SCORE."""
        nearest: dict[int, tuple[BuildingRef, float]] = {}
        for community, weight in communities.items():
            for other, building in self._keys_in.get(community, ()):
                distance = _key_distance(key, other)
                if not distance:
                    continue
                score = weight * NEAREST_SCORE / distance
                if building.id not in nearest or nearest[building.id][1] < score:
                    nearest[building.id] = (building, score)
        return list(nearest.values())

    def _find(
        self, text: str, key: str | None, communities: dict[str, float]
    ) -> list[tuple[BuildingRef, float]]:
        found: list[tuple[BuildingRef, float]] = []
        if key is not None:
            if communities:
                found = [
                    (b, s) for c, s in communities.items() for b in self._by_key.get((c, key), [])
                ]
            else:
                found = [(b, NUMBER_ONLY_SCORE) for b in self._by_number.get(key, [])]
        if not found and self._aliases:
            found = self._alias_matches(text, communities)
        if not found and key is not None:
            found = self._nearest(key, communities)
        return sorted(found, key=lambda bs: -bs[1])

    def foreign_compound(self, norm: str) -> bool:
        """Whether the (normalised) text puts its building number in a compound that is
        not on the roster (和谐小区3栋 when the roster has 和谐苑): then no building of
        ours is proposed for it."""
        for mention in _COMPOUND.finditer(norm):
            name = _FILLER.sub("", mention.group(1))
            if len(name) < 2:
                continue
            named = name + mention.group(2)
            if not any(
                own in named or fuzz.ratio(own, named) >= OWN_COMPOUND_CUTOFF
                for own in self._compounds
            ):
                return True
        return False

    def match(self, text: str) -> AddressMatch:
        norm = normalize(_HAO_TYPO.sub(r"\1号", text))
        key, unit, room = _parse(norm, _SPELLED_ONE.search(text) is not None)
        if self.foreign_compound(norm):
            return AddressMatch(None, unit, room, 0.0, ())
        found = self._find(norm, key, self.communities_in(norm))
        unique = len(found) == 1 or (len(found) > 1 and found[0][1] - found[1][1] >= 0.1)
        if found and unique and found[0][1] >= MIN_SCORE:
            building, score = found[0]
            return AddressMatch(building, unit, room, round(score, 3), tuple(found[:3]))
        score = found[0][1] if found else 0.0
        return AddressMatch(None, unit, room, round(score, 3), tuple(found[:3]))
