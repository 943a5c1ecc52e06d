"""The items every layout here is made of: a page, titles, a framed map, a legend, an
outline of one map's extent on another, the sources; and the export of a one-page layout
to PNG and PDF. The national maps, the small multiples and the atlas each place these, so
a map frame or a legend is set up one way everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayout,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapLayer,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QImage, QImageWriter

from .text import add_label, legend_text, text_format

MARGIN = 10.0
#: The sources of the national maps and the small multiples (the sample's: ONS boundaries,
#: NHS England statuses).
ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right. DSPT status: NHS England (Data "
    "Security and Protection Toolkit), published data. Map: dspt-qgis."
)
#: What a map shows: the layers of a map theme (its name), or a fixed list (top first).
Shown = Union[str, Sequence[QgsMapLayer]]
#: A legend's text: (legend style, size in points, bold) for each style set.
LegendText = Sequence[tuple[Any, float, bool]]
#: The national maps' legends: a title, a heading per layer, small labels.
LEGEND_TEXT: LegendText = (
    (QgsLegendStyle.Title, 10, True),
    (QgsLegendStyle.Subgroup, 8, True),
    (QgsLegendStyle.SymbolLabel, 7, False),
)


#: Set on every layout the plugin makes: a layout of the same name without it is the
#: analyst's own (kept, not replaced: see :class:`.project.ProjectChanges`).
MADE_HERE = "dspt_qgis/made_by_plugin"


def new_layout(project: QgsProject, name: str, width: float, height: float) -> QgsPrintLayout:
    """A layout ``name`` of one ``width`` x ``height`` mm page, not yet in the project
    (:func:`replace_layout` puts it there)."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    layout.setCustomProperty(MADE_HERE, True)
    layout.pageCollection().page(0).setPageSize(
        QgsLayoutSize(width, height, QgsUnitTypes.LayoutMillimeters)
    )
    return layout


def replace_layout(project: QgsProject, layout: QgsPrintLayout) -> QgsPrintLayout | None:
    """Add ``layout`` to ``project`` in place of the layout of the same name; return a copy
    of the one replaced (None when there was none), to put back if the run fails."""
    manager = project.layoutManager()
    old = manager.layoutByName(layout.name())
    kept = None
    if old is not None:
        kept = old.clone()
        manager.removeLayout(old)
    manager.addLayout(layout)
    return kept


def add_titles(layout: QgsLayout, title: str, subtitle: str, width: float) -> None:
    """A page's title (one line, set smaller when long) and subtitle (up to two lines)."""
    add_label(layout, title, 18, bold=True, at=(MARGIN, MARGIN), box=(width, 10))
    add_label(layout, subtitle, 9, at=(MARGIN, MARGIN + 11), box=(width, 12))


def add_attribution(
    layout: QgsLayout, at: tuple[float, float], box: tuple[float, float]
) -> QgsLayoutItemLabel:
    """The maps' sources in small print."""
    return add_label(layout, ATTRIBUTION, 7, at=at, box=box)


def add_map(
    layout: QgsLayout,
    item_id: str,
    shown: Shown,
    crs: QgsCoordinateReferenceSystem,
    extent: QgsRectangle,
    frame: tuple[float, float, float, float],
) -> QgsLayoutItemMap:
    """A framed map ``item_id`` of ``extent`` in ``frame`` (x, y, width, height in mm),
    showing ``shown`` (a map theme followed, or fixed layers) in ``crs``."""
    x, y, width, height = frame
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    item.setId(item_id)
    item.attemptMove(QgsLayoutPoint(x, y))
    item.attemptResize(QgsLayoutSize(width, height))
    item.setCrs(crs)
    if isinstance(shown, str):
        item.setFollowVisibilityPreset(True)
        item.setFollowVisibilityPresetName(shown)
    else:
        item.setLayers(list(shown))
        item.setKeepLayerSet(True)
    item.setExtent(extent)  # a new map has an empty extent that zoomToExtent cannot scale
    item.attemptResize(QgsLayoutSize(width, height))  # setExtent reshaped the frame
    item.zoomToExtent(extent)
    item.setFrameEnabled(True)
    return item


