"""Skip a chart test, with the one-line reason, where no Chinese font is installed."""

import pytest

from bot.charts import NoChineseFont, cjk_font


def need_chinese_font() -> None:
    try:
        cjk_font()
    except NoChineseFont as missing:
        pytest.skip(str(missing))
