"""What would move our score: each submission's gain, checked against the method re-run.

The oracle on the sample is the published method applied again by hand
(``tests/hand_method.py``: the CSV and the population file, exact fractions, no plugin
code) with one submission's status changed; small cases are worked out on paper.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.composite import (
    CompositeRequest,
    GivenComposite,
    MissingComponent,
    ics_composite,
)
from dspt_qgis.core.errors import InputMismatchError, MissingColumnError
from dspt_qgis.core.gains import GAIN_FIELDS, GainsRequest, composite_gains
from dspt_qgis.core.scoring import ScoringScheme
from dspt_qgis.core.sources import layer_source
from dspt_qgis.core.weights import Weighting
from tests import hand_method
from tests.unit.helpers import sample_sides, side

TARGETS = {"met": 1, "exceeded": 3}
DECIDED = GainsRequest(commissioner_decided_by="decided_by", trust_decided_by="decided_by")


def gains_of(commissioners, trusts, request=DECIDED, source="ICS composite", **given):
    composite = ics_composite(commissioners, trusts, request.composite).table
    return composite_gains(
        commissioners, trusts, GivenComposite(composite, layer_source(source), **given), request
    )


@pytest.mark.parametrize("weighted", [True, False], ids=["gp_patients", "simple"])
def test_every_sample_submission_changed_by_hand_gives_the_predicted_composite(
    shared_data, weighted
):
    commissioners, trusts, stps = sample_sides(shared_data, weighted)
    request = dataclasses.replace(DECIDED, composite=CompositeRequest(groups=IcsCodes.of(stps)))
    table = gains_of(commissioners, trusts, request).table.set_index(["code", "ics"])
    organisations = hand_method.organisations_2020_21(shared_data)
    weights = hand_method.patients_by_ccg(shared_data) if weighted else None
    before = hand_method.exact_composites(organisations, weights)
    deciders: dict[str, list[str]] = {}
    for code, o in organisations.items():
        deciders.setdefault(o["decided_by"], []).append(code)
    expected_rows = {(d, organisations[c]["stp"]) for d, codes in deciders.items() for c in codes}
    assert set(table.index) == expected_rows
    for decider, codes in deciders.items():
        for suffix, target in TARGETS.items():
            changed = {c: max(organisations[c]["score"], target) for c in codes}
            after = hand_method.exact_composites(organisations, weights, changed)
            for ics in {organisations[c]["stp"] for c in codes}:
                row = table.loc[(decider, ics)]
                assert row[f"composite_if_{suffix}"] == pytest.approx(float(after[ics]), abs=1e-9)
                assert row[f"gain_if_{suffix}"] == pytest.approx(
                    float(after[ics] - before[ics]), abs=1e-9
                )
                assert row[f"rank_if_{suffix}_label"] == hand_method.competition_rank(after, ics)
                assert row["rank_label"] == hand_method.competition_rank(before, ics)
                assert row["covers"] == ", ".join(
                    sorted(c for c in codes if organisations[c]["stp"] == ics)
                )


def test_sample_successors_are_one_row_under_the_deciding_submission(shared_data):
    gains = gains_of(*sample_sides(shared_data, True)[:2])
    table = gains.table.set_index("code")
    # 7 North East London CCGs take the 20/21 status of A3A8R, which is no row of the file
    assert table.loc["A3A8R", "covers"] == "07L, 07T, 08F, 08M, 08N, 08V, 08W"
    assert table.loc["A3A8R", "n_covered"] == 7
    assert table.loc["RYR", "covers"] == "RXH, RYR"  # RXH inherits RYR's own status
    assert table.loc["R0A", "covers"] == "R0A, RW6"  # RW6 -> RM3 and R0A: the first by code
    assert "RM3" in table.index
    assert not {"07L", "RXH", "RW6"} & set(table.index)
    assert list(table.columns) == [f for f in GAIN_FIELDS if f != "code"]
    assert set(table["edition"]) == {"20/21"}
    assert (
        table["method"]
        .iloc[0]
        .startswith(
            "composite = 0.5 x commissioner mean weighted by population "
            "('registered_patients of file gp.csv') + 0.5 x trust mean; scores: Standards Exceeded 3"
        )
    )
    assert "6 submission(s) decide the status of several organisations" in gains.notes[-1]


def test_gains_and_ranks_on_paper():
    """I1: commissioners C1 Met (300), C2 Not Met (100); trust T1 Approaching.
    I2: C3 Met, T2 Met (composite 1). Population-weighted commissioners, share 0.5."""
    commissioners = side(
        [
            ("C1", "I1", "Standards Met", 300),
            ("C2", "I1", "Standards Not Met", 100),
            ("C3", "I2", "Standards Met", 50),
        ],
        "commissioner",
        extra=["pop"],
        weight_field="pop",
        weighting=Weighting.POPULATION,
    )
    trusts = side([("T1", "I1", "Approaching Standards"), ("T2", "I2", "Standards Met")])
    table = gains_of(commissioners, trusts, GainsRequest()).table.set_index("code")
    # I1 composite: 0.5 x (300 - 300) / 400 + 0.5 x -1 = -0.5; rank 2 of 2
    assert table.loc["C2", "gain_if_met"] == pytest.approx(0.5 * 100 / 400 * 4)
    assert table.loc["C2", "gain_if_exceeded"] == pytest.approx(0.5 * 100 / 400 * 6)
    assert table.loc["C1", "gain_if_met"] == 0
    assert table.loc["C1", "gain_if_exceeded"] == pytest.approx(0.5 * 300 / 400 * 2)
    assert table.loc["T1", "gain_if_met"] == pytest.approx(0.5 * 2)
    assert table.loc["T1", "composite_if_met"] == pytest.approx(0.5)
    assert (table.loc["T1", "rank"], table.loc["T1", "rank_if_met"]) == (2, 2)
    # -0.5 + 0.5 x 4 = 1.5 > 1: I1 first
    assert table.loc["T1", "rank_if_exceeded_label"] == "1"
    assert table.loc["C2", "composite_if_met"] == pytest.approx(0.0)
    assert table.loc[["T1", "C2", "C1"], "gain_rank"].tolist() == [1, 2, 3]
    assert table.loc[["C3", "T2"], "gain_rank"].tolist() == [1, 1]  # ranked within I2 alone
    assert table.loc["C3", "rank_label"] == "1"
    assert table.loc["C3", "gain_if_exceeded"] == pytest.approx(1.0)


def test_a_gain_that_ties_with_another_ics_is_ranked_as_the_atlas_ranks_ties():
    """I1 0.5 x 1/3 + 0.5 x -1 = -1/3 (float noise in every sum); Met for C2 gives exactly
    I2's composite 0: both '=1', not split by the last bit."""
    commissioners = side(
        [
            ("C1", "I1", "Standards Met"),
            ("C2", "I1", "Approaching Standards"),
            ("C3", "I1", "Standards Met"),
            ("C4", "I2", "Standards Met"),
        ],
        "commissioner",
    )
    trusts = side([("T1", "I1", "Approaching Standards"), ("T2", "I2", "Approaching Standards")])
    row = gains_of(commissioners, trusts, GainsRequest()).table.set_index("code").loc["C2"]
    assert row["composite_if_met"] == pytest.approx(0.0)
    assert (row["rank_label"], row["rank_if_met_label"]) == ("2", "=1")


