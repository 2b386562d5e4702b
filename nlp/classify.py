"""Classify a resident's message: category (大类/小类), type, urgency, with reasons.

Every score is a sum of weights — taxonomy keyword weights, and learned fragment
weights when a model is loaded — so each decision can be shown as the keywords
that made it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nlp.lexicon import Hit, Lexicon, RuleSet
from nlp.mask import mask
from nlp.model import Model, Scores, features
from nlp.normalize import normalize
from nlp.segment import Segmenter
from nlp.taxonomy import OTHER, Taxonomy
from nlp.urgency import Evidence, UrgencyRules

__all__ = ["Candidate", "Classification", "Classifier"]

MIN_SCORE = 1.0  # a category needs at least one solid keyword
MIN_CONFIDENCE = 0.3  # below this the message goes to "other" with its candidates
MIN_MODEL_CONFIDENCE = 0.25  # the same for a trained model's probability
TYPE_PRIOR = 1.2  # weight of the category's usual type (repair → complaint ...)
# Fallback model blend (chosen by 5-fold CV on the training data, docs/nlp.md):
BLEND_WEIGHT = 4.0  # the model's probability (0..1) × this is added to keyword scores
TYPE_BLEND = 12.0  # the model's type probability × this is added to the type scores
FALLBACK_CONFIDENCE = 0.5  # to answer alone (keywords too weak) the model must be this sure
MODEL_UNSURE = 0.6  # no keyword for the top category and the model below this: ask (CV, docs)
MODEL_WORDS = 2  # ... or the model knows fewer character bigrams of the message than this
N_CANDIDATES = 3
N_MODEL_REASONS = 3


@dataclass(frozen=True)
class Candidate:
    category: str
    subcategory: str | None
    score: float


@dataclass(frozen=True)
class Classification:
    category: str
    subcategory: str | None
    type: str
    urgent: bool
    confidence: float
    candidates: tuple[Candidate, ...]
    keywords: tuple[str, ...]
    hotlines: tuple[str, ...]
    low_confidence: bool


@dataclass(frozen=True)
class _Decision:
    ranked: list[Candidate]
    keywords: list[str]
    type: str
    confidence: float
    low: bool


def _confidence(top: float, second: float) -> float:
    """Grows with the top score and with its lead over the runner-up."""
    if top <= 0:
        return 0.0
    return (1.0 - math.exp(-top)) * (0.5 + 0.5 * (top - second) / top)


def _ranked(scores: dict[str, float], subs: dict[str, str]) -> list[Candidate]:
    """The N_CANDIDATES best categories, best first."""
    best = sorted(scores, key=scores.__getitem__, reverse=True)[:N_CANDIDATES]
    return [Candidate(c, subs.get(c), round(scores[c], 3)) for c in best]


def _judge(scores: dict[str, float]) -> tuple[float, bool]:
    """(confidence, low) of category scores."""
    if not scores:
        return 0.0, True
    top, second = [*sorted(scores.values(), reverse=True), 0.0][:2]
    confidence = _confidence(top, second)
    return confidence, top < MIN_SCORE or confidence < MIN_CONFIDENCE


class Classifier:
    """Keyword classification by the taxonomy, helped by a `fallback` model; or by
    a trained `model` alone (any label set).

    With a fallback model every message is scored by both: each category's keyword
    score gets BLEND_WEIGHT × the model's probability added; if the result is
    still not confident and the model is sure (≥ FALLBACK_CONFIDENCE), the model's
    category is used instead of `other`. When no keyword speaks for the top category
    and the model's best is below MODEL_UNSURE, or the model knows fewer than
    MODEL_WORDS of its character bigrams (门口, 水, garbled text: the length-normalised
    model is as sure of one fragment as of a sentence), the message is low-confidence: the
    resident picks from the candidates. The model's urgency blend weighs its
    tables' scores with the urgent rules (`UrgencyRules`). The model needs no
    segmentation (character features) and never sees addresses, dates, phone
    numbers or the roster's `names` (`nlp.mask`).
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        model: Model | None = None,
        segmenter: Segmenter | None = None,
        fallback: Model | None = None,
        names: Iterable[str] = (),
    ) -> None:
        self.taxonomy = taxonomy
        self.model = model
        self.fallback = fallback
        learned = model or fallback
        subs = taxonomy.subcategories()
        self._category_of = {sub.code: sub.category for sub in subs}
        self._default_type = {c.code: c.default_type for c in taxonomy.categories}
        self._subcategories = RuleSet(
            {s.code: s.keywords for s in subs}, {s.code: s.negative for s in subs}
        )
        self._types = RuleSet({code: t.keywords for code, t in taxonomy.types.items()})
        self._urgency = UrgencyRules(taxonomy.urgent, learned, taxonomy.category_hotlines())
        self._lexicon = Lexicon(
            self._subcategories.words() | self._types.words() | self._urgency.words()
        )
        self._segmenter = segmenter
        self._names = frozenset(name.strip() for name in names if name.strip())

    @property
    def segmenter(self) -> Segmenter:
        """The jieba segmenter for this taxonomy (created on first use), to share
        with `DuplicateFinder`."""
        if self._segmenter is None:
            self._segmenter = Segmenter(taxonomy=self.taxonomy)
        return self._segmenter

    def classify(self, text: str) -> Classification:
        norm = normalize(text)
        hits = self._lexicon.scan(norm)
        learned = self.model or self.fallback
        masked = mask(norm, self._names) if learned is not None else norm
        fragments = features(masked) if learned is not None else Counter()
        scores = learned.scores(fragments) if learned is not None else None
        if self.model is not None and scores is not None:
            decision = self._by_model(hits, masked, self.model, scores)
        elif self.fallback is not None and scores is not None:
            decision = self._blended(hits, masked, self.fallback, scores, fragments)
        else:
            decision = self._by_keywords(hits)
        ranked = decision.ranked
        top = ranked[0] if ranked else Candidate(OTHER, None, 0.0)
        low = decision.low and top.category != OTHER
        category, subcategory = (OTHER, None) if low else (top.category, top.subcategory)
        urgency = self._urgency.assess(norm, hits, masked, top.category, scores)
        return Classification(
            category=category,
            subcategory=subcategory,
            type=decision.type,
            urgent=urgency.urgent,
            confidence=round(decision.confidence, 3),
            candidates=tuple(ranked[:N_CANDIDATES]),
            keywords=tuple(dict.fromkeys(decision.keywords + list(urgency.keywords))),
            hotlines=urgency.hotlines,
            low_confidence=low,
        )

    def urgency_score(self, text: str) -> float:
        """The score `classify` holds against the urgency threshold for `text`: the model's
        blend with a model, the rules' weights without one."""
        norm = normalize(text)
        learned = self.model or self.fallback
        masked = mask(norm, self._names) if learned is not None else norm
        return self._urgency.assess(norm, self._lexicon.scan(norm), masked).score

    def urgency_evidence(self, normalised: str) -> Evidence:
        """What the taxonomy's urgent rules find in a normalised text (training fits the
        model's urgency blend on it)."""
        return self._urgency.evidence(self._lexicon.scan(normalised))

    def _by_keywords(self, hits: list[Hit]) -> _Decision:
        scores, subs, evidence = self._keyword_scores(hits)
        ranked = _ranked(scores, subs)
        top = ranked[0].category if ranked else OTHER
        confidence, low = _judge(scores)
        return _Decision(ranked, evidence.get(top, []), self._type(hits, top), confidence, low)

    def _blended(
        self,
        hits: list[Hit],
        masked: str,
        model: Model,
        learned: Scores,
        fragments: Mapping[str, int],
    ) -> _Decision:
        scores, subs, evidence = self._keyword_scores(hits)
        chances = learned.category_chances
        for category, p in chances.items():
            scores[category] = scores.get(category, 0.0) + BLEND_WEIGHT * p
        ranked = _ranked(scores, subs)
        confidence, low = _judge(scores)
        best = max(chances, key=chances.__getitem__)
        if low and chances[best] >= FALLBACK_CONFIDENCE and best != OTHER:
            ranked = _ranked(chances, subs)
            confidence, low = chances[best], False
        top = ranked[0].category
        reasons = evidence.get(top, [])
        if not reasons:
            low = low or chances[best] < MODEL_UNSURE or model.known_words(fragments) < MODEL_WORDS
            reasons = model.category.reasons(masked, top)[:N_MODEL_REASONS]
        return _Decision(
            ranked, reasons, self._type(hits, top, learned.type_chances), confidence, low
        )

    def _by_model(self, hits: list[Hit], masked: str, model: Model, learned: Scores) -> _Decision:
        chances = learned.category_chances
        _, subs, _ = self._keyword_scores(hits)
        ranked = _ranked(chances, subs)
        top = ranked[0].category
        if learned.type is not None:
            type_code = max(learned.type, key=learned.type.__getitem__)
        else:
            type_code = self._type(hits, top)
        return _Decision(
            ranked,
            model.category.reasons(masked, top),
            type_code,
            chances[top],
            chances[top] < MIN_MODEL_CONFIDENCE,
        )

    def _keyword_scores(
        self, hits: list[Hit]
    ) -> tuple[dict[str, float], dict[str, str], dict[str, list[str]]]:
        """category → summed keyword score, its best sub-category, its keywords."""
        scores: dict[str, float] = {}
        best: dict[str, tuple[float, str]] = {}
        evidence: dict[str, list[str]] = {}
        for code, (score, words) in self._subcategories.score(hits).items():
            category = self._category_of[code]
            scores[category] = scores.get(category, 0.0) + score
            if score > best.get(category, (0.0, ""))[0]:
                best[category] = (score, code)
            evidence.setdefault(category, []).extend(words)
        return scores, {c: code for c, (_, code) in best.items()}, evidence

    def _type(self, hits: list[Hit], category: str, chances: dict[str, float] | None = None) -> str:
        """The type cue weights, TYPE_PRIOR for the category's usual type and
        TYPE_BLEND × the model's type probabilities (when given)."""
        scores = {code: score for code, (score, _) in self._types.score(hits).items()}
        prior = self._default_type.get(category, "complaint")
        scores[prior] = scores.get(prior, 0.0) + TYPE_PRIOR
        if chances is not None:
            for code, p in chances.items():
                scores[code] = scores.get(code, 0.0) + TYPE_BLEND * p
        return max(scores, key=scores.__getitem__)
