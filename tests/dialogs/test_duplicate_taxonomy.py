"""The duplicate finder uses the configured taxonomy (LINLI_TAXONOMY), not the shipped one:
魔方 and 积木 share no word, only this taxonomy's concept, so only it makes them alike."""

import pytest

from bot.nlp_adapter import TaxonomyNames
from nlp import Classifier, Segmenter, load_classifier, load_taxonomy
from tests.chat import Chat

TAXONOMY = """\
urgent:
  claim_hours: 0.5
  resolve_hours: 4
  keywords: {着火: 2}
  hotlines: {"119": [着火]}
types:
  complaint: {name: 投诉, keywords: {坏了: 1}}
categories:
  - code: toys
    name: 玩具
    claim_hours: 24
    resolve_hours: 72
    posts: [信息收集员]
    subcategories:
      - code: toys.puzzle
        name: 益智玩具
        keywords: [魔方, 积木]
  - code: other
    name: 其他
    posts: [信息收集员]
    claim_hours: 24
    resolve_hours: 72
"""


@pytest.fixture(scope="module")
def nlp_parts(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Classifier, Segmenter, TaxonomyNames]:
    path = tmp_path_factory.mktemp("taxonomy") / "mine.yaml"
    path.write_text(TAXONOMY, encoding="utf-8")
    taxonomy = load_taxonomy(path)
    return load_classifier(taxonomy), Segmenter(taxonomy=taxonomy), TaxonomyNames(taxonomy)


async def test_paraphrase_by_the_configured_taxonomy_is_a_duplicate(chat: Chat) -> None:
    first, second = chat.seeded.residents
    await chat.send(first, "魔方")
    (summary,) = await chat.to(first)
    assert summary.key == "draft.summary" and "玩具" in summary.text
    await chat.press(first, summary.options["提交"])
    await chat.new()

    await chat.send(second, "积木")
    (reply,) = await chat.to(second)
    assert reply.key == "draft.duplicate" and "魔方" in reply.text
