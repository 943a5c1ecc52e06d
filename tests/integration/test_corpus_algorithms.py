"""Awkward inputs through the algorithms: expected result or message, and nothing half-written."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsProcessingException

from dspt_qgis.processing_algs.support.reading import python_value
from tests.corpus.make_corpus import write_corpus
from tests.integration.conftest import square

BOWTIE = "POLYGON((0 0,2 2,2 0,0 2,0 0))"  # self-intersecting, as generalised boundaries can be


def rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, map(python_value, f.attributes()))) for f in layer.getFeatures()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


def test_formula_cells_neutralised_in_csv_kept_in_geopackage(run, corpus, tmp_path):
    source = str(corpus / "formula_cells.csv")
    run("importexport", {"INPUT": source, "EDITION": "20/21", "OUTPUT": str(tmp_path / "out.csv")})
    with open(tmp_path / "out.csv", encoding="utf-8") as handle:
        out = {r["code"]: r for r in csv.DictReader(handle)}
    assert out["A"]["name"] == '\'=HYPERLINK("http://x")'
    assert out["B"]["name"] == "'@SUM(A1)"
    assert out["A"]["Note"] == "'+1+1"
    assert out["C"]["Note"] == "-5"  # a number stays a number
    assert out["C"]["name"] == "'-"
    kept = run("importexport", {"INPUT": source, "EDITION": "20/21", "OUTPUT": "TEMPORARY_OUTPUT"})[
        "OUTPUT"
    ]
    assert {r["code"]: r["name"] for r in rows(kept)}["A"] == '=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("header_only.csv", "no organisation rows"),
        ("unknown_statuses.csv", "'20/21 Nearly there': rows 3, 4"),
        ("duplicate_conflicting_status.csv", "different statuses"),
        ("successor_loop.csv", "A -> B -> A"),
    ],
)
def test_import_errors_leave_no_output(run, corpus, tmp_path, name, fragment):
    target = tmp_path / "statuses.gpkg"
    with pytest.raises(
        QgsProcessingException, match=fragment.replace("(", r"\(").replace(")", r"\)")
    ):
        run(
            "importexport", {"INPUT": str(corpus / name), "EDITION": "20/21", "OUTPUT": str(target)}
        )
    assert not target.exists()


def test_invalid_ics_polygon_repaired_and_empty_geometry_reported(run, make_layer):
    ics = make_layer(
        "Polygon", {"ics": "string"}, [(BOWTIE, {"ics": "B"}), (square(5, 5), {"ics": "S"})]
    )
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string"},
        [
            (
                "POINT(1.5 1.0)",
                {"code": "T1", "status": "Standards Met"},
            ),  # inside the bowtie's right lobe
            (None, {"code": "T2", "status": "Standards Met"}),
            ("POINT(5.5 5.5)", {"code": "T3", "status": "Standards Exceeded"}),
        ],
    )
    result = run(
        "trustproportions",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        },
    )
    counts = {r["ics"]: r["n_trusts"] for r in rows(result["OUTPUT"])}
    assert counts == {"B": 1, "S": 1}
    assert [(r["code"], r["reason"]) for r in rows(result["UNMATCHED"])] == [
        ("T2", "the organisation has no point geometry")
    ]


def test_empty_trusts_layer_gives_documented_notes(run, make_layer):
    ics = make_layer("Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "A"})])
    commissioners = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "C1", "ics": "A", "status": "Standards Met"})],
    )
    trusts = make_layer("Point", {"code": "string", "status": "string"}, [])
    result = run(
        "icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    row = rows(result["OUTPUT"])[0]
    assert row["composite_score"] is None
    assert row["composite_note"] == "no trusts: composite not computed"
    assert row["commissioner_score"] == 1


def test_unknown_status_in_composite_input_names_it_and_writes_nothing(run, make_layer, tmp_path):
    ics = make_layer("Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "A"})])
    table = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "C1", "ics": "A", "status": "Mostly fine"})],
    )
    target = tmp_path / "composite.gpkg"
    with pytest.raises(QgsProcessingException, match="'Mostly fine': feature 1"):
        run(
            "icscomposite",
            {
                "ICS": ics,
                "ICS_FIELD": "ics",
                "COMMISSIONERS": table,
                "COMMISSIONER_ICS_FIELD": "ics",
                "TRUSTS": table,
                "TRUST_ICS_FIELD": "ics",
                "OUTPUT": str(target),
            },
        )
    assert not target.exists()


def test_summary_of_an_empty_table_says_so(run, make_layer, tmp_path):
    empty = make_layer("None", {"sector": "string", "status": "string"}, [])
    with pytest.raises(QgsProcessingException, match="no rows to summarise"):
        run("summarytable", {"INPUT": empty, "OUTPUT": str(tmp_path / "s.csv")})
    assert not (tmp_path / "s.csv").exists()


def test_lookup_translating_one_code_two_ways_is_refused(run, make_layer):
    layer = make_layer("Polygon", {"ons": "string"}, [(square(0, 0), {"ons": "E1"})])
    lookup = make_layer(
        "None",
        {"a": "string", "b": "string"},
        [(None, {"a": "E1", "b": "00L"}), (None, {"a": "e1", "b": "00M"})],
    )
    dspt = make_layer(
        "None",
        {"code": "string", "status": "string"},
        [(None, {"code": "00L", "status": "Standards Met"})],
    )
    with pytest.raises(QgsProcessingException, match="E1 -> 00L, 00M"):
        run(
            "joinstatus",
            {
                "INPUT": layer,
                "FIELD": "ons",
                "DSPT": dspt,
                "LOOKUP": lookup,
                "LOOKUP_FROM": "a",
                "LOOKUP_TO": "b",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )


def test_field_names_match_ignoring_case(run, make_layer):
    ics = make_layer("Polygon", {"ICS_CODE": "string"}, [(square(0, 0), {"ICS_CODE": "A"})])
    table = make_layer(
        "None",
        {"CODE": "string", "Ics": "string", "STATUS": "string"},
        [(None, {"CODE": "C1", "Ics": "a", "STATUS": "Standards Exceeded"})],
    )
    result = run(
        "icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics_code",
            "COMMISSIONERS": table,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": table,
            "TRUST_ICS_FIELD": "ics",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert rows(result["OUTPUT"])[0]["composite_score"] == 3
