"""Validate tests/data/train_more.jsonl (more training data): format, label codes, no exact or
near duplicates with dev.jsonl / train_extra.jsonl or among its own lines, counts, urgent share."""

from collections import Counter

import pytest

from tests.test_labelled_data import CATEGORIES, DATA, TYPES, load

NAME = "train_more.jsonl"
MIN_ROWS = 700


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load(NAME)


def test_rows_valid(rows):
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
    assert "\\u" not in (DATA / NAME).read_text(encoding="utf-8")


def test_no_duplicates(rows):
    texts = Counter(r["text"].strip() for r in rows)
    assert not [t for t, c in texts.items() if c > 1]


def test_disjoint_from_dev_and_train_extra(rows):
    old = {r["text"].strip() for name in ("dev.jsonl", "train_extra.jsonl") for r in load(name)}
    assert not [r["text"] for r in rows if r["text"].strip() in old]


def test_no_near_duplicates(rows):
    fuzz = pytest.importorskip("rapidfuzz.fuzz")
    process = pytest.importorskip("rapidfuzz.process")
    old = [r["text"] for name in ("dev.jsonl", "train_extra.jsonl") for r in load(name)]
    texts = [r["text"] for r in rows]
    near = []
    for i, t in enumerate(texts):
        for m, _, j in process.extract(t, texts, scorer=fuzz.ratio, limit=3, score_cutoff=90):
            if j > i:
                near.append((t, m))
        near += [
            (t, m)
            for m, _, _ in process.extract(t, old, scorer=fuzz.ratio, limit=1, score_cutoff=90)
        ]
    assert not near, near[:10]


def test_counts(rows):
    assert len(rows) >= MIN_ROWS
    per_cat = Counter(r["category"] for r in rows)
    assert set(per_cat) == CATEGORIES, per_cat
    assert set(Counter(r["type"] for r in rows)) == TYPES


def test_urgent_share(rows):
    share = sum(r["urgent"] for r in rows) / len(rows)
    assert 0.12 <= share <= 0.22, share
    # urgent rows are spread over several categories, and there are many non-urgent safety rows
    assert len({r["category"] for r in rows if r["urgent"]}) >= 6
    assert sum(1 for r in rows if r["category"] == "safety" and not r["urgent"]) >= 60
