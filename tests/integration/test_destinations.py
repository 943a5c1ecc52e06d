"""Every kind of destination, under names analysts type (quotes, apostrophes, slashes,
spaces, SQL, non-ASCII letters, an input's name in another letter case or with a stray
quote): the table written has exactly the name given, the reported OUTPUT loads it, and no
input changes; a name the destination cannot keep is refused before anything is written.

The expected outcome of each name is worked out here from the rules of the file or
database (SQLite compares names in any letter case, PostgreSQL exactly and keeps 63
bytes), and the destination strings are built with QGIS's own encoders, as a script or
the dialog builds them; the tables are then read with sqlite3 and psql, not the plugin.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import (
    QgsDataSourceUri,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from tests.integration.cases import ALGORITHMS, destinations, inputs_in_geopackage, table_rows

#: Pieces of the names analysts give tables: the inputs' own names in other letter cases or
#: with a stray quote, quotes and apostrophes, slashes, SQL, non-ASCII letters.
PIECES = [
    "input_trusts",
    "INPUT_TRUSTS",
    "Input_Ics",
    '"',
    "'",
    "St John's",
    "a/b",
    "\\",
    " ",
    "; DROP TABLE input_trusts;--",
    "composite",
    "Ünïcödé",
    "中文",
    "✓",
    "%s",
    "$1",
    "gpkg_",
    "dspt_writing_",
    "x" * 30,
]
NAMES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join)
INPUT_TABLES = ("input_ics", "input_commissioners", "input_trusts")
SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def refusals_in_a_file(name: str, inputs: tuple[str, ...] = INPUT_TABLES) -> list[str]:
    """Every reason a GeoPackage or SpatiaLite file holding the tables ``inputs`` cannot
    take a table called ``name`` (none: it can); a refusal may give any one of them."""
    table = name.strip()
    lowered = table.lower()
    rules = [
        (not table, "give the table a name"),
        (lowered.startswith(("dspt_writing_", "dspt_replaced_")), "kept for tables being written"),
        ("|" in table, "cannot open a GeoPackage table whose name holds '|'"),
        (lowered.startswith(("gpkg_", "sqlite_", "rtree_")), "kept by the file format itself"),
        (lowered in inputs, "would write over the input"),  # SQLite: any letter case
    ]
    return [reason for broken, reason in rules if broken]


def refusals_in_postgres(name: str) -> list[str]:
    table = name.strip()
    rules = [
        (not table, "give the table a name"),
        (
            table.lower().startswith(("dspt_writing_", "dspt_replaced_")),
            "kept for tables being written",
        ),
        (len(table.encode()) > 63, "keeps only the first 63 bytes"),
        (table in INPUT_TABLES, "would write over the input"),  # PostgreSQL: exactly
    ]
    return [reason for broken, reason in rules if broken]


def assert_refused(error: pytest.ExceptionInfo, reasons: list[str]) -> None:
    message = str(error.value)
    assert any(reason in message for reason in reasons), message


def sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table a GeoPackage lists as its contents, with its rows (the stored styles
    aside: a run adds its output's)."""
    with contextlib.closing(sqlite3.connect(str(path))) as database:
        names = [
            row[0]
            for row in database.execute(
                "SELECT table_name FROM gpkg_contents WHERE table_name != 'layer_styles'"
            )
        ]
    return {name: table_rows(path, name) for name in names}


def table_names(path: Path) -> set[str]:
    """Every table of an SQLite file, its format's catalogues included."""
    with contextlib.closing(sqlite3.connect(str(path))) as database:
        return {
            row[0]
            for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }


def loaded(result: str) -> QgsVectorLayer:
    """The reported OUTPUT as Processing loads a layer from a value."""
    context = QgsProcessingContext()
    layer = QgsProcessingUtils.mapLayerFromString(result, context)
    assert isinstance(layer, QgsVectorLayer), result
    assert layer.isValid(), result
    return context.takeResultLayer(layer.id())


def assert_a_whole_composite(layer: QgsVectorLayer) -> None:
    assert layer.featureCount() == 2
    assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.PolygonGeometry
    assert all(f.hasGeometry() for f in layer.getFeatures())
    assert layer.crs().authid() == "EPSG:4326"


@pytest.fixture
def composite_inputs(inputs, tmp_path):
    parameters, _ = inputs["icscomposite"]
    return parameters


