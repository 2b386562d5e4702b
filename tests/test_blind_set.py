"""The fresh blind sets of issue 18 (tests/data/README.md): contract labels, and no text a
training file has."""

import pytest

from benchmarks.labelled_files import TRAINING, load
from nlp.taxonomy import CONTRACT_CATEGORIES
from nlp.training.dataset import read_jsonl
from tests.data.training_sources import TYPES

BLIND_SETS = ("blind14", "blind15")  # blind6–blind13 are spent


@pytest.fixture(params=BLIND_SETS)
def blind(request: pytest.FixtureRequest) -> list[dict]:
    return read_jsonl(f"tests/data/{request.param}.jsonl")


def test_rows_follow_the_contract(blind: list[dict]) -> None:
    assert len(blind) >= 500
    for row in blind:
        assert row["category"] in CONTRACT_CATEGORIES
        assert row["type"] in TYPES.values()
        assert isinstance(row["urgent"], bool)
        assert all(a in CONTRACT_CATEGORIES and a != row["category"] for a in row.get("also", []))


def test_no_training_file_repeats_a_blind_message(blind: list[dict]) -> None:
    """Greetings of a few characters (你好, 在吗, 晚安) are everyone's; nothing longer repeats."""
    texts = {row["text"] for row in blind if len(row["text"]) > 3}
    for name, rows in load(TRAINING).items():
        assert not texts & {row["text"] for row in rows}, name
