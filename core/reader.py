"""Tables as the tools read them: one reader for every table input, and the export's columns.

An export, a population table, a lookup, a crosswalk's shares or weights: each is read by
:func:`read_table` from the grids :mod:`.grid` makes of the file (any encoding, separator
and line end; each sheet of a workbook). Which row is the header and which sheet holds the
table are found from the columns the table is read for (:class:`Wanted`): title and notes
rows above the header are left out, and a workbook's sheet is the first whose header holds
them; when none does, the message names every sheet and what it holds. Rows keep the
file's numbers (header = its own row). Notes written between the header and the rows or
below them are told from the rows by the table's code column and left out, said
(:mod:`.notes`). Columns are matched ignoring case, spaces and punctuation, and any export
role can be named explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import (
    EmptyInputError,
    InputFormatError,
    MissingColumnError,
)
from .fields import find_by_candidates, normalised_name
from .grid import SEPARATOR_WORDS, Grids, Sheet, read_grids
from .notes import set_aside_notes
from .roles import CODE, REQUIRED_ROLES, ROLE_CANDIDATES, ROLE_WORDS
from .sources import SOURCE_ROW, SourceRef, file_source

#: How far down a sheet its header is looked for (title and notes rows above it).
HEADER_SEARCH_ROWS = 50


@dataclass(frozen=True)
class ShortRow:
    """The last row of a text file when it ends before some of the header's columns with
    no line break after it: its number, the cells it has, the header's, and the columns it
    lacks."""

    number: int
    cells: int
    header_cells: int
    lacks: tuple[str, ...]


@dataclass(frozen=True)
class TableRead:
    """A table as read: text cells (None for blank) plus ``source_row``; where it came
    from; notes for the log (text that had to be repaired, a choice worth checking);
    ``found``: where in the file the table was found (its sheet, its header row), for the
    log; headers made unique; the last row when it is short (see :func:`check_last_row`)."""

    table: pd.DataFrame
    source: SourceRef
    notes: tuple[str, ...] = ()
    renamed_headers: Mapping[str, str] = field(default_factory=dict)
    found: tuple[str, ...] = ()
    short_last_row: ShortRow | None = None


@dataclass(frozen=True)
class Wanted:
    """The columns a table is read for, which tell its header row and sheet: ``names`` as
    an analyst gives them (matched as :func:`~.fields.find_field` matches: ignoring case,
    spaces and punctuation) and export ``roles`` found by their usual names. ``code``: the
    column holding the code of what each row is about (one of ``names``, or one read when
    the table has it), by which notes written into the table are told from its rows
    (:mod:`.notes`); without it, the organisation code role when that is wanted."""

    names: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    code: str | None = None

    def found_in(self, header: Sequence[str]) -> list[str | None]:
        """The column of ``header`` for each wanted one (None where it has none)."""
        by_key: dict[str, str] = {}
        for name in header:
            by_key.setdefault(normalised_name(name), name)
        return [by_key.get(normalised_name(name)) for name in self.names] + [
            find_by_candidates(header, ROLE_CANDIDATES[role]) for role in self.roles
        ]

    def code_column(self, header: Sequence[str]) -> str | None:
        """The column of ``header`` holding each row's code (see the class), if any."""
        if self.code is not None:
            return Wanted((self.code,)).found_in(header)[0]
        return find_by_candidates(header, ROLE_CANDIDATES[CODE]) if CODE in self.roles else None

    def held_by(self, header: Sequence[str]) -> int:
        """How many of the wanted columns ``header`` holds."""
        return sum(column is not None for column in self.found_in(header))

    @property
    def size(self) -> int:
        return len(self.names) + len(self.roles)

    def describe(self) -> str:
        """``the fields 'code' and 'population'`` / ``an organisation code and a status column``."""
        parts = [
            f"a{'n' if ROLE_WORDS[r][0] in 'aeiou' else ''} {ROLE_WORDS[r]}" for r in self.roles
        ]
        if self.names:
            listed = [repr(name) for name in self.names]
            joined = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"
            parts.insert(0, f"the field{'s' if len(listed) > 1 else ''} {joined}")
        return " and ".join(parts) + (" column" if self.roles else "")


#: What an export is read for: a code and a status column, found by their usual names.
EXPORT = Wanted(roles=REQUIRED_ROLES)


