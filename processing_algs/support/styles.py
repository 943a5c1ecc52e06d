"""Every map style, built with the QGIS renderer, classification and diagram APIs from the
one palette in :mod:`dspt_qgis.presentation.palette`.

Styles are applied to output layers as they load (a layer post-processor) and, for
GeoPackage outputs, saved as the layer's default style in its ``layer_styles`` table so
the layer opens styled anywhere. Class labels say exactly which values a class holds.

Public, for scripts and projects: :func:`apply_style` (a layer and one of the ``*_STYLE``
kinds) and :func:`save_default_style` give any layer the plugin's look.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationJenks,
    QgsClassificationQuantile,
    QgsDiagramLayerSettings,
    QgsDiagramSettings,
    QgsExpression,
    QgsFillSymbol,
    QgsGradientColorRamp,
    QgsGradientStop,
    QgsGraduatedSymbolRenderer,
    QgsLayerNotesUtils,
    QgsLinearlyInterpolatedDiagramRenderer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPieDiagram,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsProviderRegistry,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFont

from ...core.published_method import PUBLISHED_SCORES
from ...presentation import palette

STATUS_STYLE = "status"
CHANGE_STYLE = "change"
COMPOSITE_STYLE = "composite"
PROPORTIONS_STYLE = "proportions"
ICS_BOUNDARY_STYLE = "ics_boundary"
REGION_BOUNDARY_STYLE = "region_boundary"
#: A table of gains (dspt:improvementgains), its rows shown largest gain first.
GAINS_STYLE = "gains"

#: Commissioner areas are drawn lighter than trust points of the same status, so a Met
#: trust on a Met CCG still stands out (the points also have a dark ring and a white halo):
#: their fill is this opaque (the web page's fillOpacity too).
AREA_OPACITY = 0.6


def apply_style(
    layer: QgsVectorLayer, kind: str, *, notes: Sequence[str] = (), **options: Any
) -> None:
    """Style ``layer`` as ``kind`` (one of the *_STYLE names) and repaint it; ``notes``
    (paragraphs: how the layer was made) become its layer notes, saved with its style."""
    builders: dict[str, Callable[..., None]] = {
        STATUS_STYLE: _status_style,
        CHANGE_STYLE: _change_style,
        COMPOSITE_STYLE: _composite_style,
        PROPORTIONS_STYLE: _proportions_style,
        ICS_BOUNDARY_STYLE: _ics_boundary_style,
        REGION_BOUNDARY_STYLE: _region_boundary_style,
        GAINS_STYLE: _gains_style,
    }
    builders[kind](layer, **options)
    if notes:
        QgsLayerNotesUtils.setLayerNotes(
            layer, "".join(f"<p>{html.escape(note)}</p>" for note in notes)
        )
    layer.triggerRepaint()


def save_default_style(layer: QgsVectorLayer, title: str) -> str:
    """Store the layer's style as its default in the GeoPackage; return an error or ''."""
    if layer.dataProvider().name() != "ogr" or ".gpkg" not in layer.source().lower():
        return ""
    description = "dspt-qgis default style"
    _forget_style(layer, title)
    if hasattr(layer, "saveStyleToDatabaseV2"):  # QGIS >= 3.44; the older call is deprecated
        _, error = layer.saveStyleToDatabaseV2(title, description, True, "")
        return error or ""
    return layer.saveStyleToDatabase(title, description, True, "") or ""


def _forget_style(layer: QgsVectorLayer, title: str) -> None:
    """Remove the table's stored style of this name: an output that refilled its table in
    place (its views kept) still has it, and QGIS 3.22 would ask in a dialog whether to
    overwrite it (a script or qgis_process would wait for ever)."""
    import contextlib
    import sqlite3

    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path, table = parts.get("path") or "", parts.get("layerName") or ""
    with (
        contextlib.suppress(sqlite3.Error),
        contextlib.closing(sqlite3.connect(path, timeout=10)) as database,
    ):
        database.execute(
            "DELETE FROM layer_styles WHERE lower(f_table_name) = lower(?) AND styleName = ?",
            (table, title),
        )
        database.commit()


