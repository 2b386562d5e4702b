"""A model trained on a community's own labels (物业科/环卫科/民政科, types 报修/求助件):
the taxonomy knows none of them, yet a resident's report is filed, shown by its label,
and given the taxonomy's default time limits."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.nlp_adapter import TaxonomyNames
from nlp import Classifier, Segmenter, load_classifier, load_taxonomy
from tests.chat import Chat

LABELLED = {
    ("物业科", "报修"): ["楼道灯不亮了", "电梯坏了困人", "单元门锁坏了", "水管漏水了", "楼顶漏雨"],
    ("环卫科", "报修"): ["垃圾没人清运", "垃圾桶满了", "绿化带里全是垃圾", "垃圾站臭气熏天"],
    ("民政科", "求助件"): ["想申请低保", "独居老人没人照顾", "申请临时救助", "困难家庭求助"],
}


@pytest.fixture(scope="module")
def custom_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("custom_labels")
    data, model = folder / "labelled.jsonl", folder / "model.json"
    rows = [
        {"text": text, "category": category, "type": kind}
        for (category, kind), texts in LABELLED.items()
        for text in texts
    ]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["nlp", "train", str(data), "--out", str(model)])
    assert result.exit_code == 0, result.output
    return model


@pytest.fixture(scope="module")
def nlp_parts(custom_model: Path) -> tuple[Classifier, Segmenter, TaxonomyNames]:
    """The chat harness's nlp parts, with the community's own model (LINLI_NLP_MODEL)."""
    taxonomy = load_taxonomy()
    classifier = load_classifier(taxonomy, custom_model)
    return classifier, Segmenter(taxonomy=taxonomy), TaxonomyNames(taxonomy)


async def test_report_with_an_unknown_label_is_filed_under_it(chat: Chat) -> None:
    resident = chat.seeded.residents[0]
    await chat.send(resident, "楼道灯不亮了")
    (summary,) = await chat.to(resident)
    assert summary.key == "draft.summary"
    assert "类别：物业科" in summary.text and "类型：报修" in summary.text
    assert "办理时限：72 小时内" in summary.text

    await chat.press(resident, summary.options["提交"])
    messages = await chat.new()
    ack = next(m for m in messages if m.chat_id == str(resident))
    assert ack.key == "resident.submitted" and "物业科" in ack.text
    card = next(m for m in messages if m.key == "card.request")
    assert card.chat_id == "group-a" and "物业科·报修" in card.text
    assert card.text.endswith("党员0、党员1、党员2：与您的岗位相关，请关注。")  # the default posts
    async with chat.env.uow() as uow:
        (request,) = await uow.requests.of_resident(resident)
    assert (request.category, request.type) == ("物业科", "报修")
    assert request.grid_id == chat.seeded.grid_a
    assert request.claim_by == request.created_at + timedelta(hours=24)
    assert request.resolve_by == request.created_at + timedelta(hours=72)