def outline_on(item: QgsLayoutItemMap, other: QgsLayoutItemMap, colour: str) -> None:
    """``other``'s extent outlined on ``item`` in ``colour`` (an inset's on the national
    map, the page's map on the atlas's locator)."""
    outline = item.overview()
    outline.setLinkedMap(other)
    outline.setFrameSymbol(
        QgsFillSymbol.createSimple({"style": "no", "outline_color": colour, "outline_width": "0.4"})
    )


def add_legend(
    layout: QgsLayout,
    linked: QgsLayoutItemMap,
    entries: Sequence[tuple[QgsMapLayer, str]],
    at: tuple[float, float],
    *,
    title: str = "Legend",
    text: LegendText = LEGEND_TEXT,
    symbol: tuple[float, float, float] | None = None,
) -> QgsLayoutItemLegend:
    """A legend at ``at`` (mm) of exactly ``entries``: each layer under its own heading
    ("|" breaks a heading's line), whatever the project's layer tree holds; ``symbol``:
    the symbols' (width, height, space above) in mm, when not QGIS's defaults."""
    legend = QgsLayoutItemLegend(layout)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()  # before linking the map: the project's whole layer tree is not drawn for nothing
    legend.setLinkedMap(linked)
    legend.setLegendFilterByMapEnabled(False)
    for layer, heading in entries:
        root.addLayer(layer).setCustomProperty("legend/title-label", heading)  # this legend only
    legend.setTitle(title)
    for style, size, bold in text:
        legend_text(legend, style, text_format(size, bold))
    legend.setWrapString("|")
    legend.setBackgroundColor(QColor(Qt.GlobalColor.white))
    legend.setFrameEnabled(False)
    legend.setColumnCount(1)
    if symbol is not None:
        width, height, space = symbol
        legend.setSymbolWidth(width)
        legend.setSymbolHeight(height)
        for style in (QgsLegendStyle.Symbol, QgsLegendStyle.SymbolLabel):
            legend.rstyle(style).setMargin(QgsLegendStyle.Top, space)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(*at))
    legend.setResizeToContents(True)
    legend.adjustBoxSize()
    return legend


#: zlib level 1 for the PNG maps (Qt's quality 80): on these flat-coloured maps, written
#: without alpha, the files come out 5-20% smaller than QGIS's own export and take half
#: the time to write.
PNG_QUALITY = 80


def export_layout(
    layout: QgsPrintLayout, png_path: str, pdf_path: str | None, dpi: int = 110
) -> None:
    """Export a layout's page to PNG (and PDF); raise naming the file when QGIS reports an error.

    The page is rendered by QGIS (``renderPageToImage``) and written by Qt without its
    alpha channel (the page is opaque) at a fast compression level: writing the PNG at
    QGIS's defaults took as long as drawing the map.
    """
    exporter = QgsLayoutExporter(layout)
    print_resolution = layout.renderContext().dpi()  # saved with the project: the designer's
    layout.renderContext().setDpi(dpi)  # as exportToImage does: symbols and text are sized for it
    try:
        page = exporter.renderPageToImage(0, dpi=dpi).convertToFormat(QImage.Format.Format_RGB888)
    finally:
        layout.renderContext().setDpi(print_resolution)
    writer = QImageWriter(png_path, b"png")
    writer.setQuality(PNG_QUALITY)
    if page.isNull() or not writer.write(page):
        raise RuntimeError(f"Could not export {png_path}: {writer.errorString()}")
    if pdf_path is None:
        return
    pdf = QgsLayoutExporter.PdfExportSettings()
    pdf.dpi = 200
    if exporter.exportToPdf(pdf_path, pdf) != QgsLayoutExporter.Success:
        raise RuntimeError(f"Could not export {pdf_path}: {exporter.errorFile()}")
