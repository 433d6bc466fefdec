"""Bar charts for the PDF summary, drawn with reportlab's graphics in the embedded font."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from neutralitas_desktop.reports.pdf_common import FONT, FONT_BOLD, INK, MUTED, RULE


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: colors.Color


def _nice_max(value: float) -> tuple[float, float]:
    """An axis maximum and step that read well (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    top = step * int(-(-value // step))
    return float(top), float(step)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stacked_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    width: float,
    *,
    title: str = "",
    stacked: bool = True,
    label_chars: int = 34,
) -> Drawing:
    """Horizontal bars, one per category (top to bottom in the given order)."""
    n = max(len(categories), 1)
    bar_height = 13 if stacked else 7 * max(len(series), 1) + 3
    chart_height = n * (bar_height + 6)
    axis_height = 16  # value labels under the bars
    legend_height = 16
    title_height = 16 if title else 0
    height = axis_height + chart_height + legend_height + title_height + 4
    drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=8)
    label_width = min(width * 0.42, 5.4 * label_chars)
    chart = HorizontalBarChart()
    chart.x = label_width + 6
    chart.y = axis_height
    chart.width = width - chart.x - 10
    chart.height = chart_height
    # reportlab draws the first category at the bottom; reverse so the list reads downwards
    cats = [_shorten(c, label_chars) for c in reversed(categories)] or [""]
    # within a group the first series is drawn lowest; reverse so bars follow the legend
    drawn = list(series) if stacked else list(reversed(series))
    data = [tuple(reversed(s.values)) or (0,) for s in drawn] or [(0,)]
    chart.data = data
    chart.categoryAxis.categoryNames = cats
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    if stacked:
        chart.categoryAxis.style = "stacked"
        totals = [sum(vals) for vals in zip(*data, strict=True)]
    else:
        totals = [max(vals) for vals in zip(*data, strict=True)]
    top, step = _nice_max(max(totals, default=0))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E5E9EF")
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.valueAxis.labelTextFormat = "%d"
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.barWidth = bar_height if stacked else 7
    for i, s in enumerate(drawn):
        chart.bars[i].fillColor = s.colour
        chart.bars[i].strokeColor = colors.white
        chart.bars[i].strokeWidth = 0.4
    drawing.add(chart)
    legend = Legend()
    legend.fontName = FONT
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.x = chart.x
    legend.y = axis_height + chart_height + legend_height - 2
    legend.dx = 7
    legend.dy = 7
    legend.dxTextSpace = 4
    legend.columnMaximum = 1
    legend.deltax = 0
    legend.autoXPadding = 14
    legend.colorNamePairs = [(s.colour, s.name) for s in series]
    drawing.add(legend)
    if title:
        drawing.add(String(0, height - 12, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    return drawing
