"""NHS ODS bulk files (``etr.csv`` trusts, ``ect.csv`` care trusts, ``eccg.csv``
commissioners, ...) read as the tables they are.

The files have no header row: each column's meaning comes from its position (NHS
Digital's standard layout, 27 columns). Two things analysts need from them are an
organisation's official ICS ("high level health geography", the STP or ICB ODS code it
belongs to) and its close date.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .errors import DuplicateCodeError, InputFormatError
from .grid import Grids, Sheet, check_fixed_layout, read_grids
from .sources import SOURCE_ROW, SourceRef

#: The 27 columns of an ODS bulk file, in order (NHS Digital's standard data file layout).
ODS_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "national_grouping",
    "high_level_health_geography",
    "address_line_1",
    "address_line_2",
    "address_line_3",
    "address_line_4",
    "address_line_5",
    "postcode",
    "open_date",
    "close_date",
    "status_code",
    "sub_type_code",
    "parent_code",
    "join_parent_date",
    "left_parent_date",
    "telephone",
    "reserved_19",
    "reserved_20",
    "reserved_21",
    "amended_record_indicator",
    "reserved_23",
    "gor_code",
    "reserved_25",
    "reserved_26",
    "reserved_27",
)
#: Up to the close date: the columns every ODS bulk file has.
MINIMUM_COLUMNS = 12
DATE_COLUMNS = ("open_date", "close_date", "join_parent_date", "left_parent_date")
CODE = "code"
#: Where each column of ODS_COLUMNS comes from: a source file and its row.
SOURCE = "source_file"


@dataclass(frozen=True)
class OdsRead:
    """ODS records (one per organisation, columns :data:`ODS_COLUMNS` with dates as
    dates, plus ``source_file`` and ``source_row``) and notes for the log."""

    table: pd.DataFrame
    notes: tuple[str, ...] = ()


def read_ods(paths: Sequence[str | os.PathLike[str]]) -> OdsRead:
    """Read one or more ODS bulk files into one table.

    An organisation in several files counts once when its records agree; records that
    disagree stop the run naming the organisation and both files.
    """
    frames: list[pd.DataFrame] = []
    notes: list[str] = []
    for path in paths:
        grids = read_grids(path)
        notes.extend(grids.notes)
        sheet = _ods_sheet(grids)
        check_fixed_layout(sheet, grids.source)
        frames.append(_ods_table(sheet, grids.source))
    table = pd.concat(frames, ignore_index=True)
    compared = [c for c in ODS_COLUMNS if c in table.columns]
    repeated = table[table[CODE].duplicated(keep=False)]
    if not repeated.empty:
        distinct = repeated.drop_duplicates(compared)
        clashes = distinct[distinct[CODE].duplicated(keep=False)]
        if not clashes.empty:
            listed = "; ".join(
                f"{code} ({' / '.join(f'{s} row {r}' for s, r in zip(group[SOURCE], group[SOURCE_ROW]))})"
                for code, group in list(clashes.groupby(CODE))[:10]
            )
            raise DuplicateCodeError(
                f"The ODS files hold different records for the same organisation: {listed}. Give "
                "files of one release, or one file per kind of organisation."
            )
        table = table.drop_duplicates(CODE)
    return OdsRead(table.reset_index(drop=True), tuple(notes))


def _ods_sheet(grids: Grids) -> Sheet:
    """The grid holding the records: a text file's, or a workbook's first sheet wide
    enough (a notes sheet before it is passed over)."""
    wide = [sheet for sheet in grids.sheets if _width(sheet) >= MINIMUM_COLUMNS]
    return wide[0] if wide else grids.sheets[0]


def _width(sheet: Sheet) -> int:
    """The cells of the widest row as written (columns empty throughout included)."""
    return sheet.cells.shape[1] if sheet.lengths is None else int(sheet.lengths.max())


def _ods_table(sheet: Sheet, source: SourceRef) -> pd.DataFrame:
    grid = sheet.cells
    if grid.empty:
        raise InputFormatError(f"{source}: the ODS file is empty.")
    first = str(grid.iloc[0, 0]).strip().lower()
    start = (
        1 if first in ("organisation code", "code", "org code") else 0
    )  # a file saved with a header
    body = grid.iloc[start:].reset_index(drop=True)
    if _width(sheet) < MINIMUM_COLUMNS:
        raise InputFormatError(
            f"{source}: an ODS bulk file has at least {MINIMUM_COLUMNS} columns (code, name, ..., "
            f"open and close dates); this one has {_width(sheet)}. Is it an ODS file (etr.csv, "
            "ect.csv, eccg.csv)?"
        )
    body = body.iloc[:, : len(ODS_COLUMNS)]
    body.columns = list(ODS_COLUMNS[: body.shape[1]])
    body = body.reindex(columns=list(ODS_COLUMNS), fill_value="")  # columns empty throughout
    for column in body.columns:
        cells = body[column].astype("string").str.strip()
        body[column] = cells.astype(object).where(cells.notna() & (cells != ""), None)
    body[SOURCE_ROW] = range(1, len(body) + 1) if start == 0 else range(2, len(body) + 2)
    body[SOURCE] = source.label
    body = body[body[CODE].notna()]
    for column in DATE_COLUMNS:
        if column in body.columns:
            body[column] = _dates(body[column], column, body[SOURCE_ROW], source)
    return body


def _dates(values: pd.Series, column: str, rows: pd.Series, source: SourceRef) -> pd.Series:
    """``YYYYMMDD`` text as dates; a value that is not one stops naming the row."""
    parsed = pd.to_datetime(values, format="%Y%m%d", errors="coerce")
    bad = values.notna() & parsed.isna()
    if bad.any():
        shown = ", ".join(
            f"{source.unit} {r}: {v!r}" for r, v in zip(rows[bad][:5], values[bad][:5])
        )
        raise InputFormatError(
            f"{source}: column {column.replace('_', ' ')} holds values that are not YYYYMMDD dates ({shown})."
        )
    return parsed.dt.date.astype(object).where(parsed.notna(), None)


def publication_deadline(edition: str) -> datetime.date:
    """30 June of the edition's second year: 21/22 -> 30 June 2022."""
    return datetime.date(2000 + int(edition[3:5]), 6, 30)