def _geopackage_destination(kind: str, gpkg: Path, name: str) -> str:
    if kind == "layername":
        return f"{gpkg}|layername={name}"
    uri = QgsDataSourceUri()
    uri.setDatabase(str(gpkg))
    uri.setDataSource("", name, "geom")
    return f"ogr:{uri.uri(False)}"


@pytest.mark.parametrize("kind", ["layername", "ogr"])
@SETTINGS
@given(name=NAMES)
def test_any_name_in_a_geopackage(run, composite_inputs, tmp_path_factory, kind, name):
    if kind == "layername":
        name = name.replace("|", "")  # not expressible after |layername=
    gpkg = tmp_path_factory.mktemp("gpkg") / "St John's project.gpkg"
    parameters = inputs_in_geopackage(gpkg, composite_inputs)
    before = sqlite_tables(gpkg)
    refusals = refusals_in_a_file(name)
    destination = _geopackage_destination(kind, gpkg, name)
    if refusals:
        with pytest.raises(QgsProcessingException) as error:
            run("icscomposite", {**parameters, "OUTPUT": destination})
        assert_refused(error, refusals)
        assert sqlite_tables(gpkg) == before
        return
    result = run("icscomposite", {**parameters, "OUTPUT": destination})["OUTPUT"]
    after = sqlite_tables(gpkg)
    assert set(after) == {*before, name.strip()}  # exactly that name; nothing else left
    assert {table: after[table] for table in before} == before
    assert_a_whole_composite(loaded(result))
    assert QgsProviderRegistry.instance().decodeUri("ogr", result)["layerName"] == name.strip()


@SETTINGS
@given(name=NAMES.map(lambda text: text.replace("/", "-").replace("\\", "-")))
def test_any_file_and_folder_name(run, composite_inputs, tmp_path_factory, name):
    """A file output in a folder whose name, and with a name, of any such characters."""
    if not name.strip(" .") or len(name.encode()) > 200:
        return
    folder = tmp_path_factory.mktemp("out") / name.strip()
    folder.mkdir()
    path = folder / f"{name.strip()}.gpkg"
    result = run("icscomposite", {**composite_inputs, "OUTPUT": str(path)})["OUTPUT"]
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
    assert_a_whole_composite(loaded(result))
    assert result == str(path)
    assert list(sqlite_tables(path)) == [name.strip()]  # its table named after the file


@SETTINGS
@given(name=NAMES)
def test_any_name_of_a_temporary_layer(run, composite_inputs, name):
    result = run("icscomposite", {**composite_inputs, "OUTPUT": f"memory:{name}"})["OUTPUT"]
    assert_a_whole_composite(result)
    assert result.name() == name  # a temporary layer keeps its name exactly


@SETTINGS
@given(name=NAMES)
def test_any_name_in_a_spatialite_file(run, composite_inputs, tmp_path_factory, name):
    sqlite = tmp_path_factory.mktemp("spatialite") / "project.sqlite"
    from osgeo import ogr

    ogr.GetDriverByName("SQLite").CreateDataSource(str(sqlite), options=["SPATIALITE=YES"])
    before = table_names(sqlite)
    uri = QgsDataSourceUri()
    uri.setDatabase(str(sqlite))
    uri.setDataSource("", name, "geometry")
    destination = f"spatialite:{uri.uri(False)}"
    refusals = refusals_in_a_file(name, inputs=())
    if any(quote in name for quote in "'\""):
        refusals.append("SpatiaLite keeps no quotes in a table name")
    if refusals:
        with pytest.raises(QgsProcessingException) as error:
            run("icscomposite", {**composite_inputs, "OUTPUT": destination})
        assert_refused(error, refusals)
        assert table_names(sqlite) == before
        return
    result = run("icscomposite", {**composite_inputs, "OUTPUT": destination})["OUTPUT"]
    added = table_names(sqlite) - before
    assert {t for t in added if not t.lower().startswith("idx_")} == {name.strip()}
    assert_a_whole_composite(loaded(result))


