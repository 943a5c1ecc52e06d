"""Joining organisations to DSPT rows: lookups, duplicates, the edition, and the account."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.diagnostics import described
from dspt_qgis.core.errors import DuplicateCodeError, EditionError
from dspt_qgis.core.join import Side, build_lookup, join_to_dspt
from dspt_qgis.core.sources import file_source, layer_source


def dspt(rows, name="dspt.csv"):
    frame = pd.DataFrame(rows, columns=["code", "status"])
    frame["source_row"] = range(2, len(frame) + 2)
    return Side(frame, "code", file_source(name))


def features(codes):
    frame = pd.DataFrame({"ccg": codes, "source_row": range(1, len(codes) + 1)})
    return Side(frame, "ccg", layer_source("CCGs"))


def test_join_counts_repeated_rows_once_and_reports_every_row():
    table = dspt(
        [
            ("00L", "Standards Met"),
            ("00l ", "Standards Met"),
            ("RZZ", "Standards Met"),
            (None, "Not Published"),
        ]
    )
    joined = join_to_dspt(features(["00L", "E9"]), table, status_field="status")
    assert joined.dspt_row.tolist()[0] == 0
    assert pd.isna(joined.dspt_row.tolist()[1])
    d = joined.diagnostics
    assert len(d) == 2 + 4  # two features, four DSPT rows
    assert sorted(d["outcome"]) == [
        "duplicate",
        "unmatched",
        "unmatched",
        "unmatched",
        "used",
        "used",
    ]
    assert "same code and status as row 2" in d.loc[d["outcome"] == "duplicate", "reason"].iloc[0]
    assert "file dspt.csv row 3" in described(d)["where"].tolist()
    assert "layer CCGs feature 2" in described(d)["where"].tolist()


def test_conflicting_duplicates_are_refused():
    table = dspt([("00L", "Standards Met"), ("00L", "Standards Not Met")], name="t.csv")
    with pytest.raises(DuplicateCodeError, match=r"file t.csv(.|\n)*00L"):
        join_to_dspt(features(["00L"]), table, status_field="status")


def test_lookup_translates_ons_to_ods_codes():
    lookup = build_lookup(
        pd.DataFrame({"ons": ["e1", "E2"], "ods": ["00l", "00M"]}),
        "ons",
        "ods",
        source=file_source("lk.csv"),
    )
    joined = join_to_dspt(
        features(["E1", "E2"]),
        dspt([("00L", "Standards Met")]),
        status_field="status",
        lookup=lookup,
    )
    reasons = joined.diagnostics.set_index("code")["reason"]
    assert reasons["E1"] == "matched to DSPT code 00L"
    assert reasons["E2"] == "no DSPT row has code 00M"


def test_wrong_kind_of_code_is_explained():
    """ONS codes joined against ODS codes: every row unmatched, and the log says why."""
    joined = join_to_dspt(
        features(["E38000130", "E38000141"]),
        dspt([("00L", "Standards Met"), ("00N", "Standards Met")]),
        status_field="status",
    )
    note = " ".join(joined.notes)
    assert "None of the 2 codes in field 'ccg' of layer CCGs" in note
    assert "ONS codes" in note
    assert "ODS codes" in note


def test_good_join_has_no_note():
    joined = join_to_dspt(
        features(["00L"]), dspt([("00L", "Standards Met")]), status_field="status"
    )
    assert joined.notes == ()


def test_misspelt_status_field_stops_listing_fields():
    with pytest.raises(Exception, match="no DSPT status field 'Stauts'.*'code', 'status'"):
        join_to_dspt(features(["00L"]), dspt([("00L", "Standards Met")]), status_field="Stauts")


def test_raw_statuses_of_several_editions_are_refused():
    table = dspt([("00L", "20/21 Standards Met"), ("00N", "19/20 Standards Met")])
    with pytest.raises(
        EditionError, match=r"other editions than 20/21 \(1 of 19/20\);.*Import DSPT status export"
    ):
        join_to_dspt(features(["00L"]), table, status_field="status")
