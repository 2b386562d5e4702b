"""What the dialogs need from nlp/, as a port: bot/ injects the real thing."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.records import Request


@dataclass(frozen=True, slots=True)
class Understood:
    category: str
    subcategory: str | None
    type: str
    urgent: bool
    confidence: float
    keywords: tuple[str, ...] = ()
    hotlines: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    low_confidence: bool = False


@dataclass(frozen=True, slots=True)
class PlaceGuess:
    """A matched building (``building_id``) or up to three to choose from."""

    building_id: int | None
    detail: str = ""
    candidates: tuple[tuple[int, str], ...] = ()


class Understanding(Protocol):
    def classify(self, text: str) -> Understood: ...
    def words(self, text: str) -> list[str]:
        """``text`` cut into words (to shorten it at a word's end)."""
        ...

    def match_address(self, text: str) -> PlaceGuess: ...
    def nearest_building(self, lat: float, lon: float) -> PlaceGuess: ...
    def building_name(self, building_id: int) -> str: ...
    def key_words(self, text: str) -> tuple[str, ...]:
        """The distinct words of two characters or more (what a need is matched by)."""
        ...

    def similar(
        self,
        text: str,
        category: str | None,
        candidates: Sequence[Request],
        now: datetime,
        at_least: float = 0.0,
    ) -> list[int]:
        """Open requests that likely report the same, best first; ``at_least`` raises the
        finder's own threshold (a similarity 0..1); ``category`` None compares across categories."""
        ...
