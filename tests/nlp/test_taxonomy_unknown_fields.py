"""A misspelt, unknown or misplaced taxonomy field stops loading with the file, the line,
the field and the closest known name; a missing field names the mapping that lacks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp import TaxonomyError, load_taxonomy
from nlp.taxonomy import DEFAULT_TAXONOMY_PATH
from tests.nlp.test_taxonomy import SMALL

SHIPPED = DEFAULT_TAXONOMY_PATH.read_text(encoding="utf-8")


def _edited(tmp_path: Path, text: str, old: str, new: str, marker: str) -> tuple[Path, int]:
    """A copy of `text` with `old` replaced once by `new`, and the line of `marker` in it."""
    assert old in text and marker in new
    edited = text.replace(old, new, 1)
    path = tmp_path / "taxonomy.yaml"
    path.write_text(edited, encoding="utf-8")
    start = edited.index(new) + new.index(marker)
    return path, edited.count("\n", 0, start) + 1


def _error(path: Path) -> str:
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    return str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "marker", "expected"),
    [
        pytest.param(
            "\n  resolve_hours: 72\n  posts",
            "\n  resolv_hours: 72\n  posts",
            "resolv_hours",
            "defaults: unknown field 'resolv_hours' (did you mean 'resolve_hours'?)",
            id="defaults",
        ),
        pytest.param(
            "\n  negative:\n",
            "\n  negatives:\n",
            "negatives",
            "urgent: unknown field 'negatives' (did you mean 'negative'?)",
            id="urgent",
        ),
        pytest.param(
            "\n  hotlines:\n",
            "\n  hotline:\n",
            "hotline",
            "urgent: unknown field 'hotline' (did you mean 'hotlines'?)",
            id="urgent-hotlines",
        ),
        pytest.param(
            "\n  wish:\n    name:",
            "\n  wish:\n    title:",
            "title",
            "type 'wish': unknown field 'title' (known fields: name, keywords)",
            id="type",
        ),
        pytest.param(
            "  - code: env\n    name: 环境卫生\n",
            "  - code: env\n    name: 环境卫生\n    claim_hour: 1\n",
            "claim_hour",
            "category 'env': unknown field 'claim_hour' (did you mean 'claim_hours'?)",
            id="category",
        ),
        pytest.param(
            "      - code: env.rubbish\n",
            '      - code: env.rubbish\n        hotline: "119"\n',
            "hotline",
            "subcategory 'env.rubbish': unknown field 'hotline' (known fields: code, name,",
            id="subcategory-misplaced",
        ),
        pytest.param(
            "\n        negative:",
            "\n        negatives:",
            "negatives",
            "unknown field 'negatives' (did you mean 'negative'?)",
            id="subcategory",
        ),
        pytest.param(
            "\ncategories:\n",
            "\ncategory:\n",
            "category",
            "the file: unknown field 'category' (did you mean 'categories'?)",
            id="top",
        ),
    ],
)
def test_unknown_field_in_a_copy_of_the_shipped_file(
    tmp_path: Path, old: str, new: str, marker: str, expected: str
) -> None:
    path, line = _edited(tmp_path, SHIPPED, old, new, marker)
    message = _error(path)
    assert message.startswith(f"{path} line {line}: ") and expected in message


@pytest.mark.parametrize(
    ("old", "new", "marker", "expected"),
    [
        pytest.param(
            "urgent:\n  claim_hours: 0.5\n  resolve_hours: 4\n  keywords: {着火: 2}\n",
            "urgent:\n  claim_hours: 0.5\n  resolve_hours: 4\n",
            "urgent",
            "urgent: field 'keywords' is missing",
            id="urgent",
        ),
        pytest.param(
            "  complaint: {name: 投诉, keywords: {坏了: 1}}\n",
            "  complaint:\n    keywords: {坏了: 1}\n",
            "complaint",
            "type 'complaint': field 'name' is missing",
            id="type",
        ),
        pytest.param(
            "    resolve_hours: 72\n    posts: [信息收集员]\n    subcategories:\n"
            "      - code: roads.hole\n",
            "    posts: [信息收集员]\n    subcategories:\n      - code: roads.hole\n",
            "- code: roads.hole",
            "subcategory 'roads.hole': field 'resolve_hours' is missing (set it here, on "
            "category 'roads' or under defaults)",
            id="subcategory",
        ),
    ],
)
def test_missing_field_names_the_mapping_that_lacks_it(
    tmp_path: Path, old: str, new: str, marker: str, expected: str
) -> None:
    path, line = _edited(tmp_path, SMALL, old, new, marker)
    message = _error(path)
    assert message.startswith(f"{path} line {line}: ") and expected in message


def test_the_shipped_file_and_a_copy_load_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "taxonomy.yaml"
    copy.write_text(SHIPPED, encoding="utf-8")
    assert load_taxonomy(copy) == load_taxonomy()
