from __future__ import annotations

from pathlib import Path

import pytest

from nlp import Taxonomy, TaxonomyError, load_taxonomy
from nlp.taxonomy import CONTRACT_CATEGORIES, CONTRACT_TYPES, POSTS

SMALL = """\
urgent:
  claim_hours: 0.5
  resolve_hours: 4
  keywords: {着火: 2}
  hotlines: {"119": [着火]}
types:
  complaint: {name: 投诉, keywords: {坏了: 1}}
categories:
  - code: roads
    name: 道路
    claim_hours: 24
    resolve_hours: 72
    posts: [信息收集员]
    subcategories:
      - code: roads.hole
        name: 坑
        keywords: [坑, 路面]
  - code: other
    name: 其他
    posts: [信息收集员]
    claim_hours: 24
    resolve_hours: 72
"""


def test_default_has_the_contract(taxonomy: Taxonomy) -> None:
    assert tuple(c.code for c in taxonomy.categories) == CONTRACT_CATEGORIES
    assert set(taxonomy.types) == set(CONTRACT_TYPES)
    subs = taxonomy.subcategories()
    assert 40 <= len(subs) <= 80
    assert all(sub.code.startswith(sub.category + ".") for sub in subs)
    assert all(set(sub.posts) <= set(POSTS) and sub.keywords for sub in subs)
    assert set(taxonomy.urgent.hotlines) == {"119", "120", "110"}


def test_deadlines_and_posts(taxonomy: Taxonomy) -> None:
    assert taxonomy.deadline_hours("repair.corridor_light", urgent=False) == (24, 72)
    assert taxonomy.deadline_hours("repair.corridor_light", urgent=True) == (0.5, 4)
    assert taxonomy.deadline_hours("care", urgent=False) == (24, 168)  # a category code
    assert taxonomy.posts_for("dispute.noise") == ("纠纷调解员",)
    assert taxonomy.category("env").name == "环境卫生"
    assert taxonomy.subcategory("env.rubbish").category == "env"
    with pytest.raises(KeyError):
        taxonomy.subcategory("nope")


def test_community_file_with_its_own_codes(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(SMALL, encoding="utf-8")
    taxonomy = load_taxonomy(path)
    assert [c.code for c in taxonomy.categories] == ["roads", "other"]
    assert taxonomy.subcategory("roads.hole").keywords == {"坑": 1.0, "路面": 1.0}
    assert taxonomy.category_hotlines() == {}
    with_hotline = SMALL.replace("    name: 道路\n", '    name: 道路\n    hotline: "119"\n')
    path.write_text(with_hotline, encoding="utf-8")
    assert load_taxonomy(path).category_hotlines() == {"roads": "119"}


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        (
            "    resolve_hours: 72\n    posts",
            "    resolve_hours: -1\n    posts",
            12,
            "resolve_hours",
        ),
        (
            "    posts: [信息收集员]\n    subcategories",
            "    posts: [修理工]\n    subcategories",
            13,
            "posts",
        ),
        ("  - code: other\n", "  - code: roads\n", 18, "code"),
        ("        keywords: [坑, 路面]\n", "", 15, "keywords"),
        ("  - code: other\n    name: 其他\n", "  - code: misc\n    name: 杂项\n", 9, "code"),
        ("  claim_hours: 0.5\n", "  claim_hours: soon\n", 2, "claim_hours"),
        ("  keywords: {着火: 2}\n", "  keywords: {着火: 0}\n", 4, "keywords"),
        ("    name: 道路\n", '    name: 道路\n    hotline: "120"\n', 11, "hotline"),
    ],
)
def test_errors_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, field: str
) -> None:
    assert old in SMALL
    path = tmp_path / "taxonomy.yaml"
    path.write_text(SMALL.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    message = str(error.value)
    assert str(path) in message and f"line {line}:" in message and field in message


def test_broken_yaml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text("urgent: [\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"taxonomy.yaml line \d+: invalid YAML"):
        load_taxonomy(path)
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.yaml")


def test_default_taxonomy_must_keep_contract_codes(tmp_path: Path) -> None:
    from nlp.taxonomy import DEFAULT_TAXONOMY_PATH
    from nlp.taxonomy_file import read_taxonomy

    text = DEFAULT_TAXONOMY_PATH.read_text(encoding="utf-8").replace(
        "- code: culture\n", "- code: leisure\n"
    )
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError, match="missing required categories"):
        read_taxonomy(path, strict=True)
    assert read_taxonomy(path, strict=False).category("leisure")
