"""Assign organisation points to the polygon containing them (trusts to ICSs), and match
a new small area to the old one it replaces by area.

Uses QGIS's spatial indexes and GEOS engines; points are tested in the polygons' CRS, so
a British National Grid boundary layer works with WGS84 points. Invalid polygons
(self-intersections from generalisation) are repaired first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsGeometry,
    QgsMemoryProviderUtils,
    QgsPoint,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsSpatialIndexKDBush,
    QgsWkbTypes,
)

from .feedback import check_cancel
from .reading import SKIP_VALIDITY_CHECKS, python_value

#: A polygon's GEOS engine is prepared (indexed) only when it has more candidate points
#: than this: preparing costs more than a few plain tests (100,000 points in 33,000 small
#: polygons), and saves much on many points in a detailed ICS boundary.
PREPARE_FROM = 16


def assign_to_polygons(
    points: QgsFeatureSource,
    point_ids: Iterable[int],
    polygons: QgsFeatureSource,
    polygon_code_field: str,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
) -> tuple[dict[int, Any], dict[int, str]]:
    """Return ``(code by point feature id, reason by point feature id)`` for each of the
    points ``point_ids``.

    A point gets the code of the first polygon (lowest feature id) that contains it or
    has it on its boundary; points with no polygon or no geometry get a reason instead.

    The points go into QGIS's KD-tree (built in C++), and each polygon asks it for the
    points in its bounding box: one query per polygon rather than one per point, and no
    QgsFeature per point in Python. Each candidate is then tested exactly with GEOS.
    """
    index, owner = _point_index(points, feedback)
    to_polygons = QgsCoordinateTransform(
        points.sourceCrs(), polygons.sourceCrs(), context.transformContext()
    )
    to_points = QgsCoordinateTransform(
        polygons.sourceCrs(), points.sourceCrs(), context.transformContext()
    )
    code_index = polygons.fields().lookupField(polygon_code_field)
    placed: dict[int, tuple[int, Any]] = {}  # point id -> (polygon id, code)
    has_polygon = False
    total = max(polygons.featureCount(), 1)
    request = QgsFeatureRequest().setSubsetOfAttributes([code_index])
    for number, feature in enumerate(polygons.getFeatures(request, SKIP_VALIDITY_CHECKS)):
        if number % 500 == 0:
            check_cancel(feedback)
            feedback.setProgress(100.0 * number / total)
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        has_polygon = True
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        box = geometry.boundingBox()
        if (
            not to_polygons.isShortCircuited()
        ):  # densified, then widened for rounding: a filter, never the test
            box = to_points.transformBoundingBox(box)
            box.grow(max(box.width(), box.height()) * 1e-6)
        candidates = [
            found
            for found in index.intersects(box)
            if placed.get(owner[found.id] if owner else found.id, (math.inf,))[0] > feature.id()
        ]
        code = python_value(feature.attributes()[code_index])
        for point_id in _inside(geometry, candidates, to_polygons, owner):
            placed[point_id] = (feature.id(), code)
    if not has_polygon:
        raise QgsProcessingException("The ICS layer has no polygon geometries to place points in.")
    assigned = {point_id: code for point_id, (_, code) in placed.items()}
    return assigned, _why_not_placed(points, set(point_ids) - assigned.keys())


def _inside(
    geometry: QgsGeometry,
    candidates: list[Any],
    to_polygons: QgsCoordinateTransform,
    owner: list[int] | None,
) -> list[int]:
    """The candidate points (KD-tree hits) that lie in or on the polygon, tested with GEOS
    (the engine prepared only when many points are tested)."""
    if not candidates:
        return []
    engine = QgsGeometry.createGeometryEngine(geometry.constGet())
    if len(candidates) > PREPARE_FROM:
        engine.prepareGeometry()
    same_crs = to_polygons.isShortCircuited()
    inside = []
    for found in candidates:
        point = found.point() if same_crs else to_polygons.transform(found.point())
        if engine.intersects(QgsPoint(point)):
            inside.append(owner[found.id] if owner else found.id)
    return inside


def _why_not_placed(points: QgsFeatureSource, unplaced: set[int]) -> dict[int, str]:
    """Why each point left unplaced is: it has no geometry, or it lies outside every polygon."""
    from ...core.component import NO_LOCATION, OUTSIDE

    reasons = {}
    if unplaced:
        request = QgsFeatureRequest().setFilterFids(list(unplaced)).setNoAttributes()
        for feature in points.getFeatures(request, SKIP_VALIDITY_CHECKS):
            geometry = feature.geometry()
            reasons[feature.id()] = (
                NO_LOCATION if geometry is None or geometry.isEmpty() else OUTSIDE
            )
    return reasons


def _point_index(
    points: QgsFeatureSource, feedback: QgsProcessingFeedback
) -> tuple[QgsSpatialIndexKDBush, list[int] | None]:
    """The points' KD-tree, and for a multipoint layer the feature each indexed part
    belongs to (the tree holds single points only, so the parts are indexed one by one)."""
    if not QgsWkbTypes.isMultiType(points.wkbType()):
        return QgsSpatialIndexKDBush(points, feedback), None
    parts = QgsMemoryProviderUtils.createMemoryLayer(
        "parts", QgsFeature().fields(), QgsWkbTypes.Point, points.sourceCrs()
    )
    owner = [0]  # the memory provider numbers features from 1
    singles = []
    for feature in points.getFeatures(QgsFeatureRequest().setNoAttributes(), SKIP_VALIDITY_CHECKS):
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        for part in geometry.constParts():
            single = QgsFeature()
            single.setGeometry(QgsGeometry(part.clone()))
            singles.append(single)
            owner.append(feature.id())
    parts.dataProvider().addFeatures(singles)
    return QgsSpatialIndexKDBush(parts.dataProvider(), feedback), owner


def polygons_by_code(
    polygons: QgsFeatureSource,
    code_field: str,
    context: QgsProcessingContext,
    crs: QgsCoordinateReferenceSystem,
) -> dict[str, QgsGeometry]:
    """Each code's polygon (parts of features sharing a code merged), repaired and in ``crs``."""
    from ...core.codes import clean_code

    transform = QgsCoordinateTransform(polygons.sourceCrs(), crs, context.transformContext())
    code_index = polygons.fields().lookupField(code_field)
    parts: dict[str, list[QgsGeometry]] = {}
    for feature in polygons.getFeatures(
        QgsFeatureRequest().setSubsetOfAttributes([code_index]), SKIP_VALIDITY_CHECKS
    ):
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
            raise QgsProcessingException(
                f"Small area {code}: its ICS {ics} is not in the new ICS boundaries."
            )
        known = [old_areas[a] for a in siblings.get(ics, []) if a in old_areas]
        remainder = (
            new_ics[ics].difference(QgsGeometry.unaryUnion(known)) if known else new_ics[ics]
        )
        if remainder.isEmpty() or remainder.area() <= 0:
            raise QgsProcessingException(
                f"Small area {code}: the other small areas of ICS {ics} cover all of it, so the old area it "
                "replaces cannot be found. Add it to the old lookup."
            )
        overlaps = {
            old: remainder.intersection(shape).area()
            for old, shape in old_areas.items()
            if shape.boundingBox().intersects(remainder.boundingBox())
        }
        best = max(overlaps, key=lambda c: overlaps[c], default=None)
        if best is None or overlaps[best] <= 0:
            raise QgsProcessingException(f"Small area {code}: no old small area overlaps it.")
        matches[code] = (best, overlaps[best] / remainder.area())
    return matches
