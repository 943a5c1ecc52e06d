"""Status resolution: the status each organisation has for one DSPT edition.

The published business rules: only the chosen edition counts (an older edition's status
is no status for this edition); an organisation without a status for the edition
inherits its successor's status for that edition; otherwise it is Not Published. The
successor's status comes from the successor's own row in the same export (following
chains A -> B -> C) or, when the export carries one, from an explicit successor-status
column (chains: core.successors). Each row records where its status came from: ``own``,
``successor`` or ``none``, and the result which organisation's submission decided it.

One more rule, when ODS close dates are given: an organisation with no status of its own
or from a successor that closed before the edition's publication deadline (30 June of
its second year) is left out rather than counted as Not Published: its services are
covered by its successors' own submissions. Each one left out is reported with its
close date.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

import pandas as pd

from . import diagnostics as diag
from .categories import constant
from .codes import blank_codes, clean_codes
from .duplicates import deduplicate
from .errors import EditionError
from .export_columns import ColumnMap, detect_columns, export_wanted
from .ods import publication_deadline
from .published_method import NOT_PUBLISHED
from .reader import TableRead, read_table
from .scoring import DEFAULT_SCHEME, ScoringScheme
from .sectors import classify_sector_column
from .sources import SOURCE_ROW, SourceRef
from .statuses import (
    edition_counts,
    newest_edition,
    normalise_edition,
    parse_status_column,
)
from .successors import NONE, OWN, SUCCESSOR, Resolved, StatusRows, resolve_statuses

#: The field of an imported table naming the organisation whose submission decides each
#: status, where it is not the organisation's own (a successor's): what "what would raise
#: the composite" reads to move every organisation one submission decides at once.
DECIDED_BY_FIELD = "decided_by"

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
    DECIDED_BY_FIELD,
    "score",
    SOURCE_ROW,
)

#: The fields of an imported table an organisation's layer takes from its row (the join
#: of statuses to commissioner polygons or trust points, in QGIS and in dspt-report).
STATUS_FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "sector",
    "edition",
    "status",
    "status_source",
    DECIDED_BY_FIELD,
    "score",
)

#: Suffix given to a carried-through input column whose name equals an output field
#: ignoring case (GeoPackage and CSV field names are case-insensitive).
INPUT_SUFFIX = "_input"


class ClosedRule(str, Enum):
    """What happens to an organisation with no status that closed before the deadline."""

    LEAVE_OUT = "leave_out"  # its successors' submissions cover its services
    NOT_PUBLISHED = "not_published"  # counted as Not Published, like any other


@dataclass(frozen=True)
class ImportRequest:
    """How to resolve an export: for which edition (None = newest in the file), with
    which scores, the raw sector of rows that have none, and organisations' close dates
    (ODS code -> date) with the rule for those closed before the publication deadline."""

    edition: str | None = None
    scheme: ScoringScheme = DEFAULT_SCHEME
    default_sector: str | None = None
    closures: Mapping[str, datetime.date] | None = None
    closed_rule: ClosedRule = ClosedRule.LEAVE_OUT


@dataclass(frozen=True)
class ImportResult:
    """A resolved export: one row per organisation, one diagnostic per input row, and
    notes for the log. ``decided_by`` (by row of ``table``): the code of the organisation
    whose submission decides the status (see core.successors; None: no status)."""

    table: pd.DataFrame
    diagnostics: pd.DataFrame
    edition: str
    columns: ColumnMap
    decided_by: pd.Series
    notes: tuple[str, ...] = ()


def import_export(
    path: str | os.PathLike[str],
    request: ImportRequest = ImportRequest(),
    *,
    overrides: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Read a DSPT export file and resolve it (see :func:`resolve_export`)."""
    read = read_table(path, wanted=export_wanted(overrides), sheet=sheet)
    return resolve_export(read, detect_columns(read, overrides), request)


def resolve_export(read: TableRead, columns: ColumnMap, request: ImportRequest) -> ImportResult:
    """Resolve statuses, classify sectors, score, and drop same-status duplicates."""
    parsed = _parse(read, columns, request)
    rows = parsed.rows
    statuses = resolve_statuses(rows)
    resolved = _resolved_columns(read.table, columns, request, parsed, statuses)
    closed = _closed(rows.codes, statuses.status_source, parsed.edition, request)
    keep, duplicate_reason = _deduplicated(resolved, rows, closed)
    outcome = diag.outcomes(read.table.index)
    reason = _used_reason(statuses.status_source, parsed.edition)
    for mask_or_index, why, kind in (
        (rows.no_code, f"no organisation code in column {columns.code!r}", diag.EXCLUDED),
        (closed.index, closed, diag.EXCLUDED),
        (duplicate_reason.index, duplicate_reason, diag.DUPLICATE),
    ):
        outcome[mask_or_index] = kind
        reason[mask_or_index] = why
    diagnostics = diag.diagnostics_frame(
        source=read.source,
        source_row=resolved[SOURCE_ROW],
        code=rows.codes,
        outcome=outcome,
        reason=reason,
    )
    notes = (
        *read.notes,
        *_other_edition_note(parsed.own, parsed.edition, parsed.undated, columns.status),
        *_closed_note(rows.codes, closed, parsed.edition),
    )
    decided_by = statuses.decided_by.loc[keep.index]
    decided_by.index = pd.RangeIndex(
        len(decided_by)
    )  # by row of the output, as _output numbers them
    return ImportResult(
        _output(read.table, resolved, keep), diagnostics, parsed.edition, columns, decided_by, notes
    )


