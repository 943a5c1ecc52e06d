"""The CRS of a layer without one, from its coordinates (core.crs), over generated extents.

The bounds are written out here from the rule as the README states it, not taken from the
code under test: longitude -9 to 2.5 and latitude 49 to 61.5 are degrees (EPSG:4326);
otherwise eastings 0 to 700,000 m and northings 0 to 1,300,000 m are British National
Grid (EPSG:27700); anything else stops.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dspt_qgis.core.crs import CrsError, Extent, assumed_crs

LAYER = "layer trusts in trusts.shp"


def box(draw, xs: tuple[float, float], ys: tuple[float, float]) -> Extent:
    """An extent drawn inside ``xs`` x ``ys`` (a single point sometimes)."""
    x = sorted(draw(st.lists(st.floats(*xs), min_size=1, max_size=2)))
    y = sorted(draw(st.lists(st.floats(*ys), min_size=1, max_size=2)))
    return Extent(x[0], y[0], x[-1], y[-1])


def expected(extent: Extent) -> str | None:
    """The rule by hand."""
    if -9 <= extent.x_min and extent.x_max <= 2.5 and 49 <= extent.y_min and extent.y_max <= 61.5:
        return "EPSG:4326"
    if (
        0 <= extent.x_min
        and extent.x_max <= 700_000
        and 0 <= extent.y_min
        and extent.y_max <= 1_300_000
    ):
        return "EPSG:27700"
    return None


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
            ]
        )
    )
    return box(draw, *bounds)


@given(extents())
def test_the_crs_follows_the_coordinates_or_the_run_stops_naming_the_layer(extent):
    crs = expected(extent)
    if crs is None:
        with pytest.raises(CrsError) as error:
            assumed_crs(LAYER, extent)
        message = str(error.value)
        assert message.startswith(f"{LAYER} has no coordinate reference system")
        assert "Set Layer CRS" in message
        assert "Assign projection" in message
        assert "EPSG:4326" in message
        assert "EPSG:27700" in message
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
        (Extent(0, 0, 0, 0), "EPSG:27700"),  # the Grid's origin
        (Extent(-120.0, 30.0, -70.0, 50.0), None),  # degrees, but America
        (Extent(530_000, 180_000, 530_000, 1_400_000), None),  # metres past the Grid
    ],
)
def test_edges_of_the_rule(extent, crs):
    if crs is None:
        with pytest.raises(CrsError, match=r"fit neither"):
            assumed_crs(LAYER, extent)
    else:
        assert assumed_crs(LAYER, extent)[0] == crs


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_coordinates_that_are_no_numbers_stop(bad):
    with pytest.raises(CrsError, match=LAYER):
        assumed_crs(LAYER, Extent(bad, 52.0, 1.0, 53.0))
