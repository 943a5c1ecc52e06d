"""Every corpus file through the core: the expected result or error text, and accounting.

The expected outcome of each case is written here, next to its name; an error case also
names the text fragment the analyst must see.
"""

from __future__ import annotations

import pytest

from dspt_qgis.core import errors
from dspt_qgis.core.reader import read_table
from dspt_qgis.core.resolve import ImportRequest, import_export
from tests.corpus.make_corpus import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


def statuses(result) -> dict[str, str]:
    return dict(zip(result.table["code"], result.table["status"]))


THREE = {"00L": "Standards Met", "RTD": "Standards Exceeded", "RX1": "Approaching Standards"}

#: file -> expected statuses by code (edition 20/21)
RESULTS = {
    "utf8.csv": {
        "00L": "Standards Met",
        "RTD": "Standards Exceeded",
        "RX1": "Approaching Standards",
    },
    "utf8_bom.csv": {
        "00L": "Standards Met",
        "RTD": "Standards Exceeded",
        "RX1": "Approaching Standards",
    },
    "crlf.csv": {
        "00L": "Standards Met",
        "RTD": "Standards Exceeded",
        "RX1": "Approaching Standards",
    },
    "trailing_blank_rows.csv": {
        "00L": "Standards Met",
        "RTD": "Standards Exceeded",
        "RX1": "Approaching Standards",
    },
    "cp1252_pound_accents.csv": {"RA1": "Standards Met"},
    "renamed_columns.csv": {"00L": "Standards Met"},
    "mixed_case_statuses.csv": {
        "A": "Standards Met",
        "B": "Approaching Standards",
        "C": "Not Published",
        "D": "Not Published",
    },
    "several_editions.csv": {"A": "Not Published", "B": "Standards Met", "C": "Not Published"},
    "duplicate_same_status.csv": {"A": "Standards Met", "B": "Standards Met"},
    "successor_chain.csv": {
        "A": "Standards Exceeded",
        "B": "Standards Exceeded",
        "C": "Standards Exceeded",
    },
    "formula_cells.csv": {"A": "Standards Met", "B": "Standards Met", "C": "Standards Met"},
    "lower_case_codes.csv": {"00L": "Standards Met", "RX1": "Standards Met"},
    "semicolon_separated.csv": {"A": "Standards Met"},
    "blank_codes.csv": {"B": "Standards Met"},
    "utf16_bom.csv": THREE,
    "utf16le_no_bom.csv": THREE,
    "cr_only.csv": THREE,
    "tab_separated.csv": THREE,
    "mixed_encoding.csv": {**THREE, "RB1": "Standards Met", "RA1": "Standards Met"},
    "nul_in_name.csv": {"RA1": "Standards Met"},
    "edition_spellings.csv": {
        "A": "Standards Met",
        "B": "Standards Exceeded",
        "C": "Approaching Standards",
    },
    "sector_named_total.csv": {"A": "Standards Met", "B": "Standards Met"},
    "fid_column.csv": {"A": "Standards Met", "B": "Standards Met"},
    "split_trust_one_status.csv": {
        "RW6": "Standards Met",
        "RM3": "Standards Met",
        "R0A": "Standards Met",
    },
    "short_last_row_excel.csv": {**THREE, "RY1": "Not Published"},
    "notes_below_table.csv": THREE,
    "several_sheets.xlsx": {
        "00L": "Standards Met",
        "RTD": "Standards Exceeded",
        "RX1": "Approaching Standards",
    },
}

