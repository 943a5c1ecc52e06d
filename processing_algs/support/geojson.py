"""QGIS layers as GeoJSON in WGS84, for the web report (which speaks GeoJSON only)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingContext,
)

from .reading import SKIP_VALIDITY_CHECKS
from .spatial import Located

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
#: Decimal places written: about 1 m, finer than a web map shows (the core rounds further).
PRECISION = 6


def feature_collection(
    layer: Located,
    context: QgsProcessingContext,
    properties: Callable[[QgsFeature], dict[str, Any]],
    *,
    label_point: bool = False,
) -> dict[str, Any]:
    """The layer's features in WGS84 with the given properties; ``label_point`` adds
    ``label`` ([lon, lat] of a point inside each polygon, where a pie chart can stand)."""
    transform = QgsCoordinateTransform(layer.crs, WGS84, context.transformContext())
    features = []
    for feature in layer.source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS):
        values = properties(feature)
        geometry = feature.geometry()
        shape = None
        if geometry is not None and not geometry.isEmpty():
            geometry = QgsGeometry(geometry)
            if not geometry.isGeosValid():
                geometry = geometry.makeValid()
            geometry.transform(transform)
            shape = json.loads(geometry.asJson(PRECISION))
            if label_point:
                point = geometry.pointOnSurface().asPoint()
                values["label"] = [round(point.x(), PRECISION), round(point.y(), PRECISION)]
        features.append({"type": "Feature", "properties": values, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}
