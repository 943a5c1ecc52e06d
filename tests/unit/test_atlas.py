"""The atlas's content: who each page lists, ranks with ties, and the composite's parts."""

from __future__ import annotations

import base64
import math

import pandas as pd
import pytest

from dspt_qgis.core.atlas import (
    atlas_content,
    change_words,
    check_counts,
    composite_parts,
    members,
    places,
    ranking,
)
from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.composite import CompositeRequest, ics_composite
from dspt_qgis.core.errors import DsptError
from dspt_qgis.core.scoring import ScoringScheme
from tests.unit.helpers import side


def _sides():
    commissioners = side(
        [("C1", "I1", "Standards Met", "NHS One CCG"), ("C2", "I2", "Standards Exceeded", "Two")],
        "commissioner",
        extra=["name"],
    )
    trusts = side(
        [
            ("T1", "I1", "Standards Not Met", "Trust One"),
            ("T2", "I1", "Approaching Standards", "Trust Two"),
            ("T2", "I1", "Approaching Standards", "Trust Two"),  # listed twice: counted once
            ("T3", "I2", "Standards Met", "Trust Three"),
            ("T9", "I9", "Standards Met", "Elsewhere"),  # an ICS not on the map
        ],
        extra=["name"],
    )
    return commissioners, trusts


def _listed(commissioners, trusts):
    return members(
        [(commissioners, "name", None), (trusts, "name", None)],
        edition=None,
        groups=IcsCodes.of(["I1", "I2"]),
        scheme=ScoringScheme(),
    )


def test_each_ics_lists_the_organisations_its_composite_counts():
    commissioners, trusts = _sides()
    listed = _listed(commissioners, trusts)
    assert listed[["ics", "side", "code", "name"]].values.tolist() == [
        ["I1", "Commissioner", "C1", "NHS One CCG"],
        ["I1", "Trust", "T1", "Trust One"],
        ["I1", "Trust", "T2", "Trust Two"],
        ["I2", "Commissioner", "C2", "Two"],
        ["I2", "Trust", "T3", "Trust Three"],
    ]
    composite = ics_composite(
        commissioners, trusts, CompositeRequest(groups=IcsCodes.of(["I1", "I2"]))
    ).table
    check_counts(listed, composite, "composite")  # the same organisations: no error


def test_a_composite_from_other_inputs_is_refused_naming_the_ics():
    commissioners, trusts = _sides()
    listed = _listed(commissioners, trusts)
    composite = pd.DataFrame({"ics": ["I1", "I2"], "n_commissioners": [1, 1], "n_trusts": [3, 1]})
    with pytest.raises(
        DsptError, match=r"composite: ICS I1 counts 1 commissioners and 3 trusts.*1 and 2"
    ):
        check_counts(listed, composite, "composite")


def test_ranks_are_best_first_and_ties_share_a_place():
    ranked = ranking(pd.Series({"A": 1.0, "B": 2.5, "C": 1.0, "D": math.nan, "E": -0.5}))
    labels = ranked["rank_label"]
    assert labels.drop("D").to_dict() == {"A": "=2", "B": "1", "C": "=2", "E": "4"}
    assert pd.isna(labels["D"])  # no composite: not ranked
    assert set(ranked["of"]) == {4}


def test_composites_equal_but_for_float_noise_share_a_place():
    thirds = 0.1 + 0.2  # 0.30000000000000004
    ranked = ranking(pd.Series({"A": thirds, "B": 0.3, "C": 0.1}))
    assert ranked["rank_label"].to_dict() == {"A": "=1", "B": "=1", "C": "3"}


def test_a_value_is_placed_among_the_others_with_scores_taken_out_and_put_in():
    field = pd.Series({"I1": 2.0, "I2": 1.0, "I3": 0.0, "I4": -1.0})
    values = pd.Series([1.0, 1.5, 3.0, math.nan], index=[10, 11, 12, 13])
    # 10: I3 moves from 0 to 1 (I3's own score out): tied with I2 at 1, below I1
    # 11: I4 moves to 1.5, and I1 moves to 0.5 with it (out 2.0, in 0.5)
    out = pd.Series([0.0, -1.0, 2.0, 2.0], index=[10, 11, 11, 12])
    into = pd.Series([0.5], index=[11])
    placed = places(values, field, out=out, into=into)
    assert placed["rank_label"].iloc[:3].tolist() == ["=2", "1", "1"]
    assert placed["rank"].iloc[:3].tolist() == [2, 1, 1]
    assert pd.isna(placed.loc[13, "rank"])


def test_values_are_placed_within_their_own_group():
    gains = pd.Series([0.5, 0.2, 0.5, 0.1, 0.9])
    ics = pd.Series(["I1", "I1", "I1", "I2", "I2"])
    placed = places(gains, gains, out=gains, within=(ics, ics))
    assert placed["rank_label"].tolist() == ["=1", "3", "=1", "2", "1"]


