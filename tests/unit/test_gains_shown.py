"""What would raise the composite and the rank's range, as the board reads them: the rows
each atlas page lists, the sentence above them, the largest gain per ICS, ranks in words,
and the checks that the gains and ranks belong to the composite they are shown beside.
Every expectation is written out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dspt_qgis.core.atlas import composite_parts
from dspt_qgis.core.errors import InputMismatchError
from dspt_qgis.core.gains import GAIN_FIELDS
from dspt_qgis.core.gains_shown import (
    GAINS_READ,
    RANK_FIELDS,
    check_gains,
    check_rank_range,
    gains_said,
    largest_gains,
    top_gains,
    web_fields,
)
from dspt_qgis.core.rank_range import RANGE_FIELDS
from dspt_qgis.core.rank_words import RANGE_READ, ordinal, rank_said


def test_the_fields_read_are_those_the_outputs_write():
    assert set(GAINS_READ) <= set(GAIN_FIELDS)
    assert set(RANK_FIELDS) | set(RANGE_READ) <= set(RANGE_FIELDS)


@pytest.mark.parametrize(
    ("label", "said"),
    [
        (1, "1st"),
        ("2", "2nd"),
        (3.0, "3rd"),
        ("=4", "=4th"),
        (11, "11th"),
        ("=12", "=12th"),
        (13, "13th"),
        (21, "21st"),
        ("=22", "=22nd"),
        (23, "23rd"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinals(label, said):
    assert ordinal(label) == said


def test_a_rank_with_its_range_across_method_variants():
    assert rank_said("=14", 42, {}) == "=14 of 42 (1 = best)"  # no range: as before
    row = {"rank_best": 9, "rank_worst": 17.0, "rank_note": "depends on the method"}
    assert (
        rank_said("=14", 42, row)
        == "=14th of 42 (1 = best); 9th–17th across method variants, depends on the method"
    )
    row = {"rank_best": 14, "rank_worst": 14, "rank_note": ""}
    assert rank_said("=14", 42, row) == "=14th of 42 (1 = best); 14th under every method variant"


def test_the_page_says_the_rank_with_its_range():
    row = {
        "commissioner_score": 1.0,
        "trust_score": -0.5,
        "composite_score": 0.25,
        "n_commissioners": 1,
        "n_trusts": 2,
        "composite_note": "0.5 x commissioner mean + 0.5 x trust mean",
        "rank_best": 1,
        "rank_worst": 3,
        "rank_note": None,
    }
    assert composite_parts(row, "2", 42, 0.5).splitlines()[-1] == (
        "Rank: 2nd of 42 (1 = best); 1st–3rd across method variants; national median +0.50"
    )


def _gains(rows: list[tuple]) -> pd.DataFrame:
    """A gains table: (ics, code, status, covers, gain_if_met, composite, rank after, note)."""
    return pd.DataFrame(rows, columns=list(GAINS_READ))


ROWS = [
    # I1: six submissions would raise it; two tie at 0.25 (by code); a tiny one
    ("I1", "T6", "Approaching Standards", "T6", 0.25, 0.1, "=3", ""),
    ("I1", "T2", "Standards Not Met", "T2", 0.5, 0.1, "2", ""),
    ("I1", "T5", "Approaching Standards", "T5", 0.25, 0.1, "=3", ""),
    ("I1", "A3A8R", "Not Published", "07L, 07T", 0.75, 0.1, "1", ""),
    ("I1", "RYR", "Approaching Standards", "RXH, RYR", 0.13, 0.1, "4", ""),
    ("I1", "T9", "Approaching Standards", "T9", 0.004, 0.1, "5", ""),
    ("I1", "C1", "Standards Met", "C1", 0.0, 0.1, "5", ""),
    # I2: everyone at Met or above
    ("I2", "C2", "Standards Exceeded", "C2", 0.0, 1.5, "1", ""),
    # I3: no trusts, the composite the commissioners' mean: one gain
    ("I3", "C3", "Approaching Standards", "C3", 1.0, -1.0, "=1", "no trusts: the side counts"),
    # I4: no composite
    ("I4", "C4", "Standards Not Met", "C4", math.nan, math.nan, None, "no trusts: no gain"),
]
NAMES = {"T2": "Trust Two", "RYR": "Sussex Hospitals", "C3": "Third CCG"}


def test_each_page_lists_the_five_largest_gains_largest_first():
    shown = top_gains(_gains(ROWS), NAMES)
    assert shown[
        ["ics", "code", "organisation", "status", "gain", "rank_after"]
    ].values.tolist() == [
        [
            "I1",
            "A3A8R",
            "its submission decides the status of 07L, 07T",
            "Not Published",
            "+0.75",
            "1st",
        ],
        ["I1", "T2", "Trust Two", "Standards Not Met", "+0.50", "2nd"],
        ["I1", "T5", "", "Approaching Standards", "+0.25", "=3rd"],
        ["I1", "T6", "", "Approaching Standards", "+0.25", "=3rd"],
        [
            "I1",
            "RYR",
            "Sussex Hospitals; its submission also decides the status of RXH",
            "Approaching Standards",
            "+0.13",
            "4th",
        ],
        ["I3", "C3", "Third CCG", "Approaching Standards", "+1.00", "=1st"],
    ]
    tiny = top_gains(_gains(ROWS), NAMES, count=6)
    assert tiny.loc[tiny["code"] == "T9", "gain"].tolist() == ["under +0.01"]


def test_the_sentence_above_says_how_many_would_raise_it_or_that_none_would():
    composite = pd.Series({"I1": 0.1, "I2": 1.5, "I3": -1.0, "I4": math.nan, "I5": 0.3})
    said = gains_said(_gains(ROWS), composite)
    assert said.to_dict() == {
        "I1": "6 submissions would raise the composite by reaching Standards Met: the 5 largest "
        "gains, each if that submission alone did, and the ICS's rank after that one change.",
        "I2": "Every organisation counted is at Standards Met or above: reaching Standards Met "
        "would not raise the composite.",
        "I3": "One submission would raise the composite by reaching Standards Met: its gain, "
        "and the ICS's rank after. Note: no trusts: the side counts.",
        "I4": "No composite, so no gain to it. Note: no trusts: no gain.",
        "I5": "Every organisation counted is at Standards Met or above: reaching Standards Met "
        "would not raise the composite.",
    }


def test_the_largest_gain_of_each_ics():
    largest = largest_gains(_gains(ROWS), NAMES)
    assert largest["I1"] == {
        "gain_code": "A3A8R",
        "gain_organisation": "A3A8R",
        "gain_if_met": 0.75,
        "largest_gain": "+0.75 A3A8R (its submission decides the status of 07L, 07T)",
        "gain_said": "Largest gain: +0.75 if A3A8R reached Standards Met (its submission "
        "decides the status of 07L, 07T).",
    }
    assert (
        largest["I3"]["gain_said"] == "Largest gain: +1.00 if Third CCG (C3) reached Standards Met."
    )
    assert largest["I3"]["largest_gain"] == "+1.00 Third CCG (C3)"
    assert largest["I2"] == {
        "gain_if_met": 0.0,
        "largest_gain": "none: all at Standards Met or above",
        "gain_said": "No submission would raise it by reaching Standards Met.",
    }


TIED = [
    # I5: seven submissions; the 5th, 6th and 7th gains are equal, the two largest too
    ("I5", "R1", "Approaching Standards", "R1", 0.5, 0.0, "=3", ""),
    ("I5", "R2", "Approaching Standards", "R2", 0.5, 0.0, "=3", ""),
    ("I5", "R3", "Standards Not Met", "R3", 0.3, 0.0, "4", ""),
    ("I5", "R4", "Standards Not Met", "R4", 0.2, 0.0, "5", ""),
    ("I5", "R5", "Not Published", "R5", 0.1, 0.0, "6", ""),
    ("I5", "R6", "Not Published", "R6", 0.1, 0.0, "6", ""),
    ("I5", "R7", "Not Published", "R7", 0.1, 0.0, "6", ""),
]


def test_equal_gains_are_never_cut_from_a_page_or_a_label():
    """A board reads 'the 5 largest': three submissions tied 5th are all listed, and the
    largest gain names both submissions giving it."""
    shown = top_gains(_gains(TIED), {"R2": "Second"})
    assert list(shown["code"]) == ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]
    said = gains_said(_gains(TIED), pd.Series({"I5": 0.0}))["I5"]
    assert said.startswith(
        "7 submissions would raise the composite by reaching Standards Met: the 5 largest "
        "gains (7 listed: equal gains), each if"
    )
    largest = largest_gains(_gains(TIED), {"R2": "Second"})["I5"]
    assert largest["largest_gain"] == "+0.50 R1 or Second (R2)"
    assert largest["gain_said"] == (
        "Largest gain: +0.50 if R1 or Second (R2) reached Standards Met, each alone."
    )


def test_the_web_report_says_the_rank_its_range_and_the_largest_gain():
    composite = pd.DataFrame(
        {
            "composite_score": [0.1, 1.5, -1.0, math.nan],
            "rank_best": [2, 1, 1, math.nan],
            "rank_worst": [2, 1, 3, math.nan],
            "rank_note": ["", "", "", ""],
        },
        index=["I1", "I2", "I3", "I4"],
    )
    fields = web_fields(composite, _gains(ROWS), NAMES)
    assert set(fields) == {"I1", "I2", "I3"}  # I4: no composite, nothing said
    assert fields["I3"] == {
        "rank": 3,
        "rank_label": "3rd",
        "rank_range": "1st–3rd",
        "rank_best": 1,
        "gain_if_met": 1.0,
        "largest_gain": "+1.00 Third CCG (C3)",
        "board_said": "Rank: 3rd of 3 (1 = best); 1st–3rd across method variants. "
        "Largest gain: +1.00 if Third CCG (C3) reached Standards Met.",
    }
    assert fields["I2"]["board_said"] == (
        "Rank: 1st of 3 (1 = best); 1st under every method variant. "
        "No submission would raise it by reaching Standards Met."
    )
    only_gains = web_fields(composite[["composite_score"]], _gains(ROWS), NAMES)
    assert only_gains["I1"] == {
        "gain_if_met": 0.75,
        "largest_gain": "+0.75 A3A8R (its submission decides the status of 07L, 07T)",
        "board_said": "Largest gain: +0.75 if A3A8R reached Standards Met (its submission "
        "decides the status of 07L, 07T).",
    }
    only_ranges = web_fields(composite, None, NAMES)
    assert only_ranges["I1"]["board_said"] == (
        "Rank: 2nd of 3 (1 = best); 2nd under every method variant."
    )
    assert web_fields(composite[["composite_score"]], None, NAMES) == {}


def test_gains_of_another_composite_stop_naming_both():
    gains = _gains(ROWS)
    composite = pd.Series({"I1": 0.1, "I2": 1.5, "I3": -1.0, "I4": math.nan})
    check_gains(gains, composite + 1e-12, gains_source="layer gains", composite_source="layer c")
    with pytest.raises(
        InputMismatchError,
        match=r"^layer gains: the composite of ICS I2 is \+1\.500000, but in layer c it is "
        r"\+1\.250000: the gains were computed from another composite",
    ):
        check_gains(
            gains,
            composite.replace(1.5, 1.25),
            gains_source="layer gains",
            composite_source="layer c",
        )
    with pytest.raises(InputMismatchError, match=r"ICS I5 is not given \(no row\), but in layer c"):
        check_gains(
            gains,
            pd.concat([composite, pd.Series({"I5": 0.3})]),
            gains_source="layer gains",
            composite_source="layer c",
        )


def test_ranks_of_other_icss_stop_naming_the_composite():
    table = pd.DataFrame(
        {
            "ics": ["I1", "I2", "I3"],
            "composite_score": [1.0, 0.5, math.nan],
            "rank": [1, 2, None],
            "rank_best": [1, 1, None],
            "rank_worst": [2, 3, None],
        }
    )
    check_rank_range(table, source="layer c")
    with pytest.raises(
        InputMismatchError,
        match=r"^layer c: ICS I2 ranks 2 of the 2 composites given, but its fields rank, "
        r"rank_best and rank_worst say 3, 1, 3: they were ranked among other ICSs",
    ):
        check_rank_range(table.assign(rank=[1, 3, None]), source="layer c")
    with pytest.raises(InputMismatchError, match=r"ICS I1 ranks 1 .* say 1, 2, 2"):
        check_rank_range(table.assign(rank_best=[2, 1, None]), source="layer c")
