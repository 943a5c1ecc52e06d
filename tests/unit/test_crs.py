"""The CRS of a layer without one, from its coordinates (core.crs), over generated extents
and point sets.

The bounds are written out here from the rule as the README states it, not taken from the
code under test: longitude -9 to 2.5 and latitude 49 to 61.5 are degrees (EPSG:4326);
latitudes 49 to 61.5 as x and longitudes -9 to 2.5 as y are degrees in the wrong order and
stop; otherwise eastings 0 to 700,000 m and northings 0 to 1,300,000 m are British National
Grid (EPSG:27700), unless every point lies within 50 km of its origin (at sea), which
stops; anything else stops. Points are projected with pyproj, never by the plugin.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Transformer

from dspt_qgis.core.crs import (
    BRITISH_NATIONAL_GRID,
    WGS84,
    CrsError,
    Extent,
    assumed_crs,
    check_declared_crs,
)
from dspt_qgis.core.errors import DsptError
from dspt_qgis.core.locate import PostcodeLookup, locate
from dspt_qgis.core.sources import file_source

LAYER = "layer trusts in trusts.shp"


def box(draw, xs: tuple[float, float], ys: tuple[float, float]) -> Extent:
    """An extent drawn inside ``xs`` x ``ys`` (a single point sometimes)."""
    x = sorted(draw(st.lists(st.floats(*xs), min_size=1, max_size=2)))
    y = sorted(draw(st.lists(st.floats(*ys), min_size=1, max_size=2)))
    return Extent(x[0], y[0], x[-1], y[-1])


def expected(extent: Extent) -> str:
    """The rule by hand: the CRS read, or the words of the refusal."""
    if -9 <= extent.x_min and extent.x_max <= 2.5 and 49 <= extent.y_min and extent.y_max <= 61.5:
        return "EPSG:4326"
    if 49 <= extent.x_min and extent.x_max <= 61.5 and -9 <= extent.y_min and extent.y_max <= 2.5:
        return "in the wrong order"
    if (
        0 <= extent.x_min
        and extent.x_max <= 700_000
        and 0 <= extent.y_min
        and extent.y_max <= 1_300_000
    ):
        return (
            "within 50 km of its origin"
            if math.dist((0, 0), (extent.x_max, extent.y_max)) <= 50_000
            else "EPSG:27700"
        )
    return "fit neither"


@st.composite
def extents(draw) -> Extent:
    """Extents in degrees over the UK, in the National Grid, beside either, or anywhere."""
    bounds = draw(
        st.sampled_from(
            [
                ((-9.0, 2.5), (49.0, 61.5)),  # the UK in degrees
                ((0.0, 700_000.0), (0.0, 1_300_000.0)),  # the National Grid
                ((-180.0, 180.0), (-90.0, 90.0)),  # degrees anywhere
                ((-2e6, 2e6), (-2e6, 2e6)),  # metres, often off the Grid
                ((650_000.0, 800_000.0), (1_200_000.0, 1_400_000.0)),  # across the Grid's edge
                ((0.0, 3.0), (45.0, 62.0)),  # degrees across the UK's edge
                ((49.0, 61.5), (-9.0, 2.5)),  # latitude and longitude in the wrong order
                ((49.0, 61.5), (0.0, 2.5)),  # the same east of Greenwich: on the Grid
                ((45.0, 62.0), (-10.0, 3.0)),  # swapped, across the UK's edge
                ((0.0, 700.0), (0.0, 1_300.0)),  # the Grid in kilometres
                ((0.0, 80_000.0), (0.0, 80_000.0)),  # across the 50 km from the Grid's origin
            ]
        )
    )
    return box(draw, *bounds)


@given(extents())
def test_the_crs_follows_the_coordinates_or_the_run_stops_naming_the_layer(extent):
    crs = expected(extent)
    if not crs.startswith("EPSG:"):
        with pytest.raises(CrsError) as error:
            assumed_crs(LAYER, extent)
        message = str(error.value)
        assert message.startswith(f"{LAYER} has no coordinate reference system")
        assert crs in message
        assert "Set Layer CRS" in message
        assert "Assign projection" in message
        if crs == "fit neither":
            assert "EPSG:4326" in message
            assert "EPSG:27700" in message
        if crs == "in the wrong order":
            assert "Swap X and Y coordinates" in message
    else:
        authid, warning = assumed_crs(LAYER, extent)
        assert authid == crs
        assert warning.startswith(f"{LAYER} has no coordinate reference system")
        assert f"read as {crs}" in warning
        assert "Set Layer CRS" in warning


@pytest.mark.parametrize(
    ("extent", "crs"),
    [
        (Extent(-1.5, 52.0, -1.5, 52.0), "EPSG:4326"),  # one point in degrees
        (Extent(0.1, 52.0, 1.7, 53.0), "EPSG:4326"),  # east of Greenwich: degrees, not metres
        (Extent(530_000, 180_000, 530_000, 180_000), "EPSG:27700"),  # one point in London
        (Extent(88_000, 8_000, 92_000, 12_000), "EPSG:27700"),  # the Isles of Scilly
        (Extent(30_000, 40_100, 30_000, 40_100), "EPSG:27700"),  # just past 50 km: at sea, read
        (Extent(0, 0, 0, 0), "within 50 km of its origin"),  # the Grid's origin
        (Extent(429, 180, 530, 433), "within 50 km of its origin"),  # the Grid in kilometres
        (Extent(51.2, 0.01, 52.9, 1.76), "in the wrong order"),  # the review's 24 trusts
        (Extent(50.1, -5.5, 55.0, -1.2), "in the wrong order"),  # swapped west of Greenwich
        (Extent(-120.0, 30.0, -70.0, 50.0), "fit neither"),  # degrees, but America
        (Extent(530_000, 180_000, 530_000, 1_400_000), "fit neither"),  # metres past the Grid
    ],
)
def test_edges_of_the_rule(extent, crs):
    if not crs.startswith("EPSG:"):
        with pytest.raises(CrsError, match=crs):
            assumed_crs(LAYER, extent)
    else:
        assert assumed_crs(LAYER, extent)[0] == crs


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_coordinates_that_are_no_numbers_stop(bad):
    with pytest.raises(CrsError, match=LAYER):
        assumed_crs(LAYER, Extent(bad, 52.0, 1.0, 53.0))


TO_GRID = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


@st.composite
def uk_places(draw) -> list[tuple[float, float]]:
    """1 to 30 places of Great Britain as (longitude, latitude): anywhere, or only east of
    Greenwich (where latitude and longitude in the wrong order also fit the Grid)."""
    east = draw(st.booleans())
    longitudes = st.floats(0.0 if east else -5.5, 1.7)
    return draw(st.lists(st.tuples(longitudes, st.floats(50.0, 58.5)), min_size=1, max_size=30))


def written(places: list[tuple[float, float]], kind: str) -> list[tuple[float, float]]:
    """The places as a layer's x and y: degrees, in the wrong order, metres of the Grid or
    kilometres of it (projected by pyproj)."""
    if kind == "degrees":
        return places
    if kind == "swapped":
        return [(lat, lon) for lon, lat in places]
    grid = [TO_GRID.transform(lon, lat) for lon, lat in places]
    return grid if kind == "metres" else [(x / 1000, y / 1000) for x, y in grid]


READ_AS = {
    "degrees": "EPSG:4326",
    "metres": "EPSG:27700",
    "swapped": "latitude and longitude in the wrong order",
    "kilometres": "within 50 km of its origin",
}


@given(places=uk_places(), kind=st.sampled_from(sorted(READ_AS)))
def test_a_layer_of_uk_places_is_read_or_refused_by_how_its_points_are_written(places, kind):
    points = written(places, kind)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    extent = Extent(min(xs), min(ys), max(xs), max(ys))
    if kind in ("degrees", "metres"):
        assert assumed_crs(LAYER, extent)[0] == READ_AS[kind]
        return
    with pytest.raises(CrsError) as error:
        assumed_crs(LAYER, extent)
    assert str(error.value).startswith(f"{LAYER} has no coordinate reference system")
    assert READ_AS[kind] in str(error.value)


@given(places=uk_places(), data=st.data())
def test_coordinate_fields_all_in_the_wrong_order_stop_some_are_flagged(places, data):
    """dspt:locateorganisations's latitude and longitude fields, by the same rule: all
    swapped stop naming the fields (placeholders such as 0, 0 or ONS's latitude 99.999999
    beside them change nothing); some swapped are placed and named in a warning."""
    swapped = data.draw(st.lists(st.booleans(), min_size=len(places), max_size=len(places)))
    rows = [(lon, lat) if turned else (lat, lon) for (lon, lat), turned in zip(places, swapped)]
    placeholders = data.draw(st.lists(st.sampled_from([(0.0, 0.0), (99.999999, 0.0)]), max_size=2))
    rows += placeholders
    table = pd.DataFrame(
        {
            "code": [f"R{n}" for n in range(len(rows))],
            "lat": [f"{lat}" for lat, _ in rows],
            "long": [lon for _, lon in rows],
            "source_row": range(2, 2 + len(rows)),
        }
    )

    def run():
        return locate(
            table,
            code_field="code",
            latitude_field="lat",
            longitude_field="long",
            source=file_source("trusts.csv"),
        )

    if all(swapped):
        with pytest.raises(DsptError) as error:
            run()
        message = str(error.value)
        assert message.startswith("file trusts.csv: fields 'lat'/'long' hold no places")
        assert "'long' holds the UK's latitudes" in message
        assert "in the wrong order" in message
        return
    result = run()
    assert len(result.points) == len(places)
    turned = [n + 2 for n, t in enumerate(swapped) if t]
    assert bool(result.notes) == bool(turned)
    if turned:
        assert f"({file_source('trusts.csv').rows(turned)})" in result.notes[0]


@given(places=uk_places(), kind=st.sampled_from(sorted(READ_AS)))
def test_a_postcode_lookup_is_held_to_the_same_rule(places, kind):
    """Degrees and metres are placed; degrees in the wrong order, or kilometres of the
    Grid, stop naming the lookup's fields."""
    points = written(places, kind)
    degrees = kind in ("degrees", "swapped")
    lookup = pd.DataFrame(
        {
            "pcd": [f"LS{n} 1AA" for n in range(len(points))],
            "a": [x for x, _ in points],  # longitude / easting
            "b": [y for _, y in points],  # latitude / northing
        }
    )
    fields = (
        {"latitude_field": "b", "longitude_field": "a"}
        if degrees
        else {"easting_field": "a", "northing_field": "b"}
    )
    table = pd.DataFrame({"code": ["R1"], "postcode": ["LS0 1AA"], "source_row": [2]})

    def run():
        return locate(
            table,
            code_field="code",
            postcode_field="postcode",
            lookup=PostcodeLookup(lookup, "pcd", file_source("postcodes.csv"), **fields),
            source=file_source("trusts.csv"),
        )

    if kind in ("degrees", "metres"):
        assert len(run().points) == 1
        return
    with pytest.raises(DsptError) as error:
        run()
    assert str(error.value).startswith("file postcodes.csv: fields ")
    assert READ_AS[kind] in str(error.value)