def status_symbol(layer: QgsVectorLayer, colour: str) -> QgsSymbol:
    """The symbol of one status: a lighter area fill, or a ringed circle for points."""
    geometry = layer.geometryType()
    if geometry == QgsWkbTypes.PointGeometry:
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "size": "3.4", "color": "#ffffff", "outline_style": "no"}
        )
        ring = QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "size": "2.6",
                "color": colour,
                "outline_color": "#1a1a1a",
                "outline_width": "0.35",
            }
        )
        symbol.appendSymbolLayer(ring.symbolLayer(0).clone())
        return symbol
    if geometry == QgsWkbTypes.PolygonGeometry:
        # See-through fill, solid outline, as on the web page. (A see-through outline is
        # drawn in a PDF as a filled band around every area: 2.3 times the file, twice the
        # time to write it.)
        symbol = _fill(colour)
        fill = QColor(colour)
        fill.setAlphaF(AREA_OPACITY)
        symbol.symbolLayer(0).setFillColor(fill)
        return symbol
    symbol = QgsSymbol.defaultSymbol(geometry)
    symbol.setColor(QColor(colour))
    return symbol


def _status_style(
    layer: QgsVectorLayer, field: str = "status", scores: Mapping[str, float] = PUBLISHED_SCORES
) -> None:
    categories = [
        QgsRendererCategory(status, status_symbol(layer, colour), status)
        for status, colour in palette.status_colours(scores).items()
    ]
    categories.append(
        QgsRendererCategory(
            None, status_symbol(layer, palette.NO_STATUS_COLOUR), palette.NO_STATUS_LABEL
        )
    )
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))


def _change_style(layer: QgsVectorLayer, field: str = "direction") -> None:
    """Organisations by direction of change, in the status symbols' shapes; the changed ones
    are drawn above the unchanged (symbol levels), so a grey crowd hides no change."""
    categories = []
    for direction, colour in palette.DIRECTION_COLOURS.items():
        symbol = status_symbol(layer, colour)
        for index in range(symbol.symbolLayerCount()):
            symbol.symbolLayer(index).setRenderingPass(0 if direction == "unchanged" else 1)
        categories.append(QgsRendererCategory(direction, symbol, direction.capitalize()))
    renderer = QgsCategorizedSymbolRenderer(field, categories)
    renderer.setUsingSymbolLevels(True)
    layer.setRenderer(renderer)


def _fill(colour: str, outline: str = palette.AREA_OUTLINE, width: float = 0.2) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": outline, "outline_width": str(width), "style": "solid"}
    )


def _composite_style(
    layer: QgsVectorLayer,
    field: str = "composite_score",
    scores: Mapping[str, float] = PUBLISHED_SCORES,
) -> None:
    ranges = [
        QgsRendererRange(c.lower, c.upper, _fill(c.colour), c.label)
        for c in palette.composite_classes(scores)
    ]
    renderer = QgsGraduatedSymbolRenderer(field, ranges)
    renderer.setSourceColorRamp(color_ramp(palette.RDYLBU))
    layer.setRenderer(renderer)


def color_ramp(colours: Sequence[str]) -> QgsGradientColorRamp:
    """A QGIS colour ramp through the palette's colours, evenly spaced."""
    stops = [
        QgsGradientStop(index / (len(colours) - 1), QColor(colour))
        for index, colour in enumerate(colours[1:-1], start=1)
    ]
    return QgsGradientColorRamp(QColor(colours[0]), QColor(colours[-1]), False, stops)


def _proportions_style(
    layer: QgsVectorLayer,
    shade_field: str = "population",
    scores: Mapping[str, float] = PUBLISHED_SCORES,
    classes: int = 5,
) -> None:
    """ICS areas shaded by ``shade_field`` (Blues, natural breaks) under status pies."""
    from ...core.proportions import TOTAL_FIELD, count_field

    renderer = QgsGraduatedSymbolRenderer(shade_field)
    renderer.setSourceSymbol(_fill("#ffffff", outline="#000000", width=0.4))
    values = [v for v in layer.uniqueValues(layer.fields().lookupField(shade_field)) if v]
    method = QgsClassificationJenks() if len(values) > classes else QgsClassificationQuantile()
    renderer.setClassificationMethod(method)
    renderer.setSourceColorRamp(color_ramp(palette.BLUES))
    renderer.updateClasses(layer, min(classes, max(len(set(values)), 1)))
    for index, item in enumerate(renderer.ranges()):
        renderer.updateRangeLabel(
            index, _whole_number_label(item.lowerValue(), item.upperValue(), index == 0)
        )
    layer.setRenderer(renderer)
    colours = palette.status_colours(scores)
    _pie_diagrams(
        layer, [count_field(s) for s in colours], list(colours.values()), list(colours), TOTAL_FIELD
    )


