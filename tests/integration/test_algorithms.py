"""Each algorithm through processing.run on small layers and files the tests make."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from dspt_qgis.processing_algs.support.reading import python_value
from tests.integration.conftest import square


def features(layer) -> list[dict]:
    """Attribute dicts with QGIS NULL as None."""
    names = layer.fields().names()
    return [dict(zip(names, map(python_value, f.attributes()))) for f in layer.getFeatures()]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


@pytest.fixture
def portal_export(tmp_path):
    """A DSPT portal export: two CCGs (one listed twice), a trust, an old-edition trust."""
    return write_csv(
        tmp_path / "export.csv",
        [
            ["Code", "Organisation Name", "Status", "Primary Sector", "ICB"],
            [
                "00L",
                "NHS One CCG",
                "20/21 Standards Met",
                "CCG / Integrated Care Board (ICB)",
                "Q1",
            ],
            [
                "00N",
                "NHS Two CCG",
                "20/21 Standards Exceeded",
                "CCG / Integrated Care Board (ICB)",
                "Q1",
            ],
            [
                "00N",
                "NHS Two CCG",
                "20/21 Standards Exceeded",
                "CCG / Integrated Care Board (ICB)",
                "Q1",
            ],
            ["RA1", "Trust A", "20/21 Approaching Standards", "NHS Trust", "Q1"],
            ["RB2", "Trust B", "19/20 Standards Met", "NHS Trust", "Q2"],
        ],
    )


def test_importexport_fields_statuses_and_report(run, portal_export, tmp_path):
    result = run(
        "importexport",
        {
            "INPUT": portal_export,
            "EDITION": "20/21",
            "OUTPUT": str(tmp_path / "o.gpkg"),
            "REPORT": str(tmp_path / "report.csv"),
        },
    )
    layer = QgsVectorLayer(result["OUTPUT"])
    names = layer.fields().names()
    assert names[1:12] == [
        "code",
        "name",
        "sector",
        "sector_raw",
        "status_raw",
        "edition",
        "status",
        "status_source",
        "decided_by",
        "score",
        "source_row",
    ]
    assert {"Code_input", "Status_input", "ICB", "Organisation Name"} <= set(names)
    rows = {r["code"]: r for r in features(layer)}
    assert len(rows) == 4  # 00N once
    assert rows["RB2"]["status"] == "Not Published"  # 19/20 is not a 20/21 status
    assert rows["RA1"]["score"] == -1
    assert rows["00L"]["sector"] == "Commissioner"
    with open(tmp_path / "report.csv", encoding="utf-8") as handle:
        report = list(csv.DictReader(handle))
    assert len(report) == 5
    assert [r["outcome"] for r in report].count("duplicate") == 1


def test_importexport_reads_a_gpkg_table(run, portal_export, tmp_path):
    first = run("importexport", {"INPUT": portal_export, "OUTPUT": str(tmp_path / "first.gpkg")})
    again = run(
        "importexport",
        {
            "INPUT": first["OUTPUT"],
            "CODE_FIELD": "code",
            "STATUS_FIELD": "status_raw",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert again["OUTPUT"].featureCount() == 4


def test_importexport_unknown_status_names_value_and_writes_nothing(run, tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["Code", "Status"], ["A", "20/21 Sort of met"]])
    target = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="'20/21 Sort of met': row"):
        run("importexport", {"INPUT": path, "OUTPUT": str(target)})
    assert not target.exists()


def test_joinstatus_lookup_left_join_unmatched(run, make_layer, tmp_path):
    ccgs = make_layer(
        "Polygon",
        {"ons": "string", "label": "string"},
        [
            (square(0, 0), {"ons": "E1", "label": "one"}),
            (square(1, 0), {"ons": "E2", "label": "two"}),
            (square(2, 0), {"ons": "E9", "label": "no lookup"}),
        ],
    )
    lookup = make_layer(
        "None",
        {"ons_code": "string", "ods_code": "string"},
        [
            (None, {"ons_code": "e1", "ods_code": "00L"}),
            (None, {"ons_code": "E2", "ods_code": "00X"}),
        ],
    )
    dspt = make_layer(
        "None",
        {"code": "string", "status": "string", "score": "double"},
        [
            (None, {"code": "00L", "status": "Standards Met", "score": 1.0}),
            (None, {"code": "RZZ", "status": "Standards Met", "score": 1.0}),
        ],
    )
    result = run(
        "joinstatus",
        {
            "INPUT": ccgs,
            "FIELD": "ons",
            "DSPT": dspt,
            "LOOKUP": lookup,
            "LOOKUP_FROM": "ons_code",
            "LOOKUP_TO": "ods_code",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        },
    )
    out = {r["ons"]: r for r in features(result["OUTPUT"])}
    assert out["E1"]["status"] == "Standards Met"
    assert out["E2"]["status"] is None
    assert result["OUTPUT"].featureCount() == 3
    reasons = {(r["code"], r["reason"]) for r in features(result["UNMATCHED"])}
    assert reasons == {
        ("E2", "no DSPT row has code 00X"),
        ("E9", "code E9 is not in the lookup (layer layer, field 'ons_code')"),
        ("RZZ", "no feature has code RZZ"),
    }


def test_locateorganisations_coordinates_and_bng_postcodes(run, make_layer):
    table = make_layer(
        "None",
        {"code": "string", "lat": "double", "lon": "double", "pc": "string"},
        [
            (None, {"code": "A", "lat": 51.5, "lon": -0.12, "pc": None}),
            (None, {"code": "B", "lat": None, "lon": None, "pc": "m13 9wl"}),
            (None, {"code": "C", "lat": 95.0, "lon": 1.0, "pc": "ZZ1 1ZZ"}),
        ],
    )
    lookup = make_layer(
        "None",
        {"postcode": "string", "east": "double", "north": "double"},
        [(None, {"postcode": "M13 9WL", "east": 384500.0, "north": 396500.0})],
    )
    result = run(
        "locateorganisations",
        {
            "INPUT": table,
            "LATITUDE_FIELD": "lat",
            "LONGITUDE_FIELD": "lon",
            "POSTCODE_FIELD": "pc",
            "POSTCODE_LOOKUP": lookup,
            "LOOKUP_POSTCODE_FIELD": "postcode",
            "LOOKUP_EASTING_FIELD": "east",
            "LOOKUP_NORTHING_FIELD": "north",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        },
    )
    points = {f["code"]: f for f in result["OUTPUT"].getFeatures()}
    assert result["OUTPUT"].crs().authid() == "EPSG:4326"
    assert set(points) == {"A", "B"}
    b = points["B"].geometry().asPoint()
    assert b.y() == pytest.approx(53.46, abs=0.02)  # Manchester, from BNG 384500 396500
    assert b.x() == pytest.approx(-2.23, abs=0.02)
    assert points["B"]["location_source"] == "postcode"
    unmatched = features(result["UNMATCHED"])
    assert [u["code"] for u in unmatched] == ["C"]
    assert "ZZ11ZZ is not in" in unmatched[0]["reason"]


@pytest.fixture
def two_ics_bng(make_layer):
    """Two ICS squares in British National Grid: one round central London, one round Manchester."""
    return make_layer(
        "Polygon",
        {"ics": "string", "name": "string"},
        [
            (
                "POLYGON((520000 170000,540000 170000,540000 190000,520000 190000,520000 170000))",
                {"ics": "L", "name": "London"},
            ),
            (
                "POLYGON((370000 385000,400000 385000,400000 410000,370000 410000,370000 385000))",
                {"ics": "M", "name": "Manchester"},
            ),
        ],
        crs="EPSG:27700",
    )


def test_icscomposite_points_placed_across_crs_with_weights(run, make_layer, two_ics_bng):
    commissioners = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string", "pop": "double"},
        [
            (None, {"code": "C1", "ics": "L", "status": "Standards Met", "pop": 300.0}),
            (None, {"code": "C2", "ics": "L", "status": "Standards Not Met", "pop": 100.0}),
            (None, {"code": "C3", "ics": "M", "status": "Standards Exceeded", "pop": 50.0}),
        ],
    )
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string", "tier": "integer"},
        [
            ("POINT(-0.12 51.50)", {"code": "T1", "status": "Standards Exceeded", "tier": 1}),
            ("POINT(-0.10 51.52)", {"code": "T2", "status": "Approaching Standards", "tier": 4}),
            ("POINT(-4.00 50.00)", {"code": "T3", "status": "Standards Met", "tier": 2}),
        ],
    )
    result = run(
        "icscomposite",
        {
            "ICS": two_ics_bng,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            "POPULATION_FIELD": "pop",
            "TRUSTS": trusts,
            "TRUST_WEIGHT_FIELD": "tier",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        },
    )
    rows = {r["ics"]: r for r in features(result["OUTPUT"])}
    commissioner_l = (300 * 1 + 100 * -3) / 400
    trust_l = (4 * 3 + 1 * -1) / 5
    assert rows["L"]["commissioner_score"] == pytest.approx(commissioner_l)
    assert rows["L"]["trust_score"] == pytest.approx(trust_l)
    assert rows["L"]["composite_score"] == pytest.approx(0.5 * commissioner_l + 0.5 * trust_l)
    assert rows["M"]["n_trusts"] == 0
    assert rows["M"]["composite_score"] is None
    assert rows["M"]["composite_note"] == "no trusts: composite not computed"
    unmatched = features(result["UNMATCHED"])
    assert [(u["code"], u["reason"]) for u in unmatched] == [
        ("T3", "the point lies outside every ICS polygon")
    ]
    assert result["OUTPUT"].renderer().type() == "graduatedSymbol"


@pytest.fixture
def weighted_commissioners(make_layer):
    return make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string", "pop": "double", "other": "double"},
        [
            (
                None,
                {"code": "C1", "ics": "L", "status": "Standards Met", "pop": 300.0, "other": 1.0},
            ),
            (
                None,
                {
                    "code": "C2",
                    "ics": "L",
                    "status": "Standards Not Met",
                    "pop": 100.0,
                    "other": 1.0,
                },
            ),
        ],
    )


@pytest.mark.parametrize("key", ["COMMISSIONER_POPULATION_FIELD", "POPULATION_FIELD"])
def test_icscomposite_reads_the_population_field_under_its_key_and_its_former_key(
    run, weighted_commissioners, two_ics_bng, key
):
    result = run(
        "icscomposite",
        {
            "ICS": two_ics_bng,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": weighted_commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            key: "pop",
            "TRUSTS": weighted_commissioners,
            "TRUST_ICS_FIELD": "ics",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    rows = {r["ics"]: r for r in features(result["OUTPUT"])}
    assert rows["L"]["commissioner_score"] == pytest.approx((300 * 1 + 100 * -3) / 400)


def test_icscomposite_stops_when_the_key_and_its_former_key_name_different_fields(
    run, weighted_commissioners, two_ics_bng
):
    with pytest.raises(QgsProcessingException) as error:
        run(
            "icscomposite",
            {
                "ICS": two_ics_bng,
                "ICS_FIELD": "ics",
                "COMMISSIONERS": weighted_commissioners,
                "COMMISSIONER_ICS_FIELD": "ics",
                "COMMISSIONER_POPULATION_FIELD": "pop",
                "POPULATION_FIELD": "other",
                "TRUSTS": weighted_commissioners,
                "TRUST_ICS_FIELD": "ics",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
    message = str(error.value)
    assert "'Commissioners: population field' was given twice" in message
    assert "'other', 'pop'" in message
    assert "POPULATION_FIELD" not in message


def test_icscomposite_bad_population_names_code_and_writes_nothing(
    run, make_layer, two_ics_bng, tmp_path
):
    commissioners = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string", "pop": "string"},
        [(None, {"code": "C1", "ics": "L", "status": "Standards Met", "pop": "lots"})],
    )
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "T1", "ics": "L", "status": "Standards Met"})],
    )
    target = tmp_path / "composite.gpkg"
    with pytest.raises(
        QgsProcessingException, match=r"population field 'pop' .*C1 \(feature 1: 'lots'\)"
    ):
        run(
            "icscomposite",
            {
                "ICS": two_ics_bng,
                "ICS_FIELD": "ics",
                "COMMISSIONERS": commissioners,
                "COMMISSIONER_ICS_FIELD": "ics",
                "POPULATION_FIELD": "pop",
                "TRUSTS": trusts,
                "TRUST_ICS_FIELD": "ics",
                "OUTPUT": str(target),
            },
        )
    assert not target.exists()


def test_icscomposite_table_trusts_need_an_ics_field(run, make_layer, two_ics_bng):
    table = make_layer(
        "None",
        {"code": "string", "status": "string"},
        [(None, {"code": "T1", "status": "Standards Met"})],
    )
    with pytest.raises(
        QgsProcessingException, match="give the field holding each organisation's ICS code"
    ):
        run(
            "icscomposite",
            {
                "ICS": two_ics_bng,
                "ICS_FIELD": "ics",
                "COMMISSIONERS": table,
                "COMMISSIONER_ICS_FIELD": "code",
                "TRUSTS": table,
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )


def test_trustproportions_counts_population_and_pies(run, make_layer, two_ics_bng):
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [
            (None, {"code": "T1", "ics": "L", "status": "Standards Met"}),
            (None, {"code": "T2", "ics": "l", "status": "Standards Met"}),
            (None, {"code": "T3", "ics": "L", "status": None}),
            (None, {"code": "T4", "ics": "M", "status": "Standards Exceeded"}),
        ],
    )
    population = make_layer(
        "None",
        {"icb": "string", "patients": "integer"},
        [
            (None, {"icb": "L", "patients": 1000}),
            (None, {"icb": "L", "patients": 500}),
            (None, {"icb": "M", "patients": 70}),
        ],
    )
    result = run(
        "trustproportions",
        {
            "ICS": two_ics_bng,
            "ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "TRUST_ICS_FIELD": "ics",
            "POPULATION": population,
            "POPULATION_ICS_FIELD": "icb",
            "POPULATION_FIELD": "patients",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    rows = {r["ics"]: r for r in features(result["OUTPUT"])}
    assert (rows["L"]["n_met"], rows["L"]["n_not_published"], rows["L"]["n_trusts"]) == (2, 1, 3)
    assert rows["L"]["p_met"] == pytest.approx(round(2 / 3, 4))
    assert rows["L"]["population"] == 1500
    assert rows["M"]["n_exceeded"] == 1
    layer = result["OUTPUT"]
    assert layer.renderer().type() == "graduatedSymbol"
    assert layer.diagramRenderer() is not None
    assert len(layer.diagramRenderer().diagramSettings()[0].categoryAttributes) == 5


def test_summarytable_counts_and_escaped_html(run, make_layer, tmp_path):
    table = make_layer(
        "None",
        {"sector": "string", "status": "string"},
        [
            (None, {"sector": "Trust", "status": "Standards Met"}),
            (None, {"sector": "Trust", "status": "Not Published"}),
            (None, {"sector": "<script>x</script>", "status": "Standards Exceeded"}),
        ],
    )
    html_path = tmp_path / "summary.html"
    result = run(
        "summarytable",
        {"INPUT": table, "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_HTML": str(html_path)},
    )
    rows = {r["sector"]: r for r in features(result["OUTPUT"])}
    assert rows["Trust"]["n_met"] == 1
    assert rows["Trust"]["total"] == 2
    assert rows["Total"]["total"] == 3
    assert rows["Trust"]["pct_not_published"] == pytest.approx(50.0)
    page = html_path.read_text(encoding="utf-8")
    assert "<script>x" not in page
    assert "&lt;script&gt;x" in page
    assert "<svg" in page
