"""Deterministic stratified folds, for cross-validation and for out-of-fold scores."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["stratified_folds"]


def stratified_folds(
    rows: Sequence[Mapping[str, Any]], k: int = 5, seed: int = 0
) -> list[list[int]]:
    """Row indices of each test fold. Each (category, urgent) group is shuffled with
    `seed` and dealt round-robin, so every fold gets its share of every category
    and of the emergencies."""
    if k < 2:
        raise ValueError("k must be at least 2")
    by_label: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_label[(row["category"], bool(row.get("urgent")))].append(index)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    position = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for index in indices:
            folds[position % k].append(index)
            position += 1
    return [sorted(fold) for fold in folds]
