"""Assign organisation points to the polygon containing them (trusts to ICSs), and match
a new small area to the old one it replaces by area.

Uses a QGIS spatial index and prepared geometries; points are reprojected to the
polygons' CRS, so a British National Grid boundary layer works with WGS84 points.
Invalid polygons (self-intersections from generalisation) are repaired first.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
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


def polygons_by_code(
    polygons: QgsFeatureSource,
    code_field: str,
    context: QgsProcessingContext,
    crs: QgsCoordinateReferenceSystem,
) -> dict[str, QgsGeometry]:
    """Each code's polygon (parts of features sharing a code merged), repaired and in ``crs``."""
    from dspt_qgis.core.codes import clean_code

    transform = QgsCoordinateTransform(polygons.sourceCrs(), crs, context.transformContext())
    code_index = polygons.fields().lookupField(code_field)
    parts: dict[str, list[QgsGeometry]] = {}
    for feature in polygons.getFeatures(QgsFeatureRequest().setSubsetOfAttributes([code_index]), SKIP_VALIDITY_CHECKS):
        code = clean_code(python_value(feature.attributes()[code_index]))
        geometry = feature.geometry()
        if code is None or geometry is None or geometry.isEmpty():
            continue
        geometry = QgsGeometry(geometry)
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        geometry.transform(transform)
        parts.setdefault(code, []).append(geometry)
    return {code: QgsGeometry.unaryUnion(shapes) for code, shapes in parts.items()}


def match_by_area(
    unmatched: dict[str, str],
    siblings: dict[str, list[str]],
    old_areas: dict[str, QgsGeometry],
    new_ics: dict[str, QgsGeometry],
) -> dict[str, tuple[str, float]]:
    """Match each new small area (code -> its new ICS, one per ICS) to the old small area
    covering most of what its new ICS's other small areas (``siblings``: ICS -> old area
    codes, :func:`dspt_qgis.core.crosswalk.areas_beside`) do not cover.

    Returns ``code -> (old area, share of that remainder lying in it)``.
    """
    matches = {}
    for code, ics in unmatched.items():
        if ics not in new_ics:
            raise QgsProcessingException(f"Small area {code}: its ICS {ics} is not in the new ICS boundaries.")
        known = [old_areas[a] for a in siblings.get(ics, []) if a in old_areas]
        remainder = new_ics[ics].difference(QgsGeometry.unaryUnion(known)) if known else new_ics[ics]
        if remainder.isEmpty() or remainder.area() <= 0:
            raise QgsProcessingException(
                f"Small area {code}: the other small areas of ICS {ics} cover all of it, so the old area it "
                "replaces cannot be found. Add it to the old lookup.")
        overlaps = {old: remainder.intersection(shape).area() for old, shape in old_areas.items()
                    if shape.boundingBox().intersects(remainder.boundingBox())}
        best = max(overlaps, key=lambda c: overlaps[c], default=None)
        if best is None or overlaps[best] <= 0:
            raise QgsProcessingException(f"Small area {code}: no old small area overlaps it.")
        matches[code] = (best, overlaps[best] / remainder.area())
    return matches
