"""Placing organisation points in the ICS polygon containing them, through `dspt:trustproportions`.

The rule: a point belongs to the first ICS polygon (lowest feature id) that contains it
or has it on its boundary; a point in no polygon, or with no geometry, is reported.
Expected counts below are read off the drawn geometry, not computed by the plugin.
"""

from __future__ import annotations

import pytest

from tests.integration.conftest import square
from tests.integration.test_algorithms import features

OUTSIDE = "the point lies outside every ICS polygon"
NO_LOCATION = "the organisation has no point geometry"


@pytest.fixture
def three_areas(make_layer):
    """A and B share the edge x = 10; C overlaps both (feature ids 1, 2, 3)."""
    return make_layer(
        "Polygon",
        {"ics": "string"},
        [
            (square(0, 0, 10), {"ics": "A"}),
            (square(10, 0, 10), {"ics": "B"}),
            (square(5, 0, 10), {"ics": "C"}),
        ],
        crs="EPSG:27700",
    )


def place(run, ics, trusts) -> tuple[dict[str, int], list[tuple[str, str]]]:
    result = run(
        "trustproportions",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        },
    )
    counts = {row["ics"]: row["n_trusts"] for row in features(result["OUTPUT"])}
    reasons = sorted((row["code"], row["reason"]) for row in features(result["UNMATCHED"]))
    return counts, reasons


def trusts_at(make_layer, geometry_type: str, places: dict[str, str | None]):
    return make_layer(
        geometry_type,
        {"code": "string", "status": "string"},
        [(wkt, {"code": code, "status": "Standards Met"}) for code, wkt in places.items()],
        crs="EPSG:27700",
    )


def test_border_and_overlap_go_to_the_first_polygon(run, make_layer, three_areas):
    trusts = trusts_at(
        make_layer,
        "Point",
        {
            "ON_AB_EDGE": "POINT(10 5)",  # on A's and B's shared edge, inside C: A (lowest id)
            "IN_A_AND_C": "POINT(7 5)",  # A
            "IN_B_AND_C": "POINT(12 5)",  # B
            "B_CORNER": "POINT(20 10)",  # B's outer corner: on its boundary, so B
            "EAST": "POINT(25 5)",  # in no polygon
            "NOWHERE": None,  # no geometry
        },
    )
    counts, reasons = place(run, three_areas, trusts)
    assert counts == {"A": 2, "B": 2, "C": 0}
    assert reasons == [("EAST", OUTSIDE), ("NOWHERE", NO_LOCATION)]


def test_multipoint_layers_are_placed_part_by_part(run, make_layer, three_areas):
    trusts = trusts_at(
        make_layer,
        "MultiPoint",
        {
            "ONE_PART": "MULTIPOINT((7 5))",  # A
            "PART_OUTSIDE": "MULTIPOINT((25 5),(12 5))",  # one part in B (and C), one in no polygon: B
            "ALL_OUTSIDE": "MULTIPOINT((25 5),(30 5))",
            "NOWHERE": None,
        },
    )
    counts, reasons = place(run, three_areas, trusts)
    assert counts == {"A": 1, "B": 1, "C": 0}
    assert reasons == [("ALL_OUTSIDE", OUTSIDE), ("NOWHERE", NO_LOCATION)]


def test_many_points_in_a_detailed_polygon(run, make_layer):
    """An L-shaped area with more points than it takes to prepare its geometry: points in
    the notch lie inside its bounding box but outside the area."""
    area = make_layer(
        "Polygon",
        {"ics": "string"},
        [("POLYGON((0 0,20 0,20 10,10 10,10 20,0 20,0 0))", {"ics": "L"})],
        crs="EPSG:27700",
    )
    inside = {
        f"IN{n}": f"POINT({1 + n % 9} {1 + n // 9 * 2})" for n in range(36)
    }  # x 1..9, y 1..15
    notch = {f"NOTCH{n}": f"POINT({11 + n} 15)" for n in range(8)}  # x 11..18, y 15
    counts, reasons = place(run, area, trusts_at(make_layer, "Point", {**inside, **notch}))
    assert counts == {"L": 36}
    assert reasons == sorted((code, OUTSIDE) for code in notch)