@dataclass(frozen=True)
class _Parsed:
    """An export's statuses read for one edition: what decides each row's status, the
    edition, the parsed own statuses, and whether no status names an edition at all."""

    rows: StatusRows
    edition: str
    own: pd.DataFrame
    undated: bool


def _parse(read: TableRead, columns: ColumnMap, request: ImportRequest) -> _Parsed:
    """Parse the own and successor statuses and decide the edition they are read for."""
    table, source = read.table, read.source

    def statuses(column: str) -> pd.DataFrame:
        return parse_status_column(
            table[column],
            column=column,
            source=source,
            rows=table[SOURCE_ROW],
            extra_statuses=request.scheme.added_statuses,
        )

    own = statuses(columns.status)
    explicit = statuses(columns.successor_status) if columns.successor_status else None
    edition = _edition(request.edition, own, explicit, source, columns)
    undated = not own["edition"].notna().any()
    if not undated:
        _refuse_an_edition_not_held(edition, own, explicit, source, columns)
    own_valid = _valid_for(own, edition, undated)
    codes = clean_codes(table[columns.code])
    rows = StatusRows(
        codes,
        blank_codes(codes),
        own["status"].where(own_valid),
        own_valid,
        clean_codes(table[columns.successor_code]) if columns.successor_code else None,
        explicit,
        _valid_for(explicit, edition, undated) if explicit is not None else None,
        source,
    )
    return _Parsed(rows, edition, own, undated)


def _resolved_columns(
    table: pd.DataFrame,
    columns: ColumnMap,
    request: ImportRequest,
    parsed: _Parsed,
    statuses: Resolved,
) -> dict[str, pd.Series]:
    """The output's own columns (:data:`OUTPUT_FIELDS`), row for row of the input."""
    status = statuses.status
    nothing = pd.Series(None, index=table.index, dtype=object)
    sector_raw = table[columns.sector] if columns.sector else nothing
    if request.default_sector:
        sector_raw = sector_raw.where(sector_raw.notna(), request.default_sector)
    return {
        "code": parsed.rows.codes,
        "name": table[columns.name] if columns.name else nothing,
        "sector": classify_sector_column(sector_raw),
        "sector_raw": sector_raw,
        "status_raw": table[columns.status],
        "edition": constant(parsed.edition, table.index),
        "status": status,
        "status_source": statuses.status_source,
        DECIDED_BY_FIELD: _decided_elsewhere(statuses.decided_by, parsed.rows.codes),
        "score": request.scheme.score(status),
        SOURCE_ROW: table[SOURCE_ROW],
    }


def _decided_elsewhere(decided_by: pd.Series, codes: pd.Series) -> pd.Series:
    """Whose submission decides each status where it is not the organisation's own (None
    where it is, or where there is no status)."""
    return decided_by.where(decided_by.ne(codes), None).astype(object)


def _deduplicated(
    resolved: dict[str, pd.Series], rows: StatusRows, closed: pd.Series
) -> tuple[pd.DataFrame, pd.Series]:
    """The rows counted (each organisation once) and why each repeat is not: the rows of
    one code must agree on everything that decides the result (see core.duplicates)."""
    candidates = ~rows.no_code
    candidates[closed.index] = False
    counted = {
        key: resolved[key] for key in ("code", "status", "status_source", "sector", SOURCE_ROW)
    }
    if rows.successor_codes is not None:  # said beside each conflicting row: why it has its status
        counted["successor"] = rows.successor_codes
    frame = pd.DataFrame(
        counted if candidates.all() else {k: v[candidates] for k, v in counted.items()}, copy=False
    )
    return deduplicate(
        frame,
        code="code",
        status="status",
        source=rows.source,
        deciding={"status_source": "status source", "sector": "sector"},
        shown={"successor": "successor"} if rows.successor_codes is not None else None,
    )


