"""A taxonomy whose category codes are not the shipped model's labels loads without the
model, and says so in a warning that names the codes that differ."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from nlp import load_classifier
from nlp.taxonomy import DEFAULT_TAXONOMY_PATH

EXTRA_CATEGORY = """\
  - code: pets
    name: 宠物
    subcategories:
      - code: pets.lost
        name: 宠物走失
        keywords: {猫丢了: 2}
"""


def test_an_added_category_turns_the_fallback_off_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(DEFAULT_TAXONOMY_PATH.read_text(encoding="utf-8") + EXTRA_CATEGORY, "utf-8")
    with caplog.at_level(logging.WARNING, logger="nlp"):
        classifier = load_classifier(path)
    assert classifier.fallback is None
    [record] = [r for r in caplog.records if r.name == "nlp"]
    message = record.getMessage()
    assert record.levelno == logging.WARNING
    assert "only in the taxonomy: pets;" in message and "only in the model: none" in message
    assert "keywords and urgent rules alone will decide" in message


def test_the_shipped_codes_keep_the_fallback_quietly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = tmp_path / "taxonomy.yaml"
    copy.write_text(DEFAULT_TAXONOMY_PATH.read_text(encoding="utf-8"), "utf-8")
    with caplog.at_level(logging.WARNING, logger="nlp"):
        classifiers = [load_classifier(), load_classifier(copy)]
    assert all(c.fallback is not None for c in classifiers)
    assert not [r for r in caplog.records if r.name == "nlp"]
    text = "3号楼楼道灯坏了一个礼拜了"
    assert classifiers[0].classify(text) == classifiers[1].classify(text)
