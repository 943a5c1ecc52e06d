"""Status resolution by edition, successors, duplicates and carried-through columns."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import (
    DsptError,
    DuplicateCodeError,
    EditionError,
    SuccessorCycleError,
)
from dspt_qgis.core.export_columns import ColumnMap
from dspt_qgis.core.reader import TableRead
from dspt_qgis.core.resolve import ImportRequest, import_export, resolve_export
from dspt_qgis.core.sources import file_source

CURATED = ColumnMap(
    code="Code",
    status="Latest.Status",
    sector="Sector",
    successor_code="Successor.Code",
    successor_status="Successor.Status",
)


def export(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (code, sector, latest status, successor code, successor status)."""
    return pd.DataFrame(
        rows, columns=["Code", "Sector", "Latest.Status", "Successor.Code", "Successor.Status"]
    )


def resolve(frame: pd.DataFrame, source: str = "export.csv", **request):
    """Resolve rows as if read from a file (header = row 1, first row = row 2)."""
    frame = frame.assign(source_row=range(2, len(frame) + 2))
    return resolve_export(TableRead(frame, file_source(source)), CURATED, ImportRequest(**request))


def statuses(result) -> dict[str, tuple[str, str]]:
    return {r.code: (r.status, r.status_source) for r in result.table.itertuples()}


def test_own_status_of_the_edition_counts():
    result = resolve(export([("A", "CCG", "20/21 Standards Met", None, None)]), edition="20/21")
    assert statuses(result) == {"A": ("Standards Met", "own")}
    assert result.table.loc[0, "score"] == 1.0


def test_older_edition_is_not_a_status_for_this_edition():
    result = resolve(
        export(
            [
                ("A", "CCG", "19/20 Standards Exceeded", None, None),
                ("B", "CCG", "20/21 Standards Met", None, None),
            ]
        ),
        edition="20/21",
    )
    assert statuses(result)["A"] == ("Not Published", "none")
    assert result.table.loc[0, "score"] == -3.0


@pytest.mark.parametrize("chosen", ["23/24", "20/21", "2022/23"])
def test_an_edition_no_status_names_stops_naming_the_file_and_what_it_holds(chosen):
    """A mistyped edition made every organisation Not Published with only a note."""
    rows = [
        ("A", "CCG", "19/20 Standards Exceeded", None, None),
        ("B", "CCG", "21/22 Standards Met", None, None),
        ("C", "CCG", "21/22 Approaching Standards", None, None),
    ]
    with pytest.raises(EditionError) as error:
        resolve(export(rows), edition=chosen)
    message = str(error.value)
    assert "export.csv" in message
    assert "'Latest.Status'" in message
    assert "19/20 (1 row(s)), 21/22 (2 row(s))" in message


def test_statuses_of_other_editions_are_counted_in_a_note():
    rows = [
        ("A", "CCG", "21/22 Standards Met", None, None),
        ("B", "CCG", "20/21 Standards Met", None, None),
        ("C", "CCG", "19/20 Standards Met", None, None),
        ("D", "CCG", "20/21 Approaching Standards", None, None),
        ("E", "CCG", "Not Published", None, None),
    ]
    notes = resolve(export(rows), edition="21/22").notes
    assert [n for n in notes if "other editions" in n] == [
        "3 status(es) in column 'Latest.Status' belong to other editions (19/20: 1, 20/21: 2); "
        "only 21/22 counts, so those organisations take their successor's 21/22 status or are "
        "Not Published."
    ]
    only_this_edition = resolve(export(rows[:1] + rows[4:]), edition="21/22").notes
    assert not [n for n in only_this_edition if "other editions" in n]


def test_successor_in_same_export_gives_its_status():
    rows = [
        ("OLD", "CCG", "19/20 Standards Met", "NEW", None),
        ("NEW", "CCG", "20/21 Approaching Standards", None, None),
    ]
    assert statuses(resolve(export(rows), edition="20/21"))["OLD"] == (
        "Approaching Standards",
        "successor",
    )


def test_successor_chain_is_followed():
    rows = [
        ("A", "Trust", None, "B", None),
        ("B", "Trust", None, "C", None),
        ("C", "Trust", "20/21 Standards Exceeded", None, None),
    ]
    got = statuses(resolve(export(rows), edition="20/21"))
    assert got["A"] == got["B"] == ("Standards Exceeded", "successor")


def test_explicit_successor_status_used_when_successor_not_in_export():
    rows = [
        ("A", "CCG", "19/20 Standards Met", "X9", "20/21 Standards Met"),
        ("B", "CCG", None, "X9", "Not Published"),
        ("C", "CCG", None, "X9", "19/20 Standards Met"),
    ]
    got = statuses(resolve(export(rows), edition="20/21"))
    assert got == {
        "A": ("Standards Met", "successor"),
        "B": ("Not Published", "none"),
        "C": ("Not Published", "none"),
    }


def test_successor_loop_raises_naming_codes():
    rows = [("A", "Trust", None, "B", None), ("B", "Trust", None, "A", None)]
    with pytest.raises(SuccessorCycleError, match="A -> B -> A"):
        resolve(export(rows), edition="20/21")


