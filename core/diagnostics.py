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

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from .categories import categorical, constant
from .sources import SourceRef

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
    return categorical(np.full(len(index), OUTCOMES.index(outcome), dtype=np.int8), OUTCOMES, index)


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
            "source": constant(str(source), pd.RangeIndex(rows)).array,
            "unit": constant(source.unit, pd.RangeIndex(rows)).array,
            "source_row": source_row.to_numpy(dtype="int64"),
            "code": code.to_numpy(dtype=object),
            "outcome": pd.Categorical(outcome.array, categories=pd.Index(OUTCOMES)),
            "reason": np.full(rows, reason, dtype=object)
            if isinstance(reason, str)
            else reason.to_numpy(),
        },
        copy=False,
    )


def empty_diagnostics() -> pd.DataFrame:
    """A diagnostics table with no rows (an empty input)."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in _KEPT_COLUMNS})


def combined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Several steps' or sides' accounts as one, in order (empty ones add nothing)."""
    present = [frame for frame in frames if len(frame)]
    if not present:
        return empty_diagnostics()
    # Column by column: categorical columns are united as categoricals (pd.concat would
    # turn sources with different names into a million rows of text).
    return pd.DataFrame(
        {
            column: union_categoricals([frame[column] for frame in present])
            if all(isinstance(frame[column].dtype, pd.CategoricalDtype) for frame in present)
            else np.concatenate([frame[column].to_numpy() for frame in present])
            for column in _KEPT_COLUMNS
        },
        copy=False,
    )


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