def refused_in_declared(extent: Extent, declared: str) -> str | None:
    """The rule for a layer declaring ``declared``, by hand: why it stops, or None (read)."""
    if 49 <= extent.x_min and extent.x_max <= 61.5 and -9 <= extent.y_min and extent.y_max <= 2.5:
        return "in the wrong order"
    if declared == "EPSG:27700" and math.dist((0, 0), _farthest_corner(extent)) <= 50_000:
        return "within 50 km of its origin"
    if declared == "EPSG:4326" and (
        extent.x_min > 180 or extent.x_max < -180 or extent.y_min > 90 or extent.y_max < -90
    ):
        return "no longitudes and latitudes at all"  # every point: one stray one is named
    return None


def _farthest_corner(extent: Extent) -> tuple[float, float]:
    return (
        max(abs(extent.x_min), abs(extent.x_max)),
        max(abs(extent.y_min), abs(extent.y_max)),
    )


#: How the engines read each declared CRS (core.crs): degrees, the Grid, or as it is.
ENGINES_READ = {
    "EPSG:27700": BRITISH_NATIONAL_GRID,
    "EPSG:4326": WGS84,
    "EPSG:3857": None,
    "": None,
}


@st.composite
def declared_extents(draw) -> Extent:
    """The extents above, and extents across the edges of every longitude and latitude."""
    if draw(st.booleans()):
        return draw(extents())
    return (
        box(draw, (170.0, 190.0), (80.0, 100.0))
        if draw(st.booleans())
        else box(draw, (-190.0, -170.0), (-100.0, -80.0))
    )


