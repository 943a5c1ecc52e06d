"""Simplify area boundaries for the web while keeping neighbours' shared borders shared.

Simplifying each polygon on its own opens slivers and gaps along borders, because the
same border is simplified twice in two different ways. Here every ring is cut into arcs
at its junctions (vertices where the set of neighbours changes), each arc is simplified
once (Douglas-Peucker, its end points kept), and the rings are rebuilt from the shared
arcs, as TopoJSON tools do. Layers simplified together (CCGs, ICSs, regions) keep their
common borders too. Coordinates are rounded first, so borders that meet to within that
precision become one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

Point = tuple[float, float]
Ring = list[Point]

#: About 1 m in England: more than a national web map can show.
DIGITS = 5
#: About 35-55 m in England: invisible on a national map, honest at a city's scale.
TOLERANCE_DEGREES = 0.0005


def simplify_collections(
    collections: Sequence[dict[str, Any]],
    *,
    tolerance: float = TOLERANCE_DEGREES,
    digits: int = DIGITS,
) -> list[dict[str, Any]]:
    """GeoJSON FeatureCollections (lon/lat) simplified together; properties kept."""
    rings: list[Ring] = []
    shapes: list[
        list[list[int]] | None
    ] = []  # per feature: polygons -> their rings (indices in ``rings``)
    for collection in collections:
        for feature in collection["features"]:
            geometry = feature.get("geometry")
            if not geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
                shapes.append(None)
                continue
            polygons = (
                geometry["coordinates"]
                if geometry["type"] == "MultiPolygon"
                else [geometry["coordinates"]]
            )
            indices: list[list[int]] = []
            for polygon in polygons:
                ring_indices = []
                for ring in polygon:
                    ring_indices.append(len(rings))
                    rings.append(_clean_ring(ring, digits))
                indices.append(ring_indices)
            shapes.append(indices)
    simplified = simplify_rings(rings, tolerance)
    out, position = [], 0
    for collection in collections:
        features = []
        for feature in collection["features"]:
            shape = shapes[position]
            position += 1
            if shape is None:
                features.append(_rounded_feature(feature, digits))
                continue
            polygons = []
            for ring_indices in shape:
                polygon = [_closed(simplified[i]) for i in ring_indices]
                if len(polygon[0]) >= 4:
                    polygons.append([ring for ring in polygon if len(ring) >= 4])
            geometry = (
                {"type": "Polygon", "coordinates": polygons[0]}
                if len(polygons) == 1
                else {"type": "MultiPolygon", "coordinates": polygons}
            )
            features.append(
                {
                    "type": "Feature",
                    "properties": feature.get("properties", {}),
                    "geometry": geometry,
                }
            )
        out.append({"type": "FeatureCollection", "features": features})
    return out


def simplify_rings(rings: Sequence[Ring], tolerance: float) -> list[Ring]:
    """Open rings (no repeated closing point) simplified so shared stretches stay shared."""
    neighbours: dict[Point, set[frozenset[Point]]] = {}
    for ring in rings:
        count = len(ring)
        for index, point in enumerate(ring):
            pair = frozenset((ring[index - 1], ring[(index + 1) % count]))
            neighbours.setdefault(point, set()).add(pair)
    junctions = {p for p, pairs in neighbours.items() if len(pairs) > 1}
    cache: dict[tuple[Point, ...], list[Point]] = {}
    result = []
    for ring in rings:
        if len(ring) < 3:
            result.append(list(ring))
            continue
        start = next((i for i, p in enumerate(ring) if p in junctions), None)
        if start is None:
            result.append(_simplify_closed(ring, tolerance, cache))
            continue
        rotated = ring[start:] + ring[:start]
        bounds = [*(i for i, p in enumerate(rotated) if p in junctions), len(rotated)]
        rebuilt: list[Point] = []
        for first, last in zip(bounds, bounds[1:]):
            arc = (
                rotated[first : last + 1] if last < len(rotated) else [*rotated[first:], rotated[0]]
            )
            rebuilt.extend(_simplify_arc(arc, tolerance, cache)[:-1])
        result.append(rebuilt if len(rebuilt) >= 3 else list(ring))
    return result


def _simplify_arc(
    arc: list[Point], tolerance: float, cache: dict[tuple[Point, ...], list[Point]]
) -> list[Point]:
    """An arc simplified once, whichever way round a ring walks it."""
    key = tuple(arc)
    if key in cache:
        return cache[key]
    reverse = tuple(reversed(arc))
    if reverse in cache:
        return list(reversed(cache[reverse]))
    canonical = min(key, reverse)
    simplified = douglas_peucker(list(canonical), tolerance)
    cache[canonical] = simplified
    return simplified if canonical == key else list(reversed(simplified))


def _simplify_closed(
    ring: Ring, tolerance: float, cache: dict[tuple[Point, ...], list[Point]]
) -> list[Point]:
    """A ring with no junction (an island, or an enclave shared whole with a hole): split
    at its lowest point and at the point farthest from it, so twins split the same way."""
    start = ring.index(min(ring))
    rotated = ring[start:] + ring[:start]
    if rotated[1] > rotated[-1]:  # walk the same way round whatever the ring's orientation
        rotated = [rotated[0], *reversed(rotated[1:])]
        flipped = True
    else:
        flipped = False
    points = np.asarray(rotated)
    far = int(np.argmax(((points - points[0]) ** 2).sum(axis=1)))
    far = max(far, 2)
    first = _simplify_arc(rotated[: far + 1], tolerance, cache)
    second = _simplify_arc([*rotated[far:], rotated[0]], tolerance, cache)
    simplified = first[:-1] + second[:-1]
    if len(simplified) < 3:
        simplified = rotated
    if flipped:
        simplified = [simplified[0], *reversed(simplified[1:])]
    return simplified


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Keep the end points and every point farther than ``tolerance`` from the chord."""
    if len(points) <= 2:
        return list(points)
    array: np.ndarray | None = None
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        if last - first < NUMPY_FROM:
            index, distance = _farthest(points, first, last)
        else:
            array = np.asarray(points, dtype=float) if array is None else array
            index, distance = _farthest_of_many(array, first, last)
        if distance > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [point for point, kept in zip(points, keep) if kept]


