"""Resident phrasings → category, type, urgency (the default taxonomy)."""

from __future__ import annotations

import pytest

from nlp import Classifier, Taxonomy
from nlp.training.train import train

CATEGORY_CASES = [
    # env
    ("小区垃圾桶满了好几天没人清，臭烘烘的", "env"),
    ("楼道里一股尿骚味，保洁也不来打扫", "env"),
    ("对面工地天天半夜施工，扬尘大得没法开窗", "env"),
    ("草丛里好多老鼠窜来窜去", "env"),
    ("遛狗的不捡狗屎，门口到处都是", "env"),
    # repair
    ("楼道黑咕隆咚的老人下楼怕摔", "repair"),
    ("我家天花板渗水，墙皮都泡起来了", "repair"),
    ("电梯又停了，住18楼的老人下不来", "repair"),
    ("单元门的门禁坏了，谁都能进来", "repair"),
    ("暖气一点都不热，家里才十几度", "repair"),
    # infra
    ("小区门口马路上有个大坑，骑车差点摔了", "infra"),
    ("井盖碎了一半，晚上看不见很危险", "infra"),
    ("公园的健身器材坏了好久了", "infra"),
    ("路边大树的树枝快碰到电线了，该修剪了", "infra"),
    ("街口那排路灯晚上都不亮", "infra"),
    # traffic
    ("小区车位太少了，下班回来根本没地方停", "traffic"),
    ("有辆车堵在我家车库门口，打电话也不接", "traffic"),
    ("共享单车堆在人行道上，走都走不过去", "traffic"),
    ("学校门口早上堵车太严重，能不能安排人疏导", "traffic"),
    ("那辆僵尸车在楼下停了一年多了", "traffic"),
    # safety
    ("电动车推到楼道里充电，太危险了", "safety"),
    ("消防通道被私家车堵死了", "safety"),
    ("有人从楼上往下扔垃圾，差点砸到人", "safety"),
    ("楼顶有个广告牌锈得快掉下来了", "safety"),
    ("有人从窗户飞线给电瓶车充电", "safety"),
    # order
    ("车棚里的电瓶被人偷了", "order"),
    ("最近老有陌生人在楼里转悠，挨家看门牌", "order"),
    ("有人冒充社区工作人员上门推销保健品", "order"),
    ("隔壁那套房子是群租房，住了十几个人", "order"),
    ("小区门口有人摆摊卖菜，把路都占了", "order"),
    # dispute
    ("保洁阿姨工资拖了三个月", "dispute"),
    ("楼上天天半夜剁肉吵得睡不着", "dispute"),
    ("楼上漏水到我家，他们不承认也不赔", "dispute"),
    ("房东不退押金，说我把墙弄脏了", "dispute"),
    ("婆媳天天吵架，想请社区来调解一下", "dispute"),
    # care
    ("隔壁独居的王奶奶好几天没出门了，能不能去看看", "care"),
    ("我腿脚不便，想请人帮忙买点菜送上来", "care"),
    ("想给小区的留守儿童捐几个书包", "care"),
    ("老伴卧床，想有人陪我去医院复查", "care"),
    ("家里困难，孩子学费交不起了", "care"),
    # service
    ("低保怎么申请，需要什么材料", "service"),
    ("养老金资格认证在哪里办", "service"),
    ("医保异地就医怎么报销", "service"),
    ("开居住证明要带什么", "service"),
    ("孩子落户口需要去哪个窗口", "service"),
    # culture
    ("社区重阳节有什么活动吗", "culture"),
    ("我想报名当志愿者", "culture"),
    ("活动室周末开放吗，想去下象棋", "culture"),
    ("暑假有没有给孩子的兴趣班", "culture"),
    ("建议多组织点广场舞比赛", "culture"),
    # other
    ("你好", "other"),
    ("在吗", "other"),
    ("谢谢你们", "other"),
    ("哈哈哈", "other"),
    ("早上好，今天天气不错", "other"),
]


