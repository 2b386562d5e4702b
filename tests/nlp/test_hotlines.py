"""Which emergency numbers an urgent reply names: the cue words found first (several
numbers allowed), then the model's strongest words where they overlap a number's cue
words, then the category's own hotline, otherwise none."""

from __future__ import annotations

import pytest

from nlp import Classifier, Taxonomy
from nlp.lexicon import Lexicon
from nlp.model import Model, Table
from nlp.urgency import UrgencyRules
from nlp.urgency_blend import UrgencyBlend

# Urgent messages written for this test (none is a line of a data file) and the numbers
# the resident must be told to call; () where the grid or the property company handles it.
HOTLINES = [
    ("厨房油锅起火了，火苗窜到抽油烟机上了", {"119"}),
    ("楼道里一股很浓的煤气味", {"119"}),
    ("配电箱冒火花，噼里啪啦响", {"119"}),
    ("电梯突然停了，我和孩子被困在里面", {"119"}),
    ("孩子掉进小区的池塘里了，在水里扑腾", {"119"}),
    ("燃气报警器一直在响，屋里有股很重的煤气味", {"119"}),  # 报警器 is no call for 110
    ("我爸在卫生间摔倒了，叫不醒", {"120"}),
    ("老伴突然胸口疼，喘不上气", {"120"}),
    ("我妈突然嘴歪了，说话说不清", {"120"}),
    ("孩子误喝了消毒水，一直在吐", {"120"}),
    ("小区里有人遛狗不栓绳，把我孙子咬了，流了好多血", {"120"}),
    ("有人拿着刀在楼下追着人砍", {"110"}),
    ("有个男的正在撬隔壁的门", {"110"}),
    ("我家孩子在小区里走丢了，到处都找不到", {"110"}),
    ("楼上有人往下扔砖头，还在扔", {"110"}),
    ("楼下两个人打起来了，有一个满脸是血", {"110", "120"}),
    ("一辆车在小区门口把老人撞倒了，躺在地上不动", {"110", "120"}),
    ("三楼着火了，有个老人被烟呛晕了", {"119", "120"}),
    ("有人站在楼顶边上说要跳楼", {"110", "119", "120"}),
    ("水管爆了", set()),
    ("家里水管爆了，满地都是水", set()),
    ("楼上水管爆了，水从我家天花板往下灌", set()),
    ("暖气管爆了，热水喷了一屋子", set()),
]


@pytest.mark.parametrize(("text", "hotlines"), HOTLINES)
def test_urgent_message_names_its_hotlines(
    classifier: Classifier, text: str, hotlines: set[str]
) -> None:
    result = classifier.classify(text)
    assert result.urgent, result.keywords
    assert set(result.hotlines) == hotlines, (result.hotlines, result.category)


# The table's log-odds, plus the cue weights, minus one per hedging word; urgent at ≥ 0.
PLAIN_BLEND = UrgencyBlend(("cues", "hedges", "model"), (1.0, -1.0, 1.0), 0.0, 0.0, 0.98)


def _hotlines(taxonomy: Taxonomy, weights: dict[str, float], text: str, category: str) -> tuple:
    """The hotlines of `text`, urgent by a model that likes the bigrams `weights` (no
    cue word of any number occurs in the texts below)."""
    urgent = Table(["urgent"], [-2.0], {word: [w] for word, w in weights.items()})
    model = Model(Table(["x"], [0.0], {}), urgent=urgent, urgent_blend=PLAIN_BLEND)
    rules = UrgencyRules(taxonomy.urgent, model, taxonomy.category_hotlines())
    result = rules.assess(text, Lexicon(rules.words()).scan(text), text, category)
    assert result.urgent
    return result.hotlines


def test_model_words_that_overlap_a_cue_word_name_its_number(taxonomy: Taxonomy) -> None:
    # 活着没 shares 活着 and 着没 with the 110 cue 活着没意思: that beats the category.
    weights = {"活着": 3.0, "着没": 3.0}
    assert _hotlines(taxonomy, weights, "他说活着没劲", "care") == ("110",)


def test_one_common_bigram_is_no_overlap(taxonomy: Taxonomy) -> None:
    # 还在往下 shares one bigram each with 还在打 and 往下扔 (110), 往下掉 (119): not enough.
    weights = {"还在": 4.0, "在往": 1.0, "往下": 4.0}
    assert _hotlines(taxonomy, weights, "水还在往下淌", "repair") == ()
    assert _hotlines(taxonomy, weights, "水还在往下淌", "care") == ("120",)
    assert _hotlines(taxonomy, weights, "水还在往下淌", "safety") == ("119",)
