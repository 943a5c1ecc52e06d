"""Placing organisation points in the ICS polygons holding them, through
`dspt:trustproportions` (QGIS's KD-tree and GEOS) and the headless pipeline (geopandas).

The rule: an organisation counts in the ICS whose polygon holds its point, or all its
points (a multipoint), boundaries included; points in no polygon, and organisations
without a point, are reported; one whose points lie in two ICSs (on a border, where
polygons overlap, a multipoint across two) stops the run naming it. Feature order never
matters. Expected values below are worked out with shapely from the drawn geometry, never
by the plugin.
"""

from __future__ import annotations

import random
import re

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessing, QgsProcessingException

from tests.integration.conftest import square
from tests.integration.dialog import RecordingFeedback
from tests.integration.test_algorithms import features

OUTSIDE = "the point lies outside every ICS polygon"
NO_LOCATION = "the organisation has no point geometry"
#: Six 10 x 10 ICSs sharing edges: A B C along y 0..10, D E F along y 10..20.
GRID = {code: (10 * (i % 3), 10 * (i // 3)) for i, code in enumerate("ABCDEF")}
#: The squares' CRS: a projected one the plugin takes at its word (UTM zone 30N). In the
#: National Grid, coordinates this close to its origin are at sea and refused (core.crs).
PLANE = "EPSG:32630"


@pytest.fixture
def three_areas(make_layer):
    """A and B share the edge x = 10; C overlaps both."""
    return make_layer(
        "Polygon",
        {"ics": "string"},
        [
            (square(0, 0, 10), {"ics": "A"}),
            (square(10, 0, 10), {"ics": "B"}),
            (square(5, 0, 10), {"ics": "C"}),
        ],
        crs=PLANE,
    )


def place(run, ics, trusts, feedback=None) -> tuple[dict[str, int], list[tuple[str, str]]]:
    from qgis import processing

    result = processing.run(
        "dspt:trustproportions",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            "UNMATCHED": QgsProcessing.TEMPORARY_OUTPUT,
        },
        feedback=feedback,
    )
    counts = {row["ics"]: row["n_trusts"] for row in features(result["OUTPUT"])}
    reasons = sorted((row["code"], row["reason"]) for row in features(result["UNMATCHED"]))
    return counts, reasons


def trusts_at(make_layer, geometry_type: str, places: dict[str, str | None], crs=PLANE):
    return make_layer(
        geometry_type,
        {"code": "string", "status": "string"},
        [(wkt, {"code": code, "status": "Standards Met"}) for code, wkt in places.items()],
        crs=crs,
        name="trusts",
    )


@pytest.mark.parametrize(
    ("where", "icss"),
    [("POINT(10 5)", "A and B and C"), ("POINT(7 5)", "A and C"), ("POINT(12 5)", "B and C")],
)
def test_a_point_on_a_border_or_where_polygons_overlap_stops_naming_it(
    run, make_layer, three_areas, where, icss
):
    trusts = trusts_at(make_layer, "Point", {"FAR": "POINT(25 5)", "TWICE": where})
    with pytest.raises(
        QgsProcessingException,
        match=rf"layer trusts: 1 trust\(s\) lie in more than one ICS polygon of layer layer.*"
        rf"TWICE \(feature 2\) in {icss}\. ",
    ):
        place(run, three_areas, trusts)


def test_a_multipoint_counts_in_the_one_ics_of_its_points_and_the_log_says_when_some_are_outside(
    run, make_layer
):
    ics = grid_layer(make_layer, "ABCDEF")
    trusts = trusts_at(
        make_layer,
        "MultiPoint",
        {
            "ONE_ICS": "MULTIPOINT((1 1),(9 9))",  # both in A
            "PART_OUTSIDE": "MULTIPOINT((45 5),(12 5))",  # one in B, one in no polygon: B
            "ALL_OUTSIDE": "MULTIPOINT((45 5),(50 5))",
            "NOWHERE": None,
        },
    )
    log = RecordingFeedback()
    counts, reasons = place(run, ics, trusts, log)
    assert counts == {"A": 1, "B": 1, "C": 0, "D": 0, "E": 0, "F": 0}
    assert reasons == [("ALL_OUTSIDE", OUTSIDE), ("NOWHERE", NO_LOCATION)]
    assert any(
        "1 trust(s) have points outside every ICS polygon as well as in one ICS, and count in "
        "that ICS: PART_OUTSIDE (feature 2) in B." in line
        for line in log.warnings + log.infos
    )


def test_many_points_in_a_detailed_polygon(run, make_layer):
    """An L-shaped area with more points than it takes to prepare its geometry: points in
    the notch lie inside its bounding box but outside the area."""
    area = make_layer(
        "Polygon",
        {"ics": "string"},
        [("POLYGON((0 0,20 0,20 10,10 10,10 20,0 20,0 0))", {"ics": "L"})],
        crs=PLANE,
    )
    inside = {
        f"IN{n}": f"POINT({1 + n % 9} {1 + n // 9 * 2})" for n in range(36)
    }  # x 1..9, y 1..15
    notch = {f"NOTCH{n}": f"POINT({11 + n} 15)" for n in range(8)}  # x 11..18, y 15
    counts, reasons = place(run, area, trusts_at(make_layer, "Point", {**inside, **notch}))
    assert counts == {"L": 36}
    assert reasons == sorted((code, OUTSIDE) for code in notch)


def grid_layer(make_layer, order: str):
    """The GRID's squares as an ICS layer, features in ``order``."""
    return make_layer(
        "Polygon",
        {"ics": "string"},
        [(square(*GRID[code], 10), {"ics": code}) for code in order],
        crs=PLANE,
        name="ics",
    )


#: Coordinates on a 2.5 lattice from outside the grid to across it: many on its borders.
LATTICE = st.integers(-2, 14).map(lambda n: n * 2.5)


@st.composite
def layouts(draw):
    """Organisations (code -> list of (x, y) points; empty: no geometry), single points or
    multipoints, in a random order; and a random order of the ICS features."""
    multi = draw(st.booleans())
    sizes = st.integers(0, 3) if multi else st.integers(0, 1)
    codes = draw(
        st.lists(
            st.sampled_from([f"R{n:02}" for n in range(40)]), min_size=1, max_size=9, unique=True
        )
    )
    layout = {
        code: [(draw(LATTICE), draw(LATTICE) * 0.8) for _ in range(draw(sizes))] for code in codes
    }
    return layout, multi, "".join(draw(st.permutations("ABCDEF")))


def expected_icss(points: list[tuple[float, float]]) -> set[str]:
    """The ICSs (by shapely) whose closed square holds one of ``points``."""
    return {
        code
        for code, (x, y) in GRID.items()
        for px, py in points
        if shapely.box(x, y, x + 10, y + 10).intersects(shapely.Point(px, py))
    }


def wkt(points: list[tuple[float, float]], multi: bool) -> str | None:
    if not points:
        return None
    if not multi:
        return f"POINT({points[0][0]} {points[0][1]})"
    return "MULTIPOINT(" + ",".join(f"({x} {y})" for x, y in points) + ")"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layouts())
def test_generated_layouts_in_any_feature_order_place_by_the_rule_in_qgis_and_the_pipeline(
    run, make_layer, drawn
):
    layout, multi, order = drawn
    icss = {code: expected_icss(points) for code, points in layout.items()}
    several = sorted(code for code, found in icss.items() if len(found) > 1)
    ics = grid_layer(make_layer, order)
    trusts = trusts_at(
        make_layer,
        "MultiPoint" if multi else "Point",
        {c: wkt(p, multi) for c, p in layout.items()},
    )
    pipeline = pipeline_placement(layout, multi, order)
    if several:
        with pytest.raises(QgsProcessingException) as qgis_error:
            place(run, ics, trusts)
        for message in (str(qgis_error.value), pipeline):
            assert f"{len(several)} trust(s) lie in more than one ICS polygon" in message
            for code in several[:10]:
                named = rf"{code} \(feature \d+\) in {' and '.join(sorted(icss[code]))}[;.]"
                assert re.search(named, message), (named, message)
        return
    counts, reasons = place(run, ics, trusts)
    assert counts == {code: sum(found == {code} for found in icss.values()) for code in GRID}
    assert reasons == sorted(
        (code, OUTSIDE if layout[code] else NO_LOCATION)
        for code, found in icss.items()
        if not found
    )
    assert pipeline == {
        code: (next(iter(found)) if found else None) for code, found in icss.items()
    }


def pipeline_placement(layout, multi: bool, order: str):
    """The pipeline's placement of the same layout (rows shuffled): ICS per code, or the
    message it stopped with."""
    import geopandas as gpd

    from dspt_qgis.core.errors import DsptError
    from dspt_qgis.pipeline.spatial import placement

    codes = list(layout)
    random.Random(len(codes)).shuffle(codes)
    geometry = [
        shapely.from_wkt(wkt(layout[code], multi)) if layout[code] else None for code in codes
    ]
    trusts = gpd.GeoDataFrame(
        {"code": codes, "source_row": range(1, len(codes) + 1)},
        geometry=geometry,
        crs=PLANE,
        index=[100 + n for n in range(len(codes))],
    )
    ics = gpd.GeoDataFrame(
        {"ics": list(order)},
        geometry=[shapely.box(*GRID[c], GRID[c][0] + 10, GRID[c][1] + 10) for c in order],
        crs=PLANE,
    )
    try:
        placed = placement(trusts, ics, "ics")
    except DsptError as error:
        return str(error)
    return dict(zip(trusts["code"], placed.codes.reindex(trusts.index)))
