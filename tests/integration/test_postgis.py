"""Inputs and outputs in a real PostGIS database (one schema holding everything, as ICS
analysts keep it): the composite, the join and the import read and write its tables; an
output naming an input table is refused; a table being replaced is swapped in whole; a
failed run leaves no table behind."""

from __future__ import annotations

import re

import pytest
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsVectorLayer,
    QgsVectorLayerExporter,
)


def to_postgis(server, layer: QgsVectorLayer, name: str) -> str:
    """Save a layer as a table of the database; return its source URI."""
    geometry = layer.isSpatial()
    uri = server.table(name, geometry)
    error, message = QgsVectorLayerExporter.exportLayer(
        layer,
        uri,
        "postgres",
        layer.crs() if geometry else QgsCoordinateReferenceSystem(),
        options={"overwrite": True},
    )
    assert error == QgsVectorLayerExporter.NoError, message
    loaded = QgsVectorLayer(uri, name, "postgres")
    assert loaded.isValid(), uri
    return uri


def rows(server, table: str) -> list[str]:
    return server.sql(f'SELECT row_to_json(t)::text FROM "{table}" t ORDER BY 1').splitlines()


@pytest.fixture
def in_database(postgis, inputs, request):
    """The composite's inputs as tables of the database (named after the test)."""
    parameters, _ = inputs["icscomposite"]
    prefix = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower().replace("test_", ""))[-30:]
    moved = dict(parameters)
    for key in ("ICS", "COMMISSIONERS", "TRUSTS"):
        moved[key] = QgsVectorLayer(
            to_postgis(postgis, parameters[key], f"{prefix}_{key.lower()}"), key, "postgres"
        )
        moved[key].setCustomProperty("table", f"{prefix}_{key.lower()}")
    return moved


def composites(layer) -> dict[str, float]:
    layer = layer if isinstance(layer, QgsVectorLayer) else QgsVectorLayer(layer, "out", "postgres")
    return {f["ics"]: f["composite_score"] for f in layer.getFeatures()}


@pytest.mark.parametrize("order", ["as given", "reversed"])
def test_the_composite_reads_and_writes_database_tables(run, postgis, inputs, in_database, order):
    """Q1's composite is 0.0 and Q2 has none (NULL): in either order each is stored as
    it is (QGIS's PostgreSQL provider, left alone, stores one for both)."""
    parameters, _ = inputs["icscomposite"]
    if order == "reversed":
        in_database = {**in_database, "ICS": _reversed(in_database["ICS"])}
    expected = composites(
        run("icscomposite", {**parameters, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    )
    assert expected == {"Q1": 0.0, "Q2": NULL}
    results = run(
        "icscomposite",
        {
            **in_database,
            "OUTPUT": postgis.destination("composite_out"),
            "UNMATCHED": postgis.destination("composite_left_out", False),
        },
    )
    assert composites(QgsVectorLayer(results["OUTPUT"], "out", "postgres")) == expected
    stored = postgis.sql(
        "SELECT ics, coalesce(composite_score::text, 'NULL') FROM composite_out ORDER BY 1"
    )
    assert stored.splitlines() == ["Q1|0", "Q2|NULL"]


def _reversed(layer: QgsVectorLayer) -> QgsVectorLayer:
    """A memory copy of a layer with its features in reverse order."""
    copy = QgsVectorLayer(f"Polygon?crs={layer.crs().authid()}", "reversed", "memory")
    copy.dataProvider().addAttributes(layer.fields().toList())
    copy.updateFields()
    copy.dataProvider().addFeatures(list(layer.getFeatures())[::-1])
    return copy


def test_the_join_and_the_import_write_database_tables(run, postgis, inputs):
    parameters, _ = inputs["joinstatus"]
    source = to_postgis(postgis, parameters["INPUT"], "join_in")
    result = run(
        "joinstatus",
        {
            **parameters,
            "INPUT": QgsVectorLayer(source, "in", "postgres"),
            "OUTPUT": postgis.destination("join_out"),
        },
    )
    assert {
        f["code"]: f["status_dspt"]
        for f in QgsVectorLayer(result["OUTPUT"], "o", "postgres").getFeatures()
    } == {"00L": "Standards Met"}
    export, _ = inputs["importexport"]
    run("importexport", {**export, "OUTPUT": postgis.destination("import_out", False)})
    assert postgis.sql('SELECT count(*) FROM "import_out"') == "3"
    table = QgsVectorLayer(postgis.table("import_out", False), "Imported", "postgres")
    again = run(
        "importexport",
        {
            "INPUT": table,
            "CODE_FIELD": "code",
            "STATUS_FIELD": "status_raw",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert again["OUTPUT"].featureCount() == 3


@pytest.mark.parametrize("key", ["ICS", "COMMISSIONERS", "TRUSTS"])
def test_an_output_naming_an_input_table_is_refused(run, postgis, in_database, key):
    table = in_database[key].customProperty("table")
    before = rows(postgis, table)
    for spelling in (
        postgis.destination(table),
        postgis.destination(table).replace("host=127.0.0.1", "host=localhost"),
        f"postgres:{postgis.table(table)}",
    ):
        with pytest.raises(
            QgsProcessingException,
            match=rf"would write over the input .*table public\.{table} of "
            r"postgres database dspt on localhost",
        ):
            run("icscomposite", {**in_database, "OUTPUT": spelling})
    assert rows(postgis, table) == before


def test_a_replaced_table_is_swapped_in_whole_and_a_failure_keeps_it(
    run, postgis, in_database, monkeypatch
):
    import dspt_qgis.processing_algs.support.transaction as transaction

    run("icscomposite", {**in_database, "OUTPUT": postgis.destination("swapped")})
    first = rows(postgis, "swapped")
    run(
        "icscomposite",
        {**in_database, "COMMISSIONER_SHARE": 1.0, "OUTPUT": postgis.destination("swapped")},
    )
    second = rows(postgis, "swapped")
    assert second != first
    assert not [t for t in postgis.tables() if t.startswith(("dspt_writing_", "dspt_replaced_"))]
    real_writer = transaction.Outputs.writer

    def failing_second(self, key, *args, **kwargs):
        writer = real_writer(self, key, *args, **kwargs)
        if key == "UNMATCHED":
            raise QgsProcessingException("disk full (simulated)")
        return writer

    monkeypatch.setattr(transaction.Outputs, "writer", failing_second)
    with pytest.raises(QgsProcessingException, match="simulated"):
        run(
            "icscomposite",
            {
                **in_database,
                "OUTPUT": postgis.destination("swapped"),
                "UNMATCHED": postgis.destination("never_made", False),
            },
        )
    assert rows(postgis, "swapped") == second
    assert "never_made" not in postgis.tables()
    assert not [t for t in postgis.tables() if t.startswith(("dspt_writing_", "dspt_replaced_"))]
