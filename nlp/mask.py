"""Mask the spans of a message that say where or when, not what: the model never
sees them.

Building, unit and room numbers, floors, dates, times, phone numbers and the
roster's community and building names carry no urgency or category signal, but
a small training set lets a model learn spurious weights from them (5号楼 once
read as an emergency). `mask(text, names)` works on a normalised message:

- roster `names` (幸福家园, 老干部楼) are dropped;
- phone numbers (13912345678, 0571-88776655, 8-digit landlines) are dropped;
- address and time spans are dropped: 5号楼, 12栋, 2单元, 302室, 7#, A座,
  5-2-301, 3楼 (a floor; 楼道/楼下 … stay words), 2024年3月5日, 3月5号, 6/18,
  3点半, 8:30;
- every other run of digits becomes the single placeholder PLACEHOLDER (302 → 0,
  80多岁 → 0多岁), except the hotline numbers 110, 119, 120 and 12345, which are
  words ("已经打了119").

A dropped span becomes a space, so no character bigram reaches across it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["PLACEHOLDER", "mask"]

PLACEHOLDER = "0"
HOTLINES = frozenset({"110", "119", "120", "12345"})

_PHONE = r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8}|\d{7,8})(?!\d)"
_DATE = (
    r"\d+年(?:\d+月(?:\d+[日号])?)?|\d+月\d+[日号]|\d+月份?(?!\d)"
    r"|\d+/\d+(?:/\d+)?|\d+:\d+"
)
_TIME = r"\d+点(?:半|钟|\d+分?)?"
_ADDRESS = (
    r"\d+(?:-\d+)+|[A-Za-z]?\d+(?:号楼|号院|号门|栋|幢|座|单元|室|期|弄|网格|#"
    r"|号|层|楼(?![道梯下上顶房里外前后]))|[A-Za-z](?:座|栋|幢|区)"
)
_SPANS = re.compile(f"{_PHONE}|{_DATE}|{_TIME}|{_ADDRESS}")
_DIGITS = re.compile(r"\d+")
_TRIGGER = re.compile(r"[0-9A-Za-z]")


def _digits(match: re.Match[str]) -> str:
    run = match.group(0)
    return run if run in HOTLINES else PLACEHOLDER


@lru_cache(maxsize=8)
def _names_pattern(names: frozenset[str]) -> re.Pattern[str] | None:
    words = sorted((n for n in names if n), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def mask(text: str, names: Iterable[str] = ()) -> str:
    """`text` (normalised) with names, addresses, dates, times and phone numbers
    dropped and other digit runs replaced by PLACEHOLDER."""
    if names and (pattern := _names_pattern(frozenset(names))) is not None:
        text = pattern.sub(" ", text)
    if _TRIGGER.search(text) is None:
        return text
    return _DIGITS.sub(_digits, _SPANS.sub(" ", text))
