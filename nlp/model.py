"""A trained keyword-weight model: per label, a weight for each informative fragment.

Fragments are the characters ("漏") and character bigrams ("漏水") of the
normalised, masked text (`nlp.mask`: no addresses, dates or phone numbers) — no
segmentation, so the model is cheap enough to ask about every message. A table
holds one row of weights per fragment (one weight per label).

A message is weighed as in training (`nlp.training.train`): a fragment found `n` times counts
(1 + ln n) × its idf (the model's `idf`: rarer fragments say more), and the message's
values are divided by their Euclidean length, so a letter of 2,000 characters and a
line of 20 are on the same scale. A label's score is its bias plus, for each fragment,
its weight × its value: a sum of one weight per fragment, so every decision is
explained by the fragments that carried it. A model without `idf` (written by hand)
counts each fragment present once, unscaled.

A model has up to three tables: the category (always), the type and the urgency
(a single column: the log-odds that the message is an emergency), and with the
urgency table the blend that turns the tables' scores and the taxonomy's urgent
rules into the decision (`nlp.urgency_blend`). The model is plain JSON
(`save`/`load`).
"""

from __future__ import annotations

import json
import math
import struct
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import add, gt, sub, truediv
from pathlib import Path

from nlp.urgency_blend import UrgencyBlend

__all__ = ["FORMAT", "Model", "Scores", "Table", "features", "probabilities"]

FORMAT = "linli-keyword-model/4"
N_REASONS = 4
_SCALE = 1000  # weights, idf × weight and idf² are packed with three decimals
_COUNTS = 1000  # a repeated fragment's 1 + ln n, in thousandths
_OFFSET = 1 << 21  # keeps each packed weight field positive (|idf × weight| < 2,097); fields
# are 64-bit (struct "Q"): room for the 4,000-odd fragments of a long letter, each counted
# up to thousands of times


_MULTIPLES = [0, _COUNTS, *(round((1.0 + math.log(n)) * _COUNTS) for n in range(2, 64))]


def _is_chinese(fragment: str) -> bool:
    return len(fragment) == 2 and all("\u4e00" <= c <= "\u9fff" for c in fragment)


def features(text: str) -> Counter[str]:
    """Character and character-bigram fragments of a normalised, masked message, with
    how often each occurs: the letters and digits, and the pairs of neighbours that are
    both letters or digits."""
    return Counter(chain(filter(str.isalnum, text), filter(str.isalnum, map(add, text, text[1:]))))


def probabilities(scores: dict[str, float]) -> dict[str, float]:
    """A table's scores of one message as probabilities (softmax)."""
    top = max(scores.values())
    weights = list(map(math.exp, map(sub, scores.values(), repeat(top))))
    return dict(zip(scores, map(truediv, weights, repeat(sum(weights))), strict=True))