def _output(
    table: pd.DataFrame, resolved: dict[str, pd.Series], keep: pd.DataFrame
) -> pd.DataFrame:
    """The output table: the resolved columns, then every input column carried through
    (one block per column, not one consolidated copy of a million-row object block)."""
    output_names = {f.lower() for f in OUTPUT_FIELDS}
    carried = {
        f"{c}{INPUT_SUFFIX}" if c.lower() in output_names else c: table[c]
        for c in table.columns
        if c != SOURCE_ROW
    }
    result = pd.DataFrame({**resolved, **carried}, copy=False)
    if len(keep) != len(result):
        result = result.loc[keep.index]
    result.index = pd.RangeIndex(len(result))  # not reset_index: that copies every column
    return result


def _closed(
    codes: pd.Series, status_source: pd.Series, edition: str, request: ImportRequest
) -> pd.Series:
    """The reason each row left out as closed is left out, by row index (only those rows)."""
    if not request.closures or request.closed_rule is not ClosedRule.LEAVE_OUT:
        return pd.Series(dtype=object)
    deadline = publication_deadline(edition)
    without = codes[(status_source == NONE) & ~blank_codes(codes)]
    close = without.map(request.closures.get)
    before = close.map(lambda d: d is not None and d < deadline).astype(bool)
    return (
        close[before]
        .map(
            lambda d: (
                f"no {edition} status, closed on {d.isoformat()} (ODS) before the {edition} "
                f"publication deadline {deadline.isoformat()}: its successors' submissions cover its "
                "services, so it is left out"
            )
        )
        .astype(object)
    )


def _closed_note(codes: pd.Series, closed: pd.Series, edition: str) -> tuple[str, ...]:
    left_out = codes[closed.index]
    if left_out.empty:
        return ()
    return (
        f"{len(left_out)} organisation(s) without a {edition} status closed before the "
        f"publication deadline and are left out, not counted as Not Published: "
        f"{', '.join(left_out.head(10))}{' ...' if len(left_out) > 10 else ''} (the report lists each "
        "with its close date).",
    )


def _edition(
    requested: str | None,
    own: pd.DataFrame,
    explicit: pd.DataFrame | None,
    source: SourceRef,
    columns: ColumnMap,
) -> str:
    if requested:
        return normalise_edition(requested)
    pool = own["edition"] if explicit is None else pd.concat([own["edition"], explicit["edition"]])
    edition = newest_edition(pool)
    if edition is None:
        raise EditionError(
            f"{source}: no status in column {columns.status!r} names an edition (such as "
            "'20/21 Standards Met'); give the edition explicitly."
        )
    return edition


def _refuse_an_edition_not_held(
    edition: str,
    own: pd.DataFrame,
    explicit: pd.DataFrame | None,
    source: SourceRef,
    columns: ColumnMap,
) -> None:
    """Stop when no status names the chosen edition: every organisation would be Not
    Published (-3) and every composite the floor, a wrong number said only in a note. A
    mistyped edition (23/24 for a 2020/21 export) is the usual cause."""
    pool = own["edition"] if explicit is None else pd.concat([own["edition"], explicit["edition"]])
    held = edition_counts(pool)
    if edition in held.index:
        return
    counts = ", ".join(f"{e} ({n} row(s))" for e, n in held.items())
    raise EditionError(
        f"{source}: no status in column {columns.status!r} is of the {edition} edition; "
        f"it holds {counts}. Check the edition chosen: with none of its statuses every "
        "organisation would be Not Published."
    )


def _other_edition_note(
    own: pd.DataFrame, edition: str, undated_counts: bool, column: str
) -> tuple[str, ...]:
    if undated_counts:
        return ()
    others = edition_counts(own["edition"]).drop(edition, errors="ignore")
    if others.empty:
        return ()
    counts = ", ".join(f"{e}: {n}" for e, n in others.items())
    return (
        f"{others.sum()} status(es) in column {column!r} belong to other editions ({counts}); "
        f"only {edition} counts, so those organisations take their successor's {edition} "
        "status or are Not Published.",
    )


def _valid_for(parsed: pd.DataFrame, edition: str, undated_counts: bool) -> pd.Series:
    """True where a parsed status is a published status of ``edition``."""
    dated = parsed["edition"] == edition
    if undated_counts:
        dated = dated | parsed["edition"].isna()
    return dated & parsed["status"].notna() & (parsed["status"] != NOT_PUBLISHED)


def _used_reason(status_source: pd.Series, edition: str) -> pd.Series:
    text = {
        OWN: f"own {edition} status",
        SUCCESSOR: f"no own {edition} status; successor's status inherited",
        NONE: f"no {edition} status of its own or from a successor; Not Published",
    }
    return status_source.map(text).astype(object)
