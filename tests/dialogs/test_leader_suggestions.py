"""A leader triaging a request the classifier was unsure of sees its best guesses first."""

from bot.nlp_adapter import TaxonomyNames
from nlp import Classifier, Segmenter
from tests.chat import Chat, Said

VAGUE = "那个又不行了"
CLEAR = "小区门口垃圾桶满了好几天"
NlpParts = tuple[Classifier, Segmenter, TaxonomyNames]


async def file_as_other(chat: Chat, resident: int) -> None:
    """The resident is asked to pick, picks 其他 from the full list and submits."""
    await chat.send(resident, VAGUE)
    unsure = (await chat.to(resident))[-1]
    assert unsure.key == "draft.unsure"
    await chat.press(resident, unsure.options["其他类别…"])
    picker = (await chat.to(resident))[-1]
    await chat.press(resident, picker.options["其他"])
    summary = (await chat.to(resident))[-1]
    await chat.press(resident, summary.options["提交"])
    await chat.new()


async def open_item(chat: Chat, leader: int) -> Said:
    await chat.send(leader, "/open")
    (item,) = await chat.to(leader)
    return item


def guesses(nlp_parts: NlpParts, text: str, filed_as: str) -> list[str]:
    classifier, _, names = nlp_parts
    candidates = dict.fromkeys(c.category for c in classifier.classify(text).candidates)
    return [names.category_name(c) for c in candidates if c != filed_as][:3]


async def test_vague_request_shows_suggestions_first_and_recategorises(
    chat: Chat, nlp_parts: NlpParts
) -> None:
    s = chat.seeded
    classifier, _, _ = nlp_parts
    assert classifier.classify(VAGUE).low_confidence
    expected = guesses(nlp_parts, VAGUE, "other")
    assert expected
    await file_as_other(chat, s.residents[0])
    item = await open_item(chat, s.leader_a)
    assert item.key == "leader.item_unsure"
    assert item.text.endswith("可能是：" + " / ".join(expected))
    await chat.press(s.leader_a, item.options["改类别"])
    (picker,) = await chat.to(s.leader_a)
    assert picker.key == "leader.pick_category"
    labels = list(picker.options)
    assert labels[: len(expected)] == [f"建议：{name}" for name in expected]
    assert not any(label.startswith("建议") for label in labels[len(expected) :])
    assert {label.removeprefix("建议：") for label in labels} >= {"其他", *expected}
    assert len(labels) == len(set(labels))
    ack = await chat.press(s.leader_a, picker.options[labels[0]])
    assert ack.toast is not None and ack.toast.key == "leader.recategorised"
    assert expected[0] in ack.toast.params["category"]
    assert (await open_item(chat, s.leader_a)).key == "leader.item"


async def test_confident_request_suggests_the_runners_up_and_no_hint_line(
    chat: Chat, nlp_parts: NlpParts
) -> None:
    s = chat.seeded
    resident = s.residents[0]
    filed_as = nlp_parts[0].classify(CLEAR).category
    await chat.send(resident, CLEAR)
    await chat.press(resident, (await chat.to(resident))[-1].options["提交"])
    await chat.new()
    item = await open_item(chat, s.leader_a)
    assert item.key == "leader.item" and "可能是" not in item.text
    await chat.press(s.leader_a, item.options["改类别"])
    (picker,) = await chat.to(s.leader_a)
    suggested = [label for label in picker.options if label.startswith("建议：")]
    assert suggested == [f"建议：{n}" for n in guesses(nlp_parts, CLEAR, filed_as)]
    assert f"建议：{nlp_parts[2].category_name(filed_as)}" not in suggested


async def test_picker_refuses_members_and_unknown_requests(chat: Chat) -> None:
    s = chat.seeded
    ack = await chat.press(s.members_a[0], "recat:1")
    assert ack.toast is not None and ack.toast.key == "refused.not_leader"
    ack = await chat.press(s.leader_a, "recat:999")
    assert ack.toast is not None and ack.toast.key == "refused.no_such_request"
    assert all(m.key != "leader.pick_category" for m in await chat.new())
