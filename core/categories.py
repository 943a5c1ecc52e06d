"""Columns of a few distinct values (statuses, sectors, outcomes, ICS codes) as categoricals.

A national register has a million rows but a handful of statuses, sectors or ICSs. Held
as small integer codes over a list of categories, such a column is compared, filled,
grouped and filtered without touching a million strings, and takes a byte or two a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
import pandas as pd


def categorical(codes: np.ndarray, categories: Sequence[str], index: pd.Index) -> pd.Series:
    """``categories[code]`` on each row (code -1: missing)."""
    return pd.Series(
        pd.Categorical.from_codes(
            cast("Sequence[int]", codes), categories=pd.Index(list(categories), dtype=object)
        ),
        index=index,
    )


def spread(
    per_unique: Sequence[str | None],
    positions: np.ndarray,
    categories: Sequence[str],
    index: pd.Index,
    *,
    blank: str | None = None,
) -> pd.Series:
    """Results worked out once per distinct value (``per_unique``, in the order of
    ``pd.factorize``'s uniques) spread back over the rows by their ``positions``.

    A result of None is missing; a blank cell (position -1) gets ``blank``.
    """
    category_of = {category: code for code, category in enumerate(categories)}
    code_of = [category_of[value] if value is not None else -1 for value in per_unique]
    lookup = np.array([*code_of, category_of[blank] if blank is not None else -1], dtype=np.int32)
    return categorical(lookup[positions], categories, index)  # position -1 picks the last entry


def constant(value: str, index: pd.Index) -> pd.Series:
    """``value`` on every row."""
    return categorical(np.zeros(len(index), dtype=np.int8), [value], index)
