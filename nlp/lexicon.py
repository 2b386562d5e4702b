"""Keyword lookup: find every listed word in a text in one pass, and score them.

`Lexicon.scan` walks the text once, extending a fragment while it is a prefix of
some listed word (the same prefix-dictionary walk jieba uses to build its DAG),
so the cost is a few dict lookups per character whatever the number of words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Hit", "Lexicon", "RuleSet", "maximal"]

COMPOUND = "+"


@dataclass(frozen=True, slots=True)
class Hit:
    word: str
    start: int
    end: int


class Lexicon:
    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        self._prefixes = {w[:i] for w in self.words for i in range(1, len(w) + 1)}

    def scan(self, text: str) -> list[Hit]:
        """Every occurrence of every word, overlaps included, in text order."""
        hits: list[Hit] = []
        prefixes, words, n = self._prefixes, self.words, len(text)
        for start in range(n):
            end = start + 1
            while end <= n:
                fragment = text[start:end]
                if fragment not in prefixes:
                    break
                if fragment in words:
                    hits.append(Hit(fragment, start, end))
                end += 1
        return hits


def maximal(hits: list[Hit]) -> list[Hit]:
    """Drop hits that lie inside a longer hit (楼道 inside 楼道灯 is not counted again).

    One sweep in (start, longest first) order: a hit is inside another when an
    earlier one in that order reaches at least as far."""
    if len(hits) < 2:
        return hits
    inside: set[Hit] = set()
    reach = -1
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.end <= reach:
            inside.add(hit)
        reach = max(reach, hit.end)
    return [h for h in hits if h not in inside] if inside else hits


class RuleSet:
    """Weighted keywords per target (a sub-category, a type, ...), with vetoes.

    A keyword "甲+乙" is a compound: it scores when every part occurs anywhere.
    A negative word present in the text rules its target out.
    """

    def __init__(
        self,
        keywords: Mapping[str, Mapping[str, float]],
        negative: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.simple: dict[str, list[tuple[str, float]]] = {}
        self.compound: dict[str, list[tuple[tuple[str, ...], str, str, float]]] = {}
        for target, words in keywords.items():
            for word, weight in words.items():
                if COMPOUND in word:
                    parts = tuple(p for p in word.split(COMPOUND) if p)
                    self.compound.setdefault(parts[0], []).append((parts, word, target, weight))
                else:
                    self.simple.setdefault(word, []).append((target, weight))
        self.negative: dict[str, list[str]] = {}
        for target, words in (negative or {}).items():
            for word in words:
                self.negative.setdefault(word, []).append(target)

    def words(self) -> set[str]:
        parts = {p for entries in self.compound.values() for e in entries for p in e[0]}
        return set(self.simple) | parts | set(self.negative)

    def score(self, hits: list[Hit]) -> dict[str, tuple[float, list[str]]]:
        """target → (score, keywords that produced it), for targets with a positive score.
        A keyword counts once however often it is repeated."""
        simple = self.simple
        own = [h for h in hits if h.word in simple]
        found = {h.word for h in hits}
        counted: set[str] = set()
        scores: dict[str, float] = {}
        evidence: dict[str, list[str]] = {}
        for hit in maximal(own) if len(own) > 1 else own:
            if hit.word in counted:
                continue
            counted.add(hit.word)
            for target, weight in simple[hit.word]:
                scores[target] = scores.get(target, 0.0) + weight
                evidence.setdefault(target, []).append(hit.word)
        for first in found & self.compound.keys():
            for parts, word, target, weight in self.compound[first]:
                if all(p in found for p in parts):
                    scores[target] = scores.get(target, 0.0) + weight
                    evidence.setdefault(target, []).append(word)
        for word in found & self.negative.keys():
            for target in self.negative[word]:
                scores.pop(target, None)
        return {t: (s, evidence[t]) for t, s in scores.items() if s > 0}
