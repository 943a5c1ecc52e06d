"""Status resolution: the status each organisation has for one DSPT edition.

The published business rules: only the chosen edition counts (an older edition's status
is no status for this edition); an organisation without a status for the edition
inherits its successor's status for that edition; otherwise it is Not Published. The
successor's status comes from the successor's own row in the same export (following
chains A -> B -> C) or, when the export carries one, from an explicit successor-status
column. Each row records where its status came from: ``own``, ``successor`` or ``none``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dspt_qgis.core import diagnostics as diag
from dspt_qgis.core.errors import (
    DsptError,
    DuplicateCodeError,
    EmptyInputError,
    SuccessorCycleError,
)
from dspt_qgis.core.reader import SOURCE_ROW, ColumnMap, clean_codes, detect_columns, read_table
from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme
from dspt_qgis.core.sectors import classify_sector_column
from dspt_qgis.core.statuses import (
    NOT_PUBLISHED,
    newest_edition,
    normalise_edition,
    parse_status_column,
)

OWN = "own"
SUCCESSOR = "successor"
NONE = "none"

#: Fields every imported table starts with, in this order (the public output contract).
OUTPUT_FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "sector",
    "sector_raw",
    "status_raw",
    "edition",
    "status",
    "status_source",
    "score",
    SOURCE_ROW,
)

#: Suffix given to a carried-through input column whose name equals an output field
#: ignoring case (GeoPackage and CSV field names are case-insensitive).
INPUT_SUFFIX = "_input"


@dataclass(frozen=True)
class ImportResult:
    """A resolved export: one row per organisation, and one diagnostic per input row."""

    table: pd.DataFrame
    diagnostics: pd.DataFrame
    edition: str
    columns: ColumnMap


def import_export(
    path: str | os.PathLike[str],
    *,
    edition: str | None = None,
    overrides: Mapping[str, str | None] | None = None,
    scheme: ScoringScheme = DEFAULT_SCHEME,
    sheet: str | None = None,
    default_sector: str | None = None,
) -> ImportResult:
    """Read a DSPT export file and resolve it for ``edition`` (newest in file if None)."""
    table = read_table(path, sheet=sheet)
    columns = detect_columns(table, overrides)
    return resolve_export(
        table, columns, edition=edition, scheme=scheme, default_sector=default_sector
    )


def resolve_export(
    table: pd.DataFrame,
    columns: ColumnMap,
    *,
    edition: str | None = None,
    scheme: ScoringScheme = DEFAULT_SCHEME,
    source: str | None = None,
    default_sector: str | None = None,
) -> ImportResult:
    """Resolve statuses, classify sectors, score, and drop same-status duplicates.

    ``default_sector`` is the raw sector of rows whose sector is blank or whose file has
    no sector column (the 2021/22 snapshots list one sector per file and have none).
    """
    source = source or table.attrs.get("source", "input")
    if table.empty:
        raise EmptyInputError(f"{source}: no organisation rows.")
    if SOURCE_ROW not in table.columns:
        table = table.assign(**{SOURCE_ROW: range(2, len(table) + 2)})
    rows = table[SOURCE_ROW]
    first_row = int(rows.iloc[0])

    codes = clean_codes(table[columns.code])
    own = parse_status_column(
        table[columns.status], column=columns.status, source=source, first_row=first_row
    )
    successor_codes = clean_codes(table[columns.successor_code]) if columns.successor_code else None
    explicit = (
        parse_status_column(
            table[columns.successor_status],
            column=columns.successor_status,
            source=source,
            first_row=first_row,
        )
        if columns.successor_status
        else None
    )

    if edition:
        try:
            edition = normalise_edition(edition)
        except ValueError as error:
            raise DsptError(str(error)) from None
    else:
        pool = (
            own["edition"] if explicit is None else pd.concat([own["edition"], explicit["edition"]])
        )
        edition = newest_edition(pool)
        if edition is None:
            raise DsptError(
                f"{source}: no status in column {columns.status!r} names an edition (such as "
                f"'20/21 Standards Met'); give the edition explicitly."
            )

    undated_counts = not own["edition"].notna().any()
    own_valid = _valid_for(own, edition, undated_counts)
    explicit_valid = _valid_for(explicit, edition, undated_counts) if explicit is not None else None

    status, status_source = _resolve(
        codes, own, own_valid, successor_codes, explicit, explicit_valid, source
    )

    sector_raw = (
        table[columns.sector]
        if columns.sector
        else pd.Series(None, index=table.index, dtype=object)
    )
    if default_sector:
        sector_raw = sector_raw.where(sector_raw.notna(), default_sector)
    resolved = pd.DataFrame(
        {
            "code": codes,
            "name": table[columns.name] if columns.name else None,
            "sector": classify_sector_column(sector_raw),
            "sector_raw": sector_raw,
            "status_raw": table[columns.status],
            "edition": edition,
            "status": status,
            "status_source": status_source,
        },
        index=table.index,
    )
    resolved["score"] = scheme.score(resolved["status"])
    resolved[SOURCE_ROW] = rows

    no_code = codes.isna()
    keep, duplicate_reason = deduplicate(
        resolved[~no_code], code="code", status="status", source=source
    )
    outcome = pd.Series(diag.USED, index=table.index, dtype=object)
    reason = pd.Series(_used_reason(status_source, edition), index=table.index, dtype=object)
    outcome[no_code] = diag.EXCLUDED
    reason[no_code] = f"no organisation code in column {columns.code!r}"
    outcome[duplicate_reason.index] = diag.DUPLICATE
    reason[duplicate_reason.index] = duplicate_reason
    diagnostics = diag.diagnostics_frame(
        source=source, source_row=rows, code=codes, outcome=outcome, reason=reason
    )

    carried = table.drop(columns=[SOURCE_ROW])
    output_names = {f.lower() for f in OUTPUT_FIELDS}
    carried.columns = [
        f"{c}{INPUT_SUFFIX}" if c.lower() in output_names else c for c in carried.columns
    ]
    result = pd.concat([resolved, carried], axis=1, copy=False)
    if len(keep) != len(result):
        result = result.loc[keep.index]
    result.index = pd.RangeIndex(len(result))  # not reset_index: that copies every column
    return ImportResult(result, diagnostics, edition, columns)


def deduplicate(
    table: pd.DataFrame, *, code: str, status: str, source: str
) -> tuple[pd.DataFrame, pd.Series]:
    """Keep each code once; raise when a code's rows disagree on the status.

    Returns the kept rows and, for each dropped row (by index), the reason naming the
    row it repeats. An organisation listed twice must never weigh double in a mean.
    """
    repeated = table[code].duplicated(keep=False)
    if not repeated.any():
        return table, pd.Series(dtype=object)
    groups = table[repeated].groupby(code, sort=True)
    conflicts = groups[status].nunique(dropna=False)
    conflicting = conflicts[conflicts > 1].index
    if len(conflicting):
        details = []
        for value in conflicting[:10]:
            rows = table[table[code] == value]
            listed = ", ".join(
                f"row {r} {s!r}" for r, s in zip(rows[SOURCE_ROW], rows[status], strict=True)
            )
            details.append(f"  {value}: {listed}")
        more = f"\n  and {len(conflicting) - 10} more code(s)" if len(conflicting) > 10 else ""
        raise DuplicateCodeError(
            f"{source}: {len(conflicting)} organisation code(s) appear more than once with "
            f"different statuses:\n" + "\n".join(details) + more + "\nKeep one row per "
            "organisation."
        )
    dropped = table[table[code].duplicated(keep="first")]
    first_row = table.drop_duplicates(code).set_index(code)[SOURCE_ROW]
    reason = dropped[code].map(
        lambda c: f"same code and status as row {first_row[c]}; counted once"
    )
    return table[~table[code].duplicated(keep="first")], reason


def _valid_for(parsed: pd.DataFrame, edition: str, undated_counts: bool) -> pd.Series:
    """True where a parsed status is a published status of ``edition``."""
    dated = parsed["edition"] == edition
    if undated_counts:
        dated = dated | parsed["edition"].isna()
    return dated & parsed["status"].notna() & (parsed["status"] != NOT_PUBLISHED)


def _resolve(
    codes: pd.Series,
    own: pd.DataFrame,
    own_valid: pd.Series,
    successor_codes: pd.Series | None,
    explicit: pd.DataFrame | None,
    explicit_valid: pd.Series | None,
    source: str,
) -> tuple[pd.Series, pd.Series]:
    """Apply own -> successor -> Not Published; follow successor chains, stop on loops."""
    status = own["status"].where(own_valid, None)
    status_source = pd.Series(NONE, index=codes.index, dtype=object)
    status_source[own_valid] = OWN
    if successor_codes is None and explicit is None:
        return status.fillna(NOT_PUBLISHED), status_source

    with_own = own_valid & codes.notna()
    own_by_code = dict(zip(codes[with_own], status[with_own], strict=True))
    # Plain arrays: this loop meets every organisation without an own status (a quarter
    # of a national register), where pandas indexing per row would dominate the run time.
    pending = np.flatnonzero((~own_valid & codes.notna()).to_numpy())
    code_values = codes.to_numpy(dtype=object)
    successor_values = (
        successor_codes.to_numpy(dtype=object) if successor_codes is not None else None
    )
    explicit_values = explicit["status"].to_numpy(dtype=object) if explicit is not None else None
    explicit_ok = explicit_valid.to_numpy(dtype=bool) if explicit_valid is not None else None
    successor_of: dict[str, str] = {}
    explicit_by_code: dict[str, str] = {}
    for position in pending:
        code = code_values[position]
        if successor_values is not None and successor_values[position] is not None:
            successor_of.setdefault(code, successor_values[position])
        if explicit_ok is not None and explicit_ok[position]:
            explicit_by_code.setdefault(code, explicit_values[position])

    memo: dict[str, str | None] = {}

    def inherited(start: str) -> str | None:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        found: str | None = None
        while current is not None:
            if current in memo:
                found = memo[current]
                break
            if current in own_by_code and current != start:
                found = own_by_code[current]
                break
            if current in on_path:
                loop = " -> ".join([*path[path.index(current) :], current])
                raise SuccessorCycleError(
                    f"{source}: successor codes form a loop ({loop}) and none of these "
                    f"organisations has a status of its own, so no successor status "
                    f"exists. Correct the successor code of one of them."
                )
            path.append(current)
            on_path.add(current)
            nxt = successor_of.get(current)
            if nxt is None or nxt not in codes_present:
                found = explicit_by_code.get(current)
                break
            current = nxt
        # Walk back: a link with its own explicit successor status is preferred only
        # when nothing was found further down the chain.
        for code in reversed(path):
            if found is None:
                found = explicit_by_code.get(code)
            memo[code] = found
        return found

    codes_present = set(codes.dropna())
    status_values = status.to_numpy(dtype=object).copy()
    source_values = status_source.to_numpy(dtype=object).copy()
    for position in pending:
        value = inherited(code_values[position])
        if value is not None:
            status_values[position] = value
            source_values[position] = SUCCESSOR
    status = pd.Series(status_values, index=codes.index, dtype=object)
    return status.fillna(NOT_PUBLISHED), pd.Series(source_values, index=codes.index, dtype=object)


def _used_reason(status_source: pd.Series, edition: str) -> pd.Series:
    text = {
        OWN: f"own {edition} status",
        SUCCESSOR: f"no own {edition} status; successor's status inherited",
        NONE: f"no {edition} status of its own or from a successor; Not Published",
    }
    return status_source.map(text)