def test_a_submission_deciding_two_icss_moves_both_before_ranking():
    """S decides C1 (I1) and T2 (I2); I3 sits at 0.5 between them."""
    commissioners = side(
        [
            ("C1", "I1", "Standards Not Met", "S"),
            ("C2", "I2", "Standards Met", None),
            ("C3", "I3", "Standards Met", None),
        ],
        "commissioner",
        extra=["decided_by"],
    )
    trusts = side(
        [
            ("T1", "I1", "Standards Not Met", None),
            ("T2", "I2", "Standards Not Met", "S"),
            ("T3", "I3", "Approaching Standards", None),
        ],
        extra=["decided_by"],
    )
    table = gains_of(commissioners, trusts, DECIDED).table.set_index(["code", "ics"])
    # before: I1 -3, I2 -1, I3 0; S Exceeded: I1 0.5 x 3 + 0.5 x -3 = 0, I2 0.5 x 1 + 0.5 x 3 = 2
    assert table.loc[("S", "I1"), "composite_if_exceeded"] == pytest.approx(0.0)
    assert table.loc[("S", "I2"), "composite_if_exceeded"] == pytest.approx(2.0)
    assert table.loc[("S", "I1"), "rank_if_exceeded_label"] == "=2"  # I2 at 2, I3 at 0
    assert table.loc[("S", "I2"), "rank_if_exceeded_label"] == "1"
    assert "also decides organisations of ICS I2" in table.loc[("S", "I1"), "gain_note"]
    assert table.loc[("S", "I1"), "covers"] == "C1"


