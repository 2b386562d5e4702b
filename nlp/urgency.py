"""Urgency: is life, health or property at immediate risk, and which hotline applies.

Two sources of evidence are combined:

- the taxonomy's rules: urgent cue weights, minus NEGATIVE_PENALTY for each
  hedging or past-tense word present ("担心会着火", "上次着过火", "人没事"); a
  veto word (hypothetical or educational talk: 万一, 宣传) rules urgency out;
- a trained model's log-odds that the message is an emergency (`Table` with the
  single label "urgent"), when one is loaded.

Without a model, the rule score decides alone (urgent at the taxonomy's
threshold). With one, the message is urgent when
``model log-odds + RULE_WEIGHT × cue weights − HEDGE_WEIGHT × hedging words ≥ URGENT_AT``
and no veto word is present. The figures were chosen by cross-validation on the
training data: the highest threshold keeping recall ≥ 0.97, where precision was
83.3 %; recall ≥ 0.98 cost 77 % (`benchmarks/tune_nlp.py`, docs/nlp.md).

When urgent, the hotlines are those whose cue words occur in the text; failing
that, the one whose cue words share a bigram with the model's strongest words;
failing that, the category's own (`hotline:` in the taxonomy file: care → 120,
order and dispute → 110 in the default), otherwise the taxonomy's first. The
keywords are the cue words found plus, when the model carried the decision, its
strongest words of the message (`Table.reasons`: runs of Chinese characters, never masked spans).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nlp.lexicon import Hit, RuleSet, maximal
from nlp.model import Table, features
from nlp.taxonomy import UrgentDef

__all__ = [
    "HEDGE_WEIGHT",
    "NEGATIVE_PENALTY",
    "RULE_WEIGHT",
    "URGENT_AT",
    "Urgency",
    "UrgencyRules",
]

NEGATIVE_PENALTY = 1.5  # rules alone: each hedging word takes this off the cue weights
RULE_WEIGHT = 1.0  # with a model: log-odds per unit of cue weight,
HEDGE_WEIGHT = 1.0  # and log-odds taken off per hedging word
URGENT_AT = -1.82  # combined log-odds at which a message is urgent


def _bigrams(words: Iterable[str]) -> set[str]:
    return {word[i : i + 2] for word in words for i in range(len(word) - 1)}


@dataclass(frozen=True)
class Urgency:
    urgent: bool
    score: float
    keywords: tuple[str, ...]
    hotlines: tuple[str, ...]


class UrgencyRules:
    def __init__(
        self,
        definition: UrgentDef,
        model: Table | None = None,
        category_hotlines: Mapping[str, str] | None = None,
    ) -> None:
        self._definition = definition
        self._category_hotlines = dict(category_hotlines or {})
        self._rules = RuleSet({"urgent": definition.keywords})
        self._negative = frozenset(definition.negative)
        self._veto = frozenset(definition.veto)
        self._model = model
        self._hotline_cues = {
            number: re.compile("|".join(map(re.escape, cues)))
            for number, cues in definition.hotlines.items()
            if cues
        }
        self._hotline_bigrams = {
            number: _bigrams(cues) for number, cues in definition.hotlines.items()
        }

    def words(self) -> set[str]:
        return self._rules.words() | set(self._negative) | set(self._veto)

    def rule_score(self, hits: list[Hit]) -> tuple[float, int, list[str], bool]:
        """(summed cue weights, number of hedging words, the cues found, whether a
        veto word is present)."""
        score, keywords = self._rules.score(hits, signed=True).get("urgent", (0.0, []))
        keywords = [k for k in keywords if self._definition.keywords[k] > 0]
        found = {h.word for h in maximal(hits)}
        return score, len(found & self._negative), keywords, bool(found & self._veto)

    def assess(
        self,
        text: str,
        hits: list[Hit],
        masked: str = "",
        category: str = "",
        log_odds: float | None = None,
    ) -> Urgency:
        """`masked` is `text` as the model sees it (`nlp.mask`); `log_odds` its
        urgency score when already computed (`Model.scores`); `category` picks a
        default hotline."""
        cues, hedges, keywords, vetoed = self.rule_score(hits)
        if self._model is None:
            score = cues - NEGATIVE_PENALTY * hedges
            urgent = not vetoed and score >= self._definition.threshold
            reasons: list[str] = []
        else:
            if log_odds is None:
                log_odds = self._model.scores(features(masked))["urgent"]
            score = log_odds + RULE_WEIGHT * cues - HEDGE_WEIGHT * hedges
            urgent = not vetoed and score >= URGENT_AT
            reasons = self._model.reasons(masked, "urgent") if urgent else []
        if not urgent:
            return Urgency(False, score, tuple(keywords), ())
        hotlines = tuple(number for number, cues in self._hotline_cues.items() if cues.search(text))
        if not hotlines and self._definition.hotlines:
            hotlines = (self._hotline_of(reasons, category),)
            keywords = keywords + reasons
        return Urgency(True, score, tuple(dict.fromkeys(keywords)), hotlines)

    def _hotline_of(self, reasons: list[str], category: str) -> str:
        """The hotline whose cue words share a bigram with the model's strongest words
        (strongest first); failing that the category's usual one."""
        best: dict[str, float] = {}
        for rank, word in enumerate(reasons):
            bigrams = _bigrams([word])
            for number, cue_bigrams in self._hotline_bigrams.items():
                if not bigrams.isdisjoint(cue_bigrams):
                    best[number] = best.get(number, 0.0) + 1 / (rank + 1)
        if best:
            return max(best, key=best.__getitem__)
        return self._category_hotlines.get(category) or next(iter(self._definition.hotlines))
