"""The README's promises, for every output parameter of every algorithm.

"A failed run writes no output": each output pointed in turn at a missing folder, a
read-only folder and a folder name stops the run before anything is written, naming the
output; a failure in the method, or in writing a later output, leaves nothing behind.
"Every input organisation is accounted for": the account covers every input row.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsVectorLayer,
)

from tests.integration.cases import (
    ACCOUNTING,
    ALGORITHMS,
    SEVERAL_OUTPUTS,
    TABLE_WRITERS,
    Summary,
    destinations,
    every_feature_output_as_a_table,
    every_output_into,
    geopackage_with_a_table,
    inputs_in_geopackage,
    leftovers,
    table_rows,
    tables_of,
)


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nothing can be written to (a read-only mount when the tests run as root,
    where permission bits do not stop writes)."""
    folder = tmp_path / "read_only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        # A property of the runner (no mount rights), not something .ci/run can install.
        pytest.skip(f"cannot make a read-only folder as root here: {done.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.parametrize("name", ALGORITHMS)
@pytest.mark.parametrize("problem", ["missing folder", "read-only folder", "a folder, not a file"])
def test_a_bad_destination_stops_before_anything_is_written(
    run, inputs, tmp_path, request, name, problem
):
    parameters, _ = inputs[name]
    out = tmp_path / "out"
    out.mkdir()
    for key, suffix in destinations(name):
        if problem == "missing folder":
            bad = tmp_path / "missing" / f"{key.lower()}{suffix}"
        elif problem == "read-only folder":  # the only case that needs a read-only mount
            bad = request.getfixturevalue("read_only_folder") / f"{key.lower()}{suffix}"
        else:
            bad = tmp_path / "inputs" / "export.csv" if suffix == "" else tmp_path / "inputs"
        all_outputs = every_output_into(out, name)
        all_outputs[key] = str(bad)
        with pytest.raises(QgsProcessingException) as error:
            run(name, {**parameters, **all_outputs})
        label = (
            QgsApplication.processingRegistry()
            .algorithmById(f"dspt:{name}")
            .parameterDefinition(key)
            .description()
        )
        assert f"'{label}'" in str(error.value), str(error.value)
        assert leftovers(out) == [], f"{name} {key}: {leftovers(out)}"
        assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("name", SEVERAL_OUTPUTS)
def test_a_failure_while_writing_a_later_output_leaves_nothing(
    run, inputs, tmp_path, monkeypatch, name
):
    """The main output is written first; when a later one fails, the main one goes too."""
    import dspt_qgis.processing_algs.support.transaction as outputs_module

    parameters, _ = inputs[name]
    out = tmp_path / "out"
    out.mkdir()
    calls = {"writers": 0}
    real_writer = outputs_module.Outputs.writer
    real_file = outputs_module.Outputs.file_path

    def failing_second_writer(self, key, *args, **kwargs):
        calls["writers"] += 1
        if calls["writers"] == 2:
            raise QgsProcessingException("disk full (simulated)")
        return real_writer(self, key, *args, **kwargs)

    def failing_file(self, key):
        raise QgsProcessingException("disk full (simulated)")

    monkeypatch.setattr(outputs_module.Outputs, "writer", failing_second_writer)
    monkeypatch.setattr(
        outputs_module.Outputs,
        "file_path",
        failing_file if name in ("summarytable", "webreport") else real_file,
    )
    with pytest.raises(QgsProcessingException, match="simulated"):
        run(name, {**parameters, **every_output_into(out, name)})
    assert leftovers(out) == []


def _broken(name: str, parameters: dict, make_layer, folder) -> dict:
    """The algorithm's sample parameters with one input its method fails on, after its
    outputs are opened: a status of no edition, a field that does not exist, two composites
    of one edition."""

    def written(file_name: str, text: str) -> str:
        (folder / file_name).write_text(text, encoding="utf-8")
        return str(folder / file_name)

    def bad_table():
        return make_layer(
            "None",
            {"code": "string", "status": "string", "sector": "string"},
            [(None, {"code": "X", "status": "20/21 Brilliant", "sector": "Trust"})],
        )

    def bad_trusts():
        return make_layer(
            "Point",
            {"code": "string", "status": "string"},
            [("POINT(0.5 0.5)", {"code": "T", "status": "20/21 Brilliant"})],
        )

    changes = {
        "importexport": lambda: {"INPUT": written("bad.csv", "Code,Status\nX,20/21 Brilliant\n")},
        "readods": lambda: {"INPUT": [written("bad_ods.csv", "Code,Status\nX,y\n")]},
        "joinstatus": lambda: {"DSPT": bad_table()},
        "summarytable": lambda: {"INPUT": bad_table()},
        "compareeditions": lambda: {"BEFORE": bad_table()},
        "crosswalk": lambda: {"INPUT": bad_table()},
        "locateorganisations": lambda: {"LATITUDE_FIELD": "nope"},
        "odsmembership": lambda: {"CODE_FIELD": "nope"},
        "webreport": lambda: {"ICS_FIELD": "nope"},
        "icstrend": lambda: {"COMPOSITES": [parameters["COMPOSITES"][0]] * 2},
        **dict.fromkeys(
            ("icscomposite", "trustproportions", "icsatlas", "nationalmaps", "improvementgains"),
            lambda: {"TRUSTS": bad_trusts()},
        ),
    }
    if name not in changes:
        pytest.fail(f"dspt:{name}: say in _broken which of its inputs its method fails on")
    return {**parameters, **changes[name]()}


@pytest.mark.parametrize("name", ALGORITHMS)
def test_a_failure_in_the_method_leaves_nothing(run, inputs, tmp_path, make_layer, name):
    parameters, _ = inputs[name]
    broken = _broken(name, parameters, make_layer, tmp_path / "inputs")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException):
        run(name, {**broken, **every_output_into(out, name)})
    assert leftovers(out) == []


