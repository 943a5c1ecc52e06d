"""Codes across field types, kinds of code, and organisation points."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dspt_qgis.core.codes import (
    blank_codes,
    clean_code,
    clean_codes,
    clean_repeated_codes,
    explain_mismatch,
)
from dspt_qgis.core.errors import DsptError, MissingColumnError
from dspt_qgis.core.locate import PostcodeLookup, locate
from dspt_qgis.core.sources import layer_source


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (" 00l ", "00L"),
        (38.0, "38"),
        (np.float64(38.0), "38"),
        (38, "38"),
        (np.int64(7), "7"),
        (38.5, "38.5"),
        (float("nan"), None),
        (None, None),
        ("", None),
        ("  ", None),
        (pd.NA, None),
    ],
)
def test_clean_code(value, expected):
    assert clean_code(value) == expected


def test_clean_codes_keeps_the_index():
    codes = clean_codes(pd.Series(["a", 38.0, None], index=[5, 6, 7]))
    assert codes.to_dict() == {5: "A", 6: "38", 7: None}


@pytest.mark.parametrize(
    "odd_one",
    [" RX1", "RX1 ", "rx1", "R X1", "", "stra\u00dfe", "\u00a0RX1", "RX1\0", "\0"],
)
def test_one_unclean_code_among_clean_ones_is_cleaned(odd_one):
    """A column of clean text is kept as it is: a single code needing work must still be
    cleaned, wherever it sits (the check runs over the whole column at once)."""
    clean = [f"R{n:04d}" for n in range(50)]
    for position in (0, 25, 50):
        values = [*clean[:position], odd_one, *clean[position:]]
        cleaned = clean_codes(pd.Series(values, dtype=object)).tolist()
        expected = [clean_code(v) for v in values]
        assert cleaned == expected


def test_clean_text_column_comes_back_equal_and_separate():
    values = pd.Series(["00L", "RX1", "E38000130"], index=[3, 4, 5], dtype=object)
    cleaned = clean_codes(values)
    cleaned.iloc[0] = "changed"
    assert values.tolist() == ["00L", "RX1", "E38000130"]
    assert cleaned.index.tolist() == [3, 4, 5]


def test_repeated_codes_clean_to_shared_categories():
    values = pd.Series(
        [" e54000008", "E54000008", 38.0, "38", None, "", "QE1"], index=range(10, 17), dtype=object
    )
    cleaned = clean_repeated_codes(values)
    assert [None if pd.isna(c) else c for c in cleaned] == [
        "E54000008",
        "E54000008",
        "38",
        "38",
        None,
        None,
        "QE1",
    ]
    assert list(cleaned.cat.categories) == ["E54000008", "38", "QE1"]
    assert cleaned.index.tolist() == list(range(10, 17))


def test_blank_codes_after_cleaning():
    cleaned = clean_codes(pd.Series(["00L", None, " ", float("nan"), "rx1"], dtype=object))
    assert blank_codes(cleaned).tolist() == [False, True, True, True, False]


def test_mismatch_names_both_kinds_of_code():
    text = explain_mismatch(
        ["E38000130", "E38000141", "E38000150"],
        ["00L", "00N"],
        wanted_in="the layer",
        available_in="the table",
    )
    assert text.startswith("None of the 3 codes in the layer")
    assert "ONS codes" in text
    assert "ODS codes" in text


def test_mostly_matching_codes_need_no_explanation():
    assert explain_mismatch(["A", "B", "C"], ["A", "B"], wanted_in="x", available_in="y") is None


def test_swapped_latitude_and_longitude_are_flagged():
    table = pd.DataFrame(
        {
            "code": ["R1", "R2"],
            "lat": ["-1.55", "53.8"],
            "lon": ["53.8", "-1.55"],
            "source_row": [1, 2],
        }
    )
    result = locate(
        table,
        code_field="code",
        latitude_field="lat",
        longitude_field="lon",
        source=layer_source("trusts"),
    )
    assert len(result.points) == 2
    assert "would lie inside with latitude and longitude swapped (feature 1)" in result.notes[0]


def test_locate_names_a_missing_field():
    table = pd.DataFrame({"code": ["R1"], "lat": [53.8], "source_row": [1]})
    with pytest.raises(MissingColumnError, match="no longitude field 'long'"):
        locate(
            table,
            code_field="code",
            latitude_field="lat",
            longitude_field="long",
            source=layer_source("trusts"),
        )


def test_eastings_and_northings_picked_as_latitude_and_longitude_stop_naming_the_fields():
    table = pd.DataFrame(
        {
            "code": ["R1", "R2"],
            "lat": [180000, 433000],
            "lon": [530000, 429000],
            "source_row": [1, 2],
        }
    )
    with pytest.raises(DsptError, match=r"layer trusts: fields 'lat'/'lon' hold no latitudes"):
        locate(
            table,
            code_field="code",
            latitude_field="lat",
            longitude_field="lon",
            source=layer_source("trusts"),
        )


@pytest.mark.parametrize("kind", ["degrees", "grid"])
def test_a_postcode_lookup_places_only_coordinates_in_the_uk(kind):
    """ONS's directory writes latitude 99.999999 (and no grid reference) for a postcode it
    cannot place: such a postcode is reported, not put in the sea off Africa."""
    degrees = kind == "degrees"
    lookup = pd.DataFrame(
        {
            "pcd": ["LS1 4HR", "ZZ9 9ZZ"],
            "y": [53.8, 99.999999] if degrees else [433000, None],
            "x": [-1.55, 0.0] if degrees else [429000, None],
        }
    )
    table = pd.DataFrame(
        {"code": ["R1", "R2"], "postcode": ["LS14HR", "zz9 9zz"], "source_row": [1, 2]}
    )
    fields = (
        {"latitude_field": "y", "longitude_field": "x"}
        if degrees
        else {
            "easting_field": "x",
            "northing_field": "y",
        }
    )
    result = locate(
        table,
        code_field="code",
        postcode_field="postcode",
        lookup=PostcodeLookup(lookup, "pcd", layer_source("postcodes"), **fields),
        source=layer_source("trusts"),
    )
    assert list(result.points.index) == [0]
    assert result.points.loc[0, "latitude"] == pytest.approx(53.8, abs=0.01)
    reasons = dict(zip(result.diagnostics["code"], result.diagnostics["reason"]))
    assert (
        reasons["R2"]
        == "postcode ZZ99ZZ has no coordinates in the UK in the postcode lookup layer postcodes"
    )


@pytest.mark.parametrize(
    ("fields", "values", "hold"),
    [
        ({"latitude_field": "a", "longitude_field": "b"}, ([433000], [429000]), "no latitudes"),
        ({"easting_field": "b", "northing_field": "a"}, ([53.8], [-1.55]), "no eastings"),
    ],
)
def test_a_postcode_lookup_of_the_other_kind_of_coordinates_stops_naming_its_fields(
    fields, values, hold
):
    lookup = pd.DataFrame({"pcd": ["LS1 4HR"], "a": values[0], "b": values[1]})
    table = pd.DataFrame({"code": ["R1"], "postcode": ["LS1 4HR"], "source_row": [1]})
    with pytest.raises(DsptError, match=rf"layer postcodes: fields .* hold {hold}"):
        locate(
            table,
            code_field="code",
            postcode_field="postcode",
            lookup=PostcodeLookup(lookup, "pcd", layer_source("postcodes"), **fields),
            source=layer_source("trusts"),
        )