@given(declared_extents(), st.sampled_from(["EPSG:27700", "EPSG:4326", "EPSG:3857", ""]))
def test_a_layer_declaring_a_crs_is_read_in_it_unless_its_coordinates_are_no_places_in_it(
    extent, declared
):
    """Degrees or kilometres declared as the National Grid, metres declared as degrees and
    swapped degrees stop naming the layer and the CRS it declares; a CRS the rule does not
    know is the layer's own word."""
    why = refused_in_declared(extent, declared) if declared in ("EPSG:27700", "EPSG:4326") else None
    if why is None:
        check_declared_crs(LAYER, declared, ENGINES_READ[declared], extent)
        return
    with pytest.raises(CrsError) as error:
        check_declared_crs(LAYER, declared, ENGINES_READ[declared], extent)
    message = str(error.value)
    assert message.startswith(
        f"{LAYER} declares its coordinate reference system (CRS) as {declared}, but its "
        f"coordinates ({extent}) are no places of the UK in it"
    )
    assert why in message
    assert "Set Layer CRS" in message
    assert "Swap X and Y coordinates" in message


@pytest.mark.parametrize(
    ("extent", "declared", "why"),
    [
        (Extent(-180, -90, 180, 90), "EPSG:4326", None),  # the whole world in degrees
        (Extent(-5, 50, 530_123, 180_456), "EPSG:4326", None),  # one stray point: named, read
        (Extent(181, 50, 200, 60), "EPSG:4326", "no longitudes and latitudes at all"),
        (Extent(0, 91, 1, 95), "EPSG:4326", "no longitudes and latitudes at all"),
        (Extent(-200, -50, -181, 50), "EPSG:4326", "no longitudes and latitudes at all"),
        (Extent(530_000, 180_000, 530_000, 180_000), "EPSG:4326", "no longitudes and latitudes"),
        (Extent(-1.5, 52.0, -1.5, 52.0), "EPSG:27700", "within 50 km of its origin"),
        (Extent(30_000, 40_100, 30_000, 40_100), "EPSG:27700", None),  # just past 50 km
        (Extent(51.2, 0.01, 52.9, 1.76), "EPSG:4326", "in the wrong order"),
        (Extent(-1.5, 52.0, -1.5, 52.0), "EPSG:3857", None),  # a CRS the rule does not know
    ],
)
def test_edges_of_the_declared_rule(extent, declared, why):
    if why is None:
        check_declared_crs(LAYER, declared, ENGINES_READ[declared], extent)
        return
    with pytest.raises(CrsError, match=why):
        check_declared_crs(LAYER, declared, ENGINES_READ[declared], extent)