def _whole_number_label(lower: float, upper: float, first: bool) -> str:
    """Exact labels for whole-number classes: "1,000 – 2,000", then "2,001 – 3,000"."""
    start = int(round(lower)) if first else int(lower) + 1
    return f"{start:,} – {int(round(upper)):,}"


def _pie_diagrams(
    layer: QgsVectorLayer, fields: list[str], colours: list[str], labels: list[str], size_field: str
) -> None:
    settings = QgsDiagramSettings()
    settings.categoryAttributes = [f'"{name}"' for name in fields]
    settings.categoryColors = [QColor(colour) for colour in colours]
    settings.categoryLabels = labels
    settings.sizeType = QgsUnitTypes.RenderMillimeters
    settings.penColor = QColor("#1a1a1a")
    settings.penWidth = 0.2
    settings.size = QSizeF(7, 7)
    settings.minimumSize = 2.5
    settings.scaleByArea = True
    settings.enabled = True
    renderer = QgsLinearlyInterpolatedDiagramRenderer()
    renderer.setDiagram(QgsPieDiagram())
    renderer.setDiagramSettings(settings)
    renderer.setClassificationField(size_field)
    renderer.setLowerValue(0)
    renderer.setLowerSize(QSizeF(0, 0))
    maximum = layer.maximumValue(layer.fields().lookupField(size_field)) or 1
    renderer.setUpperValue(float(maximum))
    renderer.setUpperSize(QSizeF(9, 9))
    renderer.setAttributeLegend(True)
    layer.setDiagramRenderer(renderer)
    placement = QgsDiagramLayerSettings()
    placement.setPlacement(QgsDiagramLayerSettings.OverPoint)
    placement.setShowAllDiagrams(True)
    layer.setDiagramLayerSettings(placement)


def _outline(layer: QgsVectorLayer, colour: str, width: float) -> None:
    symbol = QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": colour, "outline_width": str(width), "style": "no"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def _ics_boundary_style(layer: QgsVectorLayer, name_field: str | None = None) -> None:
    _outline(layer, palette.ICS_OUTLINE, 0.5)
    if name_field:
        _labels(layer, name_field, max_scale_denominator=1_000_000)


def _gains_style(layer: QgsVectorLayer, field: str = "gain_if_met") -> None:
    """A table opened largest gain first (its attribute table sorted by ``field``)."""
    config = layer.attributeTableConfig()
    config.setSortExpression(QgsExpression.quotedColumnRef(field))
    config.setSortOrder(Qt.SortOrder.DescendingOrder)
    layer.setAttributeTableConfig(config)


def _region_boundary_style(layer: QgsVectorLayer, name_field: str | None = None) -> None:
    _outline(layer, palette.REGION_OUTLINE, 0.9)


def code_labels(layer: QgsVectorLayer, field: str) -> None:
    """Each feature labelled with ``field`` (a short code) at every scale."""
    _labels(layer, field, max_scale_denominator=0)


def _labels(layer: QgsVectorLayer, field: str, max_scale_denominator: float) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    text = QgsTextFormat()
    text.setFont(QFont("DejaVu Sans"))
    text.setSize(8)
    buffer = text.buffer()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    settings.setFormat(text)
    settings.scaleVisibility = max_scale_denominator > 0
    settings.minimumScale = max_scale_denominator  # visible when zoomed in beyond this
    settings.maximumScale = 1
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer when Processing loads it into the project."""

    def __init__(self, kind: str, options: dict[str, Any]) -> None:
        super().__init__()
        self.kind = kind
        self.options = options

    def postProcessLayer(  # noqa: N802 (QGIS API name)
        self, layer: Any, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> None:
        if isinstance(layer, QgsVectorLayer):
            apply_style(layer, self.kind, **self.options)
