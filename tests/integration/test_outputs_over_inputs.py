"""No output may overwrite, empty or replace an input, whatever the destination kind and
however the same data is named; putting outputs in place is all-or-nothing.

Analysts keep one project GeoPackage: every algorithm here reads its layers from one and
is pointed, output by output, at an input table (``ogr:`` URI, ``|layername=`` path, other
letter case), at the whole file, and at a new table of it (which must keep every other
table byte-for-byte).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsApplication, QgsProcessingException

from tests.integration.cases import (
    LAYER_READERS,
    TABLE_WRITERS,
    destinations,
    every_table_rows,
    geopackage_with_a_table,
    inputs_in_geopackage,
    moved_to,
    table_rows,
    tables_of,
)
from tests.integration.conftest import sample_inputs

#: Ways of naming a GeoPackage table as a destination (the table, the file).
TABLE_SPELLINGS = {
    "ogr URI": lambda gpkg, table: f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)",
    "ogr URI, other letter case": lambda gpkg, table: (
        f"ogr:dbname='{gpkg}' table=\"{table.upper()}\" (geom)"
    ),
    "layername": lambda gpkg, table: f"{gpkg}|layername={table}",
}


def snapshot(gpkg: Path) -> dict[str, list[tuple]]:
    """Every table of the GeoPackage (styles aside), row for row as SQLite holds it."""
    return every_table_rows(gpkg, tables_of(gpkg))


@pytest.fixture(scope="module")
def project_template(tmp_path_factory, derived_inputs):
    """The project GeoPackage with every algorithm's inputs as its tables, made once for
    the module (writing some forty tables takes a third of a second): each test copies it."""
    folder = tmp_path_factory.mktemp("project")
    gpkg = geopackage_with_a_table(folder / "project.gpkg")
    moved = {
        name: (inputs_in_geopackage(gpkg, parameters, prefix=name), expected)
        for name, (parameters, expected) in sample_inputs(folder / "inputs", derived_inputs).items()
    }
    return folder, moved


@pytest.fixture
def project_gpkg(tmp_path, project_template, dspt_provider):
    """(this test's copy of the project GeoPackage, each algorithm's parameters reading
    their layers and files from the copy)."""
    template, moved = project_template
    folder = tmp_path / "project"
    shutil.copytree(template, folder)
    return folder / "project.gpkg", {
        name: (moved_to(parameters, template, folder), expected)
        for name, (parameters, expected) in moved.items()
    }


def layer_inputs(parameters: dict) -> list[tuple[str, str]]:
    """(key, table) of every input that was moved into the GeoPackage."""
    return [
        (key, value.split("layername=")[1])
        for key, values in parameters.items()
        for value in (values if isinstance(values, list) else [values])
        if isinstance(value, str) and "|layername=" in value
    ]


#: Those whose inputs can be tables of the project GeoPackage and whose main output a table.
TABLES_FROM_LAYERS = [name for name in TABLE_WRITERS if name in LAYER_READERS]


@pytest.mark.parametrize("spelling", sorted(TABLE_SPELLINGS))
@pytest.mark.parametrize("name", LAYER_READERS)
def test_an_output_naming_an_input_table_is_refused_and_changes_nothing(
    run, project_gpkg, name, spelling
):
    gpkg, moved = project_gpkg
    parameters, _ = moved[name]
    before = snapshot(gpkg)
    feature_outputs = [key for key, suffix in destinations(name) if suffix == ".gpkg"]
    for input_key, table in layer_inputs(parameters):
        for output_key in feature_outputs:
            with pytest.raises(QgsProcessingException) as error:
                run(
                    name,
                    {
                        **parameters,
                        "OUTPUT": "TEMPORARY_OUTPUT",
                        output_key: TABLE_SPELLINGS[spelling](gpkg, table),
                    },
                )
            label = _label(name, output_key)
            assert f"The output '{label}'" in str(error.value), str(error.value)
            assert (
                f"would write over the input '{_label(name, input_key)}' ({table} in project.gpkg)"
                in str(error.value)
            ), str(error.value)
    assert snapshot(gpkg) == before


@pytest.mark.parametrize("name", TABLES_FROM_LAYERS)
def test_the_whole_geopackage_of_the_inputs_as_an_output_adds_a_table_and_keeps_the_rest(
    run, project_gpkg, name
):
    """Given the project GeoPackage itself (no table name), the output is its table named
    after the file: every input and every other table kept byte for byte."""
    gpkg, moved = project_gpkg
    parameters, _ = moved[name]
    before = snapshot(gpkg)
    for whole in (str(gpkg), f"ogr:dbname='{gpkg}'"):
        run(name, {**parameters, "OUTPUT": whole})
        after = snapshot(gpkg)
        assert after.pop("project"), "the output's table has rows"
        assert after == before


@pytest.mark.parametrize("name", TABLES_FROM_LAYERS)
def test_a_new_table_given_with_layername_keeps_every_other_table_byte_for_byte(
    run, project_gpkg, name
):
    gpkg, moved = project_gpkg
    parameters, _ = moved[name]
    before = snapshot(gpkg)
    results = run(name, {**parameters, "OUTPUT": f"{gpkg}|layername=result"})
    after = snapshot(gpkg)
    assert after.pop("result"), "the new table has rows"
    assert after == before
    assert results["OUTPUT"] == f"{gpkg}|layername=result"


def test_the_export_itself_as_an_output_is_refused(run, inputs, tmp_path):
    parameters, _ = inputs["importexport"]
    export = Path(parameters["INPUT"])
    before = export.read_bytes()
    for key in ("OUTPUT", "REPORT"):
        with pytest.raises(
            QgsProcessingException,
            match=rf"'{_label('importexport', key)}' \(export.csv\) would "
            r"write over the input 'DSPT status export' \(export.csv\)",
        ):
            run(
                "importexport",
                {
                    **parameters,
                    key: str(export),
                    **({"OUTPUT": str(tmp_path / "o.gpkg")} if key == "REPORT" else {}),
                },
            )
    relative = os.path.relpath(export, Path.cwd())
    with pytest.raises(QgsProcessingException, match="would write over the input"):
        run("importexport", {**parameters, "OUTPUT": relative})
    assert export.read_bytes() == before


def test_an_export_in_a_project_table_layer_is_its_file(run, inputs, tmp_path):
    """A delimited-text layer of the export is the export: writing over it is refused."""
    from qgis.core import QgsVectorLayer

    parameters, _ = inputs["importexport"]
    export = Path(parameters["INPUT"])
    layer = QgsVectorLayer(f"file://{export}?delimiter=,", "Export", "delimitedtext")
    assert layer.isValid()
    with pytest.raises(
        QgsProcessingException,
        match=r"would write over the input 'DSPT status export' "
        r"\(export.csv\)",
    ):
        run("importexport", {**parameters, "INPUT": layer, "OUTPUT": str(export)})


def test_two_outputs_into_one_table_are_refused(run, inputs, tmp_path):
    parameters, _ = inputs["icscomposite"]
    gpkg = geopackage_with_a_table(tmp_path / "out.gpkg")
    with pytest.raises(QgsProcessingException, match="both go to"):
        run(
            "icscomposite",
            {
                **parameters,
                "OUTPUT": f"{gpkg}|layername=x",
                "UNMATCHED": f"ogr:dbname='{gpkg}' table=\"X\"",
            },
        )
    assert tables_of(gpkg) == {"keep": 2}


def test_outputs_replacing_files_are_put_in_place_together_or_not_at_all(
    run, inputs, tmp_path, monkeypatch
):
    """Two outputs replace two files; the second cannot be replaced (open elsewhere, as on
    Windows): the first is moved back, both files keep their old contents, the message
    names the file and what to do, and nothing of the run is left."""
    import dspt_qgis.processing_algs.support.commit as commit

    parameters, _ = inputs["importexport"]
    out = tmp_path / "out"
    out.mkdir()
    old = {"OUTPUT": out / "statuses.csv", "REPORT": out / "report.csv"}
    for path in old.values():
        path.write_text("old contents\n", encoding="utf-8")
    real_replace = os.replace

    def locked(source, target):
        if str(target) == str(old["REPORT"]) and ".dspt-writing-" in str(source):
            raise PermissionError(13, "Permission denied", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(commit.os, "replace", locked)
    with pytest.raises(QgsProcessingException) as error:
        run("importexport", {**parameters, **{key: str(path) for key, path in old.items()}})
    message = str(error.value)
    assert f"no permission to write {old['REPORT']} (Permission denied)" in message
    assert "if it is open in another program (on Windows), close it and run again" in message
    assert message.endswith("Nothing was changed.")
    assert {path.read_text(encoding="utf-8") for path in old.values()} == {"old contents\n"}
    assert sorted(p.name for p in out.iterdir()) == ["report.csv", "statuses.csv"]


def test_a_replaced_table_is_swapped_in_whole(run, inputs, tmp_path):
    parameters, _ = inputs["icscomposite"]
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    run("icscomposite", {**parameters, "OUTPUT": f"{gpkg}|layername=composite"})
    first = table_rows(gpkg, "composite")
    run(
        "icscomposite",
        {
            **parameters,
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"COMPOSITE\" (geom)",
            "COMMISSIONER_SHARE": 1.0,
        },
    )
    assert sorted(tables_of(gpkg)) == [
        "composite",
        "keep",
    ]  # the same columns: its rows replaced in place, the table kept; no staging table left
    assert table_rows(gpkg, "composite") != first


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_spelling_of_an_input_as_a_destination_overlaps_it(qgis_app, tmp_path, data):
    """However a table or file is written, as an input and as a destination they are the
    same data (paths relative or through a link, tables in any letter case)."""
    from qgis.core import QgsProcessingContext, QgsProcessingParameterFeatureSink

    from dspt_qgis.processing_algs.support.datasets import text_dataset
    from dspt_qgis.processing_algs.support.destinations import resolve

    folder = tmp_path / "data"
    gpkg = folder / "project.gpkg"
    if not gpkg.exists():
        folder.mkdir(exist_ok=True)
        geopackage_with_a_table(gpkg)
        (tmp_path / "link").symlink_to(folder)
    base = data.draw(
        st.sampled_from(
            [str(gpkg), str(tmp_path / "link" / "project.gpkg"), os.path.relpath(gpkg, Path.cwd())]
        )
    )
    table = data.draw(st.sampled_from(["keep", "KEEP", "Keep"]))
    as_input = text_dataset(data.draw(st.sampled_from([f"{base}|layername={table}", base])))
    other = data.draw(st.sampled_from(["other", table]))
    spelling = data.draw(st.sampled_from(sorted(TABLE_SPELLINGS) + ["whole file"]))
    text = str(gpkg) if spelling == "whole file" else TABLE_SPELLINGS[spelling](base, other)
    definition = QgsProcessingParameterFeatureSink("OUTPUT", "Output")
    destination = resolve(definition, {"OUTPUT": text}, QgsProcessingContext())
    same = spelling != "whole file" and other.lower() == "keep"  # a whole file: its own table
    assert destination.dataset.overlaps(as_input) == same


def _label(name: str, key: str) -> str:
    return (
        QgsApplication.processingRegistry()
        .algorithmById(f"dspt:{name}")
        .parameterDefinition(key)
        .description()
    )


@pytest.fixture(autouse=True)
def _no_staging_left(tmp_path):
    """After every test: no hidden staging or replaced files anywhere in its folders."""
    yield
    left = [
        p for p in tmp_path.rglob("*") if p.name.startswith((".dspt-writing-", ".dspt-replaced-"))
    ]
    for path in left:
        shutil.rmtree(path, ignore_errors=True)
    assert left == []
