"""Which ICS an organisation's points put it in (core.placement), over generated layouts.

Each generated organisation has 0 to 3 points, each in no ICS, one or (on a border,
where polygons overlap) two; rows and points come in a random order. The expectation is
worked out here with sets: the ICSs of all its points; none without points; stop when two.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dspt_qgis.core.placement import Organisations, PlacementError, place
from dspt_qgis.core.sources import layer_source

SOURCE = layer_source("trusts in trusts.gpkg")
ICS = ["E54000005", "E54000006", "Q1", "Q2"]


@st.composite
def layouts(draw):
    """(organisations: feature -> list of points, each a set of ICS codes) and an order."""
    features = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=12, unique=True))
    points = st.lists(st.sets(st.sampled_from(ICS), max_size=2), max_size=3)
    return {feature: draw(points) for feature in features}, draw(st.randoms())


def frames(layout: dict[int, list[set[str]]], shuffle) -> tuple[Organisations, pd.DataFrame]:
    """The layout as the spatial side gives it, rows and points shuffled."""
    rows = list(layout)
    shuffle.shuffle(rows)
    table = pd.DataFrame({"feature": rows}, index=[f"row{r}" for r in rows])
    organisations = Organisations(
        table["feature"],
        pd.Series([f"R{r}" for r in rows], index=table.index),
        pd.Series(rows, index=table.index),
        SOURCE,
        "trust",
    )
    points, part = [], 0
    for feature in rows:
        for codes in layout[feature]:
            part += 1
            points += [(feature, part, code) for code in codes] or [(feature, part, None)]
    shuffle.shuffle(points)
    return organisations, pd.DataFrame(points, columns=["feature", "part", "group"])


@given(layouts())
def test_an_organisation_counts_in_the_one_ics_of_its_points_whatever_the_order(drawn):
    layout, shuffle = drawn
    organisations, points = frames(layout, shuffle)
    ics = {feature: set().union(*parts) for feature, parts in layout.items()}
    several = sorted(feature for feature, codes in ics.items() if len(codes) > 1)
    if several:
        with pytest.raises(PlacementError) as error:
            place(organisations, points, "layer ics")
        message = str(error.value)
        assert f"{len(several)} trust(s) lie in more than one ICS polygon of layer ics" in message
        for feature in several[:10]:
            assert f"R{feature} (feature {feature}) in {' and '.join(sorted(ics[feature]))}" in (
                message
            )
        return
    placement = place(organisations, points, "layer ics")
    for row, feature in organisations.features.items():
        codes = ics[feature]
        assert placement.codes[row] == (next(iter(codes)) if codes else None)
        assert placement.reasons[row] == (
            None
            if codes
            else "the point lies outside every ICS polygon"
            if layout[feature]
            else "the organisation has no point geometry"
        )
    partly = sorted(
        feature for feature, parts in layout.items() if ics[feature] and any(not p for p in parts)
    )
    assert bool(placement.notes) == bool(partly)
    for feature in partly[:10]:
        assert f"R{feature} (feature {feature}) in {next(iter(ics[feature]))}" in placement.notes[0]


def test_eleven_organisations_in_two_icss_are_listed_ten_and_one_more():
    layout = {n: [{"Q1"}, {"Q2"}] for n in range(1, 12)}
    organisations, points = frames(layout, random.Random(1))
    with pytest.raises(PlacementError, match=r"R10 \(feature 10\) in Q1 and Q2 and 1 more\."):
        place(organisations, points, "layer ics")
