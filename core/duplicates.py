"""An organisation listed twice must never weigh double in a mean, nor silently pick a status.

Shared by the import, the join and the per-ICS aggregation: rows with the same cleaned
code that agree on everything deciding the result (the status, and what the caller names:
where the status came from, the sector, the ICS, the weight) count once, the repeats
reported as duplicates; rows that disagree on any of it stop the run, naming the code and
the rows, so no result depends on which row comes first.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .errors import DuplicateCodeError
from .sources import SOURCE_ROW, SourceRef

#: How many conflicting codes a message lists before summarising.
LISTED = 10


def deduplicate(
    table: pd.DataFrame,
    *,
    code: str,
    status: str,
    source: SourceRef,
    deciding: Mapping[str, str] | None = None,
    shown: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.Series]:
    """Keep each code once; raise when a code's rows disagree on the status or on a
    ``deciding`` column (column -> how a message names it).

    ``shown`` columns (column -> label) are listed beside each conflicting row to say why
    it has its status (e.g. its successor code), without being compared. Returns the kept
    rows and, for each dropped row (by index), the reason naming the row it repeats.
    """
    later = table[code].duplicated(keep="first")
    if not later.any():  # the usual case, found with one pass of hashing
        return table, pd.Series(dtype=object)
    compared = {status: "status", **(deciding or {})}
    repeated = table[table[code].isin(table.loc[later, code])]
    differing = {
        column: repeated.groupby(code, sort=True)[column].nunique(dropna=False) > 1
        for column in compared
    }
    conflicting = pd.concat(differing, axis=1).any(axis=1)
    if conflicting.any():
        raise DuplicateCodeError(
            _conflict_message(
                repeated,
                code,
                conflicting[conflicting].index,
                differing,
                compared,
                shown or {},
                source,
            )
        )
    first_row = table.loc[~later].set_index(code)[SOURCE_ROW]
    agreeing = _listing(["code", *compared.values()])
    reason = table.loc[later, code].map(
        lambda c: f"same {agreeing} as {source.unit} {first_row[c]}; counted once"
    )
    return table[~later], reason


def _conflict_message(
    repeated: pd.DataFrame,
    code: str,
    codes: pd.Index,
    differing: Mapping[str, pd.Series],
    compared: Mapping[str, str],
    shown: Mapping[str, str],
    source: SourceRef,
) -> str:
    """``file f.csv: 1 organisation code(s) appear more than once with different statuses:
    A: row 2 'Standards Met', row 3 'Not Published' (successor B)``."""
    kinds = [label for column, label in compared.items() if differing[column].loc[codes].any()]
    details = []
    for value in codes[:LISTED]:
        rows = repeated[repeated[code] == value]
        listed = ", ".join(
            _describe(row, compared, differing, value, shown, source) for _, row in rows.iterrows()
        )
        details.append(f"  {value}: {listed}")
    more = f"\n  and {len(codes) - LISTED} more code(s)" if len(codes) > LISTED else ""
    return (
        f"{source}: {len(codes)} organisation code(s) appear more than once with different "
        f"{_listing([_plural(k) for k in kinds])}:\n"
        + "\n".join(details)
        + more
        + "\nKeep one row per organisation."
    )


def _describe(
    row: pd.Series,
    compared: Mapping[str, str],
    differing: Mapping[str, pd.Series],
    value: str,
    shown: Mapping[str, str],
    source: SourceRef,
) -> str:
    """One row of a conflict: its number, its status, and the other values that differ."""
    first, *others = compared
    extra = [f"{compared[c]} {_text(row[c])}" for c in others if differing[c].loc[value]]
    extra += [f"{label} {_text(row[c])}" for c, label in shown.items() if _present(row[c])]
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"{source.unit} {row[SOURCE_ROW]} {_text(row[first])}{tail}"


def _text(value: object) -> str:
    return repr(value) if _present(value) else "(empty)"


def _present(value: object) -> bool:
    return value is not None and value == value  # value != value: NaN


def _listing(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def _plural(label: str) -> str:
    return (
        label[:-1] + "ies"
        if label.endswith("y")
        else label + ("es" if label.endswith("s") else "s")
    )


def require_unique(
    codes: pd.Series, rows: pd.Series, *, field: str, what: str, source: SourceRef
) -> None:
    """Stop when a field that must identify each feature (an ICS layer's code field)
    repeats a code: keying results by it would give one ICS another's values.

    ``codes`` are cleaned codes (blank ones are not compared); ``what`` names one feature
    ("ICS").
    """
    repeated = codes.notna() & codes.duplicated(keep=False)
    if not repeated.any():
        return
    groups = rows[repeated].groupby(codes[repeated], sort=True)
    listed = "; ".join(
        f"{code} on {source.rows(sorted(group.tolist()))}" for code, group in list(groups)[:LISTED]
    )
    more = f"; and {groups.ngroups - LISTED} more" if groups.ngroups > LISTED else ""
    raise DuplicateCodeError(
        f"{source}: field {field!r} does not identify each {what}: {listed}{more}. Pick the field holding each "
        f"{what}'s own code, or dissolve the layer by it first (Vector > Geoprocessing Tools > Dissolve)."
    )
