"""Read DSPT exports and other tables (CSV in any common dialect; XLSX) and find their columns.

Exports come from the DSPT portal, from Excel, from R (``Latest.Status``) and from other
tools: UTF-8 with or without BOM, Windows-1252, UTF-16; comma, semicolon or tab separated;
CRLF, LF or CR-only line ends. All of these read the same. Cells are read as text, so
codes such as ``00L`` never become numbers. Columns are matched by role, ignoring case,
spaces and punctuation, and any role can be named explicitly.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import (
    AmbiguousColumnError,
    EmptyInputError,
    InputFormatError,
    MissingColumnError,
)
from .fields import find_by_candidates, find_field
from .sources import SOURCE_ROW, SourceRef, file_source

CODE = "code"
NAME = "name"
STATUS = "status"
SECTOR = "sector"
SUCCESSOR_CODE = "successor_code"
SUCCESSOR_STATUS = "successor_status"

#: Role -> regular expressions over normalised column names, tried in order.
ROLE_CANDIDATES: Mapping[str, tuple[str, ...]] = {
    CODE: ("code", "odscode", "organisationcode", "orgcode", "odsorgcode"),
    NAME: ("name", "organisationname", "odsorgname", "orgname", r"loc\d\dnm", r"sicbl\d\dnm"),
    STATUS: ("lateststatus", "status", "publicationstatus", "dsptstatus"),
    SECTOR: ("sector", "primarysector"),
    SUCCESSOR_CODE: ("successorcode", "successor", "successorodscode"),
    SUCCESSOR_STATUS: ("successorstatus",),
}
REQUIRED_ROLES = (CODE, STATUS)
ROLE_WORDS: Mapping[str, str] = {
    CODE: "organisation code",
    NAME: "organisation name",
    STATUS: "status",
    SECTOR: "sector",
    SUCCESSOR_CODE: "successor code",
    SUCCESSOR_STATUS: "successor status",
}

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_SEPARATORS = (",", ";", "\t", "|")
_ZIP_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class TableRead:
    """A table as read: text cells (None for blank) plus ``source_row``; where it came
    from; notes for the log (text that had to be repaired); headers made unique."""

    table: pd.DataFrame
    source: SourceRef
    notes: tuple[str, ...] = ()
    renamed_headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ColumnMap:
    """Which input column plays which role; None where the input has no such column."""

    code: str
    status: str
    name: str | None = None
    sector: str | None = None
    successor_code: str | None = None
    successor_status: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Role -> column name, for messages and the algorithm log."""
        return {
            CODE: self.code,
            NAME: self.name,
            STATUS: self.status,
            SECTOR: self.sector,
            SUCCESSOR_CODE: self.successor_code,
            SUCCESSOR_STATUS: self.successor_status,
        }


def read_table(path: str | os.PathLike[str], sheet: str | None = None) -> TableRead:
    """Read a CSV or XLSX file with a header row (see :func:`table_from_grid`).

    For a workbook, ``sheet`` picks the sheet; otherwise the first sheet whose header has
    a code and a status column is read.
    """
    grid, source, notes = read_grid(path, sheet=sheet)
    return table_from_grid(grid, source=source, notes=notes)


def read_grid(
    path: str | os.PathLike[str], *, sheet: str | None = None, fixed_layout: bool = False
) -> tuple[pd.DataFrame, SourceRef, tuple[str, ...]]:
    """Read a file as a grid of text cells, header row included; with notes for the log.

    A CSV row with fewer cells than the first row stops the read naming the row: in a
    ``fixed_layout`` file (no header; each column known by its position, as in the ODS
    files) any row, elsewhere the last one (a download cut off midway leaves a short last
    row, which would otherwise read as a complete organisation with blank cells).
    """
    path = os.fspath(path)
    source = file_source(path)
    if not os.path.isfile(path):
        raise EmptyInputError(f"{source}: file not found.")
    with open(path, "rb") as handle:
        data = handle.read()
    if data.startswith(_OLD_EXCEL_MAGIC) or path.lower().endswith(".xls"):
        raise InputFormatError(
            f"{source}: an Excel 97-2003 workbook (.xls) is not read; open it in Excel or "
            "LibreOffice and save it as .xlsx or CSV."
        )
    if data.startswith(_ZIP_MAGIC) or path.lower().endswith(WORKBOOK_SUFFIXES):
        return _read_workbook(path, source, sheet), source, ()
    text, notes = decode_text(data, source)
    grid = _parse_csv(text, source)
    _check_row_lengths(text, grid, _separator(text), source, every_row=fixed_layout)
    return grid, source, notes


