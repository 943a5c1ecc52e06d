"""Every algorithm run as the dialog runs it, with the dialog's default temporary outputs.

A run must end without red text in the Log, load exactly the outputs asked for into the
project, each valid, named for the analyst and styled (issue: "The following layers were
not correctly generated").
"""

from __future__ import annotations

import pytest
from qgis.core import QgsProject

from tests.integration.cases import ALGORITHMS, CASE, destinations
from tests.integration.conftest import edition_composite, square
from tests.integration.dialog import run_like_dialog

TEMPORARY = "TEMPORARY_OUTPUT"


@pytest.fixture
def project(qgis_new_project, dspt_provider):
    QgsProject.instance().clear()
    yield QgsProject.instance()
    QgsProject.instance().clear()


@pytest.fixture
def export_csv(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Code,Organisation Name,Status,Primary Sector,ICS,lat,long\n"
        "00L,NHS One CCG,20/21 Standards Met,CCG,Q1,,\n"
        "00N,NHS Two CCG,20/21 Standards Exceeded,CCG,Q2,,\n"
        "RA1,Trust A,20/21 Approaching Standards,NHS Trust,Q1,0.5,0.5\n"
        "RB2,Trust B,20/21 Standards Met,NHS Trust,Q2,1.5,0.5\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture
def layers(make_layer, tmp_path, dspt_provider):
    ics = make_layer(
        "Polygon",
        {"ics": "string"},
        [(square(0, 0), {"ics": "Q1"}), (square(1, 0), {"ics": "Q2"})],
        name="ICS",
    )
    commissioners = make_layer(
        "Polygon",
        {"code": "string", "ics": "string", "status": "string"},
        [
            (square(0, 0), {"code": "00L", "ics": "Q1", "status": "Standards Met"}),
            (square(1, 0), {"code": "00N", "ics": "Q2", "status": "Standards Exceeded"}),
        ],
        name="CCGs",
    )
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string", "sector": "string"},
        [
            (
                "POINT(0.5 0.5)",
                {"code": "RA1", "status": "Approaching Standards", "sector": "Trust"},
            ),
            ("POINT(1.5 0.5)", {"code": "RB2", "status": "Standards Met", "sector": "Trust"}),
        ],
        name="Trusts",
    )
    table = make_layer(
        "None",
        {
            "code": "string",
            "status": "string",
            "sector": "string",
            "lat": "double",
            "lon": "double",
        },
        [
            (
                None,
                {
                    "code": "RA1",
                    "status": "Standards Met",
                    "sector": "Trust",
                    "lat": 51.5,
                    "lon": -0.1,
                },
            ),
            (None, {"code": "00L", "status": "Not Published", "sector": "Commissioner"}),
        ],
        name="Statuses",
    )
    ods_file = tmp_path / "etr.csv"
    ods_file.write_text(
        '"RA1","T","Y62","Q1",'
        + ",".join(['""'] * 6)
        + ',"20020401","",'
        + ",".join(['""'] * 15)
        + "\n"
    )
    from qgis import processing

    ods_table = processing.run("dspt:readods", {"INPUT": [str(ods_file)], "OUTPUT": TEMPORARY})[
        "OUTPUT"
    ]
    new_lookup = make_layer(
        "None",
        {"area": "string", "ics": "string", "patients": "integer"},
        [(None, {"area": "00L", "ics": "Q1", "patients": 100})],
        name="Sub-ICB lookup",
    )
    return {
        "ics": ics,
        "commissioners": commissioners,
        "trusts": trusts,
        "table": table,
        "ods_file": str(ods_file),
        "ods_table": ods_table,
        "new_lookup": new_lookup,
        "composites": [edition_composite(make_layer, e) for e in ("21/22", "20/21")],
    }


def temporary_outputs(name: str) -> dict[str, str]:
    """Every layer output of the algorithm left at the dialog's default, a temporary layer."""
    return {key: TEMPORARY for key, suffix in destinations(name) if suffix == ".gpkg"}


def files_elsewhere(name: str, folder) -> dict[str, str]:
    """Every file or folder output (an HTML page, a PDF, a site) written into ``folder``."""
    return {
        key: str(folder / f"{key.lower()}{suffix}")
        for key, suffix in destinations(name)
        if suffix != ".gpkg"
    }


def outputs_loaded(run, project: QgsProject, name: str) -> dict:
    """The layers a dialog run loaded as its outputs: not those the algorithm adds to a
    project group of its own (the national maps' layers for their layouts)."""
    group = CASE[name].layers_group
    node = project.layerTreeRoot().findGroup(group) if group else None
    own = {layer.layerId() for layer in node.findLayers()} if node else set()
    return {key: layer for key, layer in run.loaded.items() if key not in own}


@pytest.mark.parametrize("name", ALGORITHMS)
def test_dialog_run_with_temporary_outputs_ends_clean(project, inputs, tmp_path, name):
    parameters, _ = inputs[name]
    outputs = temporary_outputs(name)
    run = run_like_dialog(
        f"dspt:{name}", {**parameters, **outputs, **files_elsewhere(name, tmp_path)}, project
    )
    assert run.feedback.errors == []
    assert run.ok
    loaded = outputs_loaded(run, project, name)
    assert len(loaded) == len(outputs)
    for layer in loaded.values():
        assert layer.isValid()
        assert layer.name()
        assert not layer.name().startswith("memory")
    renderer = CASE[name].renderer
    if renderer is not None:
        main = next(
            layer
            for layer in loaded.values()
            if layer.id() == run.results["OUTPUT"] or layer.source() == run.results["OUTPUT"]
        )
        assert main.renderer().type() == renderer
    assert run.feedback.last_progress == pytest.approx(100)


