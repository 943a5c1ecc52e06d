"""Read DSPT exports (CSV in UTF-8, UTF-8 with BOM or cp1252; XLSX) and find their columns.

Every edition renames columns (``Latest Status`` -> ``Status``, ``ODS Code``, R's
``Latest.Status``), so columns are matched by role, ignoring case, spaces and
punctuation, and any role can be named explicitly. Cells are read as text: codes such
as ``00L`` must never become numbers.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dspt_qgis.core.errors import AmbiguousColumnError, EmptyInputError, MissingColumnError

#: Name of the column added to every table read, holding the spreadsheet row number
#: (header = row 1) so messages and diagnostics can point at the input row.
SOURCE_ROW = "source_row"

CODE = "code"
NAME = "name"
STATUS = "status"
SECTOR = "sector"
SUCCESSOR_CODE = "successor_code"
SUCCESSOR_STATUS = "successor_status"

_ROLE_CANDIDATES: dict[str, tuple[str, ...]] = {
    CODE: ("code", "odscode", "organisationcode", "orgcode", "odsorgcode"),
    NAME: ("name", "organisationname", "odsorgname", "orgname", r"loc\d\dnm", r"sicbl\d\dnm"),
    STATUS: ("lateststatus", "status", "publicationstatus", "dsptstatus"),
    SECTOR: ("sector", "primarysector"),
    SUCCESSOR_CODE: ("successorcode", "successor", "successorodscode"),
    SUCCESSOR_STATUS: ("successorstatus",),
}
_REQUIRED_ROLES = (CODE, STATUS)


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


def read_table(path: str | os.PathLike[str], sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX file as text cells, blank cells as None, with ``source_row``.

    Header names are stripped of stray spaces; an empty header becomes ``field_N`` and
    a repeated header gets a ``_2``, ``_3`` suffix (QGIS would refuse duplicates).
    Rows whose cells are all blank (Excel's trailing rows) are not organisations and are
    left out. For a workbook, ``sheet`` picks the sheet; otherwise the first sheet whose
    header has a code and a status column is read.
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise EmptyInputError(f"{path}: file not found.")
    if path.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raw = _read_workbook(path, sheet)
    else:
        raw = _read_csv_text(path)
    return table_from_rows(raw, source=path)


def table_from_rows(raw: pd.DataFrame, *, source: str) -> pd.DataFrame:
    """Turn a header-less grid of cells (first row = header) into a clean text table."""
    if raw.empty:
        raise EmptyInputError(f"{source}: the file is empty (no header row).")
    header = _unique_header([_clean_header(v, i) for i, v in enumerate(raw.iloc[0])])
    body = raw.iloc[1:].copy()
    body.columns = header
    for column in header:
        cells = body[column].astype("string").str.strip()
        body[column] = cells.astype(object).where(cells.notna() & (cells != ""), None)
    body[SOURCE_ROW] = range(2, len(body) + 2)
    body = body[body.drop(columns=SOURCE_ROW).notna().any(axis=1)]
    if body.empty:
        raise EmptyInputError(f"{source}: no organisation rows below the header.")
    body.attrs["source"] = source
    body.attrs["duplicated_headers"] = {
        new: old for new, old in zip(header, _raw_names(raw), strict=True) if new != old
    }
    return body.reset_index(drop=True)


def detect_columns(
    table: pd.DataFrame,
    overrides: Mapping[str, str | None] | None = None,
    *,
    source: str | None = None,
) -> ColumnMap:
    """Find the column for each role, honouring explicit ``overrides`` (role -> name)."""
    source = source or table.attrs.get("source", "input")
    columns = [c for c in table.columns if c != SOURCE_ROW]
    overrides = {k: v for k, v in (overrides or {}).items() if v}
    renamed = table.attrs.get("duplicated_headers", {})
    found: dict[str, str | None] = {}
    for role, candidates in _ROLE_CANDIDATES.items():
        if role in overrides:
            found[role] = _find_named(columns, overrides[role], role, source)
            continue
        found[role] = _find_by_candidates(columns, candidates)
        if found[role] is not None and any(old == found[role] for old in renamed.values()):
            raise AmbiguousColumnError(
                f"{source}: column {found[role]!r} appears more than once, so the "
                f"{role.replace('_', ' ')} column is ambiguous. Rename one of them, or "
                f"name the column to use explicitly."
            )
    missing = [role for role in _REQUIRED_ROLES if found[role] is None]
    if missing:
        wanted = "; ".join(
            f"{role}: one of {', '.join(_readable(c) for c in _ROLE_CANDIDATES[role])}"
            for role in missing
        )
        raise MissingColumnError(
            f"{source}: no {' or '.join(missing)} column found ({wanted}). Columns in the "
            f"file: {', '.join(map(repr, columns))}. Name the column explicitly if it is "
            f"called something else."
        )
    return ColumnMap(**found)  # type: ignore[arg-type]


def clean_codes(values: pd.Series) -> pd.Series:
    """Codes compared as trimmed upper-case text (the portal exports lower case since 2024).

    Each distinct value is cleaned once: group codes repeat across a national register.
    """
    positions, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    text = pd.Series(uniques, dtype=object).astype(str).str.strip().str.upper()
    lookup = np.array([*text.where(text != "", None), None], dtype=object)
    return pd.Series(lookup[positions], index=values.index, dtype=object)


def _read_csv_text(path: str) -> pd.DataFrame:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise EmptyInputError(f"{path}: the file is empty.")
    try:
        return pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            sep=None if _looks_semicolon(text) else ",",
            engine="python",
        )
    except pd.errors.ParserError as error:
        raise EmptyInputError(f"{path}: not a readable CSV file ({error}).") from None


def _looks_semicolon(text: str) -> bool:
    first_line = text.split("\n", 1)[0]
    return first_line.count(";") > first_line.count(",")


def _read_workbook(path: str, sheet: str | None) -> pd.DataFrame:
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise EmptyInputError(f"{path}: not a readable workbook ({error}).") from None
    if sheet is not None:
        if sheet not in sheets:
            raise MissingColumnError(
                f"{path}: no sheet {sheet!r}; the workbook has {', '.join(map(repr, sheets))}."
            )
        return sheets[sheet].fillna("")
    for grid in sheets.values():
        if grid.empty:
            continue
        names = [_clean_header(v, i) for i, v in enumerate(grid.iloc[0].fillna(""))]
        if _find_by_candidates(names, _ROLE_CANDIDATES[CODE]) and _find_by_candidates(
            names, _ROLE_CANDIDATES[STATUS]
        ):
            return grid.fillna("")
    first = next(iter(sheets.values()))
    return first.fillna("")


def _clean_header(value: object, position: int) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    text = " ".join(text.split())
    return text or f"field_{position + 1}"


def _raw_names(raw: pd.DataFrame) -> list[str]:
    return [_clean_header(v, i) for i, v in enumerate(raw.iloc[0])]


def _unique_header(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        key = name.lower()
        seen[key] = seen.get(key, 0) + 1
        unique.append(name if seen[key] == 1 else f"{name}_{seen[key]}")
    return unique


def _normalised(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _find_by_candidates(columns: list[str], candidates: tuple[str, ...]) -> str | None:
    by_key = {}
    for column in columns:
        by_key.setdefault(_normalised(column), column)
    for candidate in candidates:
        for key, column in by_key.items():
            if re.fullmatch(candidate, key):
                return column
    return None


def _find_named(columns: list[str], wanted: str, role: str, source: str) -> str:
    if wanted in columns:
        return wanted
    matches = [c for c in columns if _normalised(c) == _normalised(wanted)]
    if len(matches) == 1:
        return matches[0]
    raise MissingColumnError(
        f"{source}: the {role.replace('_', ' ')} column {wanted!r} does not exist. Columns "
        f"in the file: {', '.join(map(repr, columns))}."
    )


def _readable(candidate: str) -> str:
    return candidate.replace(r"\d\d", "NN")
