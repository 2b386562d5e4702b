"""Text normalisation applied to every message before any other NLP step.

Steps, in order: NFKC (full-width letters, digits and punctuation become
half-width), strip emoji, traditional → simplified Chinese, Chinese numerals in
addresses → digits (三号楼 → 3号楼), collapse repeated punctuation, trim
whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import cn2an
from opencc import OpenCC

__all__ = ["normalize", "to_simplified"]

_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002b00-\U00002bff"
    "\U0001f1e6-\U0001f1ff\ufe0f\u200d\u20e3]+"
    r"|\[[\u4e00-\u9fff]{1,4}\]"  # WeChat text emoticons such as [捂脸]
)
_REPEATED_PUNCT = re.compile(r"([!?。,.、~…;:])\1+")
_SPACES = re.compile(r"\s+")

_CN_DIGITS = "零〇一二两三四五六七八九十百"
_ADDRESS_NUMBER = re.compile(
    f"([{_CN_DIGITS}]+)"
    r"(号楼|号院|号|栋|幢|座|单元|室|期|弄|网格|楼(?![道梯下上顶房里外前后]))"
)
_DIGIT_OF = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "两": "2"}


@lru_cache(maxsize=1)
def _converter() -> tuple[OpenCC, frozenset[str]]:
    """The t2s converter, plus the characters that trigger a conversion (built once)."""
    converter = OpenCC("t2s")
    converter.convert("")  # force dictionary loading now
    triggers: set[str] = set()
    for group in converter._dict_chain_data:
        for _max_len, _min_len, mapping in group:
            triggers.update(k[0] for k, v in mapping.items() if len(k) == 1 and k != v)
    return converter, frozenset(triggers)


def to_simplified(text: str) -> str:
    """Traditional → simplified; text without traditional characters is returned as is."""
    converter, triggers = _converter()
    if triggers.isdisjoint(text):
        return text
    return converter.convert(text)


def _numeral(match: re.Match[str]) -> str:
    word, suffix = match.group(1), match.group(2)
    if "十" in word or "百" in word:
        try:
            value = str(cn2an.cn2an(word.replace("两", "二"), "normal"))
        except ValueError:
            return match.group(0)
    else:
        value = "".join(_DIGIT_OF[c] for c in word)
    return value + suffix


def normalize(text: str) -> str:
    """Return the canonical form of a resident's message (see module docstring)."""
    text = unicodedata.normalize("NFKC", text)
    text = _EMOJI.sub("", text)
    text = to_simplified(text)
    text = _ADDRESS_NUMBER.sub(_numeral, text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()