#: file -> (exception type, fragment of its message)
ERRORS = {
    "header_only.csv": (errors.EmptyInputError, "no organisation rows below the header"),
    "empty.csv": (errors.EmptyInputError, "the file is empty"),
    "missing_status_column.csv": (errors.MissingColumnError, "no status column found"),
    "duplicated_status_column.csv": (
        errors.AmbiguousColumnError,
        "'Status' appears more than once",
    ),
    "unknown_statuses.csv": (errors.UnknownStatusError, "'20/21 Nearly there': rows 3, 4"),
    "ragged_row.csv": (errors.InputFormatError, "row 2 has 6 cells where the header row has 5"),
    "unclosed_quote.csv": (
        errors.InputFormatError,
        "double quote opened in a cell is never closed",
    ),
    "binary.csv": (errors.InputFormatError, "not a text table"),
    "old_excel.xls": (errors.InputFormatError, "save it as .xlsx or CSV"),
    "duplicate_conflicting_status.csv": (
        errors.DuplicateCodeError,
        "A: row 2 'Standards Met', row 3",
    ),
    "successor_loop.csv": (errors.SuccessorCycleError, "A -> B -> A"),
    "conflicting_successors.csv": (
        errors.DuplicateCodeError,
        "RW6: row 2 'Standards Met' (successor 'RM3'), row 3 'Standards Not Met' (successor 'R0A')",
    ),
    "conflicting_successor_statuses.csv": (
        errors.DuplicateCodeError,
        "RW6: row 2 'Standards Met' (successor 'RM3'), row 3 'Standards Exceeded' (successor 'RM3')",
    ),
    "one_code_two_sectors.csv": (errors.DuplicateCodeError, "different sectors"),
    "cut_off_download.csv": (
        errors.InputFormatError,
        "row 5 has 2 of the 5 cells of the header row: it ends before column 'Status'",
    ),
    "no_edition_anywhere.csv": (errors.DsptError, "give the edition explicitly"),
    "note_among_rows.csv": (
        errors.InputFormatError,
        "row 3 holds 'See the note below' in column 'Code', between rows holding organisation codes",
    ),
}


@pytest.mark.parametrize(("name", "expected"), sorted(RESULTS.items()))
def test_corpus_results_and_accounting(corpus, name, expected):
    result = import_export(corpus / name, ImportRequest(edition="20/21"))
    assert statuses(result) == expected
    input_rows = len(read_table(corpus / name).table)
    outcomes = result.diagnostics["outcome"]
    assert len(result.diagnostics) == input_rows  # every input organisation accounted for
    assert (outcomes == "used").sum() == len(result.table)
    assert outcomes.isin(["used", "duplicate", "excluded"]).all()


@pytest.mark.parametrize(("name", "expected"), sorted(ERRORS.items()))
def test_corpus_errors_name_the_problem(corpus, name, expected):
    kind, fragment = expected
    edition = None if name == "no_edition_anywhere.csv" else "20/21"
    with pytest.raises(kind) as error:
        import_export(corpus / name, ImportRequest(edition=edition))
    assert fragment in str(error.value)
    assert (
        name in str(error.value)
        or kind is errors.SuccessorCycleError
        or kind is errors.AmbiguousColumnError
    )


def test_cp1252_text_survives(corpus):
    result = import_export(corpus / "cp1252_pound_accents.csv", ImportRequest(edition="20/21"))
    assert result.table.loc[0, "name"] == "Trust of Café £ Sévérine"
    assert result.notes == ()  # a plain Windows-1252 file needs no warning


def test_mixed_encoding_reads_every_name_and_warns(corpus):
    result = import_export(corpus / "mixed_encoding.csv", ImportRequest(edition="20/21"))
    names = result.table.set_index("code")["name"]
    assert names["RA1"] == "Trust of Café £ Sévérine"
    assert names["RB1"] == "Zoë's Trust"
    assert any("line(s) 6" in note for note in result.notes)


def test_nul_bytes_do_not_cut_names_short(corpus):
    result = import_export(corpus / "nul_in_name.csv", ImportRequest(edition="20/21"))
    assert result.table.loc[0, "name"] == "Trust of Leeds"
    assert any("NUL characters" in note for note in result.notes)


def test_blank_code_is_reported_not_dropped(corpus):
    result = import_export(corpus / "blank_codes.csv", ImportRequest(edition="20/21"))
    excluded = result.diagnostics[result.diagnostics["outcome"] == "excluded"]
    assert excluded["source_row"].tolist() == [2]
    assert "no organisation code" in excluded["reason"].iloc[0]


def test_corpus_has_at_least_the_promised_cases(corpus):
    assert len(list(corpus.iterdir())) >= 41
