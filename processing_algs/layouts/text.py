"""Text in print layouts, the same on every map and atlas page and on every QGIS.

DejaVu Sans is on every QGIS install, so a layout looks the same wherever it is exported.
QGIS 3.24 replaced a label's font with a text format and 3.30 a legend style's; the
older setters are deprecated (QGIS 4 drops them), 3.22 has only those: one switch each.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    Qgis,
    QgsLayout,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

FONT = "DejaVu Sans"


def text_format(points: float, bold: bool = False) -> QgsTextFormat:
    """The layouts' text: DejaVu Sans at ``points``."""
    text = QgsTextFormat()
    text.setFont(QFont(FONT, int(points), QFont.Weight.Bold if bold else QFont.Weight.Normal))
    text.setSize(points)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    return text


def legend_text(legend: QgsLayoutItemLegend, style: Any, text: QgsTextFormat) -> None:
    """A legend style's text (its text format from QGIS 3.30; 3.22 has only the font)."""
    if Qgis.QGIS_VERSION_INT >= 33000:
        legend.rstyle(style).setTextFormat(text)
    else:
        legend.setStyleFont(style, text.font())


def add_label(
    layout: QgsLayout,
    text: str,
    points: int,
    *,
    at: tuple[float, float],
    box: tuple[float, float],
    bold: bool = False,
    page: int = 0,
) -> QgsLayoutItemLabel:
    """A plain-text label (never HTML: names show as written). A bold one of fixed text
    is a title and stays on one line: a longer one is set smaller, never wrapped into the
    next line (an expression's text is only known page by page: it wraps)."""
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    font = QFont(FONT, points, QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fixed = "[%" not in text
    while bold and fixed and points > 10 and QgsLayoutUtils.textWidthMM(font, text) > box[0]:
        points -= 1
        font.setPointSize(points)
    if Qgis.QGIS_VERSION_INT >= 32400:
        label.setTextFormat(text_format(points, bold))
    else:
        label.setFont(font)
    label.setMode(QgsLayoutItemLabel.ModeFont)
    label.setHAlign(Qt.AlignmentFlag.AlignLeft)  # not QGIS's default, justified
    layout.addLayoutItem(label)
    label.attemptMove(QgsLayoutPoint(*at), page=page)
    label.attemptResize(QgsLayoutSize(*box))
    return label