@pytest.mark.parametrize(("text", "category"), CATEGORY_CASES)
def test_category(classifier: Classifier, text: str, category: str) -> None:
    result = classifier.classify(text)
    assert result.category == category, (result.candidates, result.keywords)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("想要一个轮椅，借用一段时间就行", "wish"),
        ("楼道灯坏了一个礼拜了没人修", "complaint"),
        ("能不能帮我把米扛上六楼", "wish"),  # an errand (the type convention, issue 18)
        ("老伴住院了我一个人照顾不过来，能不能来个人搭把手", "help"),
        ("请问低保怎么办理", "consult"),
        ("建议在小区里多放几个长椅", "suggestion"),
        ("要是院子里能有个晾衣杆就好了", "wish"),
        ("物业费凭啥又涨了", "complaint"),
    ],
)
def test_type(classifier: Classifier, text: str, type_: str) -> None:
    assert classifier.classify(text).type == type_


@pytest.mark.parametrize(
    ("text", "hotline"),
    [
        ("3号楼着火了，冒了好多烟", "119"),
        ("楼道里一股煤气味，很浓", "119"),
        ("楼下有个老人晕倒了，叫不醒", "120"),
        ("我爸摔倒了起不来", "120"),
        ("有人在小区门口打架，还拿着刀", "110"),
        ("电线掉下来了，还在冒火花", "119"),
    ],
)
def test_urgent_with_hotline(classifier: Classifier, text: str, hotline: str) -> None:
    result = classifier.classify(text)
    assert result.urgent and hotline in result.hotlines


@pytest.mark.parametrize(
    "text",
    [
        "楼道黑咕隆咚的老人下楼怕摔",
        "社区能不能搞一次防火宣传",
        "上次着火的事已经处理好了，谢谢",
        "担心电动车在楼道充电会着火",
        "楼道灯的开关摁了没反应",
        "车天天停在消防通道上，万一着火了消防车咋进来",
    ],
)
def test_not_urgent(classifier: Classifier, text: str) -> None:
    result = classifier.classify(text)
    assert not result.urgent and result.hotlines == ()


def test_explanation_and_candidates(classifier: Classifier) -> None:
    result = classifier.classify("3号楼2单元楼道灯坏了一个礼拜了，晚上老人上下楼很危险")
    assert result.category == "repair" and result.subcategory == "repair.corridor_light"
    assert "楼道灯" in result.keywords
    assert result.candidates[0].category == "repair"
    assert 0 < result.confidence <= 1 and not result.low_confidence


def test_low_confidence_goes_to_other_with_candidates(taxonomy: Taxonomy) -> None:
    result = Classifier(taxonomy).classify("树那边有点乱")
    assert result.category == "other" and result.low_confidence
    assert result.subcategory is None
    assert result.candidates and result.candidates[0].category != "other"


@pytest.mark.parametrize("text", ["门口", "水", "也时成和者名世行"])
def test_vague_or_garbled_message_asks_the_resident(classifier: Classifier, text: str) -> None:
    """No keyword and an unsure model (the shipped set-up): the resident picks."""
    result = classifier.classify(text)
    assert result.category == "other" and result.low_confidence
    assert len(result.candidates) >= 2 and result.candidates[0].category != "other"


def test_chit_chat_is_other_and_confident(classifier: Classifier) -> None:
    result = classifier.classify("你好")
    assert result.category == "other" and not result.low_confidence


def test_traditional_and_full_width_input(classifier: Classifier) -> None:
    assert classifier.classify("樓道燈壞了！！！").category == "repair"


def test_fallback_model_answers_when_keywords_are_silent(taxonomy: Taxonomy) -> None:
    rows = [
        {"text": "篮筐掉了", "category": "infra"},
        {"text": "球框歪了", "category": "infra"},
        {"text": "你好", "category": "other"},
        {"text": "谢谢", "category": "other"},
        {"text": "低保申请", "category": "service"},
    ]
    fallback = train(rows * 3)
    text = "球框又掉了"
    assert Classifier(taxonomy).classify(text).low_confidence
    result = Classifier(taxonomy, fallback=fallback).classify(text)
    assert result.category == "infra" and not result.low_confidence
    assert "球框" in result.keywords
