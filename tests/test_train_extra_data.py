"""Validate tests/data/train_extra.jsonl (extra training data): format, label codes, no overlap
with dev.jsonl, no duplicate texts, minimum counts per category and type, urgent share."""

from collections import Counter

import pytest

from tests.test_labelled_data import CATEGORIES, DATA, TYPES, load

MIN_ROWS = 1200
MIN_PER_CATEGORY = 90
MIN_PER_TYPE = 40


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load("train_extra.jsonl")


def test_rows_valid(rows):
    assert len(rows) >= MIN_ROWS
    for n, r in enumerate(rows, 1):
        assert set(r) <= {"text", "category", "type", "urgent", "also"}, (n, r)
        assert isinstance(r["text"], str) and r["text"].strip() == r["text"] and r["text"], n
        assert r["category"] in CATEGORIES, (n, r["category"])
        assert r["type"] in TYPES, (n, r["type"])
        assert isinstance(r["urgent"], bool), n
        if "also" in r:
            also = r["also"]
            assert isinstance(also, list) and also, (n, also)
            assert all(a in CATEGORIES for a in also), (n, also)
            assert r["category"] not in also, (n, also)
            assert len(set(also)) == len(also), (n, also)


def test_written_as_utf8_not_escaped():
    text = (DATA / "train_extra.jsonl").read_text(encoding="utf-8")
    assert "\\u" not in text


def test_no_duplicates(rows):
    texts = Counter(r["text"].strip() for r in rows)
    assert not [t for t, c in texts.items() if c > 1]


def test_disjoint_from_dev(rows):
    dev = {r["text"].strip() for r in load("dev.jsonl")}
    assert not [r["text"] for r in rows if r["text"].strip() in dev]


def test_counts(rows):
    per_cat = Counter(r["category"] for r in rows)
    for cat in CATEGORIES:
        assert per_cat[cat] >= MIN_PER_CATEGORY, (cat, per_cat[cat])
    per_type = Counter(r["type"] for r in rows)
    for t in TYPES:
        assert per_type[t] >= MIN_PER_TYPE, (t, per_type[t])


def test_urgent_share(rows):
    share = sum(r["urgent"] for r in rows) / len(rows)
    assert 0.15 <= share <= 0.22, share
    # urgency must not be a proxy for the category: several categories carry urgent rows
    urgent_cats = {r["category"] for r in rows if r["urgent"]}
    assert len(urgent_cats) >= 6, urgent_cats
    # and there are plenty of non-urgent safety/care rows (decoys)
    for cat in ("safety", "care"):
        assert sum(1 for r in rows if r["category"] == cat and not r["urgent"]) >= 60, cat
