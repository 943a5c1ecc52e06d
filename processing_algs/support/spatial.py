"""Where features lie: the CRS each input is read in, every ICS polygon each organisation
point lies in, and a new small area matched to the old one it replaces by area.

Uses QGIS's spatial indexes and GEOS engines; points are tested in the polygons' CRS, so
a British National Grid boundary layer works with WGS84 points. Invalid polygons
(self-intersections from generalisation) are repaired first. Which ICS a point's
polygons put it in is decided in the core (:mod:`dspt_qgis.core.placement`), and which
CRS a layer without one is in too (:mod:`dspt_qgis.core.crs`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

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

if TYPE_CHECKING:
    import pandas as pd

    from ...core.sources import SourceRef

LOGGER = logging.getLogger(__name__)

#: A polygon's GEOS engine is prepared (indexed) only when it has more candidate points
#: than this: preparing costs more than a few plain tests (100,000 points in 33,000 small
#: polygons), and saves much on many points in a detailed ICS boundary.
PREPARE_FROM = 16


class Located(Protocol):
    """An input whose geometries are read: its source and the CRS they are in (its own, or
    the one :func:`layer_crs` decided for a layer without one). Never read a geometry's
    CRS from the source itself."""

    @property
    def source(self) -> QgsFeatureSource: ...

    @property
    def crs(self) -> QgsCoordinateReferenceSystem: ...


def layer_crs(
    source: QgsFeatureSource, ref: SourceRef, context: QgsProcessingContext
) -> QgsCoordinateReferenceSystem:
    """The CRS an input's geometries are read in: its own; for a layer without one, the CRS
    its coordinates show (:func:`dspt_qgis.core.crs.assumed_crs`), with a warning naming
    the layer; a layer whose coordinates show none, or are no places of the UK in the CRS
    it declares, stops the run naming it."""
    from ...core.crs import Extent, assumed_crs
    from ...core.errors import DsptError

    crs = source.sourceCrs()
    if source.wkbType() == QgsWkbTypes.NoGeometry:
        return crs
    if crs.isValid():
        _check_declared_crs(source, ref, crs)
        return crs
    extent = _coordinates_extent(source)
    if extent is None:
        return crs  # no coordinates: nothing depends on the CRS
    try:
        authid, warning = assumed_crs(str(ref), Extent(*extent))
    except DsptError as error:
        raise QgsProcessingException(str(error)) from None
    feedback = context.feedback()
    if feedback is not None:
        feedback.pushWarning(warning)
    else:
        LOGGER.warning(warning)
    return QgsCoordinateReferenceSystem(authid)


#: The National Grid's projection as PROJ writes it (EPSG:27700, EPSG:7405, an ESRI .prj).
NATIONAL_GRID_PROJECTION = (
    "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy"
)


def _check_declared_crs(
    source: QgsFeatureSource, ref: SourceRef, crs: QgsCoordinateReferenceSystem
) -> None:
    """Stop naming the layer when its coordinates are no places of the UK in the CRS it
    declares (:func:`dspt_qgis.core.crs.check_declared_crs`): its stored extent answers
    first; when that shows a problem its features decide (a stored extent can be stale)."""
    from ...core.crs import CrsError, Extent, check_declared_crs, declared_as

    read_as = declared_as(crs.isGeographic(), NATIONAL_GRID_PROJECTION in crs.toProj())
    declared = crs.authid() or crs.description()
    stored = source.sourceExtent()
    box = (stored.xMinimum(), stored.yMinimum(), stored.xMaximum(), stored.yMaximum())
    try:
        check_declared_crs(str(ref), declared, read_as, Extent(*box))
        return
    except CrsError:
        extent = _coordinates_extent(source)
    if extent is not None:
        try:
            check_declared_crs(str(ref), declared, read_as, Extent(*extent))
        except CrsError as error:
            raise QgsProcessingException(str(error)) from None


def _coordinates_extent(source: QgsFeatureSource) -> tuple[float, float, float, float] | None:
    """(x min, y min, x max, y max) over every feature's geometry, read from the features
    (a provider's stored extent can be stale, and QGIS reads a lone point at 0,0 as no
    extent at all); None when no feature has coordinates."""
    low_x = low_y = math.inf
    high_x = high_y = -math.inf
    request = QgsFeatureRequest().setNoAttributes()
    for feature in source.getFeatures(request, SKIP_VALIDITY_CHECKS):
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        box = geometry.boundingBox()
        low_x, low_y = min(low_x, box.xMinimum()), min(low_y, box.yMinimum())
        high_x, high_y = max(high_x, box.xMaximum()), max(high_y, box.yMaximum())
    return None if low_x == math.inf else (low_x, low_y, high_x, high_y)


def points_in_polygons(
    points: Located,
    point_ids: Iterable[int],
    polygons: Located,
    polygon_code_field: str,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
) -> pd.DataFrame:
    """Every polygon each point lies in or on, as :func:`dspt_qgis.core.placement.place`
    takes them: one row per point (each point of a multipoint) and polygon, with the
    polygon's code, or None for a point in no polygon; features without geometry have no
    row. Every polygon is tested, so no feature order decides anything.

    The points go into QGIS's KD-tree (built in C++), and each polygon asks it for the
    points in its bounding box: one query per polygon rather than one per point, and no
    QgsFeature per point in Python. Each candidate is then tested exactly with GEOS.
    """
    import pandas as pd

    from ...core.placement import FEATURE, GROUP, PART

    index, owner = _point_index(points, feedback)
    transforms = (
        QgsCoordinateTransform(points.crs, polygons.crs, context.transformContext()),
        QgsCoordinateTransform(polygons.crs, points.crs, context.transformContext()),
    )
    parts, groups = _hits(index, owner, polygons.source, polygon_code_field, transforms, feedback)
    hits = pd.DataFrame({PART: parts, GROUP: pd.Series(groups, dtype=object)})
    if owner is None:  # single points: a point is its feature
        hits[FEATURE] = hits[PART]
        unplaced = _located(points.source, set(point_ids) - set(parts))
        missed = pd.DataFrame({PART: unplaced, FEATURE: unplaced, GROUP: None})
    else:
        hits[FEATURE] = [owner[part] for part in parts]
        missing = sorted(set(range(1, len(owner))) - set(parts))
        missed = pd.DataFrame({PART: missing, FEATURE: [owner[p] for p in missing], GROUP: None})
    return pd.concat([hits, missed.astype({GROUP: object})], ignore_index=True)


def _hits(
    index: QgsSpatialIndexKDBush,
    owner: list[int] | None,
    polygons: QgsFeatureSource,
    code_field: str,
    transforms: tuple[QgsCoordinateTransform, QgsCoordinateTransform],
    feedback: QgsProcessingFeedback,
) -> tuple[list[int], list[Any]]:
    """(indexed point, polygon code) for every point and polygon holding it."""
    to_polygons, to_points = transforms
    code_index = polygons.fields().lookupField(code_field)
    parts: list[int] = []
    groups: list[Any] = []
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
        inside = _inside(geometry, index.intersects(box), to_polygons)
        parts.extend(inside)
        groups.extend([python_value(feature.attributes()[code_index])] * len(inside))
    if not has_polygon:
        raise QgsProcessingException("The ICS layer has no polygon geometries to place points in.")
    return parts, groups


def _inside(
    geometry: QgsGeometry, candidates: list[Any], to_polygons: QgsCoordinateTransform
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
            inside.append(found.id)
    return inside


def _located(points: QgsFeatureSource, features: set[int]) -> list[int]:
    """Those of ``features`` that have a geometry (the others have no location)."""
    if not features:
        return []
    request = QgsFeatureRequest().setFilterFids(list(features)).setNoAttributes()
    return sorted(
        feature.id()
        for feature in points.getFeatures(request, SKIP_VALIDITY_CHECKS)
        if feature.geometry() is not None and not feature.geometry().isEmpty()
    )


def _point_index(
    points: Located, feedback: QgsProcessingFeedback
) -> tuple[QgsSpatialIndexKDBush, list[int] | None]:
    """The points' KD-tree, and for a multipoint layer the feature each indexed point
    belongs to (the tree holds single points only, so the points are indexed one by one;
    the memory layer numbers them from 1)."""
    source = points.source
    if not QgsWkbTypes.isMultiType(source.wkbType()):
        return QgsSpatialIndexKDBush(source, feedback), None
    parts = QgsMemoryProviderUtils.createMemoryLayer(
        "parts", QgsFeature().fields(), QgsWkbTypes.Point, points.crs
    )
    owner = [0]
    singles = []
    for feature in source.getFeatures(QgsFeatureRequest().setNoAttributes(), SKIP_VALIDITY_CHECKS):
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
    polygons: Located,
    code_field: str,
    context: QgsProcessingContext,
    crs: QgsCoordinateReferenceSystem,
) -> dict[str, QgsGeometry]:
    """Each code's polygon (parts of features sharing a code merged), repaired and in ``crs``."""
    from ...core.codes import clean_code

    transform = QgsCoordinateTransform(polygons.crs, crs, context.transformContext())
    code_index = polygons.source.fields().lookupField(code_field)
    parts: dict[str, list[QgsGeometry]] = {}
    for feature in polygons.source.getFeatures(
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
