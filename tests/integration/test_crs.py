"""Layers without a coordinate reference system (CRS), through the algorithms.

The rule (README, "What is checked about your input"): a layer without a CRS whose
coordinates all lie within the UK's longitudes and latitudes is read as EPSG:4326, else
within the British National Grid as EPSG:27700, with a warning naming the layer; latitude
and longitude in the wrong order, or points all within 50 km of the Grid's origin, and
any other stop the run naming it and saying how to set its CRS in QGIS. Points are
converted here with pyproj and counted by the square they were drawn in, never by the
plugin.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Transformer
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsVectorLayer,
    QgsWkbTypes,
)

from tests.integration.dialog import RecordingFeedback
from tests.integration.test_algorithms import features

TO_DEGREES = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
#: Two 10 km ICSs side by side in London, in British National Grid.
SQUARES = {"A": (500_000, 170_000), "B": (510_000, 170_000)}
SIZE = 10_000


def coordinates(x: float, y: float, kind: str) -> tuple[float, float]:
    """A National Grid point in ``kind`` ("grid", "degrees", "neither": a point of the
    Grid moved 1,000 km east, beyond both; "swapped": degrees, latitude as x; "kilometres"
    of the Grid)."""
    if kind in ("degrees", "swapped"):
        lon, lat = TO_DEGREES.transform(x, y)
        return (lat, lon) if kind == "swapped" else (lon, lat)
    if kind == "kilometres":
        return x / 1000, y / 1000
    return (x + 1_000_000, y) if kind == "neither" else (x, y)


def layer(kind: str, geometry: str, rows: list[tuple[str, dict]], name: str, crs: str):
    """A memory layer of ``rows`` (WKT, attributes); ``crs`` empty: none."""
    fields = "&".join(f"field={n}:string" for n in rows[0][1])
    made = QgsVectorLayer(f"{geometry}?crs={crs}&{fields}", name, "memory")
    assert made.isValid()
    assert made.crs().isValid() == bool(crs)
    features = []
    for wkt, values in rows:
        feature = QgsFeature(made.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        for key, value in values.items():
            feature[key] = value
        features.append(feature)
    made.dataProvider().addFeatures(features)
    return made


def ics_layer(kind: str, crs: str):
    """The two squares with their corners in ``kind`` coordinates (densified in degrees)."""
    rows = []
    for code, (x0, y0) in SQUARES.items():
        ring = [(x0 + SIZE * t / 8, y0) for t in range(8)]
        ring += [(x0 + SIZE, y0 + SIZE * t / 8) for t in range(8)]
        ring += [(x0 + SIZE - SIZE * t / 8, y0 + SIZE) for t in range(8)]
        ring += [(x0, y0 + SIZE - SIZE * t / 8) for t in range(8)]
        points = [coordinates(x, y, kind) for x, y in [*ring, ring[0]]]
        rows.append((f"POLYGON(({','.join(f'{x} {y}' for x, y in points)}))", {"ics": code}))
    return layer(kind, "Polygon", rows, "ics", crs)


def trust_layer(kind: str, crs: str, places: list[tuple[str, float, float]]):
    rows = [
        (
            "POINT({} {})".format(*coordinates(x, y, kind)),
            {"code": f"R{n:02}", "status": "Standards Met", "ics": code},
        )
        for n, (code, x, y) in enumerate(places)
    ]
    return layer(kind, "Point", rows, "trusts", crs)


CRS_OF = {"grid": "EPSG:27700", "degrees": "EPSG:4326"}


@st.composite
def places(draw) -> list[tuple[str, float, float]]:
    """Trusts at least 200 m inside one of the squares (reprojection moves no one across)."""
    found = []
    for _ in range(draw(st.integers(1, 6))):
        code = draw(st.sampled_from(sorted(SQUARES)))
        x0, y0 = SQUARES[code]
        found.append(
            (code, x0 + draw(st.floats(200, SIZE - 200)), y0 + draw(st.floats(200, SIZE - 200)))
        )
    return found


def proportions(ics, trusts):
    from qgis import processing

    feedback = RecordingFeedback()
    result = processing.run(
        "dspt:trustproportions",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
        },
        feedback=feedback,
    )
    return {row["ics"]: row["n_trusts"] for row in features(result["OUTPUT"])}, feedback


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["grid", "degrees"]),
    st.sampled_from(["grid", "degrees"]),
    st.booleans(),
    st.booleans(),
    places(),
)
def test_a_layer_without_a_crs_is_read_in_the_crs_its_coordinates_show_with_a_warning(
    dspt_provider, trust_kind, ics_kind, trusts_say, ics_says, drawn
):
    trusts = trust_layer(trust_kind, CRS_OF[trust_kind] if trusts_say else "", drawn)
    ics = ics_layer(ics_kind, CRS_OF[ics_kind] if ics_says else "")
    counts, feedback = proportions(ics, trusts)
    assert counts == {code: sum(c == code for c, _, _ in drawn) for code in SQUARES}
    for name, kind, says in (("trusts", trust_kind, trusts_say), ("ics", ics_kind, ics_says)):
        warned = [w for w in feedback.warnings if w.startswith(f"layer {name} has no coordinate")]
        assert len(warned) == (0 if says else 1)
        if not says:
            assert f"it is read as {CRS_OF[kind]}" in warned[0]
            assert "Set Layer CRS" in warned[0]


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["trusts", "ics"]), st.sampled_from(["grid", "degrees"]), places())
def test_a_layer_without_a_crs_whose_coordinates_fit_neither_stops_naming_it(
    dspt_provider, which, other_kind, drawn
):
    trusts = trust_layer("neither" if which == "trusts" else other_kind, "", drawn)
    ics = ics_layer("neither" if which == "ics" else other_kind, "")
    with pytest.raises(QgsProcessingException) as error:
        proportions(ics, trusts)
    message = str(error.value)
    assert message.startswith(f"layer {which} has no coordinate reference system (CRS), and its")
    assert "fit neither" in message
    assert "Set Layer CRS" in message


#: What a layer without a CRS written in the wrong order or in kilometres is refused for.
REFUSED_FOR = {
    "swapped": "they look like latitude and longitude in the wrong order: x holds the UK's "
    "latitudes (49 to 61.5) and y its longitudes (-9 to 2.5)",
    "kilometres": "they all lie within 50 km of its origin",
}


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["trusts", "ics"]),
    st.sampled_from(sorted(REFUSED_FOR)),
    st.sampled_from(["grid", "degrees"]),
    places(),
)
def test_a_layer_without_a_crs_in_the_wrong_order_or_kilometres_stops_naming_it(
    dspt_provider, which, kind, other_kind, drawn
):
    trusts = trust_layer(kind if which == "trusts" else other_kind, "", drawn)
    ics = ics_layer(kind if which == "ics" else other_kind, "")
    with pytest.raises(QgsProcessingException) as error:
        proportions(ics, trusts)
    message = str(error.value)
    assert message.startswith(f"layer {which} has no coordinate reference system (CRS), and its")
    assert REFUSED_FOR[kind] in message
    assert "Set Layer CRS" in message


def test_the_reviews_swapped_trusts_east_of_greenwich_stop_naming_the_shapefile(
    run, shared_data, tmp_path
):
    """The review's case: the 2022/23 trusts east of Greenwich in a shapefile without its
    .prj, x = latitude and y = longitude: refused, not read as National Grid points within
    62 m of its origin."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    export = pd.read_csv(shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv")
    east = export[export["long"] > 0]
    assert len(east) == 24
    frame = gpd.GeoDataFrame(
        {"code": east["Code"], "status": east["Status"].str[6:]},
        geometry=[shapely.Point(lat, lon) for lat, lon in zip(east["lat"], east["long"])],
    )
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        frame.to_file(tmp_path / "trusts.shp")
    with pytest.raises(QgsProcessingException) as error:
        run(
            "trustproportions",
            {
                "ICS": str(shared_data / "boundaries/icb_july2023.geojson"),
                "ICS_FIELD": "ICB23CDH",
                "TRUSTS": str(tmp_path / "trusts.shp"),
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
        )
    message = str(error.value)
    assert "trusts.shp has no coordinate reference system (CRS)" in message
    assert REFUSED_FOR["swapped"] in message


def test_a_shapefile_without_its_prj_is_placed_with_a_warning_naming_it(dspt_provider, tmp_path):
    """The issue's case: trust points in a shapefile whose .prj was lost."""
    import geopandas as gpd
    import shapely

    drawn = [("A", 505_000.5, 175_000.5), ("B", 515_000.5, 171_000.5), ("B", 519_000, 179_000)]
    frame = gpd.GeoDataFrame(
        {"code": ["R1", "R2", "R3"], "status": ["Standards Met"] * 3},
        geometry=[shapely.Point(*TO_DEGREES.transform(x, y)) for _, x, y in drawn],
    )
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        frame.to_file(tmp_path / "trusts.shp")
    assert not (tmp_path / "trusts.prj").exists()
    counts, feedback = proportions(ics_layer("grid", "EPSG:27700"), str(tmp_path / "trusts.shp"))
    assert counts == {"A": 1, "B": 2}
    assert any("trusts.shp has no coordinate reference system" in w for w in feedback.warnings)


#: Every input whose geometry an algorithm reads or writes (the inputs of the `inputs`
#: fixture): a copy without a CRS whose coordinates fit neither stops the run naming it.
GEOMETRY_READ = [
    ("icscomposite", "ICS"),
    ("icscomposite", "TRUSTS"),
    ("trustproportions", "ICS"),
    ("trustproportions", "TRUSTS"),
    ("icsatlas", "COMPOSITE"),
    ("icsatlas", "COMMISSIONERS"),
    ("icsatlas", "TRUSTS"),
    ("webreport", "COMPOSITE"),
    ("webreport", "COMMISSIONERS"),
    ("webreport", "TRUSTS"),
    ("nationalmaps", "ICS"),
    ("nationalmaps", "REGIONS"),
    ("nationalmaps", "TRUSTS"),
    ("nationalmaps", "CHANGE"),
    ("icstrend", "ICS"),
    ("compareeditions", "AFTER"),
    ("joinstatus", "INPUT"),
]


def nowhere(source: QgsVectorLayer) -> QgsVectorLayer:
    """A copy of ``source`` without a CRS, moved 10,000 km west: beyond both CRSs."""
    kind = QgsWkbTypes.displayString(source.wkbType())
    copy = QgsVectorLayer(f"{kind}?crs=", "nowhere", "memory")
    copy.dataProvider().addAttributes(source.fields().toList())
    copy.updateFields()
    moved = []
    for feature in source.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.translate(-10_000_000, 0)
        feature.setGeometry(geometry)
        moved.append(feature)
    copy.dataProvider().addFeatures(moved)
    return copy


@pytest.mark.parametrize(("name", "key"), GEOMETRY_READ)
def test_every_input_whose_geometry_is_read_is_checked(run, inputs, tmp_path, name, key):
    parameters, _ = inputs[name]
    outputs = {"OUTPUT": str(tmp_path / "out.pdf") if name == "icsatlas" else "TEMPORARY_OUTPUT"}
    if name in ("webreport", "nationalmaps"):
        outputs = {"OUTPUT": str(tmp_path / "folder")}
    with pytest.raises(QgsProcessingException, match=r"^layer nowhere has no coordinate reference"):
        run(name, {**parameters, key: nowhere(parameters[key]), **outputs})


def test_an_input_whose_geometry_is_not_read_needs_no_crs(run, inputs):
    """Organisation points are made from coordinate fields: the input's own geometry, in
    whatever CRS, decides nothing."""
    parameters, _ = inputs["locateorganisations"]
    result = run(
        "locateorganisations",
        {
            **parameters,
            "INPUT": nowhere(parameters["INPUT"]),
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
        },
    )
    assert result["OUTPUT"].featureCount() == 2


@pytest.mark.parametrize(
    ("kind", "crs"),
    [
        ("grid", "EPSG:27700"),
        ("degrees", "EPSG:4326"),
        ("neither", "fit neither"),
        ("swapped", REFUSED_FOR["swapped"]),
        ("kilometres", REFUSED_FOR["kilometres"]),
    ],
)
def test_the_pipeline_reads_a_boundary_file_without_a_crs_by_the_same_rule(
    tmp_path, caplog, kind, crs
):
    import geopandas as gpd
    import shapely

    from dspt_qgis.core.errors import DsptError
    from dspt_qgis.pipeline.spatial import read_boundaries

    x0, y0 = SQUARES["A"]
    corners = [coordinates(x, y, kind) for x, y in ((x0, y0), (x0 + SIZE, y0 + SIZE))]
    frame = gpd.GeoDataFrame({"ics": ["A"]}, geometry=[shapely.box(*corners[0], *corners[1])])
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        frame.to_file(tmp_path / "ics.shp")
    if not crs.startswith("EPSG:"):
        with pytest.raises(DsptError, match=r"^file ics.shp has no coordinate reference system"):
            read_boundaries(tmp_path / "ics.shp")
        with pytest.raises(DsptError) as error:
            read_boundaries(tmp_path / "ics.shp")
        assert crs in str(error.value)
        return
    assert read_boundaries(tmp_path / "ics.shp").crs == crs
    assert "file ics.shp has no coordinate reference system (CRS); its coordinates" in caplog.text


@pytest.mark.parametrize(
    ("which", "kind", "declared", "why"),
    [
        ("trusts", "degrees", "EPSG:27700", REFUSED_FOR["kilometres"]),
        ("trusts", "degrees", "EPSG:7405", REFUSED_FOR["kilometres"]),  # the Grid with heights
        ("trusts", "kilometres", "EPSG:27700", REFUSED_FOR["kilometres"]),
        ("trusts", "swapped", "EPSG:4326", REFUSED_FOR["swapped"]),
        ("ics", "degrees", "EPSG:27700", REFUSED_FOR["kilometres"]),
        ("ics", "grid", "EPSG:4326", "they are no longitudes and latitudes at all"),
        ("ics", "grid", "EPSG:4258", "they are no longitudes and latitudes at all"),  # ETRS89
    ],
)
def test_a_layer_whose_coordinates_are_no_places_in_the_crs_it_declares_stops_naming_it(
    dspt_provider, which, kind, declared, why
):
    """A layer set to the wrong CRS (a trusts layer of degrees saved as National Grid, the
    ICS boundaries in metres set to EPSG:4326) is named, not read as points outside every
    ICS."""
    drawn = [("A", 505_000.0, 175_000.0), ("B", 515_000.0, 175_000.0)]
    trusts = (
        trust_layer(kind, declared, drawn)
        if which == "trusts"
        else trust_layer("grid", "EPSG:27700", drawn)
    )
    ics = ics_layer(kind, declared) if which == "ics" else ics_layer("grid", "EPSG:27700")
    with pytest.raises(QgsProcessingException) as error:
        proportions(ics, trusts)
    message = str(error.value)
    assert message.startswith(
        f"layer {which} declares its coordinate reference system (CRS) as {declared}, but its"
    )
    assert why in message
    assert "Set Layer CRS" in message


def test_one_stray_point_in_the_crs_a_layer_declares_is_named_not_the_layer(dspt_provider):
    """A trust typed in National Grid metres among trusts in degrees: that trust is
    outside every ICS and named; the others are placed."""
    drawn = [("A", 505_000.0, 175_000.0), ("B", 515_000.0, 175_000.0)]
    trusts = trust_layer("degrees", "EPSG:4326", drawn)
    stray = QgsFeature(trusts.fields())
    stray.setGeometry(QgsGeometry.fromWkt("POINT(530123 180456)"))
    stray.setAttributes(["R99", "Standards Met", "A"])
    trusts.dataProvider().addFeatures([stray])
    counts, feedback = proportions(ics_layer("grid", "EPSG:27700"), trusts)
    assert counts == {"A": 1, "B": 1}
    assert "R99" in "\n".join(feedback.warnings)


def test_a_layer_in_the_crs_it_declares_is_read_whatever_its_stored_extent_says(
    dspt_provider, tmp_path
):
    """The stored extent only answers first: a GeoPackage whose stored extent is a point at
    the Grid's origin, its features in London, is read by its features."""
    import sqlite3

    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    gpkg = tmp_path / "trusts.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    drawn = [("A", 505_000.0, 175_000.0), ("B", 515_000.0, 175_000.0)]
    error, *_ = QgsVectorFileWriter.writeAsVectorFormatV3(
        trust_layer("grid", "EPSG:27700", drawn),
        str(gpkg),
        QgsCoordinateTransformContext(),
        options,
    )
    assert error == QgsVectorFileWriter.NoError
    with sqlite3.connect(gpkg) as database:
        database.execute("UPDATE gpkg_contents SET min_x = 0, min_y = 0, max_x = 1, max_y = 1")
    stored = QgsVectorLayer(str(gpkg), "trusts", "ogr")
    assert stored.extent().xMaximum() <= 1  # the stale extent is what QGIS reads
    counts, _ = proportions(ics_layer("grid", "EPSG:27700"), stored)
    assert counts == {"A": 1, "B": 1}


def test_the_pipeline_stops_at_a_boundary_file_whose_coordinates_are_no_places_in_its_crs(
    tmp_path,
):
    import geopandas as gpd
    import shapely

    from dspt_qgis.core.errors import DsptError
    from dspt_qgis.pipeline.spatial import read_boundaries

    x0, y0 = SQUARES["A"]
    corners = [coordinates(x, y, "degrees") for x, y in ((x0, y0), (x0 + SIZE, y0 + SIZE))]
    frame = gpd.GeoDataFrame(
        {"ics": ["A"]}, geometry=[shapely.box(*corners[0], *corners[1])], crs="EPSG:27700"
    )
    frame.to_file(tmp_path / "ics.shp")
    with pytest.raises(DsptError) as error:
        read_boundaries(tmp_path / "ics.shp")
    assert str(error.value).startswith(
        "file ics.shp declares its coordinate reference system (CRS) as EPSG:27700"
    )
    assert REFUSED_FOR["kilometres"] in str(error.value)
    frame.set_crs("EPSG:4326", allow_override=True).to_file(tmp_path / "ics_degrees.shp")
    assert read_boundaries(tmp_path / "ics_degrees.shp").crs == "EPSG:4326"
    frame.set_crs("EPSG:7405", allow_override=True).to_file(tmp_path / "ics_heights.gpkg")
    with pytest.raises(DsptError, match=r"declares .* EPSG:7405, but .*within 50 km of its origin"):
        read_boundaries(tmp_path / "ics_heights.gpkg")
    metres = [coordinates(x, y, "grid") for x, y in ((x0, y0), (x0 + SIZE, y0 + SIZE))]
    gpd.GeoDataFrame(
        {"ics": ["A"]}, geometry=[shapely.box(*metres[0], *metres[1])], crs="OGC:CRS84"
    ).to_file(tmp_path / "ics_metres.geojson")
    with pytest.raises(DsptError, match="no longitudes and latitudes at all"):
        read_boundaries(tmp_path / "ics_metres.geojson")
