"""Urgency: is life, health or property at immediate risk, and which hotline applies.

Two sources of evidence are combined:

- the taxonomy's rules (`Evidence`): the urgent cue weights found, the number of
  hedging or past-tense words ("担心会着火", "上次着过火", "人没事"), and whether a
  veto word (hypothetical or educational talk: 万一, 宣传) rules urgency out;
- a trained model: its urgency log-odds, category and type probabilities, weighed
  with the rules' figures by the model's `UrgencyBlend` (`nlp.urgency_blend`), which
  also holds the threshold, chosen in training to keep a stated recall.

Without a model the rules decide alone: cue weights minus NEGATIVE_PENALTY per
hedging word, urgent at the taxonomy's threshold. A veto word always wins.

When urgent, the hotlines are all those whose cue words occur in the text (a fire
with someone hurt: 119 and 120); failing that, the one a cue word of which shares
two bigrams with the model's strongest words; failing that, the category's own
(`hotline:` in the taxonomy file); otherwise none, for the grid handles it (a
burst pipe). The keywords are the cue words found plus, when the model carried the
decision or no cue word names a hotline, its strongest words of the message
(`Table.reasons`: runs of Chinese characters, never masked spans).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from nlp.lexicon import Hit, RuleSet, maximal
from nlp.model import Model, Scores, features
from nlp.taxonomy import UrgentDef
from nlp.urgency_blend import BlendInput

__all__ = ["NEGATIVE_PENALTY", "Evidence", "Urgency", "UrgencyRules", "blend_input"]

NEGATIVE_PENALTY = 1.5  # rules alone: each hedging word takes this off the cue weights


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def _overlaps(word: set[str], cue: set[str]) -> bool:
    """A word of the model shares two bigrams with a hotline cue (吐白沫, 口吐白沫), both
    given as their bigrams: one common bigram (往下, 还在, 有人) says nothing about which
    number to call."""
    return len(word & cue) >= 2


@dataclass(frozen=True)
class Evidence:
    """What the taxonomy's urgent rules find in a message."""

    cues: float  # the summed cue weights (negative ones included)
    hedges: int  # how many hedging or past-tense words
    keywords: list[str]  # the positive cue words found
    vetoed: bool  # a veto word is present


def blend_input(scores: Scores, found: Evidence) -> BlendInput:
    """What the urgency blend weighs for one message: the model's `scores` of it
    (no urgency table counts as log-odds 0) and the rules' `found` evidence. Training
    and classifying build it here, so the blend is fitted on what it later sees."""
    return BlendInput(
        scores.urgent if scores.urgent is not None else 0.0,
        found.cues,
        found.hedges,
        scores.category_chances,
        scores.type_chances,
    )


@dataclass(frozen=True)
class Urgency:
    urgent: bool
    score: float
    keywords: tuple[str, ...]
    hotlines: tuple[str, ...]


class UrgencyRules:
    """The taxonomy's urgent rules, and the `model` (with an urgency table and its
    blend) when one is loaded."""

    def __init__(
        self,
        definition: UrgentDef,
        model: Model | None = None,
        category_hotlines: Mapping[str, str] | None = None,
    ) -> None:
        self._definition = definition
        self._category_hotlines = dict(category_hotlines or {})
        self._rules = RuleSet({"urgent": definition.keywords})
        self._negative = frozenset(definition.negative)
        self._veto = frozenset(definition.veto)
        self._model = model if model is not None and model.urgent is not None else None
        self._hotline_cues = {
            number: re.compile("|".join(map(re.escape, cues)))
            for number, cues in definition.hotlines.items()
            if cues
        }
        self._hotline_bigrams = {
            number: [bigrams for cue in cues if len(bigrams := _bigrams(cue)) >= 2]
            for number, cues in definition.hotlines.items()
        }

    def words(self) -> set[str]:
        return self._rules.words() | set(self._negative) | set(self._veto)

    def evidence(self, hits: list[Hit]) -> Evidence:
        score, keywords = self._rules.score(hits, signed=True).get("urgent", (0.0, []))
        keywords = [k for k in keywords if self._definition.keywords[k] > 0]
        found = {h.word for h in maximal(hits)}
        return Evidence(score, len(found & self._negative), keywords, bool(found & self._veto))

    def assess(
        self,
        text: str,
        hits: list[Hit],
        masked: str = "",
        category: str = "",
        scores: Scores | None = None,
    ) -> Urgency:
        """`masked` is `text` as the model sees it (`nlp.mask`); `scores` the model's
        scores of it when already computed (`Model.scores`); `category` picks a
        default hotline."""
        found = self.evidence(hits)
        keywords = found.keywords
        model = self._model
        if model is None:
            score = found.cues - NEGATIVE_PENALTY * found.hedges
            urgent = not found.vetoed and score >= self._definition.threshold
            reasons: list[str] = []
        else:
            assert model.urgent is not None and model.urgent_blend is not None
            if scores is None:
                scores = model.scores(features(masked))
            blend = model.urgent_blend
            score = blend.score(blend_input(scores, found))
            urgent = not found.vetoed and score >= blend.threshold
            reasons = model.urgent.reasons(masked, "urgent") if urgent else []
        if not urgent:
            return Urgency(False, score, tuple(keywords), ())
        hotlines = tuple(number for number, cues in self._hotline_cues.items() if cues.search(text))
        if not hotlines or not keywords:
            keywords = keywords + reasons
        hotlines = hotlines or self._hotline_of(reasons, category)
        return Urgency(True, score, tuple(dict.fromkeys(keywords)), hotlines)

    def _hotline_of(self, reasons: list[str], category: str) -> tuple[str, ...]:
        """When no cue word occurs: the hotline whose cue words the model's strongest
        words overlap (`_overlaps`; strongest first); failing that the category's usual
        one; failing that none (a burst pipe is for the grid, not for 110/119/120)."""
        best: dict[str, float] = {}
        for rank, word in enumerate(reasons):
            bigrams = _bigrams(word)
            for number, cues in self._hotline_bigrams.items():
                if any(_overlaps(bigrams, cue) for cue in cues):
                    best[number] = best.get(number, 0.0) + 1 / (rank + 1)
        if best:
            return (max(best, key=best.__getitem__),)
        usual = self._category_hotlines.get(category)
        return (usual,) if usual else ()