def closures_from_table(
    table: pd.DataFrame, *, code_field: str, date_field: str, source: SourceRef
) -> dict[str, datetime.date]:
    """Close date per organisation code from any table (an ODS read, a layer of it, a CSV):
    dates as dates, ISO text (2022-03-31) or ODS text (20220331); blank = still open."""
    from .codes import clean_codes
    from .fields import require_fields

    require_fields(
        [c for c in table.columns if c != SOURCE_ROW],
        {code_field: "code", date_field: "close date"},
        source=source,
    )
    raw = table[date_field]
    text = (
        raw.map(lambda v: v.isoformat() if isinstance(v, datetime.date) else v)
        .astype("string")
        .str.strip()
    )
    parsed = pd.to_datetime(
        text.str.replace("-", "", regex=False), format="%Y%m%d", errors="coerce"
    )
    bad = text.notna() & (text != "") & parsed.isna()
    if bad.any():
        rows = (
            table[SOURCE_ROW]
            if SOURCE_ROW in table.columns
            else pd.Series(range(1, len(table) + 1))
        )
        shown = ", ".join(f"{source.unit} {r}: {v!r}" for r, v in zip(rows[bad][:5], raw[bad][:5]))
        raise InputFormatError(
            f"{source}: field {date_field!r} holds values that are not dates ({shown})."
        )
    codes = clean_codes(table[code_field])
    known = codes.notna() & parsed.notna()
    return dict(zip(codes[known], parsed[known].dt.date))


def looks_like_raw_ods(field_names: Sequence[str]) -> bool:
    """True for the fields QGIS gives a header-less ODS file opened as a table: its first
    record taken for a header (an ODS code, a name, ..., dates such as 20020401)."""
    dates = sum(1 for name in field_names if len(str(name)) == 8 and str(name).isdigit())
    return (
        len(field_names) >= 12
        and dates >= 1
        and str(field_names[0]).isalnum()
        and len(str(field_names[0])) <= 6
    )


def raw_ods_message(source: SourceRef) -> str:
    """What to do when an ODS file was given where its table was expected."""
    return (
        f"{source} looks like an ODS bulk file opened directly: it has no header row, so its first "
        "organisation was read as the column names. Run 'Read ODS bulk files' on it and use that "
        "output instead."
    )
