"""DataFrame columns as QGIS fields and rows as feature attributes: the one conversion
from the core's tables to what QGIS writes."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qgis.core import QgsFields
from qgis.PyQt.QtCore import QDate

from .field_types import FieldKind, new_field

if TYPE_CHECKING:
    import pandas as pd


def qgs_fields(frame: pd.DataFrame, columns: Sequence[str]) -> QgsFields:
    """QgsFields for DataFrame columns: floats as Double, integers as Int64, dates as
    Date, anything else as String."""
    import pandas as pd

    fields = QgsFields()
    kind: FieldKind
    for name in columns:
        dtype = frame[name].dtype
        if pd.api.types.is_bool_dtype(dtype):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(dtype):
            kind = "integer"
        elif pd.api.types.is_float_dtype(dtype):
            kind = "real"
        elif _holds_dates(frame[name]):
            kind = "date"
        else:
            kind = "text"
        fields.append(new_field(name, kind))
    return fields


def whole_numbers(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``frame`` with ``columns`` (ranks, counts: whole numbers the core holds as floats
    beside NaN) as nullable integers, so they are written as integer fields, NULL where
    there is none."""
    return frame.astype({column: "Int64" for column in columns})


def _holds_dates(values: pd.Series) -> bool:
    present = values.dropna()
    return not present.empty and all(isinstance(v, datetime.date) for v in present)


def frame_rows(frame: pd.DataFrame, columns: Sequence[str]) -> list[list[Any]]:
    """Rows of plain Python values ready for QgsFeature.setAttributes (NaN -> NULL).

    Numbers come out of ``tolist`` as Python numbers; only other columns can hold dates or
    values that need converting, so only those are looked at value by value.
    """
    import pandas as pd

    subset = frame[list(columns)]
    rows = subset.astype(object).where(subset.notna(), None).values.tolist()
    mixed = [
        i
        for i, column in enumerate(columns)
        if not pd.api.types.is_numeric_dtype(subset[column].dtype)
    ]
    if not mixed:
        return rows
    for row in rows:
        for i in mixed:
            value = row[i]
            if isinstance(value, datetime.date):
                row[i] = QDate(value.year, value.month, value.day)
            elif value is not None and not isinstance(value, (str, int, float, bool)):
                row[i] = value.item() if hasattr(value, "item") else str(value)
    return rows
