"""tests/data/letters.jsonl (long-form letters, built by tests/data/letters.py): format,
labels, no duplicates, long texts."""

import json
from collections import Counter
from statistics import median

from tests.test_labelled_data import DATA

LABELS = {
    "commerce",
    "education",
    "environment",
    "health",
    "labour",
    "security",
    "transport",
    "urban",
}


def rows() -> list[dict]:
    lines = (DATA / "letters.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_format_and_labels() -> None:
    letters = rows()
    assert len(letters) >= 1000
    for n, row in enumerate(letters, 1):
        assert set(row) == {"title", "text", "category"}, n
        assert all(isinstance(row[f], str) and row[f] == row[f].strip() and row[f] for f in row), n
    assert {row["category"] for row in letters} == LABELS
    assert min(Counter(row["category"] for row in letters).values()) >= 40


def test_no_duplicates_and_long_texts() -> None:
    letters = rows()
    texts = Counter(row["text"] for row in letters)
    assert not [t for t, c in texts.items() if c > 1]
    assert median(len(row["text"]) for row in letters) >= 150
    raw = (DATA / "letters.jsonl").read_text(encoding="utf-8")
    assert "\\u" not in raw  # UTF-8, not ASCII-escaped
