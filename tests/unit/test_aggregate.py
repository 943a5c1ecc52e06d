"""Aggregation per ICS: means, weights, the composite, proportions, crosstab, accounting."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dspt_qgis.core.aggregate import (
    Component,
    ics_composite,
    prepare_component,
    sector_status_crosstab,
    status_counts,
)
from dspt_qgis.core.errors import DsptError, PopulationError
from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme

SCORE = {
    "Standards Exceeded": 3,
    "Standards Met": 1,
    "Approaching Standards": -1,
    "Standards Not Met": -3,
    "Not Published": -3,
}


def orgs(rows, extra=None):
    frame = pd.DataFrame(rows, columns=["code", "ics", "status", *(extra or [])])
    return frame


def composite(comm, trusts, **kwargs):
    return ics_composite(comm, trusts, **kwargs)


def test_simple_means_and_equal_shares():
    comm = Component(
        orgs([("C1", "I1", "Standards Met"), ("C2", "I1", "Standards Exceeded")]), "ccg"
    )
    trusts = Component(orgs([("T1", "I1", "Standards Not Met")]), "trusts")
    row = composite(comm, trusts).table.iloc[0]
    assert row["commissioner_score"] == pytest.approx((1 + 3) / 2)
    assert row["trust_score"] == pytest.approx(-3)
    assert row["composite_score"] == pytest.approx(0.5 * 2 + 0.5 * -3)
    assert (row["n_commissioners"], row["n_trusts"]) == (2, 1)


def test_population_weighted_mean():
    comm = Component(
        orgs(
            [("C1", "I1", "Standards Met", 300), ("C2", "I1", "Standards Not Met", "100")], ["pop"]
        ),
        "ccg",
        weight_field="pop",
        method="population",
    )
    trusts = Component(orgs([("T1", "I1", "Standards Met")]), "trusts")
    row = composite(comm, trusts, commissioner_share=0.25).table.iloc[0]
    assert row["commissioner_score"] == pytest.approx((300 * 1 + 100 * -3) / 400)
    assert row["composite_score"] == pytest.approx(0.25 * 0 + 0.75 * 1)


def test_eprr_tier_weights_default_and_custom():
    trusts_rows = orgs(
        [("T1", "I1", "Standards Exceeded", 1), ("T2", "I1", "Standards Not Met", "4")], ["tier"]
    )
    comm = Component(orgs([("C1", "I1", "Standards Met")]), "ccg")
    default = composite(comm, Component(trusts_rows, "trusts", weight_field="tier", method="tier"))
    assert default.table.loc[0, "trust_score"] == pytest.approx((4 * 3 + 1 * -3) / 5)
    custom = composite(
        comm,
        Component(
            trusts_rows,
            "trusts",
            weight_field="tier",
            method="tier",
            tier_weights={1: 1, 2: 1, 3: 1, 4: 1},
        ),
    )
    assert custom.table.loc[0, "trust_score"] == pytest.approx(0)


def test_unknown_tier_names_code_and_row():
    trusts = Component(
        orgs([("T1", "I1", "Standards Met", 7)], ["tier"]),
        "trusts",
        weight_field="tier",
        method="tier",
    )
    with pytest.raises(PopulationError, match=r"T1 \(row 1: 7\)"):
        composite(Component(orgs([]), "ccg"), trusts)


@pytest.mark.parametrize(
    ("value", "fragment"), [("lots", "not a number"), (None, "not a number"), (-5, "negative")]
)
def test_bad_population_names_code(value, fragment):
    comm = Component(
        orgs([("C1", "I1", "Standards Met", value)], ["pop"]),
        "ccg",
        weight_field="pop",
        method="population",
    )
    with pytest.raises(PopulationError, match=fragment) as error:
        composite(comm, Component(orgs([]), "trusts"))
    assert "C1" in str(error.value)


def test_zero_population_group_names_ics():
    comm = Component(
        orgs([("C1", "I9", "Standards Met", 0)], ["pop"]),
        "ccg",
        weight_field="pop",
        method="population",
    )
    with pytest.raises(PopulationError, match="I9"):
        composite(comm, Component(orgs([]), "trusts"))


def test_missing_component_is_null_with_note_or_uses_available():
    comm = Component(orgs([("C1", "I1", "Standards Met"), ("C2", "I2", "Standards Met")]), "ccg")
    trusts = Component(
        orgs([("T1", "I1", "Standards Met"), ("T3", "I3", "Standards Exceeded")]), "trusts"
    )
    table = composite(comm, trusts, groups=["I1", "I2", "I3", "I4"]).table.set_index("ics")
    assert math.isnan(table.loc["I2", "composite_score"])
    assert table.loc["I2", "composite_note"] == "no trusts: composite not computed"
    assert table.loc["I3", "composite_note"] == "no commissioners: composite not computed"
    assert table.loc["I4", "composite_note"] == "no commissioners and no trusts"
    assert table.loc["I4", ["n_commissioners", "n_trusts"]].tolist() == [0, 0]
    available = composite(
        comm, trusts, groups=["I2", "I3"], missing_component="use_available"
    ).table
    assert available.set_index("ics")["composite_score"].to_dict() == {"I2": 1.0, "I3": 3.0}


def test_missing_status_counts_as_not_published_and_is_reported():
    comm = Component(orgs([("C1", "I1", None)]), "ccg")
    result = composite(comm, Component(orgs([("T1", "I1", "Standards Met")]), "trusts"))
    assert result.table.loc[0, "commissioner_score"] == -3
    assert "counted as Not Published" in result.diagnostics.loc[0, "reason"]


def test_every_organisation_accounted_for():
    comm = Component(
        orgs(
            [
                ("C1", "I1", "Standards Met"),
                ("C1", "I1", "Standards Met"),
                ("C2", None, "Standards Met"),
                ("C3", "ELSEWHERE", "Standards Met"),
                (None, "I1", "Standards Met"),
            ]
        ),
        "ccg",
    )
    trusts = Component(orgs([("T1", "I1", "20/21 Standards Met")]), "trusts")
    result = composite(comm, trusts, groups=["I1"])
    d = result.diagnostics
    assert len(d) == 6
    assert d["outcome"].tolist() == [
        "used",
        "duplicate",
        "unmatched",
        "unmatched",
        "excluded",
        "used",
    ]
    assert "'ELSEWHERE' is not in the ICS layer" in d.loc[3, "reason"]
    used = d["outcome"].eq("used").sum()
    assert used == result.table["n_commissioners"].sum() + result.table["n_trusts"].sum()


def test_share_must_be_a_proportion():
    with pytest.raises(DsptError, match="between 0 and 1"):
        composite(Component(orgs([]), "c"), Component(orgs([]), "t"), commissioner_share=1.5)


def test_custom_scheme_bounds_the_composite():
    scheme = ScoringScheme({**SCORE, "Not Published": -10})
    comm = Component(orgs([("C1", "I1", "Not Published")]), "ccg")
    trusts = Component(orgs([("T1", "I1", "Not Published")]), "trusts")
    assert composite(comm, trusts, scheme=scheme).table.loc[0, "composite_score"] == -10


def test_status_counts_and_proportions():
    used, _ = prepare_component(
        Component(
            orgs(
                [
                    ("T1", "I1", "Standards Met"),
                    ("T2", "I1", "Standards Met"),
                    ("T3", "I1", "Not Published"),
                    ("T4", "I2", "Standards Exceeded"),
                ]
            ),
            "trusts",
        ),
        groups=None,
        scheme=DEFAULT_SCHEME,
    )
    table = status_counts(used, groups=["I1", "I2", "I3"]).set_index("ics")
    assert table.loc["I1", ["n_met", "n_not_published", "n_trusts"]].tolist() == [2, 1, 3]
    assert table.loc["I1", "p_met"] == pytest.approx(round(2 / 3, 4))
    assert table.loc["I3", "n_trusts"] == 0
    assert math.isnan(table.loc["I3", "p_met"])


def test_sector_status_crosstab_counts_and_percentages():
    table = pd.DataFrame(
        {
            "sector": ["Trust", "Trust", "Commissioner", "Trust"],
            "status": ["Standards Met", "Not Published", "Standards Met", "Standards Met"],
        }
    )
    crosstab = sector_status_crosstab(table).set_index("sector")
    assert list(crosstab.index) == ["Commissioner", "Trust", "Total"]
    assert crosstab.loc["Trust", ["n_met", "n_not_published", "total"]].tolist() == [2, 1, 3]
    assert crosstab.loc["Total", "total"] == 4
    assert crosstab.loc["Trust", "pct_met"] == pytest.approx(66.7)


def test_crosstab_rows_follow_the_method_sector_order():
    table = pd.DataFrame(
        {
            "sector": ["CSU", "Trust", "GP practice", "Commissioner", "Other"],
            "status": ["Standards Met"] * 5,
        }
    )
    order = sector_status_crosstab(table)["sector"].tolist()
    assert order == ["Commissioner", "Trust", "CSU", "Other", "GP practice", "Total"]