def read_table(
    path: str | os.PathLike[str],
    *,
    wanted: Wanted = EXPORT,
    sheet: str | int | None = None,
    source: SourceRef | None = None,
) -> TableRead:
    """Read a CSV or XLSX file as the table holding the ``wanted`` columns.

    The header is the first row holding them all (within :data:`HEADER_SEARCH_ROWS`);
    a workbook's table is on ``sheet`` (a name or position) if given, else on the first
    sheet with such a header. A workbook of several sheets none of which has one stops,
    naming each sheet and its columns; a single table is read from the row holding the
    most of them, so that the missing field is named with the fields there are.
    ``source`` says how messages name the file (default: its path). The last row must
    reach the wanted columns (:func:`check_last_row`).
    """
    grids = _grids_holding(path, source, wanted)
    candidates = _sheets(grids, sheet)
    headers = [_header_row(one.cells, wanted) for one in candidates]
    complete = [i for i, (_, holds_all) in enumerate(headers) if holds_all]
    if not complete and len(candidates) > 1:
        raise MissingColumnError(_no_sheet_message(grids, candidates, headers, wanted))
    chosen = complete[0] if complete else 0
    one, header = candidates[chosen], headers[chosen][0]
    several = len(grids.sheets) > 1
    table_source = file_source(f"{one.name} in {grids.source.label}") if several else grids.source
    found = _where_found(grids, one, header, table_source, wanted, sheet is None)
    others = [candidates[i].name for i in complete[1:]]
    notes = grids.notes
    if others:
        notes += (
            f"{grids.source}: sheet {one.name!r}, the first holding {wanted.describe()}, was "
            f"read; sheet{'s' if len(others) > 1 else ''} {', '.join(map(repr, others))} "
            f"hold{'' if len(others) > 1 else 's'} them too. Name the sheet to read another.",
        )
    read = _table_at(one, header, table_source, notes, found, grids.separator, wanted)
    check_last_row(read, wanted.found_in([str(c) for c in read.table.columns]))
    return read


def _grids_holding(path: str | os.PathLike[str], source: SourceRef | None, wanted: Wanted) -> Grids:
    """The file's grids; a text file split by the separator with which a row holds the
    wanted columns, when the one most lines agree on gives none (a small table under
    title rows holding other separators)."""
    grids = read_grids(path, source=source)
    if grids.separator is None or not wanted.size or _header_row(grids.sheets[0].cells, wanted)[1]:
        return grids
    for separator in SEPARATOR_WORDS:
        if separator == grids.separator:
            continue
        try:
            other = read_grids(path, source=source, separator=separator)
        except InputFormatError:  # quotes that do not pair up with this separator
            continue
        if _header_row(other.sheets[0].cells, wanted)[1]:
            return other
    return grids


def _sheets(grids: Grids, sheet: str | int | None) -> list[Sheet]:
    """The sheets the table may be on: the one named (by name or position), else all."""
    if sheet is None or grids.separator is not None:
        return list(grids.sheets)
    names = [one.name for one in grids.sheets]
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return [grids.sheets[sheet]]
    if sheet in names:
        return [grids.sheets[names.index(sheet)]]
    raise MissingColumnError(
        f"{grids.source}: no sheet {sheet!r}; the workbook has {', '.join(map(repr, names))}."
    )


def _header_row(cells: pd.DataFrame, wanted: Wanted) -> tuple[int, bool]:
    """The row (0-based) that is the header, and whether it holds every wanted column: the
    first such row, else the first holding the most of them (the first filled row when it
    holds none), whose columns a message can then list."""
    best, best_held = None, -1
    for index in range(min(HEADER_SEARCH_ROWS, len(cells))):
        names = _names(cells.iloc[index])
        if not names:
            continue
        held = wanted.held_by(names)
        if held == wanted.size:
            return index, True
        if held > best_held:
            best, best_held = index, held
    return (0 if best is None else best), False


def _names(row: pd.Series) -> list[str]:
    """The filled cells of a row, as header names are cleaned."""
    return [text for text in (" ".join(str(value).split()) for value in row) if text]


def _no_sheet_message(
    grids: Grids, sheets: list[Sheet], headers: list[tuple[int, bool]], wanted: Wanted
) -> str:
    held = "; ".join(
        f"sheet {one.name!r} holds {_columns_of(one.cells, row)}"
        for one, (row, _) in zip(sheets, headers)
    )
    return (
        f"{grids.source}: no sheet has {wanted.describe()} in its first {HEADER_SEARCH_ROWS} "
        f"rows: {held}. Choose the fields as a sheet names them, or put the table on a sheet "
        "of its own."
    )


def _columns_of(cells: pd.DataFrame, row: int) -> str:
    names = _names(cells.iloc[row]) if len(cells) else []
    if not names:
        return "nothing (it is empty)"
    more = f" and {len(names) - 12} more" if len(names) > 12 else ""
    return ", ".join(map(repr, names[:12])) + more


