"""How far each ICS's rank depends on the method: ranks under every variant the inputs
allow, checked against hand rankings of hand composites (tests/hand_method.py)."""

from __future__ import annotations

import pandas as pd

from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.composite import CompositeRequest, ics_composite
from dspt_qgis.core.population import PopulationTable, with_population_field
from dspt_qgis.core.rank_range import (
    ADDED_FIELDS,
    DEPENDS,
    RANGE_FIELDS,
    VariantRequest,
    rank_ranges,
    with_rank_ranges,
)
from dspt_qgis.core.sources import file_source
from dspt_qgis.core.weights import Weighting
from tests import hand_method
from tests.unit.helpers import sample_sides, side

GP = "registered_patients of file gp.csv"
ONS = "resident_population"


def test_sample_ranks_under_each_population_and_the_simple_mean_match_hand_rankings(
    shared_data,
):
    commissioners, trusts, stps = sample_sides(shared_data, weighted=True)
    residents = pd.read_csv(shared_data / "populations/ccg_april2020_ons_mid2019.csv", dtype=str)
    chosen, _ = with_population_field(  # weighted by GP patients, ONS residents beside
        commissioners,
        PopulationTable(residents, file_source("ons.csv"), "CCG20CDH", "resident_population"),
    )
    assert chosen.weight_field == GP
    request = VariantRequest(CompositeRequest(groups=IcsCodes.of(stps)), populations=[ONS])
    result = rank_ranges(chosen, trusts, request)
    organisations = hand_method.organisations_2020_21(shared_data)
    variants = {
        f"commissioner mean weighted by population ('{GP}') + trust mean": (
            hand_method.patients_by_ccg(shared_data)
        ),
        "commissioner mean + trust mean": None,
        f"commissioner mean weighted by population ('{ONS}') + trust mean": (
            hand_method.ons_residents_by_ccg(shared_data)
        ),
    }
    assert result.variants == tuple(variants)
    hand_ranks = {}
    for name, weights in variants.items():
        composites = hand_method.exact_composites(organisations, weights)
        hand_ranks[name] = {
            ics: int(hand_method.competition_rank(composites, ics).lstrip("=")) for ics in stps
        }
        assert result.ranks[name].to_dict() == hand_ranks[name]
    table = result.table.set_index("ics")
    assert list(result.table.columns) == list(RANGE_FIELDS)
    for ics in stps:
        ranks = [hand_ranks[name][ics] for name in variants]
        assert table.loc[ics, "rank"] == ranks[0]
        assert (table.loc[ics, "rank_best"], table.loc[ics, "rank_worst"]) == (
            min(ranks),
            max(ranks),
        )
        assert table.loc[ics, "rank_best"] <= table.loc[ics, "rank"] <= table.loc[ics, "rank_worst"]
        assert (table.loc[ics, "rank_note"] == DEPENDS) == (max(ranks) - min(ranks) > 5)


def test_an_ics_ranked_far_apart_by_two_variants_depends_on_the_method():
    """X: Exceeded (population 1) and Not Met (1000): simple mean 0 (composite 0.5, first),
    weighted about -3 (composite about -1, last of nine); the others all 0."""
    rows = [("X1", "X", "Standards Exceeded", 1), ("X2", "X", "Standards Not Met", 1000)]
    rows += [(f"C{i}", f"I{i}", "Approaching Standards", 10) for i in range(8)]
    commissioners = side(
        rows, "commissioner", extra=["pop"], weight_field="pop", weighting=Weighting.POPULATION
    )
    trusts = side(
        [(f"T{g}", g, "Standards Met", 1) for g in ["X", *(f"I{i}" for i in range(8))]],
        extra=["tier"],
    )
    result = rank_ranges(commissioners, trusts, VariantRequest(tier_field="tier"))
    assert len(result.variants) == 4  # weighted or simple commissioners x simple or tier trusts
    x = result.table.set_index("ics").loc["X"]
    assert (x["rank"], x["rank_best"], x["rank_worst"]) == (9, 1, 9)
    assert x["rank_note"] == DEPENDS
    assert x["rank_best_variant"] == "commissioner mean + trust mean"
    assert (
        x["rank_worst_variant"] == "commissioner mean weighted by population ('pop') + trust mean"
    )
    others = result.table.set_index("ics").drop("X")
    assert set(others["rank_note"]) == {""}
    assert "X" in result.notes[1]


def test_tier_weights_make_a_variant_of_the_trust_mean():
    commissioners = side(
        [("C1", "I1", "Standards Met"), ("C2", "I2", "Standards Met")], "commissioner"
    )
    trusts = side(
        [
            ("T1", "I1", "Standards Exceeded", 1),
            ("T2", "I1", "Standards Not Met", 4),
            ("T3", "I2", "Standards Met", 1),
        ],
        extra=["tier"],
    )
    result = rank_ranges(commissioners, trusts, VariantRequest(tier_field="tier"))
    # I1 trusts: simple (3 - 3) / 2 = 0 (composite 0.5); by tier (4 x 3 + 1 x -3) / 5 = 1.8 (1.4)
    # I2: composite 1: I1 second simply, first by tier
    assert result.variants == (
        "commissioner mean + trust mean",
        "commissioner mean + trust mean weighted by EPRR tier ('tier')",
    )
    assert result.ranks.loc["I1"].tolist() == [2, 1]
    assert result.table.set_index("ics").loc["I1", ["rank_best", "rank_worst"]].tolist() == [1, 2]


def test_the_rank_range_beside_a_composite_is_whole_places_and_none_without_a_composite():
    """What both engines write: the composite's rows keep their order and fields, each gains
    the rank range, places as whole numbers; an ICS without a composite (no trusts) has
    no place."""
    commissioners = side(
        [("C1", "I1", "Standards Met"), ("C2", "I2", "Standards Not Met"), ("C3", "I3", "")],
        "commissioner",
    )
    trusts = side([("T1", "I1", "Standards Met"), ("T2", "I2", "Standards Met")])
    request = CompositeRequest(groups=IcsCodes.of(pd.Series(["I1", "I2", "I3"])))
    table = ics_composite(commissioners, trusts, request).table
    written = with_rank_ranges(table, rank_ranges(commissioners, trusts, VariantRequest(request)))
    assert list(written.columns) == [*table.columns, *ADDED_FIELDS]
    assert written["ics"].tolist() == table["ics"].tolist()
    by_ics = written.set_index("ics")
    assert by_ics["rank"].dtype == "Int64"
    assert by_ics["rank"].tolist()[:2] == [1, 2]
    assert by_ics.loc["I3", ["rank", "rank_best", "rank_worst"]].isna().all()
