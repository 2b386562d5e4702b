"""Find open requests that likely report the same thing as a new message.

Each text becomes a bag of jieba tokens (stop words and punctuation dropped);
rapidfuzz `token_set_ratio` compares the bags, so word order and extra chatter
("麻烦你们了") matter little. The threshold is calibrated on labelled pairs
(tests/data/dup_pairs.jsonl, see docs/nlp.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process

from nlp.normalize import normalize
from nlp.segment import Segmenter

__all__ = ["DEFAULT_THRESHOLD", "DuplicateFinder", "OpenRequestRef"]

DEFAULT_THRESHOLD = 0.6   # calibrated on dup_pairs.jsonl (docs/nlp.md)
_CACHE_LIMIT = 20_000
STOP_WORDS = frozenset((
    "的", "了", "啊", "呀", "吧", "呢", "吗", "嘛", "哦", "哈", "是",
    "在", "有", "我", "我们", "你", "你们", "他", "她", "它", "这", "那",
    "这个", "那个", "就", "都", "也", "还", "又", "很", "太", "好", "一下",
    "一个", "请", "麻烦", "谢谢", "您好", "你好", "帮忙", "帮", "一直", "已经", "现在",
    "今天", "昨天", "老是", "总是", "和", "跟", "给", "把", "被", "让", "说",
    "要", "能", "会", "没", "不",
))


@dataclass(frozen=True)
class OpenRequestRef:
    id: int
    text: str
    grid_code: str
    category: str
    created_at: datetime


class DuplicateFinder:
    def __init__(self, segmenter: Segmenter, threshold: float = DEFAULT_THRESHOLD) -> None:
        self._segmenter = segmenter
        self.threshold = threshold
        self._keys: dict[tuple[int, str], str] = {}

    def key(self, text: str) -> str:
        """The comparable form of a text: its content tokens, sorted, space-joined."""
        tokens = {t for t in self._segmenter.lcut(normalize(text))
                  if t not in STOP_WORDS and any(c.isalnum() for c in t)}
        return " ".join(sorted(tokens))

    def similarity(self, a: str, b: str) -> float:
        """0..1 similarity of two texts, as `find` scores them."""
        return fuzz.token_set_ratio(self.key(a), self.key(b), processor=None) / 100

    def _key_of(self, request: OpenRequestRef) -> str:
        cache_key = (request.id, request.text)
        key = self._keys.get(cache_key)
        if key is None:
            if len(self._keys) >= _CACHE_LIMIT:
                self._keys.clear()
            key = self._keys[cache_key] = self.key(request.text)
        return key

    def find(self, text: str, grid_code: str, category: str | None,
             open_requests: Sequence[OpenRequestRef], now: datetime,
             window_hours: float = 72, limit: int = 3) -> list[tuple[int, float]]:
        """(request id, similarity 0..1) of the likeliest duplicates, best first:
        same grid, same category (unless None), created within the window."""
        since = now - timedelta(hours=window_hours)
        pool = [r for r in open_requests if r.grid_code == grid_code
                and (category is None or r.category == category) and since <= r.created_at <= now]
        if not pool:
            return []
        query = self.key(text)
        results = process.extract(query, [self._key_of(r) for r in pool],
                                  scorer=fuzz.token_set_ratio, processor=None, limit=limit,
                                  score_cutoff=self.threshold * 100)
        return [(pool[index].id, round(score / 100, 3)) for _, score, index in results]
