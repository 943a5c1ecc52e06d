"""Inputs that must belong together, through the algorithms that take them together.

Every output of the method records its edition (composite_edition, proportions_edition, the
summary's and an imported table's edition, a comparison's edition_before/edition_after)
and a per-ICS output its geography (its ICS code field and codes). Generated mismatches:
one input of the atlas, the web report or a comparison carries another edition, or a
per-ICS input another geography; each stops the run naming both inputs as the analyst
sees them, where each records it, and both values. Matching inputs still run.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer

from dspt_qgis.processing_algs.support.field_types import new_field
from tests.integration.conftest import square
from tests.integration.test_algorithms import features

BASE = 20  # the edition 20/21 every input is of, unless the test makes one odd
TEMP = "TEMPORARY_OUTPUT"
GENERATED = settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])


def spelled(year: int, draw) -> str:
    """Edition ``year``/``year+1`` as an export or a user may write it."""
    return draw(
        st.sampled_from([f"{year}/{year + 1}", f"20{year}/{year + 1}", f"20{year}-{year + 1}"])
    )


def edition(year: int) -> str:
    return f"{year}/{year + 1}"


def copy(source: QgsVectorLayer, name: str, **values: object) -> QgsVectorLayer:
    """A memory copy of ``source`` named ``name``, each field of ``values`` (added when
    missing) set to its value on every feature."""
    from qgis.core import QgsWkbTypes

    kind = QgsWkbTypes.displayString(source.wkbType()) if source.isSpatial() else "None"
    layer = QgsVectorLayer(f"{kind}?crs={source.crs().authid()}", name, "memory")
    fields = source.fields().toList()
    fields += [new_field(f, "text") for f in values if source.fields().lookupField(f) < 0]
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    made = []
    for feature in source.getFeatures():
        feature.setFields(layer.fields(), False)
        feature.setAttributes(
            feature.attributes() + [None] * (len(fields) - len(feature.attributes()))
        )
        for field, value in values.items():
            feature[field] = value
        made.append(feature)
    layer.dataProvider().addFeatures(made)
    return layer


@pytest.fixture
def nation(make_layer, run):
    """Two ICSs (Q1, Q2) in British National Grid, their commissioners and trusts of 20/21
    (imported tables: an edition field), and the composite, proportions and summary of them."""
    fields = {
        "code": "string",
        "name": "string",
        "ics": "string",
        "status": "string",
        "edition": "string",
    }

    def row(code, ics, status):
        return {
            "code": code,
            "name": f"Org {code}",
            "ics": ics,
            "status": status,
            "edition": "20/21",
        }

    ics = make_layer(
        "Polygon",
        {"ics": "string"},
        [
            (square(400000, 300000, 10000), {"ics": "Q1"}),
            (square(410000, 300000, 10000), {"ics": "Q2"}),
        ],
        crs="EPSG:27700",
        name="ics",
    )
    commissioners = make_layer(
        "Polygon",
        fields,
        [
            (square(400000, 300000, 10000), row("C01", "Q1", "Standards Met")),
            (square(410000, 300000, 10000), row("C02", "Q2", "Approaching Standards")),
        ],
        crs="EPSG:27700",
        name="commissioners",
    )
    trusts = make_layer(
        "Point",
        fields,
        [
            ("POINT(405000 305000)", row("T01", "Q1", "Standards Exceeded")),
            ("POINT(415000 305000)", row("T02", "Q2", "Standards Met")),
        ],
        crs="EPSG:27700",
        name="trusts",
    )
    sides = {
        "COMMISSIONERS": commissioners,
        "COMMISSIONER_ICS_FIELD": "ics",
        "TRUSTS": trusts,
        "TRUST_ICS_FIELD": "ics",
    }
    composite = run("icscomposite", {"ICS": ics, "ICS_FIELD": "ics", **sides, "OUTPUT": TEMP})[
        "OUTPUT"
    ]
    proportions = run(
        "trustproportions", {"ICS": ics, "ICS_FIELD": "ics", "TRUSTS": trusts, "OUTPUT": TEMP}
    )["OUTPUT"]
    table = make_layer(
        "None",
        {**fields, "sector": "string"},
        [(None, {**row("C01", "Q1", "Standards Met"), "sector": "Commissioner"})],
    )
    summary = run("summarytable", {"INPUT": table, "OUTPUT": TEMP})["OUTPUT"]
    return {
        "composite": copy(composite, "composite"),
        "proportions": copy(proportions, "proportions"),
        "summary": copy(summary, "summary"),
        "sides": sides,
    }


def test_outputs_record_the_edition_they_counted(nation):
    assert {f["composite_edition"] for f in nation["composite"].getFeatures()} == {"20/21"}
    assert {f["proportions_edition"] for f in nation["proportions"].getFeatures()} == {"20/21"}
    assert {f["edition"] for f in nation["summary"].getFeatures()} == {"20/21"}


def change_table(make_layer, before: str, after: str):
    """An output of 'Compare two DSPT editions' as it records its editions."""
    return make_layer(
        "None",
        {
            "code": "string",
            "direction": "string",
            "status_before": "string",
            "edition_before": "string",
            "edition_after": "string",
        },
        [
            (
                None,
                {
                    "code": "T01",
                    "direction": "improved",
                    "status_before": "Standards Met",
                    "edition_before": before,
                    "edition_after": after,
                },
            )
        ],
        name="change",
    )


ATLAS_INPUTS = ["composite", "commissioners", "trusts", "edition chosen", "change"]
NAMES = {
    "composite": "layer composite (field 'composite_edition')",
    "commissioners": "layer commissioners (field 'edition')",
    "trusts": "layer trusts (field 'edition')",
    "edition chosen": "the DSPT edition chosen",
    "change": "layer change (field 'edition_after')",
    "proportions": "layer proportions (field 'proportions_edition')",
    "summary": "layer summary (field 'edition')",
}


def odd_one(nation, make_layer, odd: str, text: str) -> dict:
    """The atlas's or web report's layers with ``odd`` of edition ``text``."""
    layers = {
        "composite": nation["composite"],
        "commissioners": nation["sides"]["COMMISSIONERS"],
        "trusts": nation["sides"]["TRUSTS"],
        "proportions": nation["proportions"],
        "summary": nation["summary"],
        "change": change_table(make_layer, "19/20", text if odd == "change" else "20/21"),
    }
    field = {"composite": "composite_edition", "proportions": "proportions_edition"}.get(
        odd, "edition"
    )
    if odd in ("composite", "commissioners", "trusts", "proportions", "summary"):
        layers[odd] = copy(layers[odd], odd, **{field: text})
    return layers


def assert_names_both(message: str, odd: str, year: int) -> None:
    """The message names the composite with 20/21 and the odd input with its edition (the
    composite first, or, when the composite is the odd one, the first input after it)."""
    odd_part = f"{NAMES[odd]}: {edition(year)}"
    base_part = f"{NAMES['composite']}: 20/21"
    if odd == "composite":
        assert message.startswith(f"Inputs of different editions: {odd_part}, but "), message
        assert ": 20/21." in message
    else:
        assert message.startswith(f"Inputs of different editions: {base_part}, but {odd_part}."), (
            message
        )


@GENERATED
@given(st.sampled_from(ATLAS_INPUTS), st.sampled_from([17, 18, 19, 21, 22, 23]), st.data())
def test_the_atlas_refuses_inputs_of_another_edition_naming_both(
    run, nation, make_layer, tmp_path, odd, year, data
):
    text = spelled(year, data.draw)
    layers = odd_one(nation, make_layer, odd, text)
    pdf = tmp_path / f"atlas_{odd}_{year}.pdf"
    with pytest.raises(QgsProcessingException) as error:
        run(
            "icsatlas",
            {
                **nation["sides"],
                "COMMISSIONERS": layers["commissioners"],
                "TRUSTS": layers["trusts"],
                "COMPOSITE": layers["composite"],
                "ICS_FIELD": "ics",
                "CHANGE": layers["change"],
                "EDITION": text if odd == "edition chosen" else "",
                "OUTPUT": str(pdf),
            },
        )
    assert_names_both(str(error.value), odd, year)
    assert not pdf.exists()


def trend_layer(make_layer, codes: list[str], editions: list[int], field: str = "ics"):
    """An output of 'ICS composites over editions'."""
    columns = {f"composite_20{y}_{y + 1}": "double" for y in editions}
    return make_layer(
        "None",
        {field: "string", **columns, "composite_change": "double", "composite_trend": "string"},
        [
            (None, {field: code, **dict.fromkeys(columns, 1.0), "composite_trend": "-"})
            for code in codes
        ],
        name="trend",
    )


@pytest.mark.parametrize(
    ("codes", "editions", "field", "message"),
    [
        (
            ["Q1", "Q2", "E54000007"],
            [19, 20],
            "ics",
            r"layer trend \(field 'ics'\) has ICS codes that layer composite \(field 'ics'\) does "
            r"not: E54000007: it was computed on another geography",
        ),
        (
            ["Q1", "Q2"],
            [19, 20],
            "ICB26CD",
            r"layer composite is on ICS code field 'ics', which layer trend does not have",
        ),
        (
            ["Q1", "Q2"],
            [21, 22],
            "ics",
            r"layer composite \(field 'composite_edition'\): 20/21, but layer trend \(its fields "
            r"composite_2021_22, composite_2022_23\) holds the composites of 21/22, 22/23 only",
        ),
    ],
)
def test_the_atlas_refuses_a_trend_of_another_geography_or_without_its_edition(
    run, nation, make_layer, tmp_path, codes, editions, field, message
):
    with pytest.raises(QgsProcessingException, match=message):
        run(
            "icsatlas",
            {
                **nation["sides"],
                "COMPOSITE": nation["composite"],
                "ICS_FIELD": "ics",
                "TREND": trend_layer(make_layer, codes, editions, field),
                "OUTPUT": str(tmp_path / "atlas.pdf"),
            },
        )


def test_an_atlas_of_inputs_that_agree_is_drawn(run, nation, make_layer, tmp_path):
    pdf = tmp_path / "atlas.pdf"
    run(
        "icsatlas",
        {
            **nation["sides"],
            "COMPOSITE": nation["composite"],
            "ICS_FIELD": "ics",
            "CHANGE": change_table(make_layer, "19/20", "2020-21"),
            "TREND": trend_layer(make_layer, ["Q1", "Q2"], [19, 20]),
            "EDITION": "2020/21",
            "OUTPUT": str(pdf),
        },
    )
    assert pdf.stat().st_size > 0


REPORT_INPUTS = ["composite", "commissioners", "trusts", "proportions", "summary", "edition chosen"]


def report(run, layers: dict, tmp_path, **extra) -> dict:
    return run(
        "webreport",
        {
            "COMMISSIONERS": layers["commissioners"],
            "TRUSTS": layers["trusts"],
            "COMPOSITE": layers["composite"],
            "ICS_FIELD": "ics",
            "PROPORTIONS": layers["proportions"],
            "SUMMARY": layers["summary"],
            "OUTPUT": str(tmp_path / "site"),
            **extra,
        },
    )


@GENERATED
@given(st.sampled_from(REPORT_INPUTS), st.sampled_from([17, 18, 19, 21, 22, 23]), st.data())
def test_the_web_report_refuses_inputs_of_another_edition_naming_both(
    run, nation, make_layer, tmp_path, odd, year, data
):
    text = spelled(year, data.draw)
    layers = odd_one(nation, make_layer, odd, text)
    with pytest.raises(QgsProcessingException) as error:
        report(run, layers, tmp_path, EDITION=text if odd == "edition chosen" else "")
    assert_names_both(str(error.value), odd, year)
    assert not (tmp_path / "site").exists()


def with_codes(source: QgsVectorLayer, codes: list[str]) -> QgsVectorLayer:
    """A per-ICS layer like ``source`` with one feature per code (its first feature's values)."""
    layer = copy(source, "proportions")
    first = next(layer.getFeatures())
    layer.dataProvider().truncate()
    made = []
    for code in codes:
        feature = QgsFeature(first)
        feature["ics"] = code
        made.append(feature)
    layer.dataProvider().addFeatures(made)
    return layer


@GENERATED
@given(
    st.lists(
        st.sampled_from(["Q1", "Q2", "Q3", "E54000007", "QHM"]), min_size=1, max_size=4, unique=True
    )
)
def test_the_web_report_refuses_proportions_of_another_geography_naming_both(
    run, nation, make_layer, tmp_path, codes
):
    layers = {
        **odd_one(nation, make_layer, "", ""),
        "proportions": with_codes(nation["proportions"], codes),
    }
    foreign = sorted(set(codes) - {"Q1", "Q2"})
    if not foreign:
        report(run, layers, tmp_path)
        return
    with pytest.raises(QgsProcessingException) as error:
        report(run, layers, tmp_path)
    assert str(error.value).startswith(
        "Inputs on different geographies: layer proportions (field 'ics') has ICS codes that layer "
        f"composite (field 'ics') does not: {', '.join(foreign)}: it was computed on another geography."
    )


def editions_table(make_layer, name: str, year: int, draw):
    return make_layer(
        "None",
        {"code": "string", "status": "string", "edition": "string"},
        [
            (None, {"code": code, "status": "Standards Met", "edition": spelled(year, draw)})
            for code in ("A", "B")
        ],
        name=name,
    )


@GENERATED
@given(st.integers(18, 24), st.integers(18, 24), st.data())
def test_a_comparison_runs_from_an_earlier_edition_to_a_later_one(
    run, make_layer, before, after, data
):
    parameters = {
        "BEFORE": editions_table(make_layer, "earlier", before, data.draw),
        "AFTER": editions_table(make_layer, "later", after, data.draw),
        "OUTPUT": TEMP,
    }
    if before < after:
        rows = features(run("compareeditions", parameters)["OUTPUT"])
        assert {(r["edition_before"], r["edition_after"]) for r in rows} == {
            (edition(before), edition(after))
        }
        return
    with pytest.raises(QgsProcessingException) as error:
        run("compareeditions", parameters)
    message = str(error.value)
    assert f"layer earlier (field 'edition'): {edition(before)}" in message
    assert f"layer later (field 'edition'): {edition(after)}" in message
    assert bool(re.search("Swap them", message)) == (before > after)
