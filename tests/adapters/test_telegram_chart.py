"""A chart the dialogs made (``chart:<name>``, a file under data_dir/charts) reaches Telegram
as an uploaded photo with the text as its caption; a missing one falls back to the text."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.charts import ChartFiles
from bot.telegram.sender import TelegramSender
from core.chart_data import Chart
from core.messages import Reply, t
from tests.account.fonts import need_chinese_font
from tests.support import FakeBotApi

USER = 5001
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
CHART = Chart(
    "grids",
    t("chart.grids", period="2026-11"),
    ("幸福家园网格",),
    (("report.col.response_rate", (0.5,)),),
)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as api:
        api.add_user(USER, "王建国")
        yield api


async def test_a_chart_is_uploaded_as_a_photo_with_its_caption(
    api: FakeBotApi, tmp_path: Path
) -> None:
    need_chinese_font()
    charts = ChartFiles(tmp_path / "charts")
    photo = await charts.photo(CHART)
    assert photo is not None and photo.startswith("chart:")
    bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
    sender = TelegramSender(bot, charts=charts)
    try:
        await sender.send(str(USER), Reply("stars.none_published", {"month": "2026-11"}, (), photo))
        await sender.send(
            str(USER),
            Reply("stars.none_published", {"month": "2026-12"}, (), "chart:" + "0" * 32 + ".png"),
        )
    finally:
        await bot.shutdown()
    sent, fallback = api.sent_to(USER)
    assert sent["photo"] and "2026-11" in sent["caption"]
    assert "photo" not in fallback and "2026-12" in fallback["text"]
