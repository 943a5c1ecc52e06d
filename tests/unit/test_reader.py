"""Reading exports: encodings, workbooks, blank rows, column detection and overrides."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import AmbiguousColumnError, EmptyInputError, MissingColumnError
from dspt_qgis.core.reader import ColumnMap, detect_columns, read_table

HEADER = ["Code", "Organisation Name", "Status", "Primary Sector"]
ROW = ["00L", "Café £ Trust", "20/21 Standards Met", "NHS Trust"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_read_the_same(write_csv, encoding):
    table = read_table(write_csv([HEADER, ROW], encoding=encoding))
    assert table.columns[0] == "Code"
    assert table.loc[0, "Organisation Name"] == "Café £ Trust"


def test_crlf_blank_rows_and_whitespace(write_csv):
    path = write_csv(
        [[" Code ", "Status"], [" 00l ", " 20/21 Standards Met "], ["", ""], [",", ""]],
        newline="\r\n",
    )
    table = read_table(path)
    assert list(table.columns) == ["Code", "Status", "source_row"]
    assert len(table) == 2  # the "," cell is text, the all-blank row is gone
    assert table.loc[0, "Code"] == "00l"
    assert table.loc[0, "Status"] == "20/21 Standards Met"


def test_codes_stay_text(write_csv):
    table = read_table(write_csv([["Code", "Status"], ["00123", "Not Published"]]))
    assert table.loc[0, "Code"] == "00123"


def test_source_row_counts_header_as_row_one(write_csv):
    table = read_table(write_csv([["Code", "Status"], ["A", ""], ["", ""], ["B", ""]]))
    assert table["source_row"].tolist() == [2, 4]


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
    table = read_table(path)
    assert table.loc[0, "Code"] == "00L"
    assert read_table(path, sheet="About").columns[0] == "Notes"
    with pytest.raises(MissingColumnError, match="no sheet 'Missing'"):
        read_table(path, sheet="Missing")


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
    ],
)
def test_detects_each_edition_layout(header, expected):
    table = pd.DataFrame([[None] * len(header)], columns=header)
    assert detect_columns(table) == expected


def test_missing_status_column_lists_columns():
    table = pd.DataFrame([["A", "x"]], columns=["Code", "Result"])
    with pytest.raises(MissingColumnError) as error:
        detect_columns(table, source="f.csv")
    assert "f.csv" in str(error.value)
    assert "'Result'" in str(error.value)
    assert "status" in str(error.value)


def test_override_wins_and_is_case_insensitive():
    table = pd.DataFrame([["A", "x", "y"]], columns=["Code", "Status", "Result 2023"])
    assert detect_columns(table, {"status": "result 2023"}).status == "Result 2023"
    with pytest.raises(MissingColumnError, match="'Nope' does not exist"):
        detect_columns(table, {"status": "Nope"})


def test_duplicated_needed_column_is_ambiguous(write_csv):
    table = read_table(write_csv([["Code", "Status", "Status"], ["A", "20/21 Standards Met", "x"]]))
    assert list(table.columns[:3]) == ["Code", "Status", "Status_2"]
    with pytest.raises(AmbiguousColumnError, match="'Status' appears more than once"):
        detect_columns(table)


def test_duplicated_other_column_is_kept_with_suffix(write_csv):
    table = read_table(write_csv([["Code", "Status", "Note", "Note"], ["A", "", "1", "2"]]))
    assert detect_columns(table).code == "Code"
    assert table.loc[0, "Note_2"] == "2"
