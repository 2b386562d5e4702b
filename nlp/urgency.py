"""Urgency: is life, health or property at immediate risk, and which hotline applies."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.lexicon import Hit, RuleSet, maximal
from nlp.taxonomy import UrgentDef

__all__ = ["NEGATIVE_PENALTY", "Urgency", "UrgencyRules"]

# Each distinct hedging or past-tense word ("担心会着火", "上次着过火", "人没事")
# takes this much off the summed weights, so a single alarm word no longer
# reaches the threshold while a message with several alarm words still does.
# A veto word (hypothetical or educational talk: 万一, 宣传) rules urgency out.
NEGATIVE_PENALTY = 1.5


@dataclass(frozen=True)
class Urgency:
    urgent: bool
    score: float
    keywords: tuple[str, ...]
    hotlines: tuple[str, ...]


class UrgencyRules:
    def __init__(self, definition: UrgentDef) -> None:
        self._definition = definition
        self._rules = RuleSet({"urgent": definition.keywords})
        self._negative = frozenset(definition.negative)
        self._veto = frozenset(definition.veto)

    def words(self) -> set[str]:
        return self._rules.words() | set(self._negative) | set(self._veto)

    def assess(self, text: str, hits: list[Hit]) -> Urgency:
        score, keywords = self._rules.score(hits).get("urgent", (0.0, []))
        if score > 0:
            found = {h.word for h in maximal(hits)}
            if found & self._veto:
                score = 0.0
            score -= NEGATIVE_PENALTY * len(found & self._negative)
        if score < self._definition.threshold:
            return Urgency(False, max(score, 0.0), tuple(keywords), ())
        hotlines = tuple(number for number, cues in self._definition.hotlines.items()
                         if any(cue in text for cue in cues))
        return Urgency(True, score, tuple(keywords), hotlines)
