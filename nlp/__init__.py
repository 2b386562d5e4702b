"""Understanding residents' messages: normalise, segment, classify, match addresses,
find duplicates. Pure functions over text plus a loaded taxonomy and roster."""

from __future__ import annotations

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


FALLBACK_MODEL_PATH = Path(__file__).parent / "data" / "fallback_model.json"


def load_classifier(taxonomy: Taxonomy | str | Path | None = None,
                    model: str | Path | None = None,
                    extra_words: Iterable[str] = (),
                    *, fallback: str | Path | None = FALLBACK_MODEL_PATH) -> Classifier:
    """A ready classifier: the taxonomy (object, file, or the shipped default) and,
    optionally, a trained model file that replaces the keywords for the category.

    With the default taxonomy and no `model`, the shipped fallback model (trained
    on the project's labelled messages, contract codes) is asked when the keywords
    are not confident; pass `fallback=None` for keywords only. `extra_words`
    (community and building names) are kept whole by the segmenter."""
    default_taxonomy = taxonomy is None
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    use_fallback = (model is None and fallback is not None and Path(fallback).is_file()
                    and (default_taxonomy or fallback != FALLBACK_MODEL_PATH))
    if model is None and not use_fallback:
        return Classifier(taxonomy)
    segmenter = Segmenter(extra_words, taxonomy=taxonomy)
    if model is not None:
        return Classifier(taxonomy, Model.load(model), segmenter)
    assert fallback is not None
    return Classifier(taxonomy, segmenter=segmenter, fallback=Model.load(fallback))
