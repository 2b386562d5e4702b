"""nlp/ behind the dialogs' ports: the classifier, address index and duplicate finder,
and the taxonomy's names and time limits for the core."""

import math
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from core.messages import t
from core.records import Building, Grid, Request
from handlers.texts import DEFAULT_LOCALE, catalogue
from handlers.understanding_port import PlaceGuess, Understood
from nlp import (
    AddressIndex,
    BuildingRef,
    Classifier,
    DuplicateFinder,
    OpenRequestRef,
    Segmenter,
    Taxonomy,
    normalize,
)

NEAR_METRES = 150.0
EARTH_RADIUS_M = 6_371_000.0


class TaxonomyNames:
    """The core's :class:`core.context.TaxonomyView` over a loaded nlp taxonomy.

    A label the taxonomy does not know (a model trained on a community's own labels,
    物业科 or 报修) is shown as itself and gets the taxonomy's default limits and posts.
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        self._names = {c.code: c.name for c in taxonomy.categories}
        self._names |= {s.code: s.name for s in taxonomy.subcategories()}
        self._type_names = {code: type_def.name for code, type_def in taxonomy.types.items()}

    def category_name(self, code: str) -> str:
        return self._names.get(code, code)

    def subcategory_name(self, code: str | None) -> str:
        return self._names.get(code or "", code or "")

    def type_name(self, code: str) -> str | dict[str, Any]:
        """The catalogue's name (in the reader's language), else the taxonomy's, else the label."""
        key = f"type.{code}"
        if key in catalogue(DEFAULT_LOCALE):
            return t(key)
        return self._type_names.get(code, code)

    def deadline_hours(self, subcategory: str | None, urgent: bool) -> tuple[float, float]:
        return self._taxonomy.deadline_hours(subcategory or "other", urgent)

    def posts_for(self, subcategory: str | None) -> tuple[str, ...]:
        return self._taxonomy.posts_for(subcategory or "other")

    def categories(self) -> list[tuple[str, str]]:
        return [(c.code, c.name) for c in self._taxonomy.categories]


class NlpUnderstanding:
    """The dialogs' :class:`handlers.understanding_port.Understanding`, built from the roster.

    Duplicates are looked for among requests at most `duplicate_window_hours` old
    (`Policy.duplicate_window_hours`), with the classifier's taxonomy.
    """

    def __init__(
        self,
        classifier: Classifier,
        segmenter: Segmenter,
        buildings: Sequence[Building],
        grids: Sequence[Grid],
        community_names: dict[int, str],
        *,
        duplicate_window_hours: float,
    ) -> None:
        self._classifier = classifier
        self._segmenter = segmenter
        self._duplicates = DuplicateFinder(segmenter, taxonomy=classifier.taxonomy)
        self._window_hours = duplicate_window_hours
        self.refresh(buildings, grids, community_names)

    def refresh(
        self, buildings: Sequence[Building], grids: Sequence[Grid], community_names: dict[int, str]
    ) -> None:
        """Match addresses against the roster's buildings as they are now: an admin added a
        building or an alias on the console, and the running bot knows it at once."""
        grid_by_id = {g.id: g for g in grids}
        index = AddressIndex(
            [
                BuildingRef(
                    b.id,
                    b.name,
                    b.aliases,
                    grid_by_id[b.grid_id].code,
                    community_names.get(grid_by_id[b.grid_id].community_id, ""),
                )
                for b in buildings
            ]
        )
        self._buildings, self._addresses = {b.id: b for b in buildings}, index

    def key_words(self, text: str) -> tuple[str, ...]:
        """The words of ``text`` (jieba with the governance dictionary), without one-character
        ones, in order: what a need is matched to units' services by."""
        tokens = self._segmenter.lcut(normalize(text))
        return tuple(dict.fromkeys(token for token in tokens if len(token) > 1))

    def classify(self, text: str) -> Understood:
        result = self._classifier.classify(text)
        return Understood(
            category=result.category,
            subcategory=result.subcategory,
            type=result.type,
            urgent=result.urgent,
            confidence=result.confidence,
            keywords=whole_words(result.keywords, self._segmenter.lcut(normalize(text))),
            hotlines=result.hotlines,
            candidates=tuple(dict.fromkeys(c.category for c in result.candidates)),
            low_confidence=result.low_confidence,
        )

    def words(self, text: str) -> list[str]:
        return self._segmenter.lcut(text)

    def match_address(self, text: str) -> PlaceGuess:
        match = self._addresses.match(text)
        detail = "".join(
            part for part in (f"{match.unit}单元" if match.unit else "", match.room or "") if part
        )
        if match.building is not None:
            return PlaceGuess(match.building.id, detail)
        return PlaceGuess(
            None, detail, tuple((ref.id, ref.name) for ref, _ in match.candidates[:3])
        )

    def nearest_building(self, lat: float, lon: float) -> PlaceGuess:
        placed = sorted(
            (_metres(lat, lon, b.lat, b.lon), b)
            for b in self._buildings.values()
            if b.lat is not None and b.lon is not None
        )
        if placed and placed[0][0] <= NEAR_METRES:
            return PlaceGuess(placed[0][1].id)
        return PlaceGuess(None, "", tuple((b.id, b.name) for _, b in placed[:3]))

    def building_name(self, building_id: int) -> str:
        building = self._buildings.get(building_id)
        return building.name if building else "—"

    def similar(
        self,
        text: str,
        category: str | None,
        candidates: Sequence[Request],
        now: datetime,
        at_least: float = 0.0,
    ) -> list[int]:
        refs = [OpenRequestRef(r.id, r.text, "", r.category, r.created_at) for r in candidates]
        found = self._duplicates.find(
            text, "", category, refs, now, window_hours=self._window_hours
        )
        return [request_id for request_id, score in found if score >= at_least]


def whole_words(keywords: Sequence[str], words: Sequence[str]) -> tuple[str, ...]:
    """The classifier's keywords as whole words of the message, for people to read.

    A keyword that is a word stays; one that cuts words (有人遛 of 有人/遛狗) becomes the run of
    whole words it lies in (有人遛狗), less single-character words at its ends (还乱拉 of
    还/乱/拉 is nothing then, and is dropped). A run that holds another keyword gives way
    to it (楼道灯坏了 to 楼道灯). A number is kept only when it stands alone in the message.
    """
    spans, at = [], 0
    text = "".join(words)
    for word in words:
        spans.append((at, at + len(word), word))
        at += len(word)
    shown: dict[str, None] = {}
    for keyword in keywords:
        if keyword.isdigit() and not re.search(rf"(?<!\d){keyword}(?!\d)", text):
            continue  # 110 of the ID number 110105… is no hotline
        if keyword in words:
            shown[keyword] = None
            continue
        start = text.find(keyword)
        if start < 0:
            continue
        end = start + len(keyword)
        run = [w for s, e, w in spans if s < end and e > start]
        while run and len(run[0]) == 1:
            run.pop(0)
        while run and len(run[-1]) == 1:
            run.pop()
        if len("".join(run)) >= 2:
            shown["".join(run)] = None
    return tuple(w for w in shown if not any(k != w and k in w for k in shown))


def _metres(lat1: float, lon1: float, lat2: float | None, lon2: float | None) -> float:
    assert lat2 is not None and lon2 is not None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))
