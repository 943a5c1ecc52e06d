"""The one place that owns the palette and builds every map style with the QGIS API.

Styles are applied to output layers as they load (a layer post-processor) and, for
GeoPackage outputs, saved as the layer's default style in its ``layer_styles`` table so
the layer opens styled anywhere.
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationJenks,
    QgsClassificationQuantile,
    QgsDiagramLayerSettings,
    QgsDiagramSettings,
    QgsFillSymbol,
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsLinearlyInterpolatedDiagramRenderer,
    QgsPalLayerSettings,
    QgsPieDiagram,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsStyle,
    QgsSymbol,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSizeF
from qgis.PyQt.QtGui import QColor, QFont

from dspt_qgis.core.palette import NO_STATUS_COLOUR, NO_STATUS_LABEL, STATUS_COLOURS

STATUS_STYLE = "status"
COMPOSITE_STYLE = "composite"
PROPORTIONS_STYLE = "proportions"
ICS_BOUNDARY_STYLE = "ics_boundary"
REGION_BOUNDARY_STYLE = "region_boundary"

#: Count fields of the proportions layer, in the status order above.
STATUS_COUNT_FIELDS = ("n_exceeded", "n_met", "n_approaching", "n_not_met", "n_not_published")

#: Fixed composite classes on the published -3..3 scale, worst first.
COMPOSITE_BREAKS = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
COMPOSITE_RAMP = "RdYlBu"
POPULATION_RAMP = "Blues"


def apply_style(layer: QgsVectorLayer, kind: str, **options) -> None:
    """Style ``layer`` as ``kind`` (one of the *_STYLE names) and repaint it."""
    builders = {
        STATUS_STYLE: _status_style,
        COMPOSITE_STYLE: _composite_style,
        PROPORTIONS_STYLE: _proportions_style,
        ICS_BOUNDARY_STYLE: _ics_boundary_style,
        REGION_BOUNDARY_STYLE: _region_boundary_style,
    }
    builders[kind](layer, **options)
    layer.triggerRepaint()


def save_default_style(layer: QgsVectorLayer, title: str) -> str:
    """Store the layer's style as its default in the GeoPackage; return an error or ''."""
    if layer.dataProvider().name() != "ogr" or ".gpkg" not in layer.source().lower():
        return ""
    return layer.saveStyleToDatabase(title, "dspt-qgis default style", True, "") or ""


def _symbol(layer: QgsVectorLayer, colour: str, outline: str = "#4d4d4d") -> QgsSymbol:
    symbol = QgsSymbol.defaultSymbol(layer.geometryType())
    symbol.setColor(QColor(colour))
    geometry = layer.geometryType()
    if geometry == QgsWkbTypes.PolygonGeometry:
        symbol.symbolLayer(0).setStrokeColor(QColor(outline))
        symbol.symbolLayer(0).setStrokeWidth(0.2)
    elif geometry == QgsWkbTypes.PointGeometry:
        symbol.setSize(2.6)
        symbol.symbolLayer(0).setStrokeColor(QColor("#252525"))
    return symbol


def _status_style(layer: QgsVectorLayer, field: str = "status") -> None:
    categories = [
        QgsRendererCategory(status, _symbol(layer, colour), status)
        for status, colour in STATUS_COLOURS
    ]
    categories.append(QgsRendererCategory(None, _symbol(layer, NO_STATUS_COLOUR), NO_STATUS_LABEL))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))


def _ramp(name: str):
    ramp = QgsStyle.defaultStyle().colorRamp(name)
    if ramp is None:  # a profile without the default style database
        ramp = QgsGradientColorRamp(QColor("#d7191c"), QColor("#2c7bb6"))
    return ramp


def _composite_style(layer: QgsVectorLayer, field: str = "composite_score") -> None:
    ramp = _ramp(COMPOSITE_RAMP)
    ranges = []
    classes = len(COMPOSITE_BREAKS) - 1
    for index in range(classes):
        low, high = COMPOSITE_BREAKS[index], COMPOSITE_BREAKS[index + 1]
        symbol = _symbol(layer, ramp.color(index / (classes - 1)).name())
        label = f"{_signed(low)} to {_signed(high)}"
        if index == 0:
            label += " (worst)"
        elif index == classes - 1:
            label += " (best)"
        ranges.append(QgsRendererRange(low, high, symbol, label))
    renderer = QgsGraduatedSymbolRenderer(field, ranges)
    renderer.setSourceColorRamp(ramp)
    layer.setRenderer(renderer)


def _signed(value: float) -> str:
    return "0" if value == 0 else f"{value:+g}"


def _proportions_style(
    layer: QgsVectorLayer, population_field: str = "population", classes: int = 5
) -> None:
    renderer = QgsGraduatedSymbolRenderer(population_field)
    renderer.setSourceSymbol(_symbol(layer, "#ffffff", outline="#000000"))
    non_null = [v for v in layer.uniqueValues(layer.fields().lookupField(population_field)) if v]
    method = QgsClassificationJenks() if len(non_null) > classes else QgsClassificationQuantile()
    method.setLabelFormat("%1 – %2")
    method.setLabelPrecision(0)
    renderer.setClassificationMethod(method)
    renderer.setSourceColorRamp(_ramp(POPULATION_RAMP))
    renderer.updateClasses(layer, min(classes, max(len(set(non_null)), 1)))
    layer.setRenderer(renderer)
    _pie_diagrams(layer)


def _pie_diagrams(layer: QgsVectorLayer) -> None:
    settings = QgsDiagramSettings()
    settings.categoryAttributes = [f'"{name}"' for name in STATUS_COUNT_FIELDS]
    settings.categoryColors = [QColor(colour) for _, colour in STATUS_COLOURS]
    settings.categoryLabels = [status for status, _ in STATUS_COLOURS]
    settings.sizeType = QgsUnitTypes.RenderMillimeters
    settings.penColor = QColor("#ffffff")
    settings.penWidth = 0.15
    settings.size = QSizeF(7, 7)
    settings.minimumSize = 2.5
    settings.scaleByArea = True
    settings.enabled = True
    renderer = QgsLinearlyInterpolatedDiagramRenderer()
    renderer.setDiagram(QgsPieDiagram())
    renderer.setDiagramSettings(settings)
    renderer.setClassificationField("n_trusts")
    renderer.setLowerValue(0)
    renderer.setLowerSize(QSizeF(0, 0))
    maximum = layer.maximumValue(layer.fields().lookupField("n_trusts")) or 1
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
    _outline(layer, "#000000", 0.5)
    if name_field:
        _labels(layer, name_field, max_scale_denominator=1_500_000)


def _region_boundary_style(layer: QgsVectorLayer, name_field: str | None = None) -> None:
    _outline(layer, "#005eb8", 0.9)


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
    settings.scaleVisibility = True
    settings.minimumScale = max_scale_denominator  # visible when zoomed in beyond this
    settings.maximumScale = 1
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer when Processing loads it into the project."""

    def __init__(self, kind: str, options: dict) -> None:
        super().__init__()
        self.kind = kind
        self.options = options

    def postProcessLayer(self, layer, context, feedback) -> None:  # noqa: N802 (QGIS API name)
        if isinstance(layer, QgsVectorLayer):
            apply_style(layer, self.kind, **self.options)
