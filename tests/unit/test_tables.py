"""Proportions per ICS and the sector x status summary."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.crosstab import sector_status_crosstab
from dspt_qgis.core.proportions import ProportionsRequest, count_field, trust_proportions
from dspt_qgis.core.scoring import ScoringScheme
from dspt_qgis.core.sources import file_source
from tests.unit.helpers import side


def test_status_counts_and_proportions():
    trusts = side(
        [
            ("T1", "I1", "Standards Met"),
            ("T2", "I1", "Standards Met"),
            ("T3", "I1", "Not Published"),
            ("T4", "I2", "Standards Exceeded"),
        ]
    )
    table = trust_proportions(
        trusts, ProportionsRequest(groups=IcsCodes.of(["I1", "I2", "I3"]))
    ).table.set_index("ics")
    assert table.loc["I1", ["n_met", "n_not_published", "n_trusts"]].tolist() == [2, 1, 3]
    assert table.loc["I1", "p_met"] == pytest.approx(round(2 / 3, 4))
    assert table.loc["I3", "n_trusts"] == 0
    assert math.isnan(table.loc["I3", "p_met"])


def test_proportions_apply_the_edition_rule():
    trusts = side([("T1", "I1", "20/21 Standards Met"), ("T2", "I1", "19/20 Standards Met")])
    result = trust_proportions(trusts, ProportionsRequest(groups=IcsCodes.of(["I1"])))
    assert result.table.loc[0, ["n_met", "n_not_published"]].tolist() == [1, 1]
    assert result.edition == "20/21"
    assert result.notes


def test_a_status_a_scheme_adds_gets_its_own_count():
    trusts = side([("T1", "I1", "24/25 Achieved")])
    result = trust_proportions(
        trusts,
        ProportionsRequest(
            groups=IcsCodes.of(["I1"]), scheme=ScoringScheme.from_text("Achieved=3")
        ),
    )
    assert result.table.loc[0, "n_achieved"] == 1
    assert count_field("Achieved") in result.count_fields


def crosstab(sectors, statuses, **options):
    table = pd.DataFrame(
        {"sector": sectors, "status": statuses, "source_row": range(2, len(sectors) + 2)}
    )
    return sector_status_crosstab(
        table, sector_field="sector", status_field="status", source=file_source("t.csv"), **options
    )


def test_sector_status_crosstab_counts_and_percentages():
    result = crosstab(
        ["Trust", "Trust", "Commissioner", "Trust"],
        ["Standards Met", "Not Published", "Standards Met", "Standards Met"],
    )
    table = result.table.set_index("sector")
    assert list(table.index) == ["Commissioner", "Trust", "Total"]
    assert table.loc["Trust", ["n_met", "n_not_published", "total"]].tolist() == [2, 1, 3]
    assert table.loc["Total", "total"] == 4
    assert table.loc["Trust", "pct_met"] == pytest.approx(66.7)


def test_crosstab_rows_follow_the_method_sector_order():
    result = crosstab(
        ["CSU", "Trust", "GP practice", "Commissioner", "Other"], ["Standards Met"] * 5
    )
    assert result.table["sector"].tolist() == [
        "Commissioner",
        "Trust",
        "CSU",
        "Other",
        "GP practice",
        "Total",
    ]


def test_a_sector_called_total_keeps_its_organisations():
    result = crosstab(
        ["Total", "Trust", "Total"], ["Standards Met", "Standards Met", "Not Published"]
    )
    table = result.table.set_index("sector")
    assert table.loc["Total", "total"] == 2
    assert result.total_label == "Total (all sectors)"
    assert table.loc["Total (all sectors)", "total"] == 3
    assert result.notes


def test_crosstab_sets_aside_other_editions():
    result = crosstab(["Trust", "Trust"], ["20/21 Standards Met", "19/20 Standards Met"])
    assert result.table.set_index("sector").loc["Trust", ["n_met", "n_not_published"]].tolist() == [
        1,
        1,
    ]
    assert "another edition than 20/21" in result.notes[0]