@dataclass
class Table:
    """Weights of one decision: `rows[fragment][i]` speaks for `labels[i]`."""

    labels: list[str]
    bias: list[float]
    rows: dict[str, list[float]]
    _raising: dict[str, dict[str, float]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def reasons(self, text: str, label: str) -> list[str]:
        """The words of `text` (normalised and masked) that raised `label` most,
        strongest first: each a run of Chinese characters whose consecutive bigrams
        all have a positive weight, so a reader sees words of the message (灯不亮,
        吐白沫), never single characters, digits or masked spans."""
        raising = self._raising.get(label)
        if raising is None:
            raising = self._raising[label] = self._raising_bigrams(label)
        runs: list[tuple[float, str]] = []
        start, weight = -1, 0.0
        for i in range(len(text)):
            found = raising.get(text[i : i + 2])
            if found is not None:
                start, weight = (i if start < 0 else start), weight + found
            elif start >= 0:
                runs.append((weight, text[start : i + 1]))
                start, weight = -1, 0.0
        return list(dict.fromkeys(w for _, w in sorted(runs, reverse=True)))[:N_REASONS]

    def _raising_bigrams(self, label: str) -> dict[str, float]:
        """The Chinese bigrams with a positive weight for `label`, and that weight."""
        column = self.labels.index(label)
        return {
            fragment: row[column]
            for fragment, row in self.rows.items()
            if row[column] > 0 and _is_chinese(fragment)
        }

    def explain(self, label: str, top: int = 20) -> list[tuple[str, float]]:
        """The strongest features of a label overall, for admins reviewing a model."""
        column = self.labels.index(label)
        best = sorted(
            ((row[column], f) for f, row in self.rows.items() if row[column] > 0), reverse=True
        )[:top]
        return [(f, w) for w, f in best]

    def to_json(self) -> dict:
        return {"labels": self.labels, "bias": self.bias, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict) -> Table:
        return cls(data["labels"], data["bias"], data["rows"])


@dataclass(frozen=True)
class Scores:
    """A message's scores in each table of a model (None: the model has no such table)."""

    category: dict[str, float]
    type: dict[str, float] | None
    urgent: float | None
    category_chances: dict[str, float]  # the category scores as probabilities
    type_chances: dict[str, float] | None  # the type scores as probabilities


@dataclass
class Model:
    """The category table, and optionally the type table and the urgency table with
    its blend; `idf` weighs the fragments of a message (None: each counts once)."""

    category: Table
    type: Table | None = None
    urgent: Table | None = None
    urgent_blend: UrgencyBlend | None = None
    idf: dict[str, float] | None = None
    _packed: tuple[dict[str, int], struct.Struct] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _known_bigrams: frozenset[str] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _tables(self) -> list[Table]:
        return [t for t in (self.category, self.type, self.urgent) if t is not None]

    def scores(self, counts: Mapping[str, int]) -> Scores:
        """All tables at once, for a message's fragment counts (`features`): one lookup
        and one integer addition per fragment (see `_pack`), then every column unpacked
        in one call. A fragment found n > 1 times (common in long letters) is added
        (1 + ln n) times, in thousandths; finding those is a C-level filter."""
        if self._packed is None:
            self._packed = self._pack()
        packed, layout = self._packed
        idf = self.idf
        total = sum(map(packed.get, counts, repeat(0))) * _COUNTS
        if idf is None:
            *fields, count = layout.unpack(total.to_bytes(layout.size, "little"))
            norm = 1.0
        else:
            correction, repeated = 0, 0.0
            for fragment in compress(counts, map(gt, counts.values(), repeat(1))):
                weight = idf.get(fragment)
                if weight is not None:
                    n = counts[fragment]
                    multiple = _MULTIPLES[n] if n < 64 else round((1.0 + math.log(n)) * _COUNTS)
                    total += (multiple - _COUNTS) * packed[fragment]
                    correction += multiple * round(weight * weight * _SCALE)
                    repeated += (multiple * weight / _COUNTS) ** 2
            *fields, squared, count = layout.unpack(total.to_bytes(layout.size, "little"))
            norm = math.sqrt((squared - correction) / (_SCALE * _COUNTS) + repeated) or 1.0
        offset, divisor = count * _OFFSET, _SCALE * _COUNTS * norm
        sums = list(map(truediv, map(sub, fields, repeat(offset)), repeat(divisor)))
        result: list[dict[str, float]] = []
        for table in self._tables():
            column, sums = sums[: len(table.labels)], sums[len(table.labels) :]
            result.append(dict(zip(table.labels, map(add, table.bias, column), strict=True)))
        category = result.pop(0)
        types = result.pop(0) if self.type else None
        return Scores(
            category,
            types,
            result[0]["urgent"] if self.urgent else None,
            probabilities(category),
            probabilities(types) if types is not None else None,
        )

    def _pack(self) -> tuple[dict[str, int], struct.Struct]:
        """Each fragment's weights in all tables as one integer: idf × weight × 1000 +
        _OFFSET in consecutive 64-bit fields, then (with `idf`) idf² × 1000 for the
        message's length, and a last field of 1 that counts the fragments present. The
        packed figures are whole numbers, so summing the integers of a message's
        fragments sums every column exactly, in C, without carries between fields; the
        layout unpacks the sum."""
        tables = self._tables()
        idf = self.idf
        extra = 1 if idf is None else 2
        layout = struct.Struct(f"<{sum(len(t.labels) for t in tables) + extra}Q")
        zeros = [[0.0] * len(t.labels) for t in tables]
        packed: dict[str, int] = {}
        for fragment in set().union(*(t.rows for t in tables), idf or ()):
            weights = [
                w for t, z in zip(tables, zeros, strict=True) for w in t.rows.get(fragment) or z
            ]
            scale = 1.0 if idf is None else idf.get(fragment, 0.0)
            fields = [round(w * scale * _SCALE) + _OFFSET for w in weights]
            if not all(0 <= f < 2 * _OFFSET for f in fields):
                raise ValueError(f"a weight of {fragment!r} is out of range: {weights}")
            if idf is not None:
                fields.append(round(scale * scale * _SCALE))
            packed[fragment] = int.from_bytes(layout.pack(*fields, 1), "little")
        return packed, layout

    def known_words(self, counts: Mapping[str, int]) -> int:
        """How many of a message's character bigrams the model has weights for."""
        if self._known_bigrams is None:
            known = self.idf if self.idf is not None else self.category.rows
            self._known_bigrams = frozenset(f for f in known if len(f) == 2)
        return len(self._known_bigrams.intersection(counts))

    @property
    def labels(self) -> list[str]:
        return self.category.labels

    @property
    def has_types(self) -> bool:
        return self.type is not None

    def explain(self, label: str, top: int = 20) -> list[tuple[str, float]]:
        """The strongest features of a category label (use `urgent.explain("urgent")`
        for the urgency table)."""
        return self.category.explain(label, top)

    def save(self, path: str | Path) -> None:
        data = {
            "format": FORMAT,
            "category": self.category.to_json(),
            "type": self.type.to_json() if self.type else None,
            "urgent": self.urgent.to_json() if self.urgent else None,
            "urgent_blend": self.urgent_blend.to_json() if self.urgent_blend else None,
            "idf": self.idf,
        }
        Path(path).write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    @classmethod
    def load(cls, path: str | Path) -> Model:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(
                f"{path}: not a linli model file (expected format {FORMAT}; "
                "retrain older models with `linli nlp train`)"
            )
        if bool(data.get("urgent")) != bool(data.get("urgent_blend")):
            raise ValueError(f"{path}: an urgency table needs its blend, and the blend its table")
        return cls(
            Table.from_json(data["category"]),
            Table.from_json(data["type"]) if data.get("type") else None,
            Table.from_json(data["urgent"]) if data.get("urgent") else None,
            UrgencyBlend.from_json(data["urgent_blend"]) if data.get("urgent_blend") else None,
            data.get("idf"),
        )
