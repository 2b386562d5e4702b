from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp import Classifier, Segmenter, Taxonomy, load_classifier, load_taxonomy

DATA = Path(__file__).resolve().parents[1] / "data"
DEV = DATA / "dev.jsonl"
EXTRA = DATA / "train_extra.jsonl"
DUP_PAIRS = DATA / "dup_pairs.jsonl"


def read_rows(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return load_classifier()


@pytest.fixture(scope="session")
def segmenter(taxonomy: Taxonomy, tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return Segmenter(["幸福家园", "阳光花园"], taxonomy=taxonomy)


@pytest.fixture(scope="session")
def dev_rows() -> list[dict]:
    if not DEV.exists():
        pytest.skip("tests/data/dev.jsonl is not there yet")
    return read_rows(DEV)


@pytest.fixture(scope="session")
def extra_rows() -> list[dict]:
    if not EXTRA.exists():
        pytest.skip("tests/data/train_extra.jsonl is not there yet")
    return read_rows(EXTRA)
