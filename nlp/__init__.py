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


def load_classifier(taxonomy: Taxonomy | str | Path | None = None,
                    model: str | Path | None = None,
                    extra_words: Iterable[str] = ()) -> Classifier:
    """A ready classifier: the taxonomy (object, file, or the shipped default) and,
    optionally, a trained model file. `extra_words` (community and building names)
    are kept whole by the segmenter the trained model uses."""
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    if model is None:
        return Classifier(taxonomy)
    segmenter = Segmenter(extra_words, taxonomy=taxonomy)
    return Classifier(taxonomy, Model.load(model), segmenter)