def test_the_parts_say_how_the_composite_is_made_up():
    row = {
        "commissioner_score": 1.0,
        "trust_score": -0.5,
        "composite_score": 0.25,
        "n_commissioners": 1,
        "n_trusts": 2,
        "composite_note": "0.5 x commissioner mean weighted by population + 0.5 x trust mean",
    }
    assert composite_parts(row, "=3", 42, 0.5).splitlines() == [
        "Commissioner mean: +1.00 (1 commissioner)",
        "Trust mean: -0.50 (2 trusts)",
        "Composite: +0.25 = 0.5 x commissioner mean weighted by population + 0.5 x trust mean",
        "Rank: =3 of 42 (1 = best); national median +0.50",
    ]
    row |= {"trust_score": math.nan, "composite_score": math.nan, "n_trusts": 0}
    row["composite_note"] = "no trusts: composite not computed"
    assert composite_parts(row, None, 42, 0.5).splitlines()[1:] == [
        "Trust mean: none (0 trusts)",
        "Composite: not computed (no trusts: composite not computed)",
    ]


def test_change_words_name_the_previous_status():
    change = pd.DataFrame(
        {
            "code": ["T1", "T2", "T3"],
            "direction": ["improved", "new", "unchanged"],
            "status_before": ["Approaching Standards", None, "Standards Met"],
        }
    )
    assert change_words(change).to_dict() == {
        "T1": "improved: was Approaching Standards",
        "T2": "new",
        "T3": "unchanged: was Standards Met",
    }


def test_pages_are_the_cover_then_each_ics_by_name_with_the_ranking_best_first():
    commissioners, trusts = _sides()
    listed = _listed(commissioners, trusts)
    table = ics_composite(
        commissioners, trusts, CompositeRequest(groups=IcsCodes.of(["I1", "I2"]))
    ).table
    table["ics_name"] = table["ics"].map({"I1": "Zeta ICS", "I2": "Alpha <b>ICS</b>"})
    content = atlas_content(
        table, listed, title="DSPT 20/21", scheme=ScoringScheme(), change=pd.Series({"T1": "new"})
    )
    assert content.pages["title"].tolist() == ["DSPT 20/21", "Alpha <b>ICS</b>", "Zeta ICS"]
    assert content.pages["page"].tolist() == [0, 1, 2]
    # I2: 0.5 x 3 + 0.5 x 1 = 2; I1: 0.5 x 1 + 0.5 x (-3 - 1) / 2 = -0.5
    assert content.ranking.values.tolist() == [
        ["1", "Alpha <b>ICS</b>", "+2.00"],
        ["2", "Zeta ICS", "-0.50"],
    ]
    assert content.organisations.set_index("code")["change"].to_dict()["T1"] == "new"
    assert "Statuses score Standards Exceeded 3" in content.footnote


def test_a_trend_adds_each_ics_its_line_and_the_footnote_how_it_was_carried():
    commissioners, trusts = _sides()
    listed = _listed(commissioners, trusts)
    table = ics_composite(
        commissioners, trusts, CompositeRequest(groups=IcsCodes.of(["I1", "I2"]))
    ).table
    table["ics_name"] = table["ics"].map({"I1": "Zeta ICS", "I2": "Alpha ICS"})
    trend = pd.DataFrame(
        {
            "composite_trend": ["2020/21 -1.00 → 2021/22 none", "2020/21 +0.50 → 2021/22 +2.00"],
            "composite_change": [math.nan, 1.5],
            "composite_2021_22": [math.nan, 2.0],  # in any order: the chart orders them
            "composite_2020_21": [-1.0, 0.5],
        },
        index=["I1", "I2"],
    )
    content = atlas_content(table, listed, title="DSPT", scheme=ScoringScheme(), trend=trend)
    parts = content.pages.set_index("page")["parts"]
    assert parts[1].splitlines()[-1] == "Trend: 2020/21 +0.50 → 2021/22 +2.00 (change +1.50)"
    assert parts[2].splitlines()[-1] == "Trend: 2020/21 -1.00 → 2021/22 none"
    assert "each edition carried onto these boundaries" in content.footnote
    charts = content.pages.set_index("page")["trend_chart"]
    assert charts[0] == ""  # the cover
    alpha = base64.b64decode(charts[1].removeprefix("base64:")).decode("utf-8")
    assert alpha.startswith("<svg")
    assert ">+0.50<" in alpha
    assert ">+2.00<" in alpha
    plain = atlas_content(table, listed, title="DSPT", scheme=ScoringScheme())
    assert "Trend" not in plain.footnote
    assert all("Trend" not in text for text in plain.pages["parts"])
