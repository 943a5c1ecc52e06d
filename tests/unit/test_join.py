"""Joining organisations to DSPT rows: lookups, duplicates and the account of both sides."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import DuplicateCodeError
from dspt_qgis.core.join import build_lookup, join_to_dspt


def dspt(rows):
    frame = pd.DataFrame(rows, columns=["code", "status"])
    frame["source_row"] = range(2, len(frame) + 2)
    return frame


def test_join_counts_repeated_rows_once_and_reports_every_row():
    table = dspt(
        [
            ("00L", "Standards Met"),
            ("00l ", "Standards Met"),
            ("RZZ", "Standards Met"),
            (None, "Not Published"),
        ]
    )
    joined = join_to_dspt(pd.Series(["00L", "E9"]), table, code_field="code", status_field="status")
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


def test_conflicting_duplicates_are_refused():
    table = dspt([("00L", "Standards Met"), ("00L", "Standards Not Met")])
    with pytest.raises(DuplicateCodeError, match="00L"):
        join_to_dspt(
            pd.Series(["00L"]), table, code_field="code", status_field="status", dspt_source="t.csv"
        )


def test_lookup_translates_ons_to_ods_codes():
    lookup = build_lookup(
        pd.DataFrame({"ons": ["e1", "E2"], "ods": ["00l", "00M"]}), "ons", "ods", source="lk"
    )
    joined = join_to_dspt(
        pd.Series(["E1", "E2"]),
        dspt([("00L", "Standards Met")]),
        code_field="code",
        status_field="status",
        lookup=lookup,
    )
    reasons = joined.diagnostics.set_index("code")["reason"]
    assert reasons["E1"] == "matched to 00L"
    assert reasons["E2"] == "no DSPT row has code 00M"
