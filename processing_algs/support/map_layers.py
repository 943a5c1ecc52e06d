"""The layers a print layout draws: the analyst's own layer when the project holds it (drawn
as it is styled there), else a second layer of the same features styled as the plugin
styles that kind; and the copies a layout draws on its own (an inset's points spread
apart). The layouts themselves (:mod:`..layouts`) only place what they are given."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsMarkerSymbol,
    QgsPointDisplacementRenderer,
    QgsProject,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from .styles import (
    CHANGE_STYLE,
    COMPOSITE_STYLE,
    ICS_BOUNDARY_STYLE,
    PROPORTIONS_STYLE,
    REGION_BOUNDARY_STYLE,
    STATUS_STYLE,
    apply_style,
)

#: What each input of the national maps (by role) is drawn as when the project does not
#: hold it: the copy's name and style.
NATIONAL_COPIES = {
    "commissioners": ("Commissioners: DSPT status", STATUS_STYLE),
    "trusts": ("Trusts: DSPT status", STATUS_STYLE),
    "ics": ("ICS boundaries", ICS_BOUNDARY_STYLE),
    "proportions": ("Trust proportions", PROPORTIONS_STYLE),
    "composite": ("ICS composite score", COMPOSITE_STYLE),
    "regions": ("NHS England regions", REGION_BOUNDARY_STYLE),
    "change": ("Trusts: status change", CHANGE_STYLE),
}
#: Points closer than this on the page (mm: the status symbol's white halo) are spread
#: in a ring around their centre, so none hides another.
SPREAD_TOLERANCE_MM = 8.0


def second_layer(layer: QgsVectorLayer, name: str) -> QgsVectorLayer:
    """A second layer of the same features, to style on its own: the same file or table
    opened again without its stored style (so a saved project keeps it), or a copy of a
    temporary layer's features."""
    if layer.providerType() == "memory":
        copy = layer.materialize(QgsFeatureRequest())
        copy.setName(name)
        return copy
    return QgsVectorLayer(
        layer.source(), name, layer.providerType(), QgsVectorLayer.LayerOptions(False)
    )


def drawn_layer(
    project: QgsProject,
    layer: QgsVectorLayer,
    crs: QgsCoordinateReferenceSystem,
    name: str,
    kind: str,
    **options: Any,
) -> tuple[QgsVectorLayer, bool]:
    """The layer a layout in ``project`` draws for ``layer``, and whether it is a new one
    (to add to the project): ``layer`` itself when the project holds it and it has a CRS,
    else a second layer named ``name`` in ``crs`` (the input's, or the one its coordinates
    show: :attr:`.inputs.Opened.crs`) styled as ``kind`` (see :func:`.styles.apply_style`)."""
    if project.mapLayer(layer.id()) is not None and layer.crs().isValid():
        return layer, False
    copy = second_layer(layer, name)
    copy.setCrs(crs)
    apply_style(copy, kind, **options)
    return copy, True


def spread_copy(layer: QgsVectorLayer, name: str) -> QgsVectorLayer:
    """An inset's copy of a point layer, named ``name``: the same symbols, points closer
    than a symbol drawn in a grid around their centre (QGIS's point displacement renderer),
    so crowded points (central London's trusts) all show."""
    copy = layer.clone()
    copy.setName(name)
    renderer = QgsPointDisplacementRenderer()
    renderer.setEmbeddedRenderer(layer.renderer().clone())
    renderer.setTolerance(SPREAD_TOLERANCE_MM)
    renderer.setToleranceUnit(QgsUnitTypes.RenderMillimeters)
    renderer.setPlacement(QgsPointDisplacementRenderer.Grid)
    renderer.setCenterSymbol(
        QgsMarkerSymbol.createSimple({"name": "circle", "size": "0.8", "color": "#1a1a1a"})
    )
    renderer.setCircleWidth(0.2)
    renderer.setCircleColor(QColor("#1a1a1a"))
    copy.setRenderer(renderer)
    return copy
