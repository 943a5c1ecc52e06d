"""Reading exports: encodings, dialects, workbooks, blank rows, column detection, overrides."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import (
    AmbiguousColumnError,
    EmptyInputError,
    InputFormatError,
    MissingColumnError,
)
from dspt_qgis.core.export_columns import ColumnMap, detect_columns
from dspt_qgis.core.reader import TableRead, read_table
from dspt_qgis.core.sources import file_source

HEADER = ["Code", "Organisation Name", "Status", "Primary Sector"]
ROW = ["00L", "Café £ Trust", "20/21 Standards Met", "NHS Trust"]


def read(path, **options) -> pd.DataFrame:
    return read_table(path, **options).table


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_encodings_read_the_same(write_csv, encoding):
    table = read(write_csv([HEADER, ROW], encoding=encoding))
    assert table.columns[0] == "Code"
    assert table.loc[0, "Organisation Name"] == "Café £ Trust"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_line_ends_and_separators_read_the_same(tmp_path, newline, separator):
    path = tmp_path / "export.csv"
    path.write_text(
        newline.join(separator.join(r) for r in (HEADER, ROW, ["RX1", "B", "", "NHS Trust"]))
        + newline,
        encoding="utf-8",
    )
    table = read(path)
    assert list(table.columns[:4]) == HEADER
    assert table["Code"].tolist() == ["00L", "RX1"]
    assert table["source_row"].tolist() == [2, 3]


def test_mixed_encoding_reads_and_warns(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "Code,Name,Status\nA,Café UTF-8,x\n".encode() + "B,Café cp1252,y\n".encode("cp1252")
    )
    read_result = read_table(path)
    assert read_result.table["Name"].tolist() == ["Café UTF-8", "Café cp1252"]
    assert "line(s) 3" in read_result.notes[0]
    assert "Windows-1252" in read_result.notes[0]


def test_nul_bytes_are_removed_and_reported(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Code,Name,Status\nA,Trust\x00 of Leeds,x\n")
    read_result = read_table(path)
    assert read_result.table.loc[0, "Name"] == "Trust of Leeds"
    assert "NUL characters removed" in read_result.notes[0]
    assert "row 2" in read_result.notes[0]


def test_ragged_row_is_explained_in_plain_words(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("Code,Name,Status\nA,Leeds, Trust,x\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="row 2 has 4 cells where the header row has 3"):
        read_table(path)


def test_a_last_row_cut_short_stops_naming_it(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text(
        "Code,Name,Status,Sector\nA,One,20/21 Standards Met,CCG\nB,Tw", encoding="utf-8"
    )
    with pytest.raises(
        InputFormatError,
        match="cut.csv: row 3 has 2 of the 4 cells of the header row: it ends before column 'Status'",
    ):
        read_table(path)


def test_blank_trailing_cells_written_out_are_not_a_cut(tmp_path):
    path = tmp_path / "full.csv"
    path.write_text(
        "Code,Name,Status,Sector\nA,One,20/21 Standards Met,\nB,,,\n\n", encoding="utf-8"
    )
    assert read_table(path).table["Code"].tolist() == ["A", "B"]


def test_binary_and_old_excel_files_are_named(tmp_path):
    binary = tmp_path / "data.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputFormatError, match="not a text table"):
        read_table(binary)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(InputFormatError, match="save it as .xlsx or CSV"):
        read_table(old)


def test_workbook_saved_under_a_csv_name_reads_as_a_workbook(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame([ROW], columns=HEADER).to_excel(path, index=False, engine="openpyxl")
    assert read(path).loc[0, "Code"] == "00L"


def test_crlf_blank_rows_and_whitespace(write_csv):
    path = write_csv(
        [[" Code ", "Status"], [" 00l ", " 20/21 Standards Met "], ["", ""], [",", ""]],
        newline="\r\n",
    )
    whole = read_table(path)
    table = whole.table
    assert list(table.columns) == ["Code", "Status", "source_row"]
    assert len(table) == 1  # the all-blank row is gone; the "," cell is a note below the table
    assert any("row 4 is a note" in note and "','" in note for note in whole.notes)
    assert table.loc[0, "Code"] == "00l"
    assert table.loc[0, "Status"] == "20/21 Standards Met"


def test_codes_stay_text(write_csv):
    assert (
        read(write_csv([["Code", "Status"], ["00123", "Not Published"]])).loc[0, "Code"] == "00123"
    )


def test_source_row_counts_header_as_row_one(write_csv):
    table = read(write_csv([["Code", "Status"], ["A", ""], ["", ""], ["B", ""]]))
    assert table["source_row"].tolist() == [2, 4]


def test_blank_lines_keep_file_row_numbers(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("Code,Status\n\nA,x\n\n\nB,y\n", encoding="utf-8")
    assert read(path)["source_row"].tolist() == [3, 6]


def test_header_only_is_empty(write_csv):
    with pytest.raises(EmptyInputError, match="no organisation rows"):
        read_table(write_csv([HEADER]))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(EmptyInputError, match="nothere.csv"):
        read_table(tmp_path / "nothere.csv")


def test_workbook_sheet_with_columns_is_found(tmp_path):
    path = tmp_path / "export.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"Notes": ["read me"]}).to_excel(writer, sheet_name="About", index=False)
        pd.DataFrame([ROW], columns=HEADER).to_excel(writer, sheet_name="Data", index=False)
    assert read(path).loc[0, "Code"] == "00L"
    assert read(path, sheet="About").columns[0] == "Notes"
    with pytest.raises(MissingColumnError, match="no sheet 'Missing'"):
        read_table(path, sheet="Missing")


def table_of(header: list[str], rows: list[list[object]] | None = None) -> TableRead:
    frame = pd.DataFrame(rows or [[None] * len(header)], columns=header)
    frame["source_row"] = range(2, len(frame) + 2)
    return TableRead(frame, file_source("f.csv"))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["Code", "Organisation Name", "Latest Status", "Primary Sector"],
            ColumnMap(
                code="Code",
                status="Latest Status",
                name="Organisation Name",
                sector="Primary Sector",
            ),
        ),
        (
            ["ODS Code", "LOC22NM", "Status"],
            ColumnMap(code="ODS Code", status="Status", name="LOC22NM"),
        ),
        (
            [
                "Code",
                "Name",
                "Sector",
                "Successor.Code",
                "Latest.Status",
                "Successor.Status",
                "Primary.Sector",
            ],
            ColumnMap(
                code="Code",
                status="Latest.Status",
                name="Name",
                sector="Sector",
                successor_code="Successor.Code",
                successor_status="Successor.Status",
            ),
        ),
        (["ODSCode", "PublicationStatus"], ColumnMap(code="ODSCode", status="PublicationStatus")),
        (
            [" Code ", "Organisation Name ", " Status"],
            ColumnMap(code=" Code ", status=" Status", name="Organisation Name "),
        ),
    ],
)
def test_detects_each_edition_layout(header, expected):
    assert detect_columns(table_of(header)) == expected


def test_missing_status_column_lists_columns():
    with pytest.raises(MissingColumnError) as error:
        detect_columns(table_of(["Code", "Result"], [["A", "x"]]))
    assert "file f.csv" in str(error.value)
    assert "'Result'" in str(error.value)
    assert "status" in str(error.value)


def test_override_wins_and_is_case_insensitive():
    table = table_of(["Code", "Status", "Result 2023"], [["A", "x", "y"]])
    assert detect_columns(table, {"status": "result 2023"}).status == "Result 2023"
    with pytest.raises(MissingColumnError, match="no status field 'Nope'"):
        detect_columns(table, {"status": "Nope"})


def test_duplicated_needed_column_is_ambiguous(write_csv):
    read_result = read_table(
        write_csv([["Code", "Status", "Status"], ["A", "20/21 Standards Met", "x"]])
    )
    assert list(read_result.table.columns[:3]) == ["Code", "Status", "Status_2"]
    with pytest.raises(AmbiguousColumnError, match="'Status' appears more than once"):
        detect_columns(read_result)


def test_duplicated_other_column_is_kept_with_suffix(write_csv):
    read_result = read_table(write_csv([["Code", "Status", "Note", "Note"], ["A", "", "1", "2"]]))
    assert detect_columns(read_result).code == "Code"
    assert read_result.table.loc[0, "Note_2"] == "2"
