"""Print layouts for the published maps: title, map, legend, scale bar, north arrow, sources.

Built with QGIS's layout API so analysts can open the project and adjust them; exported
to PNG and PDF by ``make demo``.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right. DSPT status: NHS England (Data "
    "Security and Protection Toolkit), published data. Map: dspt-qgis."
)
NORTH_ARROW_SVG = "/usr/share/qgis/svg/arrows/NorthArrow_02.svg"

#: A4 width, cut to the content height, in millimetres; England is taller than wide.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 262.0
MARGIN = 10.0


@dataclass(frozen=True)
class MapSpec:
    """One published map: its title, subtitle, and the layers drawn, top first."""

    name: str
    title: str
    subtitle: str
    layers: tuple  # QgsMapLayer, top first


def build_layout(project: QgsProject, spec: MapSpec, extent: QgsRectangle) -> QgsPrintLayout:
    """Add an A4 layout for ``spec`` to ``project`` (replacing one of the same name)."""
    manager = project.layoutManager()
    old = manager.layoutByName(spec.name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(spec.name)
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(PAGE_WIDTH, PAGE_HEIGHT, QgsUnitTypes.LayoutMillimeters))

    title = _label(layout, spec.title, 18, bold=True)
    title.attemptMove(QgsLayoutPoint(MARGIN, MARGIN))
    title.attemptResize(QgsLayoutSize(PAGE_WIDTH - 2 * MARGIN, 10))
    subtitle = _label(layout, spec.subtitle, 10)
    subtitle.attemptMove(QgsLayoutPoint(MARGIN, MARGIN + 10))
    subtitle.attemptResize(QgsLayoutSize(PAGE_WIDTH - 2 * MARGIN, 10))

    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(MARGIN, 32))
    map_item.attemptResize(QgsLayoutSize(PAGE_WIDTH - 2 * MARGIN, 205))
    map_item.setLayers(list(spec.layers))
    map_item.setKeepLayerSet(True)
    map_item.setCrs(project.crs())
    map_item.setExtent(extent)  # a new map has an empty extent that zoomToExtent cannot scale
    map_item.attemptResize(QgsLayoutSize(PAGE_WIDTH - 2 * MARGIN, 205))
    map_item.zoomToExtent(extent)
    map_item.setFrameEnabled(True)

    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(map_item)
    legend.setLegendFilterByMapEnabled(False)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for layer in spec.layers:
        root.addLayer(layer)
    legend.setTitle("Legend")
    legend.setStyleFont(QgsLegendStyle.Title, QFont("DejaVu Sans", 10, QFont.Bold))
    legend.setStyleFont(QgsLegendStyle.Subgroup, QFont("DejaVu Sans", 8, QFont.Bold))
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, QFont("DejaVu Sans", 7))
    legend.setBackgroundColor(Qt.white)
    legend.setFrameEnabled(True)
    legend.setColumnCount(1)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(MARGIN + 2, 34))
    legend.adjustBoxSize()

    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(map_item)
    scale_bar.setUnits(QgsUnitTypes.DistanceKilometers)
    scale_bar.setUnitLabel("km")
    scale_bar.setNumberOfSegments(2)
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setUnitsPerSegment(50)
    scale_bar_text = scale_bar.textFormat()
    scale_bar_text.setFont(QFont("DejaVu Sans"))
    scale_bar_text.setSize(7)
    scale_bar.setTextFormat(scale_bar_text)
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(PAGE_WIDTH - MARGIN - 50, 222))

    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(NORTH_ARROW_SVG)
    layout.addLayoutItem(arrow)
    arrow.attemptMove(QgsLayoutPoint(PAGE_WIDTH - MARGIN - 14, 36))
    arrow.attemptResize(QgsLayoutSize(10, 14))

    source = _label(layout, ATTRIBUTION, 7)
    source.attemptMove(QgsLayoutPoint(MARGIN, 241))
    source.attemptResize(QgsLayoutSize(PAGE_WIDTH - 2 * MARGIN, 14))
    manager.addLayout(layout)
    return layout


def export_layout(layout: QgsPrintLayout, png_path: str, pdf_path: str, dpi: int = 110) -> None:
    """Export a layout to PNG and PDF; raise naming the file when QGIS reports an error."""
    exporter = QgsLayoutExporter(layout)
    image = QgsLayoutExporter.ImageExportSettings()
    image.dpi = dpi
    image.exportMetadata = False  # GDAL cannot add metadata to a PNG in place
    if exporter.exportToImage(png_path, image) != QgsLayoutExporter.Success:
        raise RuntimeError(f"Could not export {png_path}: {exporter.errorFile()}")
    pdf = QgsLayoutExporter.PdfExportSettings()
    pdf.dpi = 200
    if exporter.exportToPdf(pdf_path, pdf) != QgsLayoutExporter.Success:
        raise RuntimeError(f"Could not export {pdf_path}: {exporter.errorFile()}")


def _label(layout, text: str, size: int, bold: bool = False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    label.setFont(QFont("DejaVu Sans", size, QFont.Bold if bold else QFont.Normal))
    label.setMode(QgsLayoutItemLabel.ModeFont)
    layout.addLayoutItem(label)
    return label