def _where_found(
    grids: Grids, sheet: Sheet, header: int, source: SourceRef, wanted: Wanted, chosen: bool
) -> tuple[str, ...]:
    """For the log: the sheet read, when it was chosen among several, and the header row,
    when rows above it were left out."""
    found = []
    if chosen and len(grids.sheets) > 1:
        others = [one.name for one in grids.sheets if one is not sheet]
        holding = f", the first holding {wanted.describe()}" if wanted.size else ""
        found.append(
            f"{grids.source}: read sheet {sheet.name!r}{holding} (other sheets: "
            f"{', '.join(map(repr, others))})."
        )
    if header > 0:
        above = [_names(sheet.cells.iloc[i]) for i in range(header)]
        shown = "; ".join(" ".join(names)[:60] for names in above if names)
        found.append(
            f"{source}: the header is row {header + 1}; the rows above it are not part of "
            f"the table ({shown or 'blank'})."
        )
    return tuple(found)


def _table_at(
    sheet: Sheet,
    header: int,
    source: SourceRef,
    notes: tuple[str, ...],
    found: tuple[str, ...],
    separator: str | None,
    wanted: Wanted,
) -> TableRead:
    """The table whose header is row ``header`` (0-based) of ``sheet``. Columns with
    neither a name nor a value are left out (Excel's empty columns); in a text file a value
    beyond the header's cells stops the read (a name holding an unquoted separator). Notes
    written above or below the rows are left out, and said (:mod:`.notes`)."""
    cells = sheet.cells.iloc[header:]
    if sheet.lengths is not None and separator is not None:
        _check_beyond_header(cells, int(sheet.lengths[header]), header, source, separator)
    filled = cells.apply(lambda column: column.str.strip() != "")
    keep = [int(position) for position in cells.columns if filled[position].any()]
    read = table_from_grid(
        cells[keep], source=source, notes=notes, rows=range(header + 2, header + 1 + len(cells))
    )
    names = [str(c) for c in read.table.columns if c != SOURCE_ROW]
    table, left_out = set_aside_notes(
        read.table, wanted.code_column(names), [c for c in wanted.found_in(names) if c], source
    )
    short = _short_last_row(sheet, header, keep, table)
    return TableRead(table, source, notes + left_out, read.renamed_headers, found, short)


def _short_last_row(
    sheet: Sheet, header: int, keep: list[int], table: pd.DataFrame
) -> ShortRow | None:
    """The table's last row when it may be cut off: it is the file's last line, no line
    break follows it, and it ends before some of the columns kept (at ``keep``). A short
    row followed by a line break was written so (Excel leaves out the empty cells after
    the last filled one on some rows) and reads like any other."""
    last = int(table[SOURCE_ROW].iloc[-1]) - 1
    if sheet.lengths is None or sheet.terminated or last != len(sheet.lengths) - 1:
        return None
    written = int(sheet.lengths[last])
    names = [c for c in table.columns if c != SOURCE_ROW]
    lacks = tuple(name for position, name in zip(keep, names) if position >= written)
    return ShortRow(last + 1, written, int(sheet.lengths[header]), lacks) if lacks else None


def _check_beyond_header(
    cells: pd.DataFrame, header_cells: int, header: int, source: SourceRef, separator: str
) -> None:
    extra = cells.iloc[1:, header_cells:]
    if extra.shape[1] == 0:
        return
    filled = extra.apply(lambda column: column.str.strip() != "").to_numpy()
    rows = np.flatnonzero(filled.any(axis=1))
    if len(rows):
        written = header_cells + int(np.flatnonzero(filled[rows[0]])[-1]) + 1
        raise InputFormatError(
            f"{source}: row {header + 2 + int(rows[0])} has {written} cells where the header row "
            f"has {header_cells} (cells separated by {SEPARATOR_WORDS[separator]}). A name "
            "containing the separator must be in double quotes; re-export the file, or fix "
            "that row."
        )


def check_last_row(read: TableRead, columns: Iterable[str | None]) -> None:
    """Stop when the file's last row ends, without a line break, before a column that is
    read: the file was cut off (an interrupted download leaves a short last row with no
    line end, which would otherwise read as an organisation with blank cells). Columns not
    read, and the empty ones Excel writes after the last, do not count, so a complete row
    typed by hand passes; a short last row followed by a line break reads as written."""
    short = read.short_last_row
    read_columns = {column for column in columns if column}
    cut = [column for column in short.lacks if column in read_columns] if short else []
    if short and cut:
        raise InputFormatError(
            f"{read.source}: row {short.number} has {short.cells} of the {short.header_cells} "
            f"cells of the header row: it ends before column {cut[0]!r}, and the file ends "
            "inside it, with no line break. The file looks cut off or damaged (an interrupted "
            "download?): download it again, or complete that row."
        )


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
    below the header when the grid is not the whole file (a layer's selected features, a
    table under title rows). ``field_N`` counts the grid's own column labels (positions).
    """
    if grid.empty:
        raise EmptyInputError(f"{source}: the file is empty (no header row).")
    raw_names = [_clean_header(v, int(i)) for i, v in zip(grid.columns, grid.iloc[0])]
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
