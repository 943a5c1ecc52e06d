"""Any table file as grids of text cells: a CSV in any common dialect, or each sheet of a workbook.

Tables reach the tools from the DSPT portal, Excel, R, ONS and NHS downloads and hand
edits: UTF-8 with or without BOM, Windows-1252, UTF-16; comma, semicolon, tab or bar
separated; CRLF, LF or CR-only line ends; title rows above the header; notes sheets beside
the data; empty columns Excel wrote after the last one. All of these read the same here:
every cell as text (codes such as ``00L`` never become numbers), row i of a grid is the
file's row i + 1, and columns empty from top to bottom after the last filled one are not
part of the table. Which row is the header and which sheet holds the table is decided by
:mod:`.reader` from the columns the table is read for.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import os
import re
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import EmptyInputError, InputFormatError
from .sources import SourceRef, file_source

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_WORDS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
#: Lines looked at to tell the separator (title lines above the header do not decide it).
_SEPARATOR_SAMPLE = 50


@dataclass(frozen=True)
class Sheet:
    """A grid of text cells ("" for blank) as the file holds it: row i is the file's row
    i + 1. ``name``: the workbook sheet's (None for a text file). ``lengths``: how many
    cells each row of a text file has as written, empty ones included (None for a sheet),
    and ``terminated``: whether a line break follows its last row: the evidence of a row
    cut short (a download cut off midway almost never stops at a line end; Excel, and
    every other writer, ends its file with one)."""

    name: str | None
    cells: pd.DataFrame
    lengths: np.ndarray | None = None
    terminated: bool = True


@dataclass(frozen=True)
class Grids:
    """A file's grids (one for a text file, one per sheet of a workbook, in order), how
    messages name the file, notes for the log (text that had to be repaired) and, for a
    text file, its separator."""

    source: SourceRef
    sheets: tuple[Sheet, ...]
    notes: tuple[str, ...] = ()
    separator: str | None = None


def read_grids(
    path: str | os.PathLike[str],
    *,
    source: SourceRef | None = None,
    separator: str | None = None,
) -> Grids:
    """Read a CSV or XLSX file as grids of text cells (see the module docstring).

    ``source`` says how messages name the file (default: its path); ``separator`` splits
    a text file's cells (default: the one most of its lines agree on).
    """
    path = os.fspath(path)
    source = source or file_source(path)
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
        return Grids(source, _read_workbook(data, source))
    text, notes = decode_text(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    separator = separator or _separator(text)
    return Grids(source, (_parse_csv(text, separator, source),), notes, separator)


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


def _separator(text: str) -> str:
    """Of , ; tab and |, the one that splits the most lines (outside quotes) into the same
    number of cells: a title line above the header, or names holding another of them, do
    not decide it."""
    lines = [
        re.sub(r'"[^"]*"', "", line)
        for line in text.split("\n", _SEPARATOR_SAMPLE)[:_SEPARATOR_SAMPLE]
    ]
    best, best_score = ",", (0, 0)
    for separator in SEPARATORS:
        counts = Counter(line.count(separator) for line in lines if line.strip())
        counts.pop(0, None)
        if counts:
            cells, lines_agreeing = max(counts.items(), key=lambda item: (item[1], item[0]))
            if (lines_agreeing, cells) > best_score:
                best, best_score = separator, (lines_agreeing, cells)
    return best


def _parse_csv(text: str, separator: str, source: SourceRef) -> Sheet:
    """The text's rows (a blank line is a blank row, so rows keep the file's numbers)."""
    if _unclosed_quote(text, separator):
        raise InputFormatError(
            f"{source}: a double quote opened in a cell is never closed, so the rest of the "
            "file reads as one cell. Fix the unbalanced quote (or re-export the file)."
        )
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    terminated = text.endswith("\n")
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # the blank lines at the end of the file
        terminated = True  # the last row left is followed by a line
    if not rows:
        raise EmptyInputError(f"{source}: the file is empty.")
    lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
    return Sheet(None, _grid(rows), lengths, terminated)


def _unclosed_quote(text: str, separator: str) -> bool:
    """True when a cell opening with a double quote never closes (the rest of the file
    would read as one cell). Quotes inside a cell that does not open with one are text."""
    opened = re.compile(rf'(?:^|(?<=[{re.escape(separator)}\n]))"(?:[^"]|"")*("?)', re.MULTILINE)
    last = deque(opened.finditer(text), maxlen=1)
    return bool(last) and last[0].group(1) == "" and last[0].end() == len(text)


def _grid(rows: Sequence[Sequence[str]]) -> pd.DataFrame:
    """Rows of cells as a rectangular grid, without the columns empty in every row after
    the last filled one (Excel writes them as trailing separators)."""
    width = 0
    for row in rows:
        filled = len(row)
        while filled > width and not row[filled - 1].strip():
            filled -= 1
        width = max(width, filled)
    return pd.DataFrame(
        [list(row[:width]) + [""] * (width - len(row)) for row in rows],
        columns=range(width),
        dtype=object,
    )


def _read_workbook(data: bytes, source: SourceRef) -> tuple[Sheet, ...]:
    """Every worksheet of a workbook, in order, as text cells (see :func:`cell_text`);
    read from its bytes, so a workbook saved under a .csv name reads too."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise InputFormatError(f"{source}: not a readable workbook ({error}).") from None
    try:
        sheets = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some writers record a wrong used range
            rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            while rows and not any(cell.strip() for cell in rows[-1]):
                rows.pop()
            sheets.append(Sheet(sheet.title, _grid(rows)))
    except Exception as error:
        raise InputFormatError(f"{source}: not a readable workbook ({error}).") from None
    finally:
        book.close()
    if not sheets:
        raise EmptyInputError(f"{source}: the workbook has no sheets.")
    return tuple(sheets)


def cell_text(value: object) -> str:
    """A workbook cell as the text Excel shows for it: whole numbers without ``.0``
    (38, not 38.0), dates as ISO dates (2022-03-31), TRUE/FALSE; blank as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def check_fixed_layout(sheet: Sheet, source: SourceRef) -> None:
    """Stop at the rows of a header-less text file, whose columns are known by position
    (the ODS files), that end before a column holding a value anywhere in the file and
    are shorter than most rows: such a row was cut short. Empty cells written after the
    last filled column (Excel's) do not count, on any row."""
    if sheet.lengths is None or not len(sheet.lengths):
        return
    filled = sheet.cells.apply(lambda column: column.str.strip() != "").any(axis=1).to_numpy()
    counts = Counter(sheet.lengths[filled].tolist())
    usual = max(counts, key=lambda length: (counts[length], length)) if counts else 0
    short = np.flatnonzero((sheet.lengths < min(usual, sheet.cells.shape[1])) & filled)
    if len(short):
        shown = ", ".join(f"row {i + 1} has {sheet.lengths[i]}" for i in short[:5])
        more = f" (and {len(short) - 5} more rows)" if len(short) > 5 else ""
        raise InputFormatError(
            f"{source}: {shown} of the {usual} cells the other rows have{more}. The file looks "
            "cut off or damaged (an interrupted download?): download it again, or complete "
            "those rows."
        )