@pytest.mark.parametrize("name", ACCOUNTING)
def test_every_input_organisation_is_accounted_for(dspt_provider, inputs, tmp_path, name):
    from qgis import processing

    parameters, expected = inputs[name]
    feedback = Summary()
    processing.run(
        f"dspt:{name}", {**parameters, **every_output_into(tmp_path, name)}, feedback=feedback
    )
    assert feedback.account() == expected


@pytest.mark.parametrize("name", TABLE_WRITERS)
def test_outputs_are_added_to_an_existing_geopackage(run, inputs, tmp_path, name):
    parameters, _ = inputs[name]
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    tables = every_feature_output_as_a_table(gpkg, name)
    results = run(name, {**parameters, **tables})
    written = tables_of(gpkg)
    assert written.pop("keep") == 2
    assert sorted(written) == sorted(key.lower() for key in tables)
    assert results["OUTPUT"] == f"{gpkg}|layername=output"
    main = QgsVectorLayer(results["OUTPUT"], "main", "ogr")
    assert main.isValid()
    assert main.featureCount() == written["output"] > 0


@pytest.mark.parametrize("name", TABLE_WRITERS)
def test_a_failure_while_writing_into_a_geopackage_drops_only_the_tables_it_added(
    run, inputs, tmp_path, monkeypatch, name
):
    import dspt_qgis.processing_algs.support.transaction as outputs_module

    parameters, _ = inputs[name]
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    tables = every_feature_output_as_a_table(gpkg, name)
    real_writer = outputs_module.Outputs.writer
    calls = {"writers": 0}

    def failing_last_writer(self, key, *args, **kwargs):
        calls["writers"] += 1
        writer = real_writer(self, key, *args, **kwargs)
        if calls["writers"] == len(tables):
            raise QgsProcessingException("disk full (simulated)")
        return writer

    monkeypatch.setattr(outputs_module.Outputs, "writer", failing_last_writer)
    with pytest.raises(QgsProcessingException, match="simulated"):
        run(name, {**parameters, **tables})
    assert tables_of(gpkg) == {"keep": 2}


@pytest.mark.parametrize("name", TABLE_WRITERS)
def test_outputs_go_into_the_geopackage_the_inputs_come_from(run, inputs, tmp_path, name):
    """An analyst's one project GeoPackage: the inputs are its tables, the outputs are added
    to it (QGIS keeps the inputs open while the outputs are written)."""
    parameters, _ = inputs[name]
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    from_gpkg = inputs_in_geopackage(gpkg, parameters)
    tables = every_feature_output_as_a_table(gpkg, name)
    run(name, {**from_gpkg, **tables})
    written = tables_of(gpkg)
    assert {key.lower() for key in tables} <= set(written)
    assert written["keep"] == 2


def test_a_failed_run_leaves_a_table_it_did_not_add(run, inputs, tmp_path, monkeypatch):
    """An output named after a table the GeoPackage already has (in other letter case) is
    that table: a failed run leaves it as it was, rows and all."""
    import dspt_qgis.processing_algs.support.transaction as outputs_module

    parameters, _ = inputs["icscomposite"]
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    before = table_rows(gpkg, "keep")
    real_writer = outputs_module.Outputs.writer

    def failing_second_writer(self, key, *args, **kwargs):
        writer = real_writer(self, key, *args, **kwargs)
        if key == "UNMATCHED":
            raise QgsProcessingException("disk full (simulated)")
        return writer

    monkeypatch.setattr(outputs_module.Outputs, "writer", failing_second_writer)
    with pytest.raises(QgsProcessingException, match="simulated"):
        run(
            "icscomposite",
            {
                **parameters,
                "OUTPUT": f"ogr:dbname='{gpkg}' table=\"KEEP\" (geom)",
                "UNMATCHED": f"ogr:dbname='{gpkg}' table=\"not_counted\"",
            },
        )
    assert {name.lower() for name in tables_of(gpkg)} == {"keep"}
    assert table_rows(gpkg, "keep") == before
