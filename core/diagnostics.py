"""Accounting for every input organisation: used, or reported with the reason.

Each core step returns a diagnostics table with one row per input row it received: the
``source`` (``file export.csv`` / ``layer Trusts``), its ``unit`` (row / feature), the
``source_row`` (the row or feature number), ``code``, ``outcome`` and ``reason``.
Outcomes are ``used`` (counted in the result), ``duplicate`` (the same organisation
again, counted once), ``excluded`` (not part of this calculation, for a stated reason)
and ``unmatched`` (no partner found).

The account an analyst reads (:func:`described`, :data:`DIAGNOSTIC_COLUMNS`) adds
``where``, both in words (``file export.csv row 12``). It is written only for the rows
shown or saved: on a national register most rows are ``used`` and never shown, and a
million such strings would cost more than the method itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
import pandas as pd

from dspt_qgis.core.sources import SourceRef

USED = "used"
DUPLICATE = "duplicate"
EXCLUDED = "excluded"
UNMATCHED = "unmatched"
OUTCOMES: tuple[str, ...] = (USED, DUPLICATE, EXCLUDED, UNMATCHED)

#: The columns of the account as written and shown (the public output contract).
DIAGNOSTIC_COLUMNS: tuple[str, ...] = ("source", "source_row", "where", "code", "outcome", "reason")
_KEPT_COLUMNS: tuple[str, ...] = ("source", "unit", "source_row", "code", "outcome", "reason")


def outcomes(index: pd.Index, outcome: str = USED) -> pd.Series:
    """One outcome per row, all ``outcome`` to begin with, for a step to overwrite.

    Categorical: on a register a million rows hold four values, and comparing or
    filtering small integer codes costs a fraction of doing it on text.
    """
    return pd.Series(_repeated(OUTCOMES, OUTCOMES.index(outcome), len(index)), index=index)


def diagnostics_frame(
    *,
    source: SourceRef,
    source_row: pd.Series,
    code: pd.Series,
    outcome: pd.Series,
    reason: pd.Series | str,
) -> pd.DataFrame:
    """Build a diagnostics table; a scalar ``reason`` applies to every row.

    The source, its unit and the outcome are categorical (one or four values whatever
    the number of rows), and the columns are not consolidated into one copied block.
    """
    rows = len(source_row)
    return pd.DataFrame(
        {
            "source": _repeated([str(source)], 0, rows),
            "unit": _repeated([source.unit], 0, rows),
            "source_row": source_row.to_numpy(dtype="int64"),
            "code": code.to_numpy(dtype=object),
            "outcome": pd.Categorical(outcome.array, categories=OUTCOMES),
            "reason": np.full(rows, reason, dtype=object) if isinstance(reason, str) else reason.to_numpy(),
        },
        copy=False,
    )


def _repeated(categories: Sequence[str], position: int, rows: int) -> pd.Categorical:
    """``categories[position]`` on every row, as one byte a row."""
    codes = np.full(rows, position, dtype=np.int8)
    return pd.Categorical.from_codes(cast("Sequence[int]", codes), categories=pd.Index(categories))


def empty_diagnostics() -> pd.DataFrame:
    """A diagnostics table with no rows (an empty input)."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in _KEPT_COLUMNS})


def combined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Several steps' or sides' accounts as one, in order (empty ones add nothing)."""
    present = [frame for frame in frames if len(frame)]
    return pd.concat(present, ignore_index=True) if present else empty_diagnostics()


def described(diagnostics: pd.DataFrame) -> pd.DataFrame:
    """The account as an analyst reads it: :data:`DIAGNOSTIC_COLUMNS`, ``where`` in words."""
    where = (
        diagnostics["source"].astype(str)
        + " "
        + diagnostics["unit"].astype(str)
        + " "
        + diagnostics["source_row"].astype(str)
    )
    return diagnostics.assign(where=where.astype(object)).loc[:, list(DIAGNOSTIC_COLUMNS)]


def summarise(diagnostics: pd.DataFrame) -> str:
    """One line for a log: how many rows were used, duplicated, excluded, unmatched."""
    counts = diagnostics["outcome"].value_counts()
    parts = [f"{counts.get(o, 0)} {o}" for o in OUTCOMES if counts.get(o, 0)]
    return f"{len(diagnostics)} input row(s): " + ", ".join(parts or ["none"])
