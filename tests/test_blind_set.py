"""The fresh blind set of issue 18 (tests/data/README.md): contract labels, and no text a
training file has."""

from benchmarks.labelled_files import TRAINING, load
from nlp.taxonomy import CONTRACT_CATEGORIES
from nlp.training.dataset import read_jsonl
from tests.data.training_sources import TYPES

BLIND = read_jsonl("tests/data/blind6.jsonl")


def test_rows_follow_the_contract() -> None:
    assert len(BLIND) >= 500
    for row in BLIND:
        assert row["category"] in CONTRACT_CATEGORIES
        assert row["type"] in TYPES.values()
        assert isinstance(row["urgent"], bool)
        assert all(a in CONTRACT_CATEGORIES and a != row["category"] for a in row.get("also", []))


def test_no_training_file_repeats_a_blind_message() -> None:
    """Greetings of a few characters (你好, 在吗, 晚安) are everyone's; nothing longer repeats."""
    blind = {row["text"] for row in BLIND if len(row["text"]) > 3}
    for name, rows in load(TRAINING).items():
        assert not blind & {row["text"] for row in rows}, name
