"""Status parsing: editions split off, known variants normalised, unknowns reported."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import UnknownStatusError
from dspt_qgis.core.statuses import (
    CANONICAL_STATUSES,
    newest_edition,
    normalise_edition,
    parse_status,
    parse_status_column,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("20/21 Standards Met", ("20/21", "Standards Met")),
        ("22/23 Standards Exceeded", ("22/23", "Standards Exceeded")),
        ("21/22  approaching   standard", ("21/22", "Approaching Standards")),
        ("20/21 STANDARDS NOT MET", ("20/21", "Standards Not Met")),
        ("20/21 Not Met", ("20/21", "Standards Not Met")),
        ("Not Published", (None, "Not Published")),
        ("STANDARDS MET (19-20)", ("19/20", "Standards Met")),
        ("NONE", (None, "Not Published")),
        (
            "19/20 Standards Not Fully Met (Plan Agreed)",
            ("19/20", "Standards Not Fully Met (Plan Agreed)"),
        ),
        ("", (None, None)),
        ("   ", (None, None)),
        ("#N/A", (None, None)),
        (None, (None, None)),
        (float("nan"), (None, None)),
    ],
)
def test_parse_status_known_forms(raw, expected):
    assert parse_status(raw) == expected


def test_parse_status_unknown_text_has_no_status():
    assert parse_status("20/21 Mostly fine") == ("20/21", None)


def test_unknown_statuses_listed_with_counts_and_rows():
    values = pd.Series(["20/21 Standards Met", "Great", "20/21 Sort of", "Great", None])
    with pytest.raises(UnknownStatusError) as error:
        parse_status_column(values, column="Status", source="x.csv")
    message = str(error.value)
    assert "x.csv" in message
    assert "'Status'" in message
    assert "'Great': 2 row(s) (rows 3, 5)" in message
    assert "'20/21 Sort of': 1 row(s) (rows 4)" in message


def test_parse_column_keeps_index_and_blanks():
    values = pd.Series(["20/21 Standards Met", None, "Not Published"], index=[10, 11, 12])
    parsed = parse_status_column(values, column="Status", source="x")
    assert list(parsed.index) == [10, 11, 12]
    assert parsed["status"].tolist() == ["Standards Met", None, "Not Published"]
    assert parsed["edition"].tolist() == ["20/21", None, None]


@pytest.mark.parametrize(
    ("raw", "expected"), [("20/21", "20/21"), ("2022/23", "22/23"), ("21-22", "21/22")]
)
def test_normalise_edition(raw, expected):
    assert normalise_edition(raw) == expected


@pytest.mark.parametrize("raw", ["20/22", "2021", "next year"])
def test_normalise_edition_rejects(raw):
    with pytest.raises(ValueError, match="Edition"):
        normalise_edition(raw)


def test_newest_edition_orders_by_year():
    assert newest_edition(pd.Series(["19/20", "21/22", None, "20/21"])) == "21/22"
    assert newest_edition(pd.Series([None, None])) is None


def test_canonical_order_is_best_first():
    assert CANONICAL_STATUSES[0] == "Standards Exceeded"
    assert CANONICAL_STATUSES[-1] == "Not Published"
