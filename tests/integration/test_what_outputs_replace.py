"""What an output replaces, and what it must leave alone: views built on a table, the
other tables of a GeoPackage, the other sheets of a workbook, a shapefile's old spatial
index, an input reached by another name (a hard link, ``|layerid=``), a layer with unsaved
edits, a file that is empty, read-only or not a GeoPackage, a database that cannot be
reached or that another session holds. Each case's outcome is read back with sqlite3,
psql or the file system, not with the plugin."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import time

import pytest
from qgis.core import QgsDataSourceUri, QgsProcessingException, QgsProject, QgsVectorLayer

from tests.integration.cases import geopackage_with_a_table, inputs_in_geopackage, table_rows


def sql(gpkg, statement: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(str(gpkg))) as database:
        rows = database.execute(statement).fetchall()
        database.commit()
    return rows


@pytest.fixture
def composite(inputs):
    parameters, _ = inputs["icscomposite"]
    return parameters


def test_a_view_on_a_replaced_geopackage_table_keeps_working_and_shows_the_new_rows(
    run, composite, tmp_path
):
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=composite"})
    sql(gpkg, "CREATE VIEW v_dash AS SELECT ics, composite_score FROM composite")
    run(
        "icscomposite",
        {**composite, "COMMISSIONER_SHARE": 1.0, "OUTPUT": f"{gpkg}|layername=composite"},
    )
    assert sql(gpkg, "SELECT * FROM v_dash ORDER BY 1") == sql(
        gpkg, "SELECT ics, composite_score FROM composite ORDER BY 1"
    )
    assert sql(gpkg, "SELECT composite_score FROM v_dash WHERE ics = 'Q1'") == [(1.0,)]
    assert not [n for (n,) in sql(gpkg, "SELECT name FROM sqlite_master") if "dspt_" in n]
    run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=another"})  # still writable


def test_a_table_of_other_columns_is_not_put_under_a_view(run, composite, inputs, tmp_path):
    """The same name, other columns (another tool's table): the view would break, so the
    run stops naming it and nothing changes."""
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    sql(gpkg, "CREATE VIEW v_keep AS SELECT note FROM keep")
    before = table_rows(gpkg, "keep")
    with pytest.raises(QgsProcessingException, match="v_keep"):
        run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=keep"})
    assert table_rows(gpkg, "keep") == before
    assert sql(gpkg, "SELECT note FROM v_keep ORDER BY 1") == [("first",), ("second",)]


def test_a_view_is_never_a_destination(run, composite, tmp_path):
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    sql(gpkg, "CREATE VIEW v_keep AS SELECT note FROM keep")
    with pytest.raises(QgsProcessingException, match="is a view, not a table"):
        run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=v_keep"})
    assert sql(gpkg, "SELECT type FROM sqlite_master WHERE name = 'v_keep'") == [("view",)]


def test_a_geopackage_given_as_a_file_keeps_its_other_tables(run, composite, tmp_path):
    gpkg = geopackage_with_a_table(tmp_path / "composite.gpkg")
    result = run("icscomposite", {**composite, "OUTPUT": str(gpkg)})["OUTPUT"]
    tables = sql(gpkg, "SELECT table_name FROM gpkg_contents WHERE table_name != 'layer_styles'")
    assert sorted(n for (n,) in tables) == ["composite", "keep"]
    assert table_rows(gpkg, "keep") == [(1, "first"), (2, "second")]
    assert QgsVectorLayer(result, "c", "ogr").featureCount() == 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".shp", ".geojson"])
def test_a_table_name_in_a_file_of_one_table_is_refused(run, inputs, tmp_path, suffix):
    parameters, _ = inputs["summarytable"]
    book = tmp_path / f"book{suffix}"
    book.write_bytes(b"the analyst's own file")
    with pytest.raises(QgsProcessingException, match="that kind of file holds one table"):
        run("summarytable", {**parameters, "OUTPUT": f"{book}|layername=summary"})
    assert book.read_bytes() == b"the analyst's own file"


def test_a_replaced_shapefile_takes_its_old_spatial_index_with_it(run, composite, tmp_path):
    shp = tmp_path / "composite.shp"
    run("icscomposite", {**composite, "OUTPUT": str(shp)})

    def parts() -> set[str]:
        return {p.suffix for p in tmp_path.iterdir() if p.stem == "composite"}

    written = parts()  # what this GDAL writes: .shp, .shx, .dbf, .prj (and .cpg from 3.40's)
    assert {".shp", ".shx", ".dbf", ".prj"} <= written
    old_index = tmp_path / "composite.qix"
    old_index.write_bytes(b"an index of the old features")
    run("icscomposite", {**composite, "COMMISSIONER_SHARE": 1.0, "OUTPUT": str(shp)})
    assert not old_index.exists()
    assert parts() == written  # the new shapefile's own parts, nothing of the old one's


def test_an_input_named_by_layer_number_is_not_written_over(run, composite, tmp_path):
    gpkg = tmp_path / "project.gpkg"
    parameters = inputs_in_geopackage(gpkg, composite)
    layers = [n for (n,) in sql(gpkg, "SELECT table_name FROM gpkg_contents ORDER BY rowid")]
    trusts = layers.index("input_trusts")
    before = table_rows(gpkg, "input_trusts")
    with pytest.raises(QgsProcessingException, match="would write over the input"):
        run(
            "icscomposite",
            {
                **parameters,
                "TRUSTS": f"{gpkg}|layerid={trusts}",
                "OUTPUT": f"{gpkg}|layername=input_trusts",
            },
        )
    assert table_rows(gpkg, "input_trusts") == before


def test_an_input_reached_through_a_hard_link_is_not_written_over(run, composite, tmp_path):
    gpkg = tmp_path / "project.gpkg"
    parameters = inputs_in_geopackage(gpkg, composite)
    linked = tmp_path / "linked.gpkg"
    os.link(gpkg, linked)
    before = table_rows(gpkg, "input_trusts")
    with pytest.raises(QgsProcessingException, match="would write over the input"):
        run("icscomposite", {**parameters, "OUTPUT": f"{linked}|layername=input_trusts"})
    assert table_rows(gpkg, "input_trusts") == before


def test_a_layer_with_unsaved_edits_stops_the_run(run, composite, tmp_path, qgis_new_project):
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=composite"})
    layer = QgsVectorLayer(f"{gpkg}|layername=composite", "Composite", "ogr")
    QgsProject.instance().addMapLayer(layer)
    layer.startEditing()
    layer.changeAttributeValue(1, layer.fields().lookupField("composite_score"), 3.0)
    try:
        with pytest.raises(QgsProcessingException, match="'Composite'.*unsaved changes"):
            run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=composite"})
    finally:
        layer.rollBack()
        QgsProject.instance().removeAllMapLayers()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda path: path.write_bytes(b""), "is empty (0 bytes), not a GeoPackage"),
        (lambda path: path.write_text("not a database"), "is not a GeoPackage"),
    ],
    ids=["empty", "text"],
)
def test_a_file_that_is_no_geopackage_is_named(run, composite, tmp_path, make, said):
    gpkg = tmp_path / "project.gpkg"
    make(gpkg)
    before = gpkg.read_bytes()
    with pytest.raises(QgsProcessingException) as error:
        run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=composite"})
    assert said in str(error.value)
    assert "project.gpkg" in str(error.value)
    assert gpkg.read_bytes() == before


@pytest.mark.host  # chattr is the host's (e2fsprogs); the check is the plugin's own, not QGIS's
def test_a_read_only_geopackage_is_named(run, composite, tmp_path):
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    subprocess.run(["chattr", "+i", str(gpkg)], check=False)  # immutable even to root
    if os.access(gpkg, os.W_OK) and not _immutable(gpkg):
        pytest.skip("cannot make a file read-only to this user here")
    try:
        with pytest.raises(QgsProcessingException, match="no permission to write project.gpkg"):
            run("icscomposite", {**composite, "OUTPUT": f"{gpkg}|layername=composite"})
    finally:
        subprocess.run(["chattr", "-i", str(gpkg)], check=False)


def _immutable(path) -> bool:
    done = subprocess.run(["lsattr", str(path)], capture_output=True, text=True)
    return done.returncode == 0 and "i" in done.stdout.split()[0]


# -- PostGIS --------------------------------------------------------------------------------
def destination(postgis, table: str, port: str | None = None, password: str = "") -> str:
    """A PostGIS destination as the dialog writes one (optionally another port, a password)."""
    uri = QgsDataSourceUri(postgis.connection)
    if port is not None:
        uri.setConnection(uri.host(), port, uri.database(), uri.username(), password)
    uri.setDataSource("public", table, "geom")
    return f"postgis:{uri.uri(False)}"


def test_a_view_on_a_replaced_postgis_table_keeps_working(run, composite, postgis):
    run("icscomposite", {**composite, "OUTPUT": destination(postgis, "kept_composite")})
    postgis.sql(
        "CREATE VIEW kept_dash AS SELECT ics, composite_score FROM kept_composite; "
        "GRANT SELECT ON kept_composite TO PUBLIC; COMMENT ON TABLE kept_composite IS 'board'"
    )
    run(
        "icscomposite",
        {**composite, "COMMISSIONER_SHARE": 1.0, "OUTPUT": destination(postgis, "kept_composite")},
    )
    assert postgis.sql("SELECT composite_score FROM kept_dash WHERE ics = 'Q1'") == "1"
    assert postgis.sql("SELECT obj_description('kept_composite'::regclass)") == "board"
    assert not [t for t in postgis.tables() if t.startswith(("dspt_writing_", "dspt_replaced_"))]


def test_an_unreachable_database_is_named_before_any_work(run, composite, postgis):
    target = destination(postgis, "never", port="1", password="S3cret-unreachable")
    with pytest.raises(QgsProcessingException) as error:
        run("icscomposite", {**composite, "OUTPUT": target})
    message = str(error.value)
    assert "its database cannot be reached" in message
    assert "S3cret-unreachable" not in message


def test_a_table_another_session_holds_stops_the_run_within_seconds(run, composite, postgis):
    run("icscomposite", {**composite, "OUTPUT": destination(postgis, "held_composite")})
    holder = subprocess.Popen(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(postgis.port),
            "-U",
            "dspt",
            "-d",
            "dspt",
            "-c",
            "BEGIN; LOCK TABLE held_composite IN EXCLUSIVE MODE; SELECT pg_sleep(60);",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    started = time.monotonic()
    try:
        with pytest.raises(QgsProcessingException) as error:
            run(
                "icscomposite",
                {
                    **composite,
                    "COMMISSIONER_SHARE": 1.0,
                    "OUTPUT": destination(postgis, "held_composite"),
                },
            )
    finally:
        holder.kill()
        holder.wait()
    assert time.monotonic() - started < 45
    assert "locked" in str(error.value) or "in use" in str(error.value)
    assert not [t for t in postgis.tables() if t.startswith(("dspt_writing_", "dspt_replaced_"))]