def test_loop_broken_by_an_own_status_is_fine():
    rows = [("A", "Trust", None, "B", None), ("B", "Trust", "20/21 Standards Met", "A", None)]
    assert statuses(resolve(export(rows), edition="20/21"))["A"] == (
        "Standards Met",
        "successor",
    )


def test_newest_edition_is_the_default():
    rows = [
        ("A", "CCG", "20/21 Standards Met", None, None),
        ("B", "CCG", "21/22 Standards Met", None, None),
    ]
    result = resolve(export(rows))
    assert result.edition == "21/22"
    assert statuses(result) == {"A": ("Not Published", "none"), "B": ("Standards Met", "own")}


def test_no_edition_anywhere_needs_an_explicit_edition():
    with pytest.raises(DsptError, match="give the edition"):
        resolve(export([("A", "CCG", "Not Published", None, None)]))


def test_duplicate_same_status_counts_once_and_is_reported():
    rows = [
        ("RW6", "Trust", None, "RM3", "20/21 Standards Met"),
        ("RW6", "Trust", None, "R0A", "20/21 Standards Met"),
    ]
    result = resolve(export(rows), edition="20/21")
    assert len(result.table) == 1
    outcomes = result.diagnostics.set_index("source_row")["outcome"].to_dict()
    assert outcomes == {2: "used", 3: "duplicate"}
    assert "row 2" in result.diagnostics.loc[1, "reason"]


def test_duplicate_conflicting_status_raises_naming_code_and_rows():
    rows = [
        ("A", "Trust", "20/21 Standards Met", None, None),
        ("a ", "Trust", "20/21 Standards Not Met", None, None),
    ]
    with pytest.raises(DuplicateCodeError) as error:
        resolve(export(rows), edition="20/21", source="f.csv")
    assert "file f.csv" in str(error.value)
    assert "A: row 2 'Standards Met', row 3 'Standards Not Met'" in str(error.value)


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (1, 0, 3, 2), (3, 2, 1, 0)])
def test_one_organisation_with_two_successors_of_different_statuses_stops_in_any_row_order(order):
    rows = [
        ("RW6", "Trust", None, "RM3", None),
        ("RW6", "Trust", None, "R0A", None),
        ("RM3", "Trust", "20/21 Standards Met", None, None),
        ("R0A", "Trust", "20/21 Standards Not Met", None, None),
    ]
    with pytest.raises(DuplicateCodeError) as error:
        resolve(export([rows[i] for i in order]), edition="20/21", source="f.csv")
    message = str(error.value)
    assert "1 organisation code(s) appear more than once with different statuses" in message
    first, second = (
        order.index(0) + 2,
        order.index(1) + 2,
    )  # the file rows of RW6 -> RM3 and RW6 -> R0A
    assert f"row {first} 'Standards Met' (successor 'RM3')" in message
    assert f"row {second} 'Standards Not Met' (successor 'R0A')" in message


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (1, 0, 3, 2)])
def test_one_organisation_with_two_successors_of_one_status_counts_once(order):
    rows = [
        ("RW6", "Trust", None, "RM3", None),
        ("RW6", "Trust", None, "R0A", None),
        ("RM3", "Trust", "20/21 Standards Met", None, None),
        ("R0A", "Trust", "20/21 Standards Met", None, None),
    ]
    result = resolve(export([rows[i] for i in order]), edition="20/21")
    assert statuses(result)["RW6"] == ("Standards Met", "successor")
    repeated = result.diagnostics[result.diagnostics["outcome"] == "duplicate"]
    assert repeated["reason"].tolist() == [
        f"same code, status, status source and sector as row {min(order.index(0), order.index(1)) + 2}; counted once"
    ]


def test_a_chain_through_an_organisation_listed_twice_takes_its_one_status():
    rows = [
        ("A", "Trust", None, "B", None),
        ("B", "Trust", None, "C", None),
        ("B", "Trust", None, "D", None),
        ("C", "Trust", "20/21 Standards Exceeded", None, None),
        ("D", "Trust", "20/21 Standards Exceeded", None, None),
    ]
    for ordered in (rows, rows[::-1]):
        assert statuses(resolve(export(ordered), edition="20/21"))["A"] == (
            "Standards Exceeded",
            "successor",
        )


def test_rows_of_one_code_that_differ_in_where_the_status_came_from_stop():
    rows = [
        ("A", "Trust", "20/21 Standards Met", None, None),
        ("A", "Trust", None, "B", None),
        ("B", "Trust", "20/21 Standards Met", None, None),
    ]
    with pytest.raises(
        DuplicateCodeError,
        match=r"different status sources:\n  A: row 2 'Standards Met' "
        r"\(status source 'own'\), row 3 'Standards Met' \(status source "
        r"'successor'; successor 'B'\)",
    ):
        resolve(export(rows), edition="20/21", source="f.csv")


def test_rows_of_one_code_in_two_sectors_stop():
    rows = [
        ("A", "Trust", "20/21 Standards Met", None, None),
        ("A", "CSU", "20/21 Standards Met", None, None),
    ]
    with pytest.raises(
        DuplicateCodeError,
        match=r"different sectors:\n  A: row 2 'Standards Met' \(sector "
        r"'Trust'\), row 3 'Standards Met' \(sector 'CSU'\)",
    ):
        resolve(export(rows), edition="20/21", source="f.csv")


