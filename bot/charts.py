"""Charts as PNG files (matplotlib, no pyplot state): the rates' monthly trend, the grids side
by side. Chinese needs a CJK font: Debian's fonts-wqy-microhei or fonts-noto-cjk, found with
matplotlib's font manager. A chart sent in chat is a file under ``data_dir/charts`` named by
its content, which the channels send as a photo (``chart:<name>``)."""

import asyncio
import hashlib
import io
import logging
import re
from functools import cache
from pathlib import Path

from core.chart_data import Chart
from handlers.texts import DEFAULT_LOCALE, render

logger = logging.getLogger(__name__)

CHART_PREFIX = "chart:"
NAME = re.compile(r"^[0-9a-f]{32}\.png$")
WIDTH, HEIGHT, DPI = 8.0, 4.5, 100  # 800 × 450 pixels
CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
)
COLOURS = ("#1f6feb", "#2da44e", "#d4a72c")
NO_FONT = (
    "no Chinese font for charts: apt-get install fonts-wqy-microhei (or fonts-noto-cjk), "
    "then remove matplotlib's font cache (~/.cache/matplotlib)"
)


class NoChineseFont(RuntimeError):
    """No CJK font is installed; the message says which package to install."""


@cache
def cjk_font() -> str:
    from matplotlib import font_manager  # imported when a chart is drawn, not at start-up

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    raise NoChineseFont(NO_FONT)


def draw(chart: Chart, locale: str = DEFAULT_LOCALE) -> bytes:
    """The chart as PNG bytes (800 × 450)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(chart.labels))
    for index, (key, values) in enumerate(chart.series):
        label = render(key, {}, locale)
        shown = [v * 100 if v is not None else float("nan") for v in values]
        colour = COLOURS[index % len(COLOURS)]
        if chart.kind == "trend":
            axes.plot(positions, shown, marker="o", label=label, color=colour)
        else:
            width = 0.8 / max(1, len(chart.series))
            offsets = [p + (index - (len(chart.series) - 1) / 2) * width for p in positions]
            heights = [0 if v != v else v for v in shown]
            bars = axes.bar(offsets, heights, width, label=label, color=colour)
            axes.bar_label(bars, labels=[_percent(v) for v in shown], fontsize=8)
    axes.set_xticks(list(positions), list(chart.labels), fontname=font)
    axes.set_ylim(0, 122)
    axes.set_yticks(range(0, 101, 20))
    axes.set_ylabel("%", fontname=font)
    axes.grid(axis="y", alpha=0.3)
    axes.set_title(render_title(chart, locale), fontname=font)
    axes.legend(prop={"family": font}, loc="upper center", ncol=len(chart.series), frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _percent(value: float) -> str:
    return "—" if value != value else f"{value:.0f}%"


def render_title(chart: Chart, locale: str) -> str:
    return render(chart.title["$t"], chart.title.get("params") or {}, locale)


class ChartFiles:
    """Chart PNGs on disk, named by content; :meth:`photo` is the dialogs' ``charts``."""

    def __init__(self, folder: Path, locale: str = DEFAULT_LOCALE) -> None:
        self.folder = folder
        self.locale = locale

    async def photo(self, chart: Chart) -> str | None:
        """A photo reference the channels can send, or None when no font can draw it."""
        try:
            png = await asyncio.to_thread(draw, chart, self.locale)
        except NoChineseFont as error:
            logger.warning("%s", error)
            return None
        name = hashlib.sha256(png).hexdigest()[:32] + ".png"
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / name
        if not path.exists():
            path.write_bytes(png)
        return CHART_PREFIX + name

    def path(self, photo: str | None) -> Path | None:
        """The file of a ``chart:<name>`` reference, if it is one and exists."""
        if not photo or not photo.startswith(CHART_PREFIX):
            return None
        name = photo[len(CHART_PREFIX) :]
        path = self.folder / name
        return path if NAME.match(name) and path.is_file() else None
