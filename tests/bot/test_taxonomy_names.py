"""The names the core shows: a label the taxonomy does not know (a model trained on a
community's own labels, 物业科 or 报修) is shown as itself and gets the default limits."""

from pathlib import Path

from bot.nlp_adapter import TaxonomyNames
from nlp import load_taxonomy
from tests.nlp.test_taxonomy import SMALL


def test_names_of_unknown_labels_are_the_labels() -> None:
    taxonomy = load_taxonomy()
    names = TaxonomyNames(taxonomy)
    assert names.category_name("物业科") == "物业科"
    assert names.subcategory_name(None) == ""
    assert names.type_name("报修") == "报修"
    assert names.type_name("wish") == {"$t": "type.wish"}
    assert names.deadline_hours(None, urgent=False) == taxonomy.deadline_hours("other", False)
    assert names.deadline_hours("物业科", urgent=False) == (24, 72)
    assert names.posts_for("物业科") == ("信息收集员",)


def test_type_named_by_the_taxonomy_when_the_catalogue_has_none(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        SMALL.replace("types:\n", "types:\n  praise: {name: 表扬, keywords: {感谢: 1}}\n"),
        encoding="utf-8",
    )
    assert TaxonomyNames(load_taxonomy(path)).type_name("praise") == "表扬"
