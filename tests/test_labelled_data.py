"""Validate the labelled evaluation data in tests/data/ (format and label contract only)."""

import json
from collections import Counter
from pathlib import Path

import pytest

from nlp.taxonomy import CONTRACT_CATEGORIES, CONTRACT_TYPES

DATA = Path(__file__).resolve().parent / "data"
CATEGORIES = set(CONTRACT_CATEGORIES)
TYPES = set(CONTRACT_TYPES)
MIN_PER_CATEGORY = {"dev.jsonl": 35, "holdout.jsonl": 12, "holdout2.jsonl": 30, "val.jsonl": 40}
MIN_ROWS = {"dev.jsonl": 650, "holdout.jsonl": 220, "holdout2.jsonl": 400, "val.jsonl": 500}


def load(name: str) -> list[dict]:
    rows = []
    with open(DATA / name, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            assert line.strip(), f"{name}:{n}: empty line"
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:  # pragma: no cover - failure path
                pytest.fail(f"{name}:{n}: invalid JSON: {e}")
    return rows


@pytest.mark.parametrize("name", ["dev.jsonl", "holdout.jsonl", "holdout2.jsonl", "val.jsonl"])
def test_labelled_rows(name):
    rows = load(name)
    assert len(rows) >= MIN_ROWS[name]
    for n, r in enumerate(rows, 1):
        assert set(r) <= {"text", "category", "type", "urgent", "also"}, (name, n, r)
        assert isinstance(r["text"], str) and r["text"].strip(), (name, n)
        assert r["category"] in CATEGORIES, (name, n, r["category"])
        assert r["type"] in TYPES, (name, n, r["type"])
        assert isinstance(r["urgent"], bool), (name, n)
        also = r.get("also", [])
        assert isinstance(also, list), (name, n)
        assert all(a in CATEGORIES for a in also), (name, n, also)
        assert r["category"] not in also, (name, n, also)
        assert len(set(also)) == len(also), (name, n, also)
    texts = Counter(r["text"] for r in rows)
    assert not [t for t, c in texts.items() if c > 1], "duplicate texts"
    per_cat = Counter(r["category"] for r in rows)
    for cat in CATEGORIES:
        assert per_cat[cat] >= MIN_PER_CATEGORY[name], (name, cat, per_cat[cat])
    types = Counter(r["type"] for r in rows)
    assert set(types) == TYPES, (name, types)
    share = sum(r["urgent"] for r in rows) / len(rows)
    assert 0.05 <= share <= 0.15, (name, share)


def test_dev_and_holdout_disjoint():
    dev = {r["text"].strip() for r in load("dev.jsonl")}
    hold = {r["text"].strip() for r in load("holdout.jsonl")}
    assert not dev & hold


def test_dup_pairs():
    pairs = load("dup_pairs.jsonl")
    assert len(pairs) >= 150
    seen = set()
    for n, p in enumerate(pairs, 1):
        assert set(p) == {"a", "b", "same"}, n
        assert isinstance(p["same"], bool), n
        assert p["a"].strip() and p["b"].strip() and p["a"] != p["b"], n
        key = frozenset((p["a"], p["b"]))
        assert key not in seen, n
        seen.add(key)
    same = sum(p["same"] for p in pairs)
    assert same >= 40 and len(pairs) - same >= 40
