"""The composite per ICS: means, weights, shares, the edition rule, and accounting."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.composite import CompositeRequest, MissingComponent, ics_composite
from dspt_qgis.core.diagnostics import described
from dspt_qgis.core.errors import (
    DsptError,
    DuplicateCodeError,
    EditionError,
    InternalError,
    PopulationError,
)
from dspt_qgis.core.population import PopulationTable, with_population
from dspt_qgis.core.scoring import ScoringScheme
from dspt_qgis.core.sources import file_source
from dspt_qgis.core.weights import Weighting
from tests.unit.helpers import side

SCORE = {
    "Standards Exceeded": 3,
    "Standards Met": 1,
    "Approaching Standards": -1,
    "Standards Not Met": -3,
    "Not Published": -3,
}


def composite(comm, trusts, **request):
    return ics_composite(comm, trusts, CompositeRequest(**request))


def test_simple_means_and_equal_shares():
    comm = side([("C1", "I1", "Standards Met"), ("C2", "I1", "Standards Exceeded")], "commissioner")
    trusts = side([("T1", "I1", "Standards Not Met")])
    row = composite(comm, trusts).table.iloc[0]
    assert row["commissioner_score"] == pytest.approx((1 + 3) / 2)
    assert row["trust_score"] == pytest.approx(-3)
    assert row["composite_score"] == pytest.approx(0.5 * 2 + 0.5 * -3)
    assert (row["n_commissioners"], row["n_trusts"]) == (2, 1)


def test_population_weighted_mean():
    comm = side(
        [("C1", "I1", "Standards Met", 300), ("C2", "I1", "Standards Not Met", "100")],
        "commissioner",
        extra=["pop"],
        weight_field="pop",
        weighting=Weighting.POPULATION,
    )
    trusts = side([("T1", "I1", "Standards Met")])
    row = composite(comm, trusts, commissioner_share=0.25).table.iloc[0]
    assert row["commissioner_score"] == pytest.approx((300 * 1 + 100 * -3) / 400)
    assert row["composite_score"] == pytest.approx(0.25 * 0 + 0.75 * 1)


def test_population_table_joined_by_code():
    comm = side([("c1 ", "I1", "Standards Met"), ("C2", "I1", "Standards Not Met")], "commissioner")
    population = PopulationTable(
        pd.DataFrame(
            {"ccg": ["C1", "C2", "C9"], "patients": [300, 100, 5], "source_row": [2, 3, 4]}
        ),
        file_source("pop.csv"),
        "ccg",
        "patients",
    )
    weighted, notes = with_population(comm, population)
    row = composite(weighted, side([("T1", "I1", "Standards Met")])).table.iloc[0]
    assert row["commissioner_score"] == pytest.approx((300 * 1 + 100 * -3) / 400)
    assert "C9" in notes[0]


def test_population_table_missing_commissioner_stops_naming_it():
    comm = side([("C1", "I1", "Standards Met"), ("C2", "I1", "Standards Met")], "commissioner")
    population = PopulationTable(
        pd.DataFrame({"ccg": ["C1"], "patients": [300]}), file_source("pop.csv"), "ccg", "patients"
    )
    weighted, _ = with_population(comm, population)
    with pytest.raises(PopulationError, match=r"C2 \(feature 2"):
        composite(weighted, side([]))


def test_eprr_tier_weights_default_and_custom():
    rows = [("T1", "I1", "Standards Exceeded", 1), ("T2", "I1", "Standards Not Met", "4")]
    comm = side([("C1", "I1", "Standards Met")], "commissioner")
    default = composite(
        comm, side(rows, extra=["tier"], weight_field="tier", weighting=Weighting.TIER)
    )
    assert default.table.loc[0, "trust_score"] == pytest.approx((4 * 3 + 1 * -3) / 5)
    custom = composite(
        comm,
        side(
            rows,
            extra=["tier"],
            weight_field="tier",
            weighting=Weighting.TIER,
            tier_weights={1: 1, 2: 1, 3: 1, 4: 1},
        ),
    )
    assert custom.table.loc[0, "trust_score"] == pytest.approx(0)


def test_unknown_tier_names_code_and_feature():
    trusts = side(
        [("T1", "I1", "Standards Met", 7)],
        extra=["tier"],
        weight_field="tier",
        weighting=Weighting.TIER,
    )
    with pytest.raises(PopulationError, match=r"T1 \(feature 1: 7\)"):
        composite(side([], "commissioner"), trusts)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("lots", "not a finite number"),
        (None, "not a finite number"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        (-5, "between 0 and"),
        (1e15, "between 0 and"),
    ],
)
def test_bad_population_names_field_code_and_feature(value, fragment):
    comm = side(
        [("C1", "I1", "Standards Met", value)],
        "commissioner",
        extra=["Pop 2021"],
        weight_field="Pop 2021",
        weighting=Weighting.POPULATION,
    )
    with pytest.raises(PopulationError, match=fragment) as error:
        composite(comm, side([]))
    assert "C1 (feature 1" in str(error.value)
    assert "'Pop 2021'" in str(error.value)


def test_zero_population_group_names_ics():
    comm = side(
        [("C1", "I9", "Standards Met", 0)],
        "commissioner",
        extra=["pop"],
        weight_field="pop",
        weighting=Weighting.POPULATION,
    )
    with pytest.raises(PopulationError, match="I9"):
        composite(comm, side([]))


def test_missing_component_is_null_with_note_or_uses_available():
    comm = side([("C1", "I1", "Standards Met"), ("C2", "I2", "Standards Met")], "commissioner")
    trusts = side([("T1", "I1", "Standards Met"), ("T3", "I3", "Standards Exceeded")])
    table = composite(comm, trusts, groups=IcsCodes.of(["I1", "I2", "I3", "I4"])).table.set_index(
        "ics"
    )
    assert math.isnan(table.loc["I2", "composite_score"])
    assert table.loc["I2", "composite_note"] == "no trusts: composite not computed"
    assert table.loc["I3", "composite_note"] == "no commissioners: composite not computed"
    assert table.loc["I4", "composite_note"] == "no commissioners and no trusts"
    assert table.loc["I4", ["n_commissioners", "n_trusts"]].tolist() == [0, 0]
    available = composite(
        comm, trusts, groups=IcsCodes.of(["I2", "I3"]), missing=MissingComponent.USE_AVAILABLE
    )
    assert available.table.set_index("ics")["composite_score"].to_dict() == {"I2": 1.0, "I3": 3.0}


def test_missing_status_counts_as_not_published_and_is_reported():
    comm = side([("C1", "I1", None)], "commissioner")
    result = composite(comm, side([("T1", "I1", "Standards Met")]))
    assert result.table.loc[0, "commissioner_score"] == -3
    assert "counted as Not Published" in result.diagnostics.loc[0, "reason"]


def test_only_the_chosen_edition_counts():
    """19/20 Exceeded beside 20/21 Met: the old status is no status (-3), not 3."""
    comm = side(
        [("C1", "I1", "19/20 Standards Exceeded"), ("C2", "I1", "20/21 Standards Met")],
        "commissioner",
    )
    result = composite(comm, side([("T1", "I1", "20/21 Standards Met")]))
    assert result.table.loc[0, "commissioner_score"] == pytest.approx((-3 + 1) / 2)
    assert result.edition == "20/21"
    assert [n for n in result.notes if "another edition" in n] == [
        "layer commissioners: 1 status(es) in field 'status' are of another edition (1 of 19/20); "
        "only 20/21 counts, so they count as Not Published. Import the export for 20/21 to apply "
        "successors."
    ]
    assert "not of edition 20/21" in result.diagnostics.loc[0, "reason"]


def test_edition_asked_for_sets_aside_the_others():
    comm = side(
        [("C1", "I1", "19/20 Standards Exceeded"), ("C2", "I1", "20/21 Standards Met")],
        "commissioner",
    )
    result = composite(comm, side([("T1", "I1", "20/21 Standards Met")]), edition="2019-20")
    assert result.table.loc[0, "commissioner_score"] == pytest.approx((3 - 3) / 2)
    assert result.table.loc[0, "trust_score"] == -3


def test_sides_of_different_editions_stop():
    with pytest.raises(EditionError, match="different editions"):
        composite(
            side([("C1", "I1", "21/22 Standards Met")], "commissioner"),
            side([("T1", "I1", "20/21 Standards Met")]),
        )


def test_imported_tables_edition_field_is_the_edition():
    comm = side([("C1", "I1", "Standards Met", "20/21")], "commissioner", extra=["edition"])
    with pytest.raises(
        EditionError, match=r"resolved for edition 20/21 \(field .edition.\), not 21/22"
    ):
        composite(comm, side([]), edition="21/22")


def test_every_organisation_accounted_for():
    comm = side(
        [
            ("C1", "I1", "Standards Met"),
            ("C1", "I1", "Standards Met"),
            ("C2", None, "Standards Met"),
            ("C3", "ELSEWHERE", "Standards Met"),
            (None, "I1", "Standards Met"),
        ],
        "commissioner",
    )
    result = composite(
        comm, side([("T1", "I1", "20/21 Standards Met")]), groups=IcsCodes.of(["I1"])
    )
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
    assert "'ELSEWHERE' (field 'ics') is not in the ICS layer" in d.loc[3, "reason"]
    assert described(d).loc[0, "where"] == "layer commissioners feature 1"
    used = d["outcome"].eq("used").sum()
    assert used == result.table["n_commissioners"].sum() + result.table["n_trusts"].sum()


def test_real_ics_codes_match_text_codes():
    """An ICS code field of type Real (38.0) matches the text code 38."""
    comm = side([("C1", 38.0, "Standards Met")], "commissioner")
    result = composite(comm, side([("T1", "38", "Standards Met")]), groups=IcsCodes.of(["38"]))
    assert result.table.loc[0, "n_commissioners"] == 1
    assert result.table.loc[0, "n_trusts"] == 1


def test_same_organisations_on_both_sides_are_flagged():
    rows = [("C1", "I1", "Standards Met")]
    result = composite(side(rows, "commissioner"), side(rows, "commissioner"))
    assert "count as both commissioners and trusts" in " ".join(result.notes)


def test_share_must_be_a_proportion():
    for share in (1.5, -0.1, float("nan")):
        with pytest.raises(DsptError, match="between 0 and 1"):
            composite(side([], "commissioner"), side([]), commissioner_share=share)


def test_custom_scheme_bounds_the_composite():
    scheme = ScoringScheme({**SCORE, "Not Published": -10})
    comm = side([("C1", "I1", "Not Published")], "commissioner")
    result = composite(comm, side([("T1", "I1", "Not Published")]), scheme=scheme)
    assert result.table.loc[0, "composite_score"] == -10


def test_out_of_range_composite_is_a_bug_not_clipped(monkeypatch):
    """A broken mean is raised, not clipped into range (the clip hid arithmetic bugs)."""
    import dspt_qgis.core.composite as module

    real = module.group_means

    def doubled(used, component):
        means = real(used, component)
        means["score"] = means["score"] * 2
        return means

    monkeypatch.setattr(module, "group_means", doubled)
    with pytest.raises(InternalError, match="outside the scheme's range"):
        composite(
            side([("C1", "I1", "Standards Exceeded")], "commissioner"),
            side([("T1", "I1", "Standards Exceeded")]),
        )


@pytest.mark.parametrize("reverse", [False, True])
def test_a_trust_listed_twice_in_two_icss_stops_in_either_order(reverse):
    rows = [("T1", "I1", "20/21 Standards Met"), ("T1", "I2", "20/21 Standards Met")]
    trusts = side(rows[::-1] if reverse else rows)
    with pytest.raises(
        DuplicateCodeError, match=r"different ICSs:\n  T1: feature 1 'Standards Met' \(ICS "
    ):
        composite(
            side([("C1", "I1", "Standards Met")], "commissioner"),
            trusts,
            groups=IcsCodes.of(["I1", "I2"]),
        )
