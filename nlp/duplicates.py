"""Find open requests that likely report the same thing as a new message.

Each text becomes a bag of words: its jieba tokens (stop words and punctuation
dropped) plus one concept word per taxonomy sub-category its keywords hit
(楼道灯/灯不亮/黑咕隆咚 all add "#repair.corridor_light"), so paraphrases share
words. rapidfuzz `ratio` compares the sorted bags (token_sort_ratio without
re-tokenising: as good as token_set_ratio on the labelled pairs, ten times
faster). Two texts that name different places (3号楼 vs 5号楼, 1单元 vs
2单元, 东门 vs 西门) are scored down.
The threshold is calibrated on labelled pairs (tests/data/dup_pairs.jsonl, see
docs/nlp.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import attrgetter, itemgetter
from typing import Any

from rapidfuzz import fuzz, process

from nlp.lexicon import Lexicon, RuleSet
from nlp.normalize import normalize
from nlp.segment import Segmenter
from nlp.taxonomy import Taxonomy, load_taxonomy

__all__ = ["DEFAULT_THRESHOLD", "DuplicateFinder", "OpenRequestRef"]

DEFAULT_THRESHOLD = 0.4  # calibrated on dup_pairs.jsonl: best F1 (docs/nlp.md)
PLACE_CONFLICT = 0.3  # factor for texts that name different buildings/units/gates
SHORTLIST = 5  # candidates per result re-checked for place conflicts
_PLACE = re.compile(r"(\d+)\s*(号楼|栋|幢|单元|号|#)|([东南西北])(门|边|侧|面|头)")
_CACHE_LIMIT = 20_000
_TEXT = attrgetter("text")
_BAG = itemgetter(0)
STOP_WORDS = frozenset(
    (
        "的",
        "了",
        "啊",
        "呀",
        "吧",
        "呢",
        "吗",
        "嘛",
        "哦",
        "哈",
        "是",
        "在",
        "有",
        "我",
        "我们",
        "你",
        "你们",
        "他",
        "她",
        "它",
        "这",
        "那",
        "这个",
        "那个",
        "就",
        "都",
        "也",
        "还",
        "又",
        "很",
        "太",
        "好",
        "一下",
        "一个",
        "请",
        "麻烦",
        "谢谢",
        "您好",
        "你好",
        "帮忙",
        "帮",
        "一直",
        "已经",
        "现在",
        "今天",
        "昨天",
        "老是",
        "总是",
        "和",
        "跟",
        "给",
        "把",
        "被",
        "让",
        "说",
        "要",
        "能",
        "会",
        "没",
        "不",
    )
)


@dataclass(frozen=True)
class OpenRequestRef:
    id: int
    text: str
    grid_code: str
    category: str
    created_at: datetime


def _places(text: str) -> dict[str, str]:
    """Kind of place → its value: {"号楼": "3", "单元": "2", "门": "东"}."""
    places: dict[str, str] = {}
    for match in _PLACE.finditer(text):
        if match.group(1):
            kind = "单元" if match.group(2) == "单元" else "号楼"
            places.setdefault(kind, match.group(1))
        else:
            places.setdefault("方位", match.group(3))
    return places


def _conflict(a: dict[str, str], b: dict[str, str]) -> bool:
    return any(kind in b and b[kind] != value for kind, value in a.items())


class DuplicateFinder:
    def __init__(
        self,
        segmenter: Segmenter,
        threshold: float = DEFAULT_THRESHOLD,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self._segmenter = segmenter
        self.threshold = threshold
        taxonomy = taxonomy or load_taxonomy()
        subs = taxonomy.subcategories()
        self._concepts = RuleSet(
            {s.code: s.keywords for s in subs}, {s.code: s.negative for s in subs}
        )
        self._lexicon = Lexicon(self._concepts.words())
        self._keys: dict[str, tuple[str, dict[str, str]]] = {}

    def key(self, text: str) -> tuple[str, dict[str, str]]:
        """The comparable form of a text: content tokens and concept words, sorted and
        space-joined; and the places it names."""
        norm = normalize(text)
        tokens = {
            t
            for t in self._segmenter.lcut(norm)
            if t not in STOP_WORDS and any(c.isalnum() for c in t)
        }
        tokens.update("#" + code for code in self._concepts.score(self._lexicon.scan(norm)))
        return " ".join(sorted(tokens)), _places(norm)

    def similarity(self, a: str, b: str) -> float:
        """0..1 similarity of two texts, as `find` scores them."""
        (key_a, places_a), (key_b, places_b) = self.key(a), self.key(b)
        score = fuzz.ratio(key_a, key_b, processor=None) / 100
        return score * PLACE_CONFLICT if _conflict(places_a, places_b) else score

    def _cached_key(self, text: str) -> tuple[str, dict[str, str]]:
        """`key(text)`, remembered by text (the key depends on the text alone)."""
        key = self._keys.get(text)
        if key is None:
            if len(self._keys) >= _CACHE_LIMIT:
                self._keys.clear()
            key = self._keys[text] = self.key(text)
        return key

    def find(
        self,
        text: str,
        grid_code: str,
        category: str | None,
        open_requests: Sequence[OpenRequestRef],
        now: datetime,
        window_hours: float = 72,
        limit: int = 3,
    ) -> list[tuple[int, float]]:
        """(request id, similarity 0..1) of the likeliest duplicates, best first:
        same grid, same category (unless None), created within the window."""
        since = now - timedelta(hours=window_hours)
        if category is None:
            pool = [
                r
                for r in open_requests
                if r.grid_code == grid_code and since <= r.created_at <= now
            ]
        else:
            pool = [
                r
                for r in open_requests
                if r.grid_code == grid_code
                and r.category == category
                and since <= r.created_at <= now
            ]
        if not pool:
            return []
        query, places = self._cached_key(text)
        # The keys are looked up by C-level map calls, with no Python frame and no
        # allocation per request; a text not cached yet leaves a None, caught
        # when the bags are taken out.
        keys: list[Any] = list(map(self._keys.get, map(_TEXT, pool)))
        try:
            bags = list(map(_BAG, keys))
        except TypeError:
            keys = [key or self._cached_key(r.text) for key, r in zip(keys, pool, strict=True)]
            bags = list(map(_BAG, keys))
        threshold = self.threshold * 100
        found = []
        for _, score, index in process.extract(
            query,
            bags,
            scorer=fuzz.ratio,
            processor=None,
            limit=limit * SHORTLIST,
            score_cutoff=threshold,
        ):
            if _conflict(places, keys[index][1]):
                score *= PLACE_CONFLICT
            if score >= threshold:
                found.append((pool[index].id, round(score / 100, 3)))
        return sorted(found, key=lambda pair: -pair[1])[:limit]
