"""Write the corpus of bad and awkward DSPT exports the tests run against.

``python -m tests.corpus.make_corpus OUTDIR`` writes every file; the tests call
:func:`write_corpus` into a temporary folder. Nothing here comes from ../shared: each
file is made from the few rows below, in the encoding or shape the case is about.
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = "Code,Organisation Name,Status,Primary Sector,ICB"
ROWS = [
    "00L,NHS Northumberland CCG,20/21 Standards Met,CCG / Integrated Care Board (ICB),QHM",
    "RTD,Newcastle Upon Tyne Hospitals,20/21 Standards Exceeded,NHS Trust,QHM",
    "RX1,Nottingham University Hospitals,20/21 Approaching Standards,NHS Trust,QT1",
]


def text(*lines: str, newline: str = "\n") -> str:
    return newline.join(lines) + newline


def _files() -> dict[str, bytes]:
    utf8 = text(HEADER, *ROWS)
    accents = text(HEADER, "RA1,Trust of Café £ Sévérine,20/21 Standards Met,NHS Trust,QHM")
    return {
        "utf8.csv": utf8.encode("utf-8"),
        "utf8_bom.csv": utf8.encode("utf-8-sig"),
        "cp1252_pound_accents.csv": accents.encode("cp1252"),
        "crlf.csv": text(HEADER, *ROWS, newline="\r\n").encode("utf-8"),
        "trailing_blank_rows.csv": (utf8 + ",,,,\n,,,,\n\n").encode("utf-8"),
        "header_only.csv": text(HEADER).encode("utf-8"),
        "empty.csv": b"",
        "renamed_columns.csv": text("ODS Code,ODS Org Name,Latest Status", "00L,NHS A,20/21 Standards Met").encode(),
        "missing_status_column.csv": text("Code,Organisation Name,Result", "00L,NHS A,Met").encode(),
        "duplicated_status_column.csv": text("Code,Status,Status", "00L,20/21 Standards Met,x").encode(),
        "mixed_case_statuses.csv": text("Code,Status", "A,20/21 STANDARDS met", "B,20/21  approaching standard",
                                        "C,not published", "D,#N/A").encode(),
        "unknown_statuses.csv": text("Code,Status", "A,20/21 Standards Met", "B,20/21 Nearly there",
                                     "C,20/21 Nearly there", "D,Pending").encode(),
        "several_editions.csv": text("Code,Status", "A,19/20 Standards Exceeded", "B,20/21 Standards Met",
                                     "C,21/22 Standards Met").encode(),
        "duplicate_same_status.csv": text("Code,Status", "A,20/21 Standards Met", "A,20/21 Standards Met",
                                          "B,20/21 Standards Met").encode(),
        "duplicate_conflicting_status.csv": text("Code,Status", "A,20/21 Standards Met",
                                                 "a ,20/21 Standards Not Met").encode(),
        "successor_loop.csv": text("Code,Status,Successor Code", "A,,B", "B,,A").encode(),
        "successor_chain.csv": text("Code,Status,Successor Code", "A,,B", "B,,C",
                                    "C,20/21 Standards Exceeded,").encode(),
        "formula_cells.csv": text("Code,Organisation Name,Status,Note", "A,=HYPERLINK(\"http://x\"),20/21 Standards Met,+1+1",
                                  "B,@SUM(A1),20/21 Standards Met,-2+3", "C,-,20/21 Standards Met,-5").encode(),
        "lower_case_codes.csv": text("Code,Status", " 00l ,20/21 Standards Met", "rx1,20/21 Standards Met").encode(),
        "semicolon_separated.csv": text("Code;Status;Name", "A;20/21 Standards Met;NHS A").encode("cp1252"),
        "blank_codes.csv": text("Code,Status", ",20/21 Standards Met", "B,20/21 Standards Met").encode(),
        "no_edition_anywhere.csv": text("Code,Status", "A,Not Published").encode(),
        # Dialects and damaged text (issue 11): read them, or say in plain words what is wrong.
        "utf16_bom.csv": utf8.encode("utf-16"),
        "utf16le_no_bom.csv": utf8.encode("utf-16-le"),
        "cr_only.csv": text(HEADER, *ROWS, newline="\r").encode("utf-8"),
        "tab_separated.csv": text(*(line.replace(",", "\t") for line in (HEADER, *ROWS))).encode("utf-8"),
        "mixed_encoding.csv": text(HEADER, *ROWS, "RB1,Zoë's Trust,20/21 Standards Met,NHS Trust,QHM").encode("utf-8")
        + "RA1,Trust of Café £ Sévérine,20/21 Standards Met,NHS Trust,QHM\n".encode("cp1252"),
        "nul_in_name.csv": text(HEADER, "RA1,Trust\x00 of Leeds,20/21 Standards Met,NHS Trust,QHM").encode(),
        "ragged_row.csv": text(HEADER, "RA1,Leeds, Trust,20/21 Standards Met,NHS Trust,QHM").encode(),
        "unclosed_quote.csv": text(HEADER, 'RA1,"Leeds Trust,20/21 Standards Met,NHS Trust,QHM', *ROWS).encode(),
        "binary.csv": bytes(range(256)) * 8,
        "old_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
        "edition_spellings.csv": text("Code,Status", "A,2020-21 Standards met", "B,2020/2021 STANDARDS EXCEEDED",
                                      "C,20-21 approaching standards").encode(),
        # Data colliding with structure: a sector called Total, a column called fid.
        "sector_named_total.csv": text("Code,Status,Primary Sector", "A,20/21 Standards Met,Total",
                                       "B,20/21 Standards Met,NHS Trust").encode(),
        "fid_column.csv": text("fid,Code,Status,geom", "1,A,20/21 Standards Met,x", "2,B,20/21 Standards Met,y").encode(),
        # One organisation listed twice (issue 21): what decides its status must agree.
        "split_trust_one_status.csv": text("Code,Status,Successor Code", "RW6,,RM3", "RW6,,R0A",
                                           "RM3,20/21 Standards Met,", "R0A,20/21 Standards Met,").encode(),
        "conflicting_successors.csv": text("Code,Status,Successor Code", "RW6,,RM3", "RW6,,R0A",
                                           "RM3,20/21 Standards Met,", "R0A,20/21 Standards Not Met,").encode(),
        "conflicting_successor_statuses.csv": text("Code,Status,Successor Code,Successor Status",
                                                   "RW6,,RM3,20/21 Standards Met",
                                                   "RW6,,RM3,20/21 Standards Exceeded").encode(),
        "one_code_two_sectors.csv": text("Code,Status,Primary Sector", "A,20/21 Standards Met,NHS Trust",
                                         "A,20/21 Standards Met,CSU").encode(),
        "cut_off_download.csv": (utf8 + "RY1,Leeds Teaching Hos").encode("utf-8"),
        # Notes written into the export: below the table left out, among the rows refused.
        "notes_below_table.csv": text(HEADER, *ROWS, "", '"Source: NHS England DSPT portal, downloaded 16/11/2023",,,,',
                                      "Note: blank means not published").encode(),
        "note_among_rows.csv": text(HEADER, ROWS[0], "See the note below,,,,", *ROWS[1:]).encode(),
        # Excel leaves out a last row's empty cells after its last filled one: not cut off.
        "short_last_row_excel.csv": text(HEADER, *ROWS, "RY1,Leeds Teaching Hospitals", newline="\r\n").encode(),
    }


def write_workbook(path: Path) -> None:
    """An XLSX with a notes sheet first and the data on a second sheet."""
    import pandas as pd

    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"About": ["Exported from the DSPT portal"]}).to_excel(writer, sheet_name="Notes", index=False)
        pd.DataFrame([r.split(",") for r in ROWS], columns=HEADER.split(",")).to_excel(
            writer, sheet_name="Data", index=False)


def write_corpus(folder: Path) -> Path:
    """Write every corpus file into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in _files().items():
        (folder / name).write_bytes(content)
    write_workbook(folder / "several_sheets.xlsx")
    return folder


if __name__ == "__main__":
    print(write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/corpus/files")))