def decode_text(data: bytes, source: SourceRef) -> tuple[str, tuple[str, ...]]:
    """Bytes of a text file as text, whatever its encoding; notes say what was repaired.

    UTF-16/32 (with BOM, or UTF-16 without one) and UTF-8 with or without BOM decode as
    such; a file that is not UTF-8 at all is Windows-1252 (Excel's "CSV" on Windows). A
    UTF-8 file with a few non-UTF-8 lines (two files pasted together) reads those lines
    as Windows-1252 and says which rows, so garbled names do not pass unnoticed. NUL
    characters, which would cut a name short, are removed and reported.
    """
    notes: list[str] = []
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        sample = data[:400]
        if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
            text = _utf16_without_bom(sample, data, source)
        else:
            text = _utf8_or_cp1252(data, notes)
    start = text[:4000]
    controls = sum(1 for c in start if ord(c) < 32 and c not in "\t\r\n\x00")
    if controls > len(start) // 100:
        raise InputFormatError(
            f"{source}: this is not a text table (it holds binary data). Export the table "
            "as CSV or XLSX."
        )
    if "\x00" in text:
        lines = [n + 1 for n, line in enumerate(_split_lines(text)) if "\x00" in line]
        notes.append(
            f"{source}: NUL characters removed from {source.rows(lines)} (a damaged or "
            "binary export); check the names on those rows."
        )
        text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyInputError(f"{source}: the file is empty.")
    return text, tuple(notes)


def _utf16_without_bom(sample: bytes, data: bytes, source: SourceRef) -> str:
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if max(even_nuls, odd_nuls) * 2 < len(sample) // 2:
        raise InputFormatError(
            f"{source}: this is not a text table (it holds binary data). Export the table "
            "as CSV or XLSX."
        )
    encoding = "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    return data.decode(encoding, errors="replace")


def _utf8_or_cp1252(data: bytes, notes: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    decoded, fallback, utf8_multibyte = [], [], False
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            utf8_multibyte = utf8_multibyte or any(ord(c) > 127 for c in text)
        except UnicodeDecodeError:
            text = line.decode("cp1252", errors="replace")
            fallback.append(number)
        decoded.append(text)
    if utf8_multibyte:
        shown = ", ".join(map(str, fallback[:5])) + (
            f" and {len(fallback) - 5} more" if len(fallback) > 5 else ""
        )
        notes.append(
            f"Mixed text encodings: most of the file is UTF-8, but line(s) {shown} are not "
            "and were read as Windows-1252. Check the names on those lines (e.g. £, é)."
        )
    return "".join(decoded)


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _parse_csv(text: str, source: SourceRef) -> pd.DataFrame:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    separator = _separator(text)
    try:
        return pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            sep=separator,
            engine="c",
        )
    except pd.errors.EmptyDataError:
        raise EmptyInputError(f"{source}: the file is empty.") from None
    except pd.errors.ParserError as error:
        raise InputFormatError(_explain_parser_error(str(error), source, separator)) from None


