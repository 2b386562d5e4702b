"""Understanding residents' messages: normalise, segment, classify, match addresses,
find duplicates. Pure functions over text plus a loaded taxonomy and roster."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from nlp.address import AddressIndex, AddressMatch, BuildingRef
from nlp.classify import Candidate, Classification, Classifier
from nlp.duplicates import DuplicateFinder, OpenRequestRef
from nlp.model import Model
from nlp.normalize import normalize
from nlp.segment import Segmenter
from nlp.taxonomy import Taxonomy, TaxonomyError, load_taxonomy

__all__ = [
    "AddressIndex",
    "AddressMatch",
    "BuildingRef",
    "Candidate",
    "Classification",
    "Classifier",
    "DuplicateFinder",
    "OpenRequestRef",
    "Segmenter",
    "Taxonomy",
    "TaxonomyError",
    "load_classifier",
    "load_taxonomy",
    "normalize",
]

logger = logging.getLogger(__name__)
FALLBACK_MODEL_PATH = Path(__file__).parent / "data" / "fallback_model.json"


def load_classifier(
    taxonomy: Taxonomy | str | Path | None = None,
    model: str | Path | Model | None = None,
    extra_words: Iterable[str] = (),
    *,
    fallback: str | Path | None = FALLBACK_MODEL_PATH,
) -> Classifier:
    """A ready classifier: the taxonomy (object, file, or the shipped default) and,
    optionally, a trained model (file, or one already loaded) that replaces the keywords
    for the category.

    Without `model`, the fallback model (by default the shipped one, trained on the
    project's labelled messages with the contract codes) is blended with the
    keywords and combined with the urgent rules, provided its labels are the
    taxonomy's category codes (otherwise a warning names the labels that differ);
    pass `fallback=None` for keywords only.
    `extra_words` (community and building names) are kept whole by the segmenter
    (`classifier.segmenter`, created on first use when there are none) and hidden
    from the model (`nlp.mask`)."""
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    words = tuple(extra_words)
    segmenter = Segmenter(words, taxonomy=taxonomy) if words else None
    if model is not None:
        learned = model if isinstance(model, Model) else Model.load(model)
        return Classifier(taxonomy, learned, segmenter, names=words)
    helper = Model.load(fallback) if fallback is not None and Path(fallback).is_file() else None
    if helper is not None and not _labels_match(helper, taxonomy, fallback):
        helper = None
    return Classifier(taxonomy, segmenter=segmenter, fallback=helper, names=words)


def _labels_match(model: Model, taxonomy: Taxonomy, path: str | Path | None) -> bool:
    """Whether the fallback model's labels are the taxonomy's category codes; warns if not."""
    labels, codes = set(model.labels), {c.code for c in taxonomy.categories}
    if labels == codes:
        return True
    logger.warning(
        "fallback model %s not used: its labels differ from the category codes of %s "
        "(only in the taxonomy: %s; only in the model: %s); the keywords and urgent rules "
        "alone will decide",
        path,
        taxonomy.source or "the taxonomy",
        ", ".join(sorted(codes - labels)) or "none",
        ", ".join(sorted(labels - codes)) or "none",
    )
    return False
