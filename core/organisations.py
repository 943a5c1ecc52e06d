"""A table that already holds statuses (an import's output, a layer with a status field)
read as one status per organisation code.

Shared by the comparison of editions and the crosswalk onto a newer geography: codes
are cleaned, statuses parsed (a status a scheme adds is known; an unknown one stops the
run naming its rows), a blank status counts as Not Published, rows without a code are
left out, and an organisation listed twice counts once (or stops the run when its rows
disagree).
"""

from __future__ import annotations

import pandas as pd

from .codes import clean_codes
from .duplicates import deduplicate
from .fields import require_fields
from .published_method import NOT_PUBLISHED
from .scoring import ScoringScheme
from .sources import SOURCE_ROW, SourceRef, source_rows
from .statuses import parse_status_column


def statuses_by_code(
    table: pd.DataFrame,
    *,
    source: SourceRef,
    code_field: str,
    status_field: str,
    scheme: ScoringScheme,
    name_field: str | None = None,
    sector_field: str | None = None,
) -> pd.DataFrame:
    """Indexed by cleaned code: ``name``, ``sector`` (None where no field is given) and
    ``status``, one row per organisation."""
    wanted: dict[str | None, str] = {
        code_field: "code",
        status_field: "status",
        name_field: "name",
        sector_field: "sector",
    }
    require_fields([c for c in table.columns if c != SOURCE_ROW], wanted, source=source)
    rows = source_rows(table, source)
    parsed = parse_status_column(
        table[status_field],
        column=status_field,
        source=source,
        rows=rows,
        extra_statuses=scheme.added_statuses,
    )
    frame = pd.DataFrame(
        {
            "code": clean_codes(table[code_field]),
            "name": table[name_field] if name_field else None,
            "sector": table[sector_field] if sector_field else None,
            "status": parsed["status"].fillna(NOT_PUBLISHED),
            SOURCE_ROW: rows.to_numpy(),
        },
        index=table.index,
    )
    kept, _ = deduplicate(frame[frame["code"].notna()], code="code", status="status", source=source)
    return kept.set_index("code")[["name", "sector", "status"]]