#: Spans of fewer points are measured in plain Python: most arcs of a generalised national
#: boundary have 2-16 points, where numpy's cost per call (tens of µs) exceeds the work.
#: Both measures use the same arithmetic, so they pick the same point.
NUMPY_FROM = 64


def _farthest(points: list[Point], first: int, last: int) -> tuple[int, float]:
    """The point strictly between ``first`` and ``last`` farthest from their chord."""
    (x0, y0), (x1, y1) = points[first], points[last]
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    best, farthest = -1.0, first + 1
    for index in range(first + 1, last):
        x, y = points[index]
        distance = (
            abs(dx * (y - y0) - dy * (x - x0)) / length if length else math.hypot(x - x0, y - y0)
        )
        if distance > best:
            best, farthest = distance, index
    return farthest, best


def _farthest_of_many(array: np.ndarray, first: int, last: int) -> tuple[int, float]:
    """:func:`_farthest` for a long span, vectorised."""
    segment = array[first + 1 : last]
    start, end = array[first], array[last]
    chord = end - start
    length = float(np.hypot(*chord))
    if length == 0.0:
        distances = np.hypot(*(segment - start).T)
    else:
        distances = (
            np.abs(chord[0] * (segment[:, 1] - start[1]) - chord[1] * (segment[:, 0] - start[0]))
            / length
        )
    index = int(np.argmax(distances))
    return first + 1 + index, float(distances[index])


def _clean_ring(ring: Iterable[Sequence[float]], digits: int) -> Ring:
    """Rounded, without the closing repeat or consecutive repeats."""
    cleaned: Ring = []
    for x, y, *_ in ring:
        point = (round(float(x), digits), round(float(y), digits))
        if not cleaned or cleaned[-1] != point:
            cleaned.append(point)
    if len(cleaned) > 1 and cleaned[0] == cleaned[-1]:
        cleaned.pop()
    return cleaned


def _closed(ring: Ring) -> list[list[float]]:
    return [[x, y] for x, y in [*ring, ring[0]]] if ring else []


def _rounded_feature(feature: dict[str, Any], digits: int) -> dict[str, Any]:
    geometry = feature.get("geometry")
    if geometry and geometry["type"] == "Point":
        x, y = geometry["coordinates"][:2]
        geometry = {
            "type": "Point",
            "coordinates": [round(float(x), digits), round(float(y), digits)],
        }
    return {"type": "Feature", "properties": feature.get("properties", {}), "geometry": geometry}
