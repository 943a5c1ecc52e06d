"""Status parsing: editions split off, known variants normalised, unknowns reported."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import EditionError, UnknownStatusError
from dspt_qgis.core.published_method import CANONICAL_STATUSES
from dspt_qgis.core.sources import file_source, layer_source
from dspt_qgis.core.statuses import (
    choose_edition,
    newest_edition,
    normalise_edition,
    parse_status,
    parse_status_column,
    statuses_for_edition,
    vocabulary,
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
        ("2023-24 Standards met", ("23/24", "Standards Met")),
        ("2024-25 (version 7) Standards Exceeded", ("24/25", "Standards Exceeded")),
        ("23/24 standards not met", ("23/24", "Standards Not Met")),
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
        parse_status_column(values, column="Status", source=file_source("x.csv"))
    message = str(error.value)
    assert "file x.csv" in message
    assert "'Status'" in message
    assert "'Great': rows 3, 5" in message
    assert "'20/21 Sort of': row 4" in message


def test_unknown_statuses_in_a_layer_name_features():
    with pytest.raises(UnknownStatusError, match="'Great': feature 2"):
        parse_status_column(
            pd.Series(["Not Published", "Great"]), column="s", source=layer_source("L")
        )


def test_a_scheme_can_add_a_status_name():
    parsed = parse_status_column(
        pd.Series(["24/25 Achieved", "24/25 partially achieved"]),
        column="Status",
        source=file_source("x.csv"),
        extra_statuses=["Achieved", "Partially Achieved"],
    )
    assert parsed["status"].tolist() == ["Achieved", "Partially Achieved"]
    assert vocabulary(["Achieved"])["achieved"] == "Achieved"


def listed(values: pd.Series) -> list:
    """Values with a missing status as None (the parsed columns are categorical)."""
    return [None if pd.isna(value) else value for value in values]


def test_statuses_of_other_editions_are_set_aside():
    parsed = parse_status_column(
        pd.Series(["19/20 Standards Exceeded", "20/21 Standards Met", "Standards Met", None]),
        column="s",
        source=file_source("x.csv"),
    )
    chosen = statuses_for_edition(parsed, "20/21")
    assert listed(chosen.status) == [None, "Standards Met", "Standards Met", None]
    assert chosen.set_aside.tolist() == [True, False, False, False]


def test_choose_edition_prefers_asked_then_field_then_newest():
    parsed = pd.DataFrame({"edition": ["19/20", "20/21", None], "status": ["Standards Met"] * 3})
    source = file_source("x.csv")
    assert choose_edition("2019-20", parsed=parsed, edition_field=None, source=source) == "19/20"
    assert choose_edition(None, parsed=parsed, edition_field=None, source=source) == "20/21"
    field = pd.Series(["22/23", "22/23", None])
    assert choose_edition(None, parsed=parsed, edition_field=field, source=source) == "22/23"
    with pytest.raises(EditionError, match="2 editions"):
        choose_edition(
            None, parsed=parsed, edition_field=pd.Series(["20/21", "21/22"]), source=source
        )


def test_parse_column_keeps_index_and_blanks():
    values = pd.Series(["20/21 Standards Met", None, "Not Published"], index=[10, 11, 12])
    parsed = parse_status_column(values, column="Status", source=file_source("x"))
    assert list(parsed.index) == [10, 11, 12]
    assert listed(parsed["status"]) == ["Standards Met", None, "Not Published"]
    assert listed(parsed["edition"]) == ["20/21", None, None]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("20/21", "20/21"),
        ("2022/23", "22/23"),
        ("21-22", "21/22"),
        ("2023-24", "23/24"),
        ("23/24", "23/24"),
        ("2023/2024", "23/24"),
        ("2024-25 (version 7)", "24/25"),
    ],
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
