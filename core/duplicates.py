"""An organisation listed twice must never weigh double in a mean, nor silently pick a status.

Shared by the import, the join and the per-ICS aggregation: rows with the same cleaned
code and the same status count once (the repeats are reported as duplicates); rows with
the same code and different statuses stop the run, naming the code and both rows.
"""

from __future__ import annotations

import pandas as pd

from dspt_qgis.core.errors import DuplicateCodeError
from dspt_qgis.core.reader import SOURCE_ROW
from dspt_qgis.core.sources import SourceRef


def deduplicate(
    table: pd.DataFrame, *, code: str, status: str, source: SourceRef
) -> tuple[pd.DataFrame, pd.Series]:
    """Keep each code once; raise when a code's rows disagree on the status.

    Returns the kept rows and, for each dropped row (by index), the reason naming the row
    it repeats.
    """
    later = table[code].duplicated(keep="first")
    if not later.any():  # the usual case, found with one pass of hashing
        return table, pd.Series(dtype=object)
    repeated = table[code].isin(table.loc[later, code])
    groups = table[repeated].groupby(code, sort=True)
    conflicts = groups[status].nunique(dropna=False)
    conflicting = conflicts[conflicts > 1].index
    if len(conflicting):
        details = []
        for value in conflicting[:10]:
            rows = table[table[code] == value]
            listed = ", ".join(
                f"{source.unit} {r} {s!r}" for r, s in zip(rows[SOURCE_ROW], rows[status])
            )
            details.append(f"  {value}: {listed}")
        more = f"\n  and {len(conflicting) - 10} more code(s)" if len(conflicting) > 10 else ""
        raise DuplicateCodeError(
            f"{source}: {len(conflicting)} organisation code(s) appear more than once with "
            "different statuses:\n" + "\n".join(details) + more + "\nKeep one row per "
            "organisation."
        )
    first = ~later
    first_row = table.loc[first].set_index(code)[SOURCE_ROW]
    dropped = table.loc[~first, code]
    reason = dropped.map(
        lambda c: f"same code and status as {source.unit} {first_row[c]}; counted once"
    )
    return table[first], reason
