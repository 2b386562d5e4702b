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
from operator import methodcaller

from opencc import OpenCC

__all__ = ["DIGIT_OF", "normalize", "to_simplified"]

_EMOJI_CHARS = (
    "\U0001f000-\U0001faff\U00002600-\U000027bf\U00002b00-\U00002bff"
    "\U0001f1e6-\U0001f1ff\ufe0f\u200d\u20e3"
)
_EMOJI = re.compile(
    f"[{_EMOJI_CHARS}]+"
    r"|\[[\u4e00-\u9fff]{1,4}\]"  # WeChat text emoticons such as [捂脸]
)
_EMOJI_START = re.compile(f"[{_EMOJI_CHARS}\\[]")  # every _EMOJI match starts with one
_REPEATED_PUNCT = re.compile(r"([!?。,.、~…;:])\1+")
_FIRST_GROUP = methodcaller("group", 1)  # a callable: re.sub parses a "\1" template per call

_CN_DIGITS = "零〇一二两三四五六七八九十百"
_ADDRESS_NUMBER = re.compile(
    f"([{_CN_DIGITS}]+)"
    r"(号楼|号院|号|栋|幢|座|单元|室|期|弄|网格|楼(?![道梯下上顶房里外前后]))"
)
# A Chinese digit's value, digit by digit (also 幺, the 1 of room and phone numbers)
DIGIT_OF = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {
    "〇": "0",
    "两": "2",
    "幺": "1",
}


@lru_cache(maxsize=1)
def _converter() -> tuple[OpenCC, re.Pattern[str], frozenset[str]]:
    """The t2s converter, a character class matching the BMP characters that
    trigger a conversion and every character beyond the BMP (a table lookup and
    one range test per character, in C), and the set of all trigger characters
    (built once)."""
    converter = OpenCC("t2s")
    converter.convert("")  # force dictionary loading now
    triggers: set[str] = set()
    for group in converter._dict_chain_data:
        for _max_len, _min_len, mapping in group:
            triggers.update(k[0] for k, v in mapping.items() if len(k) == 1 and k != v)
    # Listing the triggers beyond the BMP in the class would make every character
    # that is not a trigger be tested against each of them in turn.
    bmp = "".join(map(re.escape, sorted(c for c in triggers if c <= "\uffff")))
    return converter, re.compile(f"[{bmp}\U00010000-\U0010ffff]"), frozenset(triggers)


def to_simplified(text: str) -> str:
    """Traditional → simplified; text without traditional characters is returned as is."""
    converter, candidates, triggers = _converter()
    match = candidates.search(text)
    if match is None or (match.group() > "\uffff" and triggers.isdisjoint(text)):
        return text
    return converter.convert(text)


def _numeral(match: re.Match[str]) -> str:
    word, suffix = match.group(1), match.group(2)
    if "十" in word or "百" in word:
        # imported here: cn2an compiles its patterns on import (a third of a second of
        # start-up), and most messages have no 十 or 百 before 号, 栋, 单元 …
        import cn2an

        try:
            value = str(cn2an.cn2an(word.replace("两", "二"), "normal"))
        except ValueError:
            return match.group(0)
    else:
        value = "".join(DIGIT_OF[c] for c in word)
    return value + suffix


def normalize(text: str) -> str:
    """Return the canonical form of a resident's message (see module docstring)."""
    text = unicodedata.normalize("NFKC", text)
    if _EMOJI_START.search(text) is not None:
        text = _EMOJI.sub("", text)
    text = to_simplified(text)
    text = _ADDRESS_NUMBER.sub(_numeral, text)
    text = _REPEATED_PUNCT.sub(_FIRST_GROUP, text)
    # split() and strip() use the same whitespace as regex \s: collapse runs, trim
    return " ".join(text.split())
