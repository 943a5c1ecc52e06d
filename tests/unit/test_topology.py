"""Web simplification keeps shared borders shared, and keeps the shapes honest."""

from __future__ import annotations

import json
import math

import pytest

from dspt_qgis.presentation.topology import douglas_peucker, simplify_collections


def wiggly_border(n: int = 60) -> list[tuple[float, float]]:
    """A wiggly north-south line at x = 1, from y = 0 to y = 1 (many small wiggles)."""
    return [(1 + 0.0002 * math.sin(i), i / n) for i in range(n + 1)]


def two_neighbours():
    border = wiggly_border()
    west = [(0.0, 0.0), *border, (0.0, 1.0), (0.0, 0.0)]
    east = [(2.0, 0.0), (2.0, 1.0), *reversed(border), (2.0, 0.0)]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "W"},
                "geometry": {"type": "Polygon", "coordinates": [west]},
            },
            {
                "type": "Feature",
                "properties": {"code": "E"},
                "geometry": {"type": "Polygon", "coordinates": [east]},
            },
        ],
    }


def test_shared_border_is_simplified_once_and_stays_shared():
    (result,) = simplify_collections([two_neighbours()], tolerance=0.001)
    west, east = (f["geometry"]["coordinates"][0] for f in result["features"])
    west_border = {tuple(p) for p in west if 0 < p[0] < 1.5}
    east_border = {tuple(p) for p in east if 0 < p[0] < 1.5}
    assert west_border == east_border  # no slivers, no gaps
    assert len(west) < 20  # the wiggles are gone
    assert result["features"][0]["properties"] == {"code": "W"}


def test_an_enclave_and_its_hole_stay_identical():
    square = [(0.4, 0.4), (0.4, 0.6), (0.5, 0.6001), (0.6, 0.6), (0.6, 0.4), (0.4, 0.4)]
    outer = [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [outer, list(reversed(square))]},
            },
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [square]},
            },
        ],
    }
    (result,) = simplify_collections([collection], tolerance=0.01)
    hole = result["features"][0]["geometry"]["coordinates"][1]
    enclave = result["features"][1]["geometry"]["coordinates"][0]
    assert {tuple(p) for p in hole} == {tuple(p) for p in enclave}


def test_layers_simplified_together_keep_their_common_borders():
    coverage = two_neighbours()
    union = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [(0.0, 0.0), (0.0, 1.0), *[(2.0, 1.0), (2.0, 0.0)], (0.0, 0.0)]
                    ],
                },
            }
        ],
    }
    areas, outline = simplify_collections([coverage, union], tolerance=0.001)
    assert {tuple(p) for p in outline["features"][0]["geometry"]["coordinates"][0]} == {
        (0.0, 0.0),
        (0.0, 1.0),
        (2.0, 1.0),
        (2.0, 0.0),
    }


def test_douglas_peucker_keeps_points_beyond_the_tolerance():
    assert douglas_peucker([(0, 0), (1, 0.5), (2, 0)], 0.4) == [(0, 0), (1, 0.5), (2, 0)]
    assert douglas_peucker([(0, 0), (1, 0.1), (2, 0)], 0.4) == [(0, 0), (2, 0)]


def test_the_sample_boundaries_keep_their_topology(shared_data):
    shapely = pytest.importorskip("shapely.geometry")
    from shapely.ops import unary_union

    collection = json.loads((shared_data / "boundaries/stp_april2020.geojson").read_text())
    (result,) = simplify_collections([collection])
    shapes = [shapely.shape(f["geometry"]).buffer(0) for f in result["features"]]
    original = unary_union([shapely.shape(f["geometry"]).buffer(0) for f in collection["features"]])
    total = sum(s.area for s in shapes)
    merged = unary_union(shapes).area
    assert total == pytest.approx(merged, rel=1e-4)  # no overlaps between neighbours
    assert merged == pytest.approx(original.area, rel=5e-3)  # no gaps opened, shapes kept


def test_short_and_long_spans_are_measured_alike(monkeypatch):
    """Short spans are measured in plain Python, long ones with numpy: on the same
    line both must keep exactly the same points."""
    import random

    from dspt_qgis.presentation import topology

    walk = random.Random(7)
    line = [(0.0, 0.0)]
    for _ in range(3000):
        x, y = line[-1]
        line.append((x + walk.uniform(-1e-3, 2e-3), y + walk.uniform(-1e-3, 1e-3)))
    kept = {}
    for label, numpy_from in (("python", 10**9), ("numpy", 3)):
        monkeypatch.setattr(topology, "NUMPY_FROM", numpy_from)
        kept[label] = douglas_peucker(line, 5e-4)
    assert kept["python"] == kept["numpy"]
    assert 2 < len(kept["python"]) < len(line)
