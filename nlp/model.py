"""A trained keyword-weight model: per label, a weight for each informative word.

Features are jieba tokens ("w:楼道灯"), characters ("c:漏") and character
bigrams ("c:漏水") of the normalised text. A label's score is its bias plus the
weights of the features present, so every decision is explained by the
features that carried it.
The model is plain JSON (`save`/`load`).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FORMAT", "Model", "features"]

FORMAT = "linli-keyword-model/1"
N_REASONS = 6


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def features(tokens: Iterable[str], text: str) -> set[str]:
    """Word, character and character-bigram features of a normalised message."""
    result = {"w:" + t for t in tokens if any(_is_word_char(c) for c in t)}
    chars = [c if _is_word_char(c) else " " for c in text]
    result.update("c:" + c for c in chars if c != " ")
    result.update("c:" + a + b for a, b in itertools.pairwise(chars)
                  if a != " " and b != " ")
    return result


def _strongest(reasons: list[tuple[float, str]]) -> list[str]:
    return list(dict.fromkeys(word for _, word in sorted(reasons, reverse=True)))[:N_REASONS]


@dataclass
class Model:
    """Weights keyed by feature then label; `types` holds a second table for the type field."""

    labels: list[str]
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]
    type_labels: list[str] = field(default_factory=list)
    type_bias: dict[str, float] = field(default_factory=dict)
    type_weights: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def has_types(self) -> bool:
        return bool(self.type_labels)

    @staticmethod
    def features(tokens: Iterable[str], text: str) -> set[str]:
        return features(tokens, text)

    def score(self, feats: Iterable[str], types: bool = False
              ) -> dict[str, tuple[float, list[str]]]:
        """label → (score, the features that raised it most, strongest first)."""
        bias, table = (self.type_bias, self.type_weights) if types else (self.bias, self.weights)
        scores = dict(bias)
        reasons: dict[str, list[tuple[float, str]]] = {label: [] for label in bias}
        for feature in feats:
            row = table.get(feature)
            if row is None:
                continue
            for label, weight in row.items():
                scores[label] += weight
                if weight > 0:
                    reasons[label].append((weight, feature[2:]))
        return {label: (score, _strongest(reasons[label])) for label, score in scores.items()}

    def explain(self, label: str, top: int = 20) -> list[tuple[str, float]]:
        """The strongest keywords of a label, for admins reviewing a model."""
        best: dict[str, float] = {}
        for feature, row in self.weights.items():
            if label in row:
                best[feature[2:]] = max(best.get(feature[2:], row[label]), row[label])
        return sorted(best.items(), key=lambda fw: -fw[1])[:top]

    def save(self, path: str | Path) -> None:
        data = {"format": FORMAT, "labels": self.labels, "bias": self.bias,
                "weights": self.weights, "type_labels": self.type_labels,
                "type_bias": self.type_bias, "type_weights": self.type_weights}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                              encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Model:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a linli model file (expected format {FORMAT})")
        return cls(data["labels"], data["bias"], data["weights"], data.get("type_labels", []),
                   data.get("type_bias", {}), data.get("type_weights", {}))
