"""Word segmentation with a private jieba tokenizer and a governance user dictionary."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jieba

from nlp.taxonomy import Taxonomy, load_taxonomy

__all__ = ["GOVERNANCE_WORDS_PATH", "Segmenter", "taxonomy_words"]

GOVERNANCE_WORDS_PATH = Path(__file__).parent / "data" / "governance_words.txt"
DEFAULT_CACHE_DIR = Path(tempfile.gettempdir()) / "linli-jieba"
_USER_FREQ = 50_000  # high enough that a user word is kept whole against jieba's own entries

jieba.setLogLevel(logging.WARNING)


def governance_words() -> list[str]:
    lines = GOVERNANCE_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def taxonomy_words(taxonomy: Taxonomy) -> set[str]:
    """Every keyword, negative and cue word of the taxonomy (compound rules split at '+')."""
    words: set[str] = set()
    for sub in taxonomy.subcategories():
        words.update(sub.keywords)
        words.update(sub.negative)
    for type_def in taxonomy.types.values():
        words.update(type_def.keywords)
    words.update(taxonomy.urgent.keywords)
    words.update(taxonomy.urgent.negative)
    return {part for word in words for part in word.split("+") if len(part) > 1}


class Segmenter:
    """jieba segmentation that keeps taxonomy keywords, governance terms and
    `extra_words` (community and building names from the roster) whole.

    The tokenizer is private to this object; jieba's dictionary cache is kept in
    `cache_dir` so a warm start takes well under a second.
    """

    def __init__(
        self,
        extra_words: Iterable[str] = (),
        taxonomy: Taxonomy | None = None,
        cache_dir: str | Path | None = None,
    ) -> None:
        self._tokenizer = jieba.Tokenizer()
        directory = Path(cache_dir) if cache_dir is not None else DEFAULT_CACHE_DIR
        directory.mkdir(parents=True, exist_ok=True)
        self._tokenizer.tmp_dir = str(directory)
        self._tokenizer.cache_file = "jieba.cache"
        self._tokenizer.initialize()
        words = taxonomy_words(taxonomy or load_taxonomy())
        words.update(governance_words())
        words.update(word.strip() for word in extra_words if word.strip())
        for word in sorted(words):
            self._tokenizer.add_word(word, max(_USER_FREQ, self._tokenizer.FREQ.get(word, 0)))

    def lcut(self, text: str, hmm: bool = False) -> list[str]:
        """Tokens of `text` without whitespace tokens. HMM guessing of unknown
        words is off by default: unknown runs stay as single characters, which
        keeps features stable for the classifier."""
        return [token for token in self._tokenizer.lcut(text, HMM=hmm) if not token.isspace()]
