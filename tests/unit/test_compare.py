"""Comparing two editions: each rule on a handful of organisations, expectations by hand."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dspt_qgis.core.compare import DIRECTIONS, EditionTable, compare_editions
from dspt_qgis.core.errors import DuplicateCodeError, SuccessorCycleError, UnknownStatusError
from dspt_qgis.core.sources import file_source
from dspt_qgis.presentation import palette
from dspt_qgis.presentation.change_report import change_html


def edition(
    rows: list[tuple[str, str, str]], name: str, edition_label: str | None = None
) -> EditionTable:
    """(code, status, sector) rows as an imported table would give them."""
    table = pd.DataFrame(rows, columns=["code", "status", "sector"])
    table["name"] = [f"Org {c}" for c in table["code"]]
    table["source_row"] = range(1, len(table) + 1)
    if edition_label:
        table["edition"] = edition_label
    return EditionTable(table, file_source(name), name_field="name", sector_field="sector")


BEFORE = edition(
    [
        ("RA1", "Standards Met", "Trust"),  # -> Exceeded: improved (+2)
        ("RB2", "Standards Met", "Trust"),  # -> Approaching: declined (-2)
        ("RC3", "Standards Not Met", "Trust"),  # -> Not Published: same score, unchanged
        ("RD4", "Approaching Standards", "Trust"),  # closed into RX9 via RE5 (a chain): improved
        ("RF6", "Standards Exceeded", "Trust"),  # not in the later edition, no successor: gone
        ("00L", "Standards Met", "Commissioner"),  # same: unchanged
    ],
    "2020.csv",
    "20/21",
)
AFTER = edition(
    [
        ("RA1", "Standards Exceeded", "Trust"),
        ("rb2 ", "Approaching Standards", "Trust"),  # codes compare ignoring case and spaces
        ("RC3", "Not Published", "Trust"),
        ("RX9", "Standards Met", "Trust"),  # successor of RD4: new itself
        ("RN1", "Standards Met", "Trust"),  # only later: new
        ("00L", "Standards Met", "Commissioner"),
    ],
    "2022.csv",
    "22/23",
)
SUCCESSORS = {
    "RD4": "RE5",
    "RE5": "RX9",
    "RA1": "RZZ",
}  # RA1's is ignored: RA1 is itself in the later edition


def by_code(change) -> dict[str, dict]:
    return {r["code"]: r for r in change.table.to_dict("records")}


def test_each_organisation_goes_the_way_its_scores_say():
    rows = by_code(compare_editions(BEFORE, AFTER, successors=SUCCESSORS))
    assert {c: r["direction"] for c, r in rows.items()} == {
        "RA1": "improved",
        "RB2": "declined",
        "RC3": "unchanged",
        "RD4": "improved",
        "RF6": "gone",
        "00L": "unchanged",
        "RX9": "new",
        "RN1": "new",
    }
    assert rows["RA1"]["score_change"] == 2.0
    assert rows["RD4"]["score_change"] == 2.0  # Approaching (-1) to its successor's Met (1)
    assert rows["RC3"]["status_after"] == "Not Published"


def test_a_closed_organisation_follows_its_successor_chain_and_says_so():
    rows = by_code(compare_editions(BEFORE, AFTER, successors=SUCCESSORS))
    assert rows["RD4"]["compared_with"] == "RX9"
    assert rows["RD4"]["status_after"] == "Standards Met"
    assert "successor RX9" in rows["RD4"]["note"]
    assert "successor of RD4" in rows["RX9"]["note"]
    assert rows["RA1"]["compared_with"] is None


def test_every_organisation_of_either_edition_has_one_row():
    change = compare_editions(BEFORE, AFTER, successors=SUCCESSORS)
    assert sorted(change.table["code"]) == sorted(
        {"RA1", "RB2", "RC3", "RD4", "RF6", "00L", "RX9", "RN1"}
    )


def test_matrix_counts_each_transition_per_sector_and_in_total():
    matrix = compare_editions(BEFORE, AFTER, successors=SUCCESSORS).matrix
    trust = matrix[matrix["sector"] == "Trust"].set_index("status_before")
    assert trust.loc["Standards Met", ["to_exceeded", "to_approaching", "total"]].tolist() == [
        1,
        1,
        2,
    ]
    assert trust.loc["Approaching Standards", "to_met"] == 1
    assert trust.loc["Standards Exceeded", "to_gone"] == 1
    assert trust.loc["(not in the earlier edition)", "to_met"] == 2
    total = matrix[matrix["sector"] == "Total"]
    assert total["total"].sum() == 8
    assert list(matrix["sector"].unique()) == ["Commissioner", "Trust", "Total"]


def test_notes_count_each_direction_and_name_the_editions():
    change = compare_editions(BEFORE, AFTER, successors=SUCCESSORS)
    assert change.before_label == "20/21"
    assert change.after_label == "22/23"
    assert "2 improved, 2 unchanged, 1 declined, 2 new, 1 gone" in change.notes[0]


def test_successor_loop_stops_naming_the_loop():
    before = edition([("RA1", "Standards Met", "Trust")], "a.csv")
    after = edition([("RB2", "Standards Met", "Trust")], "b.csv")
    with pytest.raises(SuccessorCycleError, match=r"RA1 -> RC3 -> RA1"):
        compare_editions(before, after, successors={"RA1": "RC3", "RC3": "RA1"})


def test_same_code_with_two_statuses_stops_naming_both_rows():
    before = edition(
        [("RA1", "Standards Met", "Trust"), ("RA1", "Standards Not Met", "Trust")], "a.csv"
    )
    with pytest.raises(
        DuplicateCodeError, match=r"RA1: row 1 'Standards Met', row 2 'Standards Not Met'"
    ):
        compare_editions(before, AFTER)


def test_unknown_status_names_the_file_and_row():
    before = edition([("RA1", "Standards Met", "Trust"), ("RB2", "Sort of met", "Trust")], "a.csv")
    with pytest.raises(UnknownStatusError, match=r"(?s)a\.csv.*'Sort of met': row 2\n"):
        compare_editions(before, AFTER)


def test_every_direction_has_a_colour():
    assert tuple(palette.DIRECTION_COLOURS) == DIRECTIONS


def test_report_flows_add_up_and_names_are_text():
    hostile = edition([("RA1", "Standards Met", "<b>Trust</b>")], "a.csv")
    later = edition(
        [("RA1", "Standards Exceeded", "<b>Trust</b>"), ("RB2", "Standards Met", "Trust")], "b.csv"
    )
    page = change_html(compare_editions(hostile, later), title="<i>title</i>")
    assert "<b>" not in page
    assert "<i>" not in page
    flows = [int(n) for n in re.findall(r'<path [^>]*data-count="(\d+)"', page)]
    assert sorted(flows) == [1, 1]  # Met -> Exceeded, (not before) -> Met