@pytest.fixture
def in_postgis(postgis, composite_inputs):
    """The composite's inputs as tables input_ics, input_commissioners, input_trusts of a
    schema whose name holds a space and a quote."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayerExporter

    postgis.sql('DROP SCHEMA IF EXISTS "Trust ""data""" CASCADE; CREATE SCHEMA "Trust ""data"""')
    moved = dict(composite_inputs)
    for key, table in zip(("ICS", "COMMISSIONERS", "TRUSTS"), INPUT_TABLES):
        uri = postgis_uri(postgis, table)
        layer = composite_inputs[key]
        error, message = QgsVectorLayerExporter.exportLayer(
            layer, uri, "postgres", layer.crs() or QgsCoordinateReferenceSystem()
        )
        assert error == QgsVectorLayerExporter.NoError, message
        moved[key] = QgsVectorLayer(uri, table, "postgres")
    return moved


def postgis_uri(postgis, table: str) -> str:
    uri = QgsDataSourceUri(postgis.connection)
    uri.setDataSource('Trust "data"', table, "geom")
    return uri.uri(False)


def pg_tables(postgis) -> dict[str, list[str]]:
    names = postgis.sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'Trust \"data\"' ORDER BY 1"
    ).splitlines()
    return {
        name: postgis.sql(
            'SELECT row_to_json(t)::text FROM "Trust ""data"""."{}" t ORDER BY 1'.format(
                name.replace('"', '""')
            )
        ).splitlines()
        for name in names
    }


@pytest.mark.parametrize("form", ["postgis:", "postgres://"])
@SETTINGS
@given(name=NAMES)
def test_any_name_in_a_postgis_schema(run, postgis, in_postgis, form, name):
    before = pg_tables(postgis)
    uri = postgis_uri(postgis, name)
    destination = (
        f"postgis:{uri}"
        if form == "postgis:"
        else QgsProcessingUtils.encodeProviderKeyAndUri("postgres", uri)
    )
    refusals = refusals_in_postgres(name)
    if refusals:
        with pytest.raises(QgsProcessingException) as error:
            run("icscomposite", {**in_postgis, "OUTPUT": destination})
        assert_refused(error, refusals)
        assert pg_tables(postgis) == before
        return
    result = run("icscomposite", {**in_postgis, "OUTPUT": destination})["OUTPUT"]
    after = pg_tables(postgis)
    assert set(after) == {*before, name.strip()}
    assert {table: after[table] for table in before} == before
    assert_a_whole_composite(loaded(result))
    geometry = postgis.sql(
        "SELECT f_geometry_column, type FROM geometry_columns WHERE f_table_schema = "
        "'Trust \"data\"' AND f_table_name = '{}'".format(name.strip().replace("'", "''"))
    )
    assert geometry == "geom|POLYGON"
    postgis.sql('DROP TABLE "Trust ""data"""."{}"'.format(name.strip().replace('"', '""')))


def _shape(result: str) -> tuple:
    """What must not differ between destinations: features, features with a geometry, the
    kind of geometry, the fields (the providers' own keys aside)."""
    layer = loaded(result)
    return (
        layer.featureCount(),
        sum(1 for feature in layer.getFeatures() if feature.hasGeometry()),
        QgsWkbTypes.geometryType(layer.wkbType()) if layer.isSpatial() else None,
        sorted(set(layer.fields().names()) - {"fid", "id"}),
    )


@pytest.mark.parametrize("name", ALGORITHMS)
def test_every_layer_output_is_the_same_in_a_file_a_geopackage_and_postgis(
    run, inputs, postgis, tmp_path, name
):
    """Each algorithm's layer outputs written as files, as GeoPackage tables and as PostGIS
    tables (given as the dialog gives them, no geometry column named) hold the same."""
    parameters, _ = inputs[name]
    outputs = destinations(name)
    layers = [key for key, suffix in outputs if suffix == ".gpkg"]
    kinds = {
        "file": lambda key: str(tmp_path / f"{key.lower()}.gpkg"),
        "table": lambda key: f"{tmp_path / 'tables.gpkg'}|layername={key.lower()}",
        "postgis": lambda key: postgis.destination(f"{name}_{key.lower()}", False),
    }
    shapes = {}
    for kind, destination in kinds.items():
        folder = tmp_path / kind
        folder.mkdir()
        others = {key: str(folder / f"{key.lower()}{suffix}") for key, suffix in outputs}
        results = run(name, {**parameters, **others, **{k: destination(k) for k in layers}})
        shapes[kind] = {key: _shape(results[key]) for key in layers}
    assert shapes["table"] == shapes["file"]
    assert shapes["postgis"] == shapes["file"]