@pytest.mark.parametrize("name", ALGORITHMS)
def test_dialog_run_saving_to_geopackage_tables_ends_clean(project, inputs, tmp_path, name):
    """Every output saved as a table of one GeoPackage ("Save to GeoPackage..."): each
    loads under its own name, styled, and opens styled again from the file."""
    from qgis.core import QgsVectorLayer

    gpkg = tmp_path / "outputs.gpkg"
    parameters, _ = inputs[name]
    tables = {
        key: f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
        for key in temporary_outputs(name)
    }
    run = run_like_dialog(
        f"dspt:{name}", {**parameters, **tables, **files_elsewhere(name, tmp_path)}, project
    )
    assert run.feedback.errors == []
    assert run.ok
    loaded = outputs_loaded(run, project, name)
    assert sorted(layer.source() for layer in loaded.values()) == sorted(
        f"{gpkg}|layername={key.lower()}" for key in tables
    )
    for layer in loaded.values():
        assert layer.isValid()
        assert not layer.name().startswith(("memory", "output", "ogr"))
    renderer = CASE[name].renderer
    if renderer is not None:
        main = next(layer for layer in loaded.values() if layer.source() == run.results["OUTPUT"])
        assert main.renderer().type() == renderer
        reopened = QgsVectorLayer(run.results["OUTPUT"], "reopened", "ogr")
        assert reopened.renderer().type() == renderer  # the style stored in the GeoPackage


def test_web_report_dialog_run_ends_clean(project, layers, tmp_path):
    """The web report writes a folder and loads no layer; its dialog run still ends clean."""
    from qgis import processing

    composite = processing.run(
        "dspt:icscomposite",
        {
            "ICS": layers["ics"],
            "ICS_FIELD": "ics",
            "COMMISSIONERS": layers["commissioners"],
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": layers["trusts"],
            "OUTPUT": TEMPORARY,
        },
    )["OUTPUT"]
    summary = processing.run("dspt:summarytable", {"INPUT": layers["table"], "OUTPUT": TEMPORARY})[
        "OUTPUT"
    ]
    run = run_like_dialog(
        "dspt:webreport",
        {
            "COMMISSIONERS": layers["commissioners"],
            "TRUSTS": layers["trusts"],
            "COMPOSITE": composite,
            "ICS_FIELD": "ics",
            "SUMMARY": summary,
            "OUTPUT": str(tmp_path / "site"),
        },
        project,
    )
    assert run.feedback.errors == []
    assert run.ok
    assert (tmp_path / "site" / "index.html").exists()


def test_national_maps_dialog_run_ends_clean(project, layers, make_layer, tmp_path):
    """The national maps take the project's layers as the dialog gives them (their ids),
    draw them as they are and load no layer but the inset's spread points."""
    from qgis import processing

    sides = {
        "ICS": layers["ics"],
        "ICS_FIELD": "ics",
        "TRUSTS": layers["trusts"],
        "OUTPUT": TEMPORARY,
    }
    composite = processing.run(
        "dspt:icscomposite",
        {**sides, "COMMISSIONERS": layers["commissioners"], "COMMISSIONER_ICS_FIELD": "ics"},
    )["OUTPUT"]
    proportions = processing.run("dspt:trustproportions", sides)["OUTPUT"]
    regions = make_layer(
        "Polygon", {"name": "string"}, [(square(0, 0), {"name": "London"})], name="Regions"
    )
    given = {
        "COMMISSIONERS": layers["commissioners"],
        "TRUSTS": layers["trusts"],
        "ICS": layers["ics"],
        "COMPOSITE": composite,
        "PROPORTIONS": proportions,
        "REGIONS": regions,
    }
    for layer in given.values():
        project.addMapLayer(layer)
    run = run_like_dialog(
        "dspt:nationalmaps",
        {
            **{key: layer.id() for key, layer in given.items()},
            "ICS_FIELD": "ics",
            "REGION_NAME_FIELD": "name",
            "OUTPUT": str(tmp_path / "maps"),
        },
        project,
    )
    assert run.feedback.errors == []
    assert run.ok
    assert [layer.name() for layer in run.loaded.values()] == ["Trusts (London inset)"]
    assert sorted(layout.name() for layout in project.layoutManager().layouts()) == [
        "1 Individual compliance",
        "2 Trust proportions",
        "3 ICS composite",
    ]
    assert (tmp_path / "maps" / "ics_composite.pdf").stat().st_size > 0


def test_dialog_run_writing_files_ends_clean(project, export_csv, tmp_path):
    run = run_like_dialog(
        "dspt:importexport",
        {
            "INPUT": export_csv,
            "OUTPUT": str(tmp_path / "statuses.gpkg"),
            "REPORT": str(tmp_path / "report.csv"),
        },
        project,
    )
    assert run.feedback.errors == []
    assert run.ok
    assert sorted(layer.name() for layer in run.loaded.values()) == [
        "DSPT statuses",
        "Import report",
    ]