def _check_row_lengths(
    text: str, grid: pd.DataFrame, separator: str, source: SourceRef, *, every_row: bool
) -> None:
    """Stop at rows with fewer cells than the first row (see :func:`read_grid`).

    Every row is read again with Python's csv module only for fixed-layout files (small);
    otherwise only the last line, unless a quoted cell spans lines there.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    width = grid.shape[1]
    if every_row:
        rows = enumerate(csv.reader(io.StringIO(text), delimiter=separator), start=1)
        counts = [(number, len(cells)) for number, cells in rows]
    else:
        last = text.rstrip("\n").rsplit("\n", 1)[-1]
        filled = np.flatnonzero((grid != "").any(axis=1).to_numpy())
        if last.count('"') % 2 or len(filled) < 2:
            return
        counts = [(int(filled[-1]) + 1, len(next(csv.reader([last], delimiter=separator), [])))]
    short = [(number, count) for number, count in counts if 0 < count < width]
    if short:
        shown = ", ".join(f"row {number} has {count}" for number, count in short[:5])
        more = f" (and {len(short) - 5} more rows)" if len(short) > 5 else ""
        raise InputFormatError(
            f"{source}: {shown} of the {width} cells of the first row{more}. The file looks cut off or "
            "damaged (an interrupted download?): download it again, or complete those rows."
        )


def _separator(text: str) -> str:
    """The separator of the header line: the most frequent of , ; tab | outside quotes."""
    header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _explain_parser_error(message: str, source: SourceRef, separator: str) -> str:
    named = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}[separator]
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if found:
        expected, line, seen = found.groups()
        return (
            f"{source}: row {line} has {seen} cells where the header row has {expected} "
            f"(cells separated by {named}). A name containing the separator must be in "
            "double quotes; re-export the file, or fix that row."
        )
    if "EOF inside string" in message:
        return (
            f"{source}: a double quote opened in a cell is never closed, so the rest of the "
            "file reads as one cell. Fix the unbalanced quote (or re-export the file)."
        )
    return f"{source}: not a readable CSV table ({message})."


def table_from_grid(
    grid: pd.DataFrame,
    *,
    source: SourceRef,
    notes: tuple[str, ...] = (),
    rows: Sequence[int] | None = None,
) -> TableRead:
    """Turn a grid of cells (first row = header) into a table of text cells.

    Header names are stripped of stray spaces; an empty header becomes ``field_N`` and a
    repeated header gets a ``_2``, ``_3`` suffix (QGIS would refuse duplicates). Rows whose
    cells are all blank (Excel's trailing rows) are not organisations and are left out,
    after numbering, so row numbers stay those of the file. ``rows`` numbers the rows
    below the header when the grid is not the whole file (a layer's selected features).
    """
    if grid.empty:
        raise EmptyInputError(f"{source}: the file is empty (no header row).")
    raw_names = [_clean_header(v, i) for i, v in enumerate(grid.iloc[0])]
    header = _unique_header(raw_names)
    body = grid.iloc[1:].copy()
    body.columns = header
    for column in header:
        cells = body[column].astype("string").str.strip()
        body[column] = cells.astype(object).where(cells.notna() & (cells != ""), None)
    body[SOURCE_ROW] = (
        range(source.first_number, len(body) + source.first_number) if rows is None else rows
    )
    body = body[body.drop(columns=SOURCE_ROW).notna().any(axis=1)]
    if body.empty:
        raise EmptyInputError(f"{source}: no organisation rows below the header.")
    renamed = {new: old for new, old in zip(header, raw_names) if new != old}
    body.index = pd.RangeIndex(len(body))
    return TableRead(body, source, notes, renamed)


def detect_columns(read: TableRead, overrides: Mapping[str, str | None] | None = None) -> ColumnMap:
    """Find the column for each role, honouring explicit ``overrides`` (role -> name)."""
    columns = [c for c in read.table.columns if c != SOURCE_ROW]
    named = {k: v for k, v in (overrides or {}).items() if v}
    found: dict[str, str | None] = {}
    for role, candidates in ROLE_CANDIDATES.items():
        if role in named:
            found[role] = find_field(
                columns, named[role], source=read.source, role=ROLE_WORDS[role]
            )
            continue
        found[role] = find_by_candidates(columns, candidates)
        if found[role] is not None and found[role] in read.renamed_headers.values():
            raise AmbiguousColumnError(
                f"{read.source}: column {found[role]!r} appears more than once, so the "
                f"{ROLE_WORDS[role]} column is ambiguous. Rename one of them, or name the "
                "column to use explicitly."
            )
    missing = [role for role in REQUIRED_ROLES if found[role] is None]
    if missing:
        wanted = "; ".join(
            f"{ROLE_WORDS[role]}: one of {', '.join(_readable(c) for c in ROLE_CANDIDATES[role])}"
            for role in missing
        )
        raise MissingColumnError(
            f"{read.source}: no {' or '.join(ROLE_WORDS[r] for r in missing)} column found "
            f"({wanted}). Columns in the file: {', '.join(map(repr, columns))}. Name the "
            "column explicitly if it is called something else."
        )
    return ColumnMap(**found)  # type: ignore[arg-type]


def _read_workbook(path: str, source: SourceRef, sheet: str | None) -> pd.DataFrame:
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise InputFormatError(f"{source}: not a readable workbook ({error}).") from None
    if sheet is not None:
        if sheet not in sheets:
            raise MissingColumnError(
                f"{source}: no sheet {sheet!r}; the workbook has {', '.join(map(repr, sheets))}."
            )
        return sheets[sheet].fillna("")
    for grid in sheets.values():
        if grid.empty:
            continue
        names = [_clean_header(v, i) for i, v in enumerate(grid.iloc[0].fillna(""))]
        if find_by_candidates(names, ROLE_CANDIDATES[CODE]) and find_by_candidates(
            names, ROLE_CANDIDATES[STATUS]
        ):
            return grid.fillna("")
    return next(iter(sheets.values())).fillna("")


def _clean_header(value: object, position: int) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    text = " ".join(text.split())
    return text or f"field_{position + 1}"


def _unique_header(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        key = name.lower()
        seen[key] = seen.get(key, 0) + 1
        unique.append(name if seen[key] == 1 else f"{name}_{seen[key]}")
    return unique


def _readable(candidate: str) -> str:
    return candidate.replace(r"\d\d", "NN")
