"""Every pick that decides a result is checked, and messages name what the analyst sees.

Wrong dropdown picks stop with the field, value or row at fault instead of drawing a
confident wrong map; a table layer already in the project is an export like a file; rows
of a CSV are named as the file numbers them, layers as QGIS shows them; renamed fields are
listed; the web report reports progress per map.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)

from tests.integration.conftest import square
from tests.integration.dialog import RecordingFeedback

EXPORT = (
    "Code,Organisation Name,Status,Primary Sector\n"
    "00L,NHS One CCG,20/21 Standards Met,CCG\n"
    "RA1,Trust A,20/21 Approaching Standards,NHS Trust\n"
    "RB2,Trust B,20/21 Standards Exceeded,NHS Trust\n"
)


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def statuses(result: dict) -> dict[str, str]:
    layer = result["OUTPUT"]
    layer = layer if isinstance(layer, QgsVectorLayer) else QgsVectorLayer(layer, "out", "ogr")
    return {f["code"]: f["status"] for f in layer.getFeatures()}


WANTED = {"00L": "Standards Met", "RA1": "Approaching Standards", "RB2": "Standards Exceeded"}


@pytest.mark.parametrize("given_as", ["layer", "layer id"])
def test_a_delimited_text_layer_in_the_project_is_an_export(run, export, given_as):
    layer = QgsVectorLayer(f"file://{export}?delimiter=,", "DSPT export", "delimitedtext")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    try:
        value = layer if given_as == "layer" else layer.id()
        assert (
            statuses(
                run(
                    "importexport",
                    {"INPUT": value, "EDITION": "20/21", "OUTPUT": "TEMPORARY_OUTPUT"},
                )
            )
            == WANTED
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_a_workbook_layer_in_the_project_is_an_export(run, tmp_path):
    import openpyxl

    path = tmp_path / "export.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Organisations"
    for line in EXPORT.strip().split("\n"):
        sheet.append(line.split(","))
    book.save(path)
    layer = QgsVectorLayer(f"{path}|layername=Organisations", "Export workbook", "ogr")
    assert layer.isValid()
    result = run("importexport", {"INPUT": layer, "EDITION": "20/21", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert statuses(result) == WANTED


def test_a_selection_on_a_project_layer_is_respected_and_rows_keep_their_file_numbers(run, export):
    layer = QgsVectorLayer(f"file://{export}?delimiter=,", "DSPT export", "delimitedtext")
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByExpression("\"Code\" IN ('RA1', 'RB2')")
        result = run(
            "importexport",
            {
                "INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True),
                "EDITION": "20/21",
                "OUTPUT": "TEMPORARY_OUTPUT",
                "REPORT": "TEMPORARY_OUTPUT",
            },
        )
        assert statuses(result) == {"RA1": "Approaching Standards", "RB2": "Standards Exceeded"}
        assert sorted(f["where"] for f in result["REPORT"].getFeatures()) == [
            "file export.csv row 3",
            "file export.csv row 4",
        ]
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_an_ics_field_that_repeats_a_code_stops_naming_it(run, make_layer):
    ics = make_layer(
        "Polygon",
        {"ics": "string", "region": "string"},
        [
            (square(0, 0), {"ics": "Q1", "region": "R1"}),
            (square(1, 0), {"ics": "Q2", "region": "R1"}),
            (square(2, 0), {"ics": "Q3", "region": "R2"}),
        ],
        name="ICSs",
    )
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string", "region": "string"},
        [("POINT(0.5 0.5)", {"code": "RA1", "status": "Standards Met", "region": "R1"})],
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"layer ICSs: field 'region' does not identify each ICS: R1 on "
        r"features 1, 2\. Pick the field holding each ICS's own code",
    ):
        run(
            "trustproportions",
            {
                "ICS": ics,
                "ICS_FIELD": "region",
                "TRUSTS": trusts,
                "TRUST_ICS_FIELD": "region",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )


@pytest.fixture
def report_inputs(make_layer):
    composite = make_layer(
        "Polygon",
        {"ics": "string", "region": "string", "composite_score": "double"},
        [
            (square(0, 0), {"ics": "Q1", "region": "R1", "composite_score": 1.0}),
            (square(1, 0), {"ics": "Q2", "region": "R1", "composite_score": -1.0}),
        ],
        name="Composite",
    )
    commissioners = make_layer(
        "Polygon",
        {"code": "string", "name": "string", "status": "string"},
        [(square(0, 0), {"code": "00L", "name": "One", "status": "Standards Met"})],
    )
    trusts = make_layer(
        "Point",
        {"code": "string", "name": "string", "status": "string"},
        [("POINT(0.5 0.5)", {"code": "RA1", "name": "Trust A", "status": "Standards Met"})],
    )
    kinds = ("exceeded", "met", "approaching", "not_met", "not_published")
    counts = {**{f"n_{s}": "integer" for s in kinds}, **{f"pct_{s}": "double" for s in kinds}}
    summary = make_layer(
        "None",
        {"sector": "string", **counts, "total": "integer"},
        [
            (None, {"sector": "Trust", "n_met": 1, "total": 1}),
            (None, {"sector": "Total", "n_met": 1, "total": 1}),
        ],
    )
    return {
        "COMPOSITE": composite,
        "ICS_FIELD": "ics",
        "COMMISSIONERS": commissioners,
        "TRUSTS": trusts,
        "SUMMARY": summary,
    }


def test_the_web_report_refuses_an_ics_field_that_is_not_each_ics_own(run, report_inputs, tmp_path):
    with pytest.raises(
        QgsProcessingException, match="layer Composite: field 'region' does not identify each ICS"
    ):
        run("webreport", {**report_inputs, "ICS_FIELD": "region", "OUTPUT": str(tmp_path / "site")})
    assert not (tmp_path / "site").exists()


def test_the_web_report_refuses_boundaries_without_statuses(
    run, report_inputs, make_layer, tmp_path
):
    raw = make_layer(
        "Polygon",
        {"CCG20CD": "string", "CCG20NM": "string"},
        [(square(0, 0), {"CCG20CD": "E38000001", "CCG20NM": "NHS One CCG"})],
        name="CCG boundaries",
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"layer CCG boundaries has no code field 'code'\. Its fields "
        r"are: 'CCG20CD', 'CCG20NM'",
    ):
        run("webreport", {**report_inputs, "COMMISSIONERS": raw, "OUTPUT": str(tmp_path / "site")})


def test_the_web_report_reports_progress_map_by_map(dspt_provider, report_inputs, tmp_path):
    from qgis import processing

    feedback = RecordingFeedback()
    seen: list[float] = []
    feedback.progressChanged.connect(seen.append)
    processing.run(
        "dspt:webreport", {**report_inputs, "OUTPUT": str(tmp_path / "site")}, feedback=feedback
    )
    steps = [p for p in seen if p in (30, 55, 75, 90, 100)]
    assert steps == sorted(steps)
    assert {30, 55, 75, 90, 100} <= set(steps)


def test_csv_inputs_name_rows_as_the_file_numbers_them(run, tmp_path):
    before = tmp_path / "before.csv"
    before.write_text("code,status\nRA1,Standards Met\nRA1,Standards Not Met\n", encoding="utf-8")
    after = tmp_path / "after.csv"
    after.write_text("code,status\nRA1,Standards Met\n", encoding="utf-8")
    with pytest.raises(
        QgsProcessingException,
        match=r"file before\.csv: 1 organisation code\(s\) appear more than "
        r"once with different statuses:\n  RA1: row 2 'Standards Met', "
        r"row 3 'Standards Not Met'",
    ):
        run(
            "compareeditions",
            {"BEFORE": str(before), "AFTER": str(after), "OUTPUT": "TEMPORARY_OUTPUT"},
        )


def test_a_geopackage_layer_is_named_by_its_table_and_file(run, tmp_path, make_layer):
    from tests.integration.cases import inputs_in_geopackage

    gpkg = tmp_path / "both.gpkg"
    ics = make_layer("Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "Q1"})])
    parameters = inputs_in_geopackage(gpkg, {"ICS": ics}, prefix="ics")
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string"},
        [("POINT(0.5 0.5)", {"code": "RA1", "status": "Standards Met"})],
    )
    with pytest.raises(
        QgsProcessingException, match=r"layer ics_ics in both\.gpkg has no ICS code field 'nope'"
    ):
        run(
            "trustproportions",
            {**parameters, "ICS_FIELD": "nope", "TRUSTS": trusts, "OUTPUT": "TEMPORARY_OUTPUT"},
        )


def test_a_shapefile_output_lists_the_fields_it_shortened(dspt_provider, make_layer, tmp_path):
    from qgis import processing

    ics = make_layer("Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "Q1"})])
    commissioners = make_layer(
        "Polygon",
        {"code": "string", "ics": "string", "status": "string"},
        [(square(0, 0), {"code": "00L", "ics": "Q1", "status": "Standards Met"})],
    )
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string"},
        [("POINT(0.5 0.5)", {"code": "RA1", "status": "Standards Met"})],
    )
    feedback = RecordingFeedback()
    processing.run(
        "dspt:icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "OUTPUT": str(tmp_path / "composite.shp"),
        },
        feedback=feedback,
    )
    renamed = [w for w in feedback.warnings if "names fields differently" in w]
    assert renamed == [
        "The output 'ICS composite' (composite.shp) names fields differently: commissioner_score "
        "as commission, trust_score as trust_scor, composite_score as composite_, n_commissioners as "
        "n_commissi, composite_note as composit_2, composite_edition as composit_3, "
        "rank_best_variant as rank_best_, rank_worst_variant as rank_wor_2."
    ]


def test_a_cut_off_ods_file_stops_naming_its_row(run, tmp_path):
    ods = tmp_path / "etr.csv"
    full = (
        '"RA1","T","Y62","Q1",' + ",".join(['""'] * 6) + ',"20020401","",' + ",".join(['""'] * 15)
    )
    ods.write_text(
        full + "\n" + '"RB2","TRUST TWO","Y62","Q2","1 HIGH ST","LEEDS"', encoding="utf-8"
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"file .*etr\.csv: row 2 has 6 of the 27 cells the other rows have",
    ):
        run("readods", {"INPUT": [str(ods)], "OUTPUT": "TEMPORARY_OUTPUT"})


def test_a_crosswalk_ics_whose_areas_weigh_nothing_stops_naming_it(run, make_layer):
    statuses = make_layer(
        "None",
        {"code": "string", "status": "string"},
        [(None, {"code": "OLD1", "status": "Standards Met"})],
    )
    new_lookup = make_layer(
        "None",
        {"area": "string", "ics": "string", "patients": "integer"},
        [(None, {"area": "OLD1", "ics": "N1", "patients": 0})],
        name="New lookup",
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"layer New lookup: the 'patients' values of the small areas of "
        r"an ICS add up to zero, so no share of it exists \(ICS N1: OLD1 "
        r"\(feature 1\)\)",
    ):
        run(
            "crosswalk",
            {
                "INPUT": statuses,
                "NEW_LOOKUP": new_lookup,
                "NEW_AREA_FIELD": "area",
                "NEW_ICS_FIELD": "ics",
                "WEIGHT_FIELD": "patients",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
