"""Assign organisation points to the polygon containing them (trusts to ICSs).

Uses a QGIS spatial index and prepared geometries; points are reprojected to the
polygons' CRS, so a British National Grid boundary layer works with WGS84 points.
Invalid polygons (self-intersections from generalisation) are repaired first.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsSpatialIndex,
)

from dspt_qgis.processing_algs.support.algorithm import check_cancel
from dspt_qgis.processing_algs.support.reading import SKIP_VALIDITY_CHECKS, python_value


def assign_to_polygons(
    points: QgsFeatureSource,
    polygons: QgsFeatureSource,
    polygon_code_field: str,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
) -> tuple[dict[int, Any], dict[int, str]]:
    """Return ``(code by point feature id, reason by point feature id)`` for each point.

    A point gets the code of the first polygon (lowest feature id) that contains it;
    points with no polygon or no geometry get a reason instead.
    """
    from dspt_qgis.core.component import NO_LOCATION, OUTSIDE

    index = QgsSpatialIndex()
    engines, codes = {}, {}
    code_index = polygons.fields().lookupField(polygon_code_field)
    request = QgsFeatureRequest().setSubsetOfAttributes([code_index])
    for feature in polygons.getFeatures(request, SKIP_VALIDITY_CHECKS):
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        engine = QgsGeometry.createGeometryEngine(geometry.constGet())
        engine.prepareGeometry()
        engines[feature.id()] = engine
        codes[feature.id()] = python_value(feature.attributes()[code_index])
        index.addFeature(feature.id(), geometry.boundingBox())
    if not engines:
        raise QgsProcessingException("The ICS layer has no polygon geometries to place points in.")

    transform = QgsCoordinateTransform(points.sourceCrs(), polygons.sourceCrs(), context.transformContext())
    assigned: dict[int, Any] = {}
    reasons: dict[int, str] = {}
    total = max(points.featureCount(), 1)
    for number, feature in enumerate(
        points.getFeatures(QgsFeatureRequest().setNoAttributes(), SKIP_VALIDITY_CHECKS)
    ):
        if number % 1000 == 0:
            check_cancel(feedback)
            feedback.setProgress(100.0 * number / total)
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            reasons[feature.id()] = NO_LOCATION
            continue
        geometry = QgsGeometry(geometry)
        geometry.transform(transform)
        candidates = sorted(index.intersects(geometry.boundingBox()))
        hit = next((fid for fid in candidates if engines[fid].intersects(geometry.constGet())), None)
        if hit is None:
            reasons[feature.id()] = OUTSIDE
        else:
            assigned[feature.id()] = codes[hit]
    return assigned, reasons