def test_a_long_successor_chain_needs_no_recursion():
    count = 5000  # deeper than Python's recursion limit
    rows = [(f"C{i}", "Trust", None, f"C{i + 1}", None) for i in range(count)]
    rows.append((f"C{count}", "Trust", "20/21 Standards Met", None, None))
    got = statuses(resolve(export(rows), edition="20/21"))
    assert got["C0"] == ("Standards Met", "successor")


def test_rows_without_code_are_reported_not_dropped():
    rows = [
        ("A", "CCG", "20/21 Standards Met", None, None),
        (None, "CCG", "20/21 Standards Met", None, None),
    ]
    result = resolve(export(rows), edition="20/21")
    assert result.diagnostics["outcome"].tolist() == ["used", "excluded"]
    assert "no organisation code" in result.diagnostics.loc[1, "reason"]


def test_sector_classes_and_raw_value_kept():
    rows = [
        (c, s, "20/21 Standards Met", None, None)
        for c, s in [
            ("A", "CCG"),
            ("B", "CCG / Integrated Care Board (ICB)"),
            ("C", "NHS Trust"),
            ("D", "Acute"),
            ("E", "Commissioning Support Unit (CSU)"),
            ("F", "GP"),
            ("G", None),
        ]
    ]
    table = resolve(export(rows), edition="20/21").table
    assert table["sector"].tolist() == [
        "Commissioner",
        "Commissioner",
        "Trust",
        "Trust",
        "CSU",
        "Other",
        "Other",
    ]
    assert table.loc[4, "sector_raw"] == "Commissioning Support Unit (CSU)"


def test_default_sector_fills_a_missing_sector_column(write_csv):
    path = write_csv([["ODS Code", "Status"], ["RJ1", "21/22 Standards Met"]])
    table = import_export(path, ImportRequest(default_sector="NHS Trust")).table
    assert table.loc[0, ["sector", "sector_raw"]].tolist() == ["Trust", "NHS Trust"]


def test_output_fields_and_carried_columns_with_input_suffix(write_csv):
    path = write_csv(
        [
            ["Code", "Organisation Name", "Status", "Primary Sector", "ICB", "SCORE"],
            [
                "q1",
                "NHS One",
                "22/23 Standards Met",
                "CCG / Integrated Care Board (ICB)",
                "QRV",
                "x",
            ],
        ]
    )
    table = import_export(path).table
    assert list(table.columns[:11]) == [
        "code",
        "name",
        "sector",
        "sector_raw",
        "status_raw",
        "edition",
        "status",
        "status_source",
        "decided_by",
        "score",
        "source_row",
    ]
    assert table.loc[0, "code"] == "Q1"
    assert table.loc[0, "Code_input"] == "q1"
    assert table.loc[0, "Status_input"] == "22/23 Standards Met"
    assert table.loc[0, "SCORE_input"] == "x"
    assert table.loc[0, "ICB"] == "QRV"
    assert table.loc[0, "Organisation Name"] == "NHS One"


def decided_by(result) -> dict[str, str | None]:
    return dict(zip(result.table["code"], result.decided_by))


def test_the_submission_deciding_each_status_is_recorded():
    """Own status: its own; along a chain: the end's; a stated successor status: the
    successor named beside it (or, naming none, its own); no status: nobody's."""
    rows = [
        ("A", "Trust", None, "B", None),
        ("B", "Trust", None, "C", None),
        ("C", "Trust", "20/21 Standards Exceeded", None, None),
        ("D", "CCG", "19/20 Standards Met", "X9", "20/21 Standards Met"),
        ("E", "CCG", None, None, "20/21 Approaching Standards"),
        ("F", "CCG", None, "X9", "Not Published"),
        ("G", "CCG", None, "C", "20/21 Standards Not Met"),  # the listed successor comes first
    ]
    result = resolve(export(rows), edition="20/21")
    assert decided_by(result) == {
        "A": "C",
        "B": "C",
        "C": "C",
        "D": "X9",
        "E": "E",
        "F": None,
        "G": "C",
    }
    # the output's field names it only where it is another organisation's submission
    assert dict(zip(result.table["code"], result.table["decided_by"])) == {
        "A": "C",
        "B": "C",
        "C": None,
        "D": "X9",
        "E": None,
        "F": None,
        "G": "C",
    }


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (1, 0, 3, 2), (3, 2, 1, 0)])
def test_two_successors_of_one_status_decide_by_the_first_code_in_any_order(order):
    rows = [
        ("RW6", "Trust", None, "RM3", None),
        ("RW6", "Trust", None, "R0A", None),
        ("RM3", "Trust", "20/21 Standards Met", None, None),
        ("R0A", "Trust", "20/21 Standards Met", None, None),
    ]
    result = resolve(export([rows[i] for i in order]), edition="20/21")
    assert decided_by(result) == {"RW6": "R0A", "RM3": "RM3", "R0A": "R0A"}
