"""Tables written by hand in the shapes analysts' files come in, for the table reader tests.

A table (a header and rows) is written as a CSV in a chosen encoding, separator and line
end, under title rows and blank rows, with the empty columns Excel writes after the last
one (and, if chosen, a last row typed by hand without them); or as a workbook holding the
table on one sheet among notes, empty and unrelated sheets, in any order, under title rows,
starting in any column. Files are written with csv, codecs and openpyxl only, never with
the code under test, and :func:`write_table` says where the header is and on which sheet,
so a test knows what the reader must find.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-16-be")
SEPARATORS = (",", ";", "\t", "|")
NEWLINES = ("\n", "\r\n", "\r")
#: Title and notes rows put above a header (with the separators and quotes they may hold).
TITLES = (
    "Population by ICB, mid-2020",
    "Source: ONS; Crown copyright",
    'Notes | see the "About" sheet',
    "Prepared 1 December 2026\tdraft",
)
#: Sheets put beside the table's: notes, nothing, or another table (Region / Count).
FILLERS = ("notes", "empty", "other")

Cell = str | int


@dataclass(frozen=True)
class Shape:
    """How a table is written (see the module docstring)."""

    workbook: bool = False
    encoding: str = "utf-8"
    separator: str = ","
    newline: str = "\n"
    titles: tuple[tuple[str, ...], ...] = ()
    blank_rows: int = 0  # blank rows between the titles and the header
    trailing_empty: int = 0  # empty cells after the last column, on every row
    typed_last_row: bool = False  # the last row without them (CSV)
    final_newline: bool = True
    sheets_before: tuple[str, ...] = ()
    sheets_after: tuple[str, ...] = ()
    leading_empty: int = 0  # empty columns before the table (workbook)


@dataclass(frozen=True)
class Written:
    """A table written: its file, the file's row number of its header, its sheet."""

    path: Path
    header_row: int
    sheet: str | None


def write_table(
    folder: Path, stem: str, header: Sequence[str], rows: Sequence[Sequence[Cell]], shape: Shape
) -> Written:
    """Write ``header`` and ``rows`` in ``shape`` as ``folder/stem.csv`` or ``.xlsx``."""
    header_row = len(shape.titles) + shape.blank_rows + 1
    if shape.workbook:
        path = folder / f"{stem}.xlsx"
        return Written(path, header_row, _write_workbook(path, header, rows, shape))
    path = folder / f"{stem}.csv"
    path.write_bytes(csv_text(header, rows, shape).encode(shape.encoding))
    return Written(path, header_row, None)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]], shape: Shape) -> str:
    """The CSV text of a table in ``shape`` (not yet encoded)."""
    width = len(header) + shape.trailing_empty
    padded = shape.trailing_empty > 0  # Excel writes every row as wide as the widest
    lines = [list(title) + [""] * (width - len(title) if padded else 0) for title in shape.titles]
    lines += [[] for _ in range(shape.blank_rows)]
    lines += [list(header) + [""] * shape.trailing_empty]
    lines += [[str(cell) for cell in row] + [""] * shape.trailing_empty for row in rows]
    if shape.typed_last_row and rows:
        lines[-1] = [str(cell) for cell in rows[-1]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=shape.separator, lineterminator=shape.newline)
    writer.writerows(lines)
    text = buffer.getvalue()
    return text if shape.final_newline else text[: -len(shape.newline)]


def fits(text: str, encoding: str) -> bool:
    """Whether ``text`` can be written in ``encoding`` and read back unambiguously: a
    Windows-1252 file whose bytes also happen to be valid UTF-8 is UTF-8 to any reader."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return False
    if encoding != "cp1252" or data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _write_workbook(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[Cell]], shape: Shape
) -> str:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    names = iter(
        f"{kind.title()} {n}"
        for n, kind in enumerate(shape.sheets_before + ("data",) + shape.sheets_after)
    )
    for kind in shape.sheets_before:
        _filler(book.create_sheet(next(names)), kind)
    sheet = book.create_sheet(next(names))
    for number, title in enumerate(shape.titles, start=1):
        for column, text in enumerate(title, start=1):
            sheet.cell(number, column, text)
    first = shape.leading_empty + 1
    for offset, line in enumerate([list(header), *map(list, rows)]):
        number = len(shape.titles) + shape.blank_rows + 1 + offset
        for column, value in enumerate(line, start=first):
            sheet.cell(number, column, value if value != "" else None)
        for column in range(first + len(line), first + len(line) + shape.trailing_empty):
            sheet.cell(number, column).font = Font(bold=True)  # formatted, empty: in the used range
    for kind in shape.sheets_after:
        _filler(book.create_sheet(next(names)), kind)
    book.save(path)
    return sheet.title


def _filler(sheet: object, kind: str) -> None:
    lines: list[list[Cell]] = {
        "notes": [["About this file"], ["Codes are ODS codes; see the data sheet"]],
        "empty": [],
        "other": [["Region", "Count"], ["North East", 3], ["London", 5]],
    }[kind]
    for line in lines:
        sheet.append(line)  # type: ignore[attr-defined]


@st.composite
def shapes(draw: st.DrawFn, *, workbooks: bool = True) -> Shape:
    """Any shape: CSV of any encoding, separator and line end, or a workbook of sheets."""
    titles = tuple(
        tuple(draw(st.lists(st.sampled_from(TITLES), min_size=1, max_size=2)))
        for _ in range(draw(st.integers(0, 3)))
    )
    common = {
        "titles": titles,
        "blank_rows": draw(st.integers(0, 2)),
        "trailing_empty": draw(st.integers(0, 3)),
    }
    if workbooks and draw(st.booleans()):
        fillers = st.lists(st.sampled_from(FILLERS), max_size=2).map(tuple)
        return Shape(
            workbook=True,
            sheets_before=draw(fillers),
            sheets_after=draw(fillers),
            leading_empty=draw(st.integers(0, 2)),
            **common,
        )
    return Shape(
        encoding=draw(st.sampled_from(ENCODINGS)),
        separator=draw(st.sampled_from(SEPARATORS)),
        newline=draw(st.sampled_from(NEWLINES)),
        typed_last_row=draw(st.booleans()),
        final_newline=draw(st.booleans()),
        **common,
    )
