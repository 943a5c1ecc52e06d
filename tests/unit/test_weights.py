"""Tier weights and population totals: every number finite, in range, given once."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import PopulationError
from dspt_qgis.core.published_method import DEFAULT_TIER_WEIGHTS, format_tier_weights
from dspt_qgis.core.sources import file_source
from dspt_qgis.core.weights import parse_tier_weights, totals_by_group


def test_published_tier_weights_round_trip():
    assert parse_tier_weights("") == dict(DEFAULT_TIER_WEIGHTS)
    assert parse_tier_weights(format_tier_weights()) == {1: 4.0, 2: 3.0, 3: 2.0, 4: 1.0}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1=4; 2=3; 3=2; 4=1; 1=0", "tier 1 is given two weights"),
        ("1=nan", "must be a number above 0"),
        ("1=inf", "must be a number above 0"),
        ("1=-1", "must be a number above 0"),
        ("1=0", "must be a number above 0"),
        ("1=1e20", "at most"),
        ("one=4", "Cannot read"),
        ("1", "Cannot read"),
    ],
)
def test_bad_tier_weights_stop(text, fragment):
    with pytest.raises(PopulationError, match=fragment):
        parse_tier_weights(text)


def test_totals_by_group_sum_clean_codes():
    table = pd.DataFrame(
        {"ics": ["e54000001", "E54000001 ", 38.0], "pop": ["10", 5, 7], "source_row": [2, 3, 4]}
    )
    totals = totals_by_group(
        table, group_field="ics", value_field="pop", source=file_source("p.csv")
    )
    assert totals.to_dict() == {"E54000001": 15.0, "38": 7.0}


@pytest.mark.parametrize("value", ["x", None, float("nan"), float("inf"), -1, 2e9])
def test_totals_by_group_refuse_bad_numbers(value):
    table = pd.DataFrame({"ics": ["E1"], "pop": [value], "source_row": [2]})
    with pytest.raises(PopulationError, match=r"file p.csv.*'pop'.*row 2"):
        totals_by_group(table, group_field="ics", value_field="pop", source=file_source("p.csv"))
