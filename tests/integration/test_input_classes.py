"""Each class of awkward input from issue 11, through the algorithms: the right number, or a
clear stop naming the analyst's own file, field, row or code, or a warning for a likely slip."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from dspt_qgis.core.scoring import ScoringScheme
from dspt_qgis.presentation.palette import composite_classes
from dspt_qgis.processing_algs.support.reading import python_value
from tests.corpus.make_corpus import write_corpus
from tests.integration.conftest import square
from tests.integration.dialog import RecordingFeedback

TEMP = "TEMPORARY_OUTPUT"


def rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, map(python_value, f.attributes()))) for f in layer.getFeatures()]


@pytest.fixture
def logged(dspt_provider):
    """Run an algorithm and keep its log (warnings and infos)."""
    from qgis import processing

    def run(name: str, parameters: dict) -> tuple[dict, RecordingFeedback]:
        feedback = RecordingFeedback()
        return processing.run(f"dspt:{name}", parameters, feedback=feedback), feedback

    return run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def ics(make_layer):
    return make_layer("Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "Q1"})], name="ICS")


# 1. Only the chosen edition counts, in every algorithm that reads statuses -----------------
def test_composite_sets_aside_an_older_edition(logged, make_layer, ics):
    table = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [
            (None, {"code": "C1", "ics": "Q1", "status": "19/20 Standards Exceeded"}),
            (None, {"code": "C2", "ics": "Q1", "status": "20/21 Standards Met"}),
        ],
        name="CCGs",
    )
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "T1", "ics": "Q1", "status": "20/21 Standards Met"})],
        name="Trusts",
    )
    result, log = logged(
        "icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": table,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "TRUST_ICS_FIELD": "ics",
            "OUTPUT": TEMP,
        },
    )
    assert rows(result["OUTPUT"])[0]["commissioner_score"] == pytest.approx((-3 + 1) / 2)  # not 2.0
    assert any("1 status(es)" in w and "1 of 19/20" in w for w in log.warnings)


def test_proportions_and_summary_set_aside_an_older_edition(logged, make_layer, ics):
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string", "sector": "string"},
        [
            (
                None,
                {
                    "code": "T1",
                    "ics": "Q1",
                    "status": "19/20 Standards Exceeded",
                    "sector": "Trust",
                },
            ),
            (None, {"code": "T2", "ics": "Q1", "status": "20/21 Standards Met", "sector": "Trust"}),
        ],
    )
    result, log = logged(
        "trustproportions",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "TRUSTS": trusts,
            "TRUST_ICS_FIELD": "ics",
            "OUTPUT": TEMP,
        },
    )
    assert rows(result["OUTPUT"])[0]["n_exceeded"] == 0
    assert rows(result["OUTPUT"])[0]["n_not_published"] == 1
    assert log.warnings
    summary, log = logged("summarytable", {"INPUT": trusts, "OUTPUT": TEMP, "EDITION": "2019-20"})
    trust_row = next(r for r in rows(summary["OUTPUT"]) if r["sector"] == "Trust")
    assert (trust_row["n_exceeded"], trust_row["n_not_published"]) == (1, 1)


def test_join_refuses_raw_statuses_of_several_editions(logged, make_layer):
    ccgs = make_layer("Polygon", {"code": "string"}, [(square(0, 0), {"code": "00L"})])
    raw = make_layer(
        "None",
        {"code": "string", "status": "string"},
        [
            (None, {"code": "00L", "status": "20/21 Standards Met"}),
            (None, {"code": "00N", "status": "19/20 Standards Met"}),
        ],
        name="raw export",
    )
    with pytest.raises(QgsProcessingException, match="other editions than 20/21"):
        logged("joinstatus", {"INPUT": ccgs, "FIELD": "code", "DSPT": raw, "OUTPUT": TEMP})


# 2. Reserved column names of the output format ----------------------------------------------
def test_a_fid_column_survives_geopackage_output(logged, corpus, tmp_path):
    result, _ = logged(
        "importexport",
        {
            "INPUT": str(corpus / "fid_column.csv"),
            "EDITION": "20/21",
            "OUTPUT": str(tmp_path / "out.gpkg"),
        },
    )
    layer = QgsVectorLayer(result["OUTPUT"])
    assert layer.isValid()
    assert {"fid_input", "geom_input"} <= set(layer.fields().names())
    assert sorted(r["code"] for r in rows(layer)) == ["A", "B"]


def test_a_geopackage_table_imports_and_writes_back_to_geopackage(logged, corpus, tmp_path):
    first, _ = logged(
        "importexport", {"INPUT": str(corpus / "utf8.csv"), "OUTPUT": str(tmp_path / "a.gpkg")}
    )
    again, _ = logged(
        "importexport",
        {
            "INPUT": first["OUTPUT"],
            "STATUS_FIELD": "status_raw",
            "OUTPUT": str(tmp_path / "b.gpkg"),
        },
    )
    layer = QgsVectorLayer(again["OUTPUT"])
    assert layer.featureCount() == 3
    assert "fid_input" not in layer.fields().names()  # the source's own key is not carried as data


def test_shapefile_names_are_shortened_without_clashes(logged, corpus, tmp_path):
    result, _ = logged(
        "importexport", {"INPUT": str(corpus / "utf8.csv"), "OUTPUT": str(tmp_path / "out.shp")}
    )
    names = QgsVectorLayer(result["OUTPUT"]).fields().names()
    assert len(names) == len(set(n.lower() for n in names))
    assert all(len(n) <= 10 for n in names)


# 3. Numbers from parameters: finite, in range, once -----------------------------------------
@pytest.mark.parametrize(
    ("weights", "fragment"),
    [("1=nan", "above 0"), ("1=inf", "above 0"), ("1=4; 2=3; 3=2; 4=1; 1=0", "two weights")],
)
def test_bad_tier_weights_stop(logged, make_layer, ics, weights, fragment):
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string", "tier": "integer"},
        [(None, {"code": "T1", "ics": "Q1", "status": "Standards Met", "tier": 1})],
    )
    with pytest.raises(QgsProcessingException, match=fragment):
        logged(
            "icscomposite",
            {
                "ICS": ics,
                "ICS_FIELD": "ics",
                "COMMISSIONERS": trusts,
                "COMMISSIONER_ICS_FIELD": "ics",
                "TRUSTS": trusts,
                "TRUST_ICS_FIELD": "ics",
                "TRUST_WEIGHT_FIELD": "tier",
                "TIER_WEIGHTS": weights,
                "OUTPUT": TEMP,
            },
        )


# 5. Code field types --------------------------------------------------------------------
def test_real_typed_ics_codes_match_text_codes(logged, make_layer):
    ics = make_layer("Polygon", {"ics": "double"}, [(square(0, 0), {"ics": 38.0})], name="ICS")
    table = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "C1", "ics": "38", "status": "Standards Met"})],
    )
    result, _ = logged(
        "icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": table,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": table,
            "TRUST_ICS_FIELD": "ics",
            "OUTPUT": TEMP,
        },
    )
    assert rows(result["OUTPUT"])[0]["n_commissioners"] == 1


def test_joining_on_the_wrong_code_field_says_why(logged, make_layer):
    ccgs = make_layer(
        "Polygon",
        {"CCG20CD": "string", "CCG20CDH": "string"},
        [
            (square(0, 0), {"CCG20CD": "E38000130", "CCG20CDH": "00L"}),
            (square(1, 0), {"CCG20CD": "E38000163", "CCG20CDH": "00N"}),
        ],
        name="CCGs",
    )
    dspt = make_layer(
        "None",
        {"code": "string", "status": "string"},
        [
            (None, {"code": "00L", "status": "Standards Met"}),
            (None, {"code": "00N", "status": "Standards Met"}),
        ],
        name="statuses",
    )
    _, log = logged("joinstatus", {"INPUT": ccgs, "FIELD": "CCG20CD", "DSPT": dspt, "OUTPUT": TEMP})
    hint = next(w for w in log.warnings if "None of the 2 codes" in w)
    assert "field 'CCG20CD' of layer CCGs" in hint
    assert "ONS codes" in hint
    assert "ODS codes" in hint


# 6. CSV dialects, through the import algorithm --------------------------------------------
@pytest.mark.parametrize(
    "name", ["utf16_bom.csv", "utf16le_no_bom.csv", "cr_only.csv", "tab_separated.csv"]
)
def test_csv_dialects_import(logged, corpus, name):
    result, _ = logged(
        "importexport", {"INPUT": str(corpus / name), "EDITION": "20/21", "OUTPUT": TEMP}
    )
    assert sorted(r["code"] for r in rows(result["OUTPUT"])) == ["00L", "RTD", "RX1"]


def test_mixed_encoding_is_read_and_warned(logged, corpus):
    result, log = logged(
        "importexport", {"INPUT": str(corpus / "mixed_encoding.csv"), "OUTPUT": TEMP}
    )
    assert "Trust of Café £ Sévérine" in {r["name"] for r in rows(result["OUTPUT"])}
    assert any("Mixed text encodings" in w for w in log.warnings)


# 7. Data colliding with structure ---------------------------------------------------------
def test_a_sector_called_total_keeps_its_organisations(logged, corpus, tmp_path):
    imported, _ = logged(
        "importexport", {"INPUT": str(corpus / "sector_named_total.csv"), "OUTPUT": TEMP}
    )
    result, log = logged(
        "summarytable",
        {
            "INPUT": imported["OUTPUT"],
            "SECTOR_FIELD": "sector_raw",
            "OUTPUT": str(tmp_path / "s.csv"),
        },
    )
    with open(tmp_path / "s.csv", encoding="utf-8") as handle:
        table = {r["sector"]: r for r in csv.DictReader(handle)}
    assert table["Total"]["total"] == "1"
    assert table["Total (all sectors)"]["total"] == "2"


# 8. Messages name the analyst's things ----------------------------------------------------
def test_messages_name_fields_not_parameter_keys(logged, make_layer, ics):
    table = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string", "Pop 2021": "string"},
        [(None, {"code": "C1", "ics": "Q1", "status": "Standards Met", "Pop 2021": "many"})],
        name="My CCGs",
    )
    with pytest.raises(QgsProcessingException) as error:
        logged(
            "icscomposite",
            {
                "ICS": ics,
                "ICS_FIELD": "ics",
                "COMMISSIONERS": table,
                "COMMISSIONER_ICS_FIELD": "ics",
                "POPULATION_FIELD": "Pop 2021",
                "TRUSTS": table,
                "TRUST_ICS_FIELD": "ics",
                "OUTPUT": TEMP,
            },
        )
    message = str(error.value)
    assert "layer My CCGs" in message
    assert "'Pop 2021'" in message
    assert "feature 1" in message
    assert "POPULATION_FIELD" not in message


def test_misspelt_fields_stop_listing_the_real_ones(logged, make_layer):
    ccgs = make_layer("Polygon", {"code": "string"}, [(square(0, 0), {"code": "00L"})])
    dspt = make_layer(
        "None",
        {"code": "string", "status": "string"},
        [(None, {"code": "00L", "status": "Standards Met"})],
        name="statuses",
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"no DSPT status field 'Stauts'. Its fields are: 'code', 'status'",
    ):
        logged(
            "joinstatus",
            {
                "INPUT": ccgs,
                "FIELD": "code",
                "DSPT": dspt,
                "DSPT_STATUS_FIELD": "Stauts",
                "OUTPUT": TEMP,
            },
        )
    points = make_layer(
        "None",
        {"ods": "string", "lat": "double", "lon": "double"},
        [(None, {"ods": "R1", "lat": 53.0, "lon": -1.5})],
        name="trusts",
    )
    with pytest.raises(QgsProcessingException, match="no code field 'Codee'"):
        logged(
            "locateorganisations",
            {
                "INPUT": points,
                "CODE_FIELD": "Codee",
                "LATITUDE_FIELD": "lat",
                "LONGITUDE_FIELD": "lon",
                "OUTPUT": TEMP,
            },
        )


# 9. Likely slips deserve a warning ----------------------------------------------------------
def test_swapped_latitude_and_longitude_are_flagged(logged, make_layer):
    table = make_layer(
        "None",
        {"code": "string", "lat": "double", "lon": "double"},
        [
            (None, {"code": "R1", "lat": -1.55, "lon": 53.8}),
            (None, {"code": "R2", "lat": 53.8, "lon": -1.55}),
        ],
        name="trusts",
    )
    _, log = logged(
        "locateorganisations",
        {"INPUT": table, "LATITUDE_FIELD": "lat", "LONGITUDE_FIELD": "lon", "OUTPUT": TEMP},
    )
    assert any("latitude and longitude swapped (feature 1)" in w for w in log.warnings)


def test_latitude_and_longitude_all_swapped_stop_naming_the_fields(run, make_layer):
    """East of Greenwich, as in the review: every point in the UK only the other way round."""
    table = make_layer(
        "None",
        {"code": "string", "lat": "double", "lon": "double"},
        [
            (None, {"code": "R1", "lat": 0.4, "lon": 52.6}),
            (None, {"code": "R2", "lat": 1.3, "lon": 52.6}),
        ],
        name="trusts",
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"^layer trusts: fields 'lat'/'lon' hold no places of the UK: they look like "
        r"latitude and longitude in the wrong order: 'lon' holds the UK's latitudes",
    ):
        run(
            "locateorganisations",
            {"INPUT": table, "LATITUDE_FIELD": "lat", "LONGITUDE_FIELD": "lon", "OUTPUT": TEMP},
        )


def test_the_same_layer_as_commissioners_and_trusts_is_flagged(logged, make_layer, ics):
    table = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "C1", "ics": "Q1", "status": "Standards Met"})],
        name="everyone",
    )
    _, log = logged(
        "icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": table,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": table,
            "TRUST_ICS_FIELD": "ics",
            "OUTPUT": TEMP,
        },
    )
    assert any("count as both commissioners and trusts" in w for w in log.warnings)


# 10. A custom scheme's composite keeps a class on the map -----------------------------------
def test_a_custom_scheme_composite_has_a_class(logged, make_layer, ics):
    table = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "C1", "ics": "Q1", "status": "Not Published"})],
    )
    result, _ = logged(
        "icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": table,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": table,
            "TRUST_ICS_FIELD": "ics",
            "SCORES": "Not Published=-4",
            "OUTPUT": TEMP,
        },
    )
    layer = result["OUTPUT"]
    assert rows(layer)[0]["composite_score"] == -4
    ranges = layer.renderer().ranges()
    assert ranges[0].lowerValue() == -4
    assert [r.label() for r in ranges] == [
        c.label for c in composite_classes(ScoringScheme.from_text("Not Published=-4").scores)
    ]
    assert layer.renderer().legendKeyForValue(-4.0) is not None
