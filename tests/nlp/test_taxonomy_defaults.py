"""A label the taxonomy does not know (a model trained on a community's own labels) gets the
file's `defaults`; a file without them, the built-in fallback."""

from pathlib import Path

from nlp import Taxonomy, load_taxonomy
from nlp.taxonomy import FALLBACK_CLAIM_HOURS, FALLBACK_POSTS, FALLBACK_RESOLVE_HOURS
from tests.nlp.test_taxonomy import SMALL

DEFAULTS = """\
defaults:
  claim_hours: 12
  resolve_hours: 96
  posts: [环境卫生员]
"""


def test_unknown_label_gets_the_files_defaults(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(DEFAULTS + SMALL, encoding="utf-8")
    taxonomy = load_taxonomy(path)
    assert taxonomy.deadline_hours("物业科", urgent=False) == (12, 96)
    assert taxonomy.deadline_hours("物业科", urgent=True) == (0.5, 4)
    assert taxonomy.posts_for("物业科") == ("环境卫生员",)
    assert taxonomy.deadline_hours("roads.hole", urgent=False) == (24, 72)  # its own limits


def test_unknown_label_without_defaults_gets_the_fallback(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(SMALL, encoding="utf-8")
    taxonomy = load_taxonomy(path)
    assert taxonomy.deadline_hours("物业科", urgent=False) == (
        FALLBACK_CLAIM_HOURS,
        FALLBACK_RESOLVE_HOURS,
    )
    assert taxonomy.posts_for("物业科") == FALLBACK_POSTS


def test_shipped_defaults(taxonomy: Taxonomy) -> None:
    assert taxonomy.deadline_hours("物业科", urgent=False) == (24, 72)
    assert taxonomy.posts_for("物业科") == ("信息收集员",)
