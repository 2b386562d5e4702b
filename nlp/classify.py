"""Classify a resident's message: category (大类/小类), type, urgency, with reasons.

Every score is a sum of keyword weights (taxonomy keywords, or learned weights
when a trained model is given), so each decision can be shown as the keywords
that made it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nlp.lexicon import Hit, Lexicon, RuleSet
from nlp.model import Model
from nlp.normalize import normalize
from nlp.segment import Segmenter
from nlp.taxonomy import OTHER, Taxonomy
from nlp.urgency import UrgencyRules

__all__ = ["Candidate", "Classification", "Classifier"]

MIN_SCORE = 1.0          # a category needs at least one solid keyword
MIN_CONFIDENCE = 0.3     # below this the message goes to "other" with its candidates
MIN_MODEL_CONFIDENCE = 0.25  # the same for a trained model's softmax probability (CV on dev)
TYPE_PRIOR = 1.2         # weight of the category's usual type (repair → complaint ...)
BLEND_BELOW = 0.5            # keyword confidence under which a fallback model is asked
BLEND_WEIGHT = 1.0           # its probability (0..1) × this is added to keyword scores
FALLBACK_CONFIDENCE = 0.5    # to answer alone (keywords silent) it must be this sure
N_CANDIDATES = 3


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
    evidence: dict[str, list[str]]
    type: str
    confidence: float
    low: bool


def _confidence(top: float, second: float) -> float:
    """Grows with the top score and with its lead over the runner-up."""
    if top <= 0:
        return 0.0
    return (1.0 - math.exp(-top)) * (0.5 + 0.5 * (top - second) / top)


def _softmax_top(ranked: list[Candidate]) -> float:
    """Softmax probability of the top label of a trained model."""
    if not ranked:
        return 0.0
    return 1.0 / sum(math.exp(c.score - ranked[0].score) for c in ranked)


class Classifier:
    """Keyword classification by the taxonomy; or by a trained `model`.

    `fallback` is a trained model consulted only when the keywords are not
    confident (confidence < BLEND_BELOW): its probability per category, times
    BLEND_WEIGHT, is added to the keyword scores; if the keywords are silent and the
    model is sure (≥ FALLBACK_CONFIDENCE), its category is used instead of `other`.
    Both figures were chosen by 5-fold cross-validation on dev.jsonl.
    """

    def __init__(self, taxonomy: Taxonomy, model: Model | None = None,
                 segmenter: Segmenter | None = None, fallback: Model | None = None) -> None:
        self.taxonomy = taxonomy
        self.model = model
        self.fallback = fallback
        subs = taxonomy.subcategories()
        self._category_of = {sub.code: sub.category for sub in subs}
        self._default_type = {c.code: c.default_type for c in taxonomy.categories}
        self._subcategories = RuleSet({s.code: s.keywords for s in subs},
                                      {s.code: s.negative for s in subs})
        self._types = RuleSet({code: t.keywords for code, t in taxonomy.types.items()})
        self._urgency = UrgencyRules(taxonomy.urgent)
        self._lexicon = Lexicon(self._subcategories.words() | self._types.words()
                                | self._urgency.words())
        if (model is not None or fallback is not None) and segmenter is None:
            segmenter = Segmenter(taxonomy=taxonomy)
        self._segmenter = segmenter

    @property
    def segmenter(self) -> Segmenter:
        """The segmenter in use (created on first use for a keywords-only classifier),
        to share with `DuplicateFinder`."""
        if self._segmenter is None:
            self._segmenter = Segmenter(taxonomy=self.taxonomy)
        return self._segmenter

    def classify(self, text: str) -> Classification:
        norm = normalize(text)
        hits = self._lexicon.scan(norm)
        urgency = self._urgency.assess(norm, hits)
        if self.model is None:
            decision = self._by_keywords(hits)
            if self.fallback is not None and (decision.low or decision.confidence < BLEND_BELOW):
                decision = self._with_fallback(norm, hits, decision, self.fallback)
        else:
            decision = self._by_model(norm, hits, self.model)
        ranked = decision.ranked
        top = ranked[0] if ranked else Candidate(OTHER, None, 0.0)
        low = decision.low and top.category != OTHER
        category, subcategory = (OTHER, None) if low else (top.category, top.subcategory)
        keywords = decision.evidence.get(top.category, []) + list(urgency.keywords)
        return Classification(
            category=category, subcategory=subcategory, type=decision.type,
            urgent=urgency.urgent, confidence=round(decision.confidence, 3),
            candidates=tuple(ranked[:N_CANDIDATES]), keywords=tuple(dict.fromkeys(keywords)),
            hotlines=urgency.hotlines, low_confidence=low)

    def _by_keywords(self, hits: list[Hit]) -> _Decision:
        ranked, evidence = self._rank_by_keywords(hits)
        type_code = self._type(hits, ranked[0].category if ranked else OTHER)
        second = ranked[1].score if len(ranked) > 1 else 0.0
        confidence = _confidence(ranked[0].score, second) if ranked else 0.0
        low = not ranked or ranked[0].score < MIN_SCORE or confidence < MIN_CONFIDENCE
        return _Decision(ranked, evidence, type_code, confidence, low)

    def _by_model(self, norm: str, hits: list[Hit], model: Model) -> _Decision:
        ranked, evidence, type_code = self._rank_by_model(norm, hits, model)
        confidence = _softmax_top(ranked)
        return _Decision(ranked, evidence, type_code, confidence,
                         confidence < MIN_MODEL_CONFIDENCE)

    def _with_fallback(self, norm: str, hits: list[Hit], keywords: _Decision,
                       model: Model) -> _Decision:
        """Add BLEND_WEIGHT × the model's probability to each category's keyword score;
        if that is still not confident, take the model's own answer when it is sure."""
        by_model = self._by_model(norm, hits, model)
        top = by_model.ranked[0].score if by_model.ranked else 0.0
        weights = {c.category: math.exp(c.score - top) for c in by_model.ranked}
        total = sum(weights.values()) or 1.0
        scores = {c.category: c.score for c in keywords.ranked}
        subs = {c.category: c.subcategory for c in keywords.ranked}
        for category, weight in weights.items():
            scores[category] = scores.get(category, 0.0) + BLEND_WEIGHT * weight / total
        ranked = [Candidate(c, subs.get(c), round(scores[c], 3))
                  for c in sorted(scores, key=scores.__getitem__, reverse=True)]
        evidence = {c: keywords.evidence.get(c, []) + by_model.evidence.get(c, [])
                    for c in scores}
        second = ranked[1].score if len(ranked) > 1 else 0.0
        confidence = _confidence(ranked[0].score, second)
        if ranked[0].score >= MIN_SCORE and confidence >= MIN_CONFIDENCE:
            return _Decision(ranked, evidence, self._type(hits, ranked[0].category),
                             confidence, False)
        if by_model.confidence >= FALLBACK_CONFIDENCE and by_model.ranked[0].category != OTHER:
            return _Decision(by_model.ranked, by_model.evidence,
                             self._type(hits, by_model.ranked[0].category),
                             by_model.confidence, False)
        return _Decision(ranked, evidence, keywords.type, confidence, True)

    def _rank_by_keywords(self, hits: list[Hit]) -> tuple[list[Candidate], dict[str, list[str]]]:
        by_category: dict[str, float] = {}
        best: dict[str, tuple[float, str]] = {}
        evidence: dict[str, list[str]] = {}
        for code, (score, words) in self._subcategories.score(hits).items():
            category = self._category_of[code]
            by_category[category] = by_category.get(category, 0.0) + score
            if score > best.get(category, (0.0, ""))[0]:
                best[category] = (score, code)
            evidence.setdefault(category, []).extend(words)
        ranked = sorted(by_category, key=by_category.__getitem__, reverse=True)
        return ([Candidate(c, best[c][1], round(by_category[c], 3)) for c in ranked], evidence)

    def _type(self, hits: list[Hit], category: str) -> str:
        scores = {code: score for code, (score, _) in self._types.score(hits).items()}
        prior = self._default_type.get(category, "complaint")
        scores[prior] = scores.get(prior, 0.0) + TYPE_PRIOR
        return max(scores, key=scores.__getitem__)

    def _rank_by_model(self, norm: str, hits: list[Hit], model: Model
                       ) -> tuple[list[Candidate], dict[str, list[str]], str]:
        assert self._segmenter is not None
        features = model.features(self._segmenter.lcut(norm), norm)
        scores = model.score(features)
        best_sub = self._best_subcategories(hits)
        ranked = [Candidate(label, best_sub.get(label), round(score, 3))
                  for label, (score, _) in sorted(scores.items(), key=lambda kv: -kv[1][0])]
        evidence = {label: words for label, (_, words) in scores.items()}
        if model.has_types:
            type_scores = model.score(features, types=True)
            type_code = max(type_scores, key=lambda t: type_scores[t][0])
        else:
            type_code = self._type(hits, ranked[0].category if ranked else OTHER)
        return ranked, evidence, type_code

    def _best_subcategories(self, hits: list[Hit]) -> dict[str, str]:
        """category → its best-scoring sub-category by taxonomy keywords."""
        best: dict[str, tuple[float, str]] = {}
        for code, (score, _) in self._subcategories.score(hits).items():
            category = self._category_of[code]
            if score > best.get(category, (0.0, ""))[0]:
                best[category] = (score, code)
        return {category: code for category, (_, code) in best.items()}