@pytest.mark.parametrize("missing", list(MissingComponent))
def test_an_ics_without_trusts_says_how_its_gains_are_computed(missing):
    commissioners = side(
        [
            ("C1", "I1", "Standards Not Met"),
            ("C2", "I1", "Standards Met"),
            ("C3", "I2", "Standards Met"),
        ],
        "commissioner",
    )
    trusts = side([("T1", "I2", "Standards Met")])
    request = GainsRequest(composite=CompositeRequest(missing=missing))
    table = gains_of(commissioners, trusts, request).table.set_index("code")
    if missing is MissingComponent.USE_AVAILABLE:  # the commissioner mean is the composite
        assert table.loc["C1", "gain_if_met"] == pytest.approx(1 / 2 * 4)
        assert table.loc["C1", "gain_note"] == (
            "no trusts: commissioner mean only: the side it has counts whole"
        )
    else:
        assert math.isnan(table.loc["C1", "gain_if_met"])
        assert math.isnan(table.loc["C1", "rank"])
        assert table.loc["C1", "gain_note"] == "no trusts: composite not computed: no gain"
    assert table.loc["C3", "gain_note"] == ""


def test_a_custom_scheme_sets_what_met_and_exceeded_are_worth():
    scheme = ScoringScheme.from_text("Standards Exceeded=5; Not Published=-4")
    commissioners = side([("C1", "I1", "Not Published")], "commissioner")
    trusts = side([("T1", "I1", "Standards Met")])
    request = GainsRequest(composite=CompositeRequest(scheme=scheme))
    row = gains_of(commissioners, trusts, request).table.set_index("code").loc["C1"]
    assert (row["gain_if_met"], row["gain_if_exceeded"]) == (2.5, 4.5)


def test_a_composite_of_another_edition_stops_naming_both(shared_data):
    commissioners, trusts, _ = sample_sides(shared_data, False)
    composite = ics_composite(commissioners, trusts, CompositeRequest()).table
    composite["composite_edition"] = "21/22"
    with pytest.raises(InputMismatchError) as error:
        composite_gains(
            commissioners, trusts, GivenComposite(composite, layer_source("Composite 21-22"))
        )
    message = str(error.value)
    assert "layer Composite 21-22 is the composite of edition 21/22" in message
    assert "layer CCGs (ICS from field 'STP20CD') and layer Trusts" in message
    assert "read for edition 20/21" in message


def test_a_composite_by_another_ics_field_stops_naming_both(shared_data):
    commissioners, trusts, _ = sample_sides(shared_data, False)
    composite = ics_composite(commissioners, trusts, CompositeRequest()).table
    by_ods = dataclasses.replace(commissioners, group_field="STP20CDH")
    trusts_by_ods = dataclasses.replace(trusts, group_field="STP20CDH")
    with pytest.raises(InputMismatchError) as error:
        composite_gains(by_ods, trusts_by_ods, GivenComposite(composite, layer_source("Composite")))
    message = str(error.value)
    assert (
        "layer Composite: ICS E54000007 has composite +1.2273 from 10 commissioners and 11"
        in message
    )
    assert "layer CCGs (ICS from field 'STP20CDH')" in message
    assert "give none from 0 and 0" in message
    assert "ONS codes" in message  # the kinds of code told apart
    assert "ODS codes" in message


def test_a_composite_of_another_method_stops_naming_both():
    commissioners = side(
        [("C1", "I1", "Standards Met"), ("C2", "I1", "Not Published")], "commissioner"
    )
    trusts = side([("T1", "I1", "Standards Met")])
    composite = ics_composite(commissioners, trusts, CompositeRequest(commissioner_share=0.3))
    with pytest.raises(InputMismatchError, match=r"has composite \+0\.4000 .* give \+0\.0000"):
        composite_gains(commissioners, trusts, GivenComposite(composite.table, layer_source("C")))


def test_decided_by_codes_of_other_statuses_stop():
    commissioners = side(
        [("C1", "I1", "Standards Met", "X"), ("C2", "I1", "Standards Not Met", "X")],
        "commissioner",
        extra=["decided_by"],
    )
    with pytest.raises(InputMismatchError, match=r"X's submission decides the status of C1 \("):
        gains_of(commissioners, side([("T1", "I1", "Standards Met", None)], extra=["decided_by"]))


def test_a_decided_by_field_the_layer_lacks_stops_naming_the_layer():
    commissioners = side([("C1", "I1", "Standards Met")], "commissioner")
    request = GainsRequest(trust_decided_by="decided_by")
    with pytest.raises(MissingColumnError, match="layer trusts has no decided-by field"):
        gains_of(commissioners, side([("T1", "I1", "Standards Met")]), request)
