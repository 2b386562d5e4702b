"""Keyword lookup: find every listed word in a text in one pass, and score them.

`Lexicon.scan` walks the text once, extending a fragment while it is a prefix of
some listed word (the same prefix-dictionary walk jieba uses to build its DAG),
so the cost is a few dict lookups per character whatever the number of words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice

__all__ = ["Hit", "Lexicon", "RuleSet", "maximal"]

COMPOUND = "+"


@dataclass(frozen=True, slots=True)
class Hit:
    word: str
    start: int
    end: int


# Hit(word, start, end) without the frozen dataclass's __init__ (three
# object.__setattr__ calls from Python): object.__new__ and the slot setters.
_NEW_HIT = (object.__new__, *(Hit.__dict__[name].__set__ for name in ("word", "start", "end")))


class Lexicon:
    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        prefixes = {w[:i] for w in self.words for i in range(1, len(w) + 1)}
        # prefix → whether it is a listed word: one lookup per step of the walk
        self._kinds = {prefix: prefix in self.words for prefix in prefixes}

    def scan(self, text: str) -> list[Hit]:
        """Every occurrence of every word, overlaps included, in text order."""
        hits: list[Hit] = []
        kinds, n = self._kinds, len(text)
        new, set_word, set_start, set_end = _NEW_HIT
        for start, char in enumerate(text):
            kind = kinds.get(char)
            if kind is None:
                continue
            end = start + 1
            fragment = char
            while True:
                if kind:
                    hit = new(Hit)
                    set_word(hit, fragment)
                    set_start(hit, start)
                    set_end(hit, end)
                    hits.append(hit)
                end += 1
                if end > n:
                    break
                fragment = text[start:end]
                kind = kinds.get(fragment)
                if kind is None:
                    break
        return hits


def maximal(hits: list[Hit]) -> list[Hit]:
    """Drop hits that lie inside a longer hit (楼道 inside 楼道灯 is not counted again).

    One sweep in (start, longest first) order: a hit is inside another when an
    earlier one in that order reaches at least as far. Hits in `Lexicon.scan`
    order (start, then end, increasing) need no sorting: of the hits at one start
    only the last can be kept, and it is kept when it reaches beyond every hit
    that starts earlier."""
    if len(hits) < 2:
        return hits
    kept: list[Hit] = []
    reach = -1  # furthest end of the hits that start before `previous`
    previous = hits[0]
    for hit in islice(hits, 1, None):
        if hit.start == previous.start:
            if hit.end <= previous.end:
                return _maximal_sorted(hits)  # not in scan order
        elif hit.start < previous.start:
            return _maximal_sorted(hits)  # not in scan order
        elif previous.end > reach:
            kept.append(previous)
            reach = previous.end
        previous = hit
    if previous.end > reach:
        kept.append(previous)
    return kept if len(kept) < len(hits) else hits


def _maximal_sorted(hits: list[Hit]) -> list[Hit]:
    """`maximal` of hits in any order."""
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
        for target, vetoes in (negative or {}).items():
            for word in vetoes:
                self.negative.setdefault(word, []).append(target)

    def words(self) -> set[str]:
        parts = {p for entries in self.compound.values() for e in entries for p in e[0]}
        return set(self.simple) | parts | set(self.negative)

    def score(self, hits: list[Hit], *, signed: bool = False) -> dict[str, tuple[float, list[str]]]:
        """target → (score, keywords that produced it), for targets with a positive score
        (`signed`: with any score, so negative weights can count against a target).
        A keyword counts once however often it is repeated."""
        simple, compound, negative = self.simple, self.compound, self.negative
        own = [h for h in hits if h.word in simple]
        found = {h.word for h in hits} if compound or negative else set()
        firsts = found & compound.keys()
        if not own and not firsts:
            return {}  # nothing scores (a negative word only takes targets away)
        counted: set[str] = set()
        scores: dict[str, float] = {}
        evidence: dict[str, list[str]] = {}
        for hit in maximal(own) if len(own) > 1 else own:
            word = hit.word
            if word in counted:
                continue
            counted.add(word)
            for target, weight in simple[word]:
                scores[target] = scores.get(target, 0.0) + weight
                evidence.setdefault(target, []).append(word)
        for first in sorted(firsts):  # not a set's order, which changes from run to run
            for parts, word, target, weight in compound[first]:
                if all(p in found for p in parts):
                    scores[target] = scores.get(target, 0.0) + weight
                    evidence.setdefault(target, []).append(word)
        for word in found & negative.keys():
            for target in negative[word]:
                scores.pop(target, None)
        return {t: (s, evidence[t]) for t, s in scores.items() if signed or s > 0}
