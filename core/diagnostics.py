"""Accounting for every input organisation: used, or reported with the reason.

Each core step returns a diagnostics table with one row per input row it received:
``source_row``, ``code``, ``outcome`` and ``reason``. Outcomes are ``used`` (counted in
the result), ``duplicate`` (the same organisation again, counted once), ``excluded`` (not
part of this calculation, for a stated reason) and ``unmatched`` (no partner found).
"""

from __future__ import annotations

import pandas as pd

USED = "used"
DUPLICATE = "duplicate"
EXCLUDED = "excluded"
UNMATCHED = "unmatched"
OUTCOMES: tuple[str, ...] = (USED, DUPLICATE, EXCLUDED, UNMATCHED)

DIAGNOSTIC_COLUMNS: tuple[str, ...] = ("source", "source_row", "code", "outcome", "reason")


def diagnostics_frame(
    *,
    source: str,
    source_row: pd.Series,
    code: pd.Series,
    outcome: pd.Series | str,
    reason: pd.Series | str,
) -> pd.DataFrame:
    """Build a diagnostics table; scalar ``outcome``/``reason`` apply to every row."""
    frame = pd.DataFrame(
        {
            "source": source,
            "source_row": source_row.to_numpy(dtype="int64"),
            "code": code.to_numpy(dtype=object),
            "outcome": outcome if isinstance(outcome, str) else outcome.to_numpy(),
            "reason": reason if isinstance(reason, str) else reason.to_numpy(),
        }
    )
    return frame.loc[:, list(DIAGNOSTIC_COLUMNS)]


def summarise(diagnostics: pd.DataFrame) -> str:
    """One line for a log: how many rows were used, duplicated, excluded, unmatched."""
    counts = diagnostics["outcome"].value_counts()
    parts = [f"{counts.get(o, 0)} {o}" for o in OUTCOMES if counts.get(o, 0)]
    return f"{len(diagnostics)} input row(s): " + ", ".join(parts or ["none"])
