"""DataFrame columns as QGIS fields and rows as feature attributes: the one conversion
from the core's tables to what QGIS writes."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qgis.core import Qgis, QgsField, QgsFields
from qgis.PyQt.QtCore import QDate

if TYPE_CHECKING:
    import pandas as pd

if Qgis.QGIS_VERSION_INT >= 33800:  # QgsField takes QMetaType from QGIS 3.38 (and Qt6) on
    from qgis.PyQt.QtCore import QMetaType

    FIELD_TYPES = {
        "text": QMetaType.Type.QString,
        "real": QMetaType.Type.Double,
        "integer": QMetaType.Type.LongLong,
        "boolean": QMetaType.Type.Bool,
        "date": QMetaType.Type.QDate,
    }
else:
    from qgis.PyQt.QtCore import QVariant

    FIELD_TYPES = {
        "text": QVariant.String,
        "real": QVariant.Double,
        "integer": QVariant.LongLong,
        "boolean": QVariant.Bool,
        "date": QVariant.Date,
    }


def qgs_fields(frame: pd.DataFrame, columns: Sequence[str]) -> QgsFields:
    """QgsFields for DataFrame columns: floats as Double, integers as Int64, dates as
    Date, anything else as String."""
    import pandas as pd

    fields = QgsFields()
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
        fields.append(QgsField(name, FIELD_TYPES[kind]))
    return fields


def _holds_dates(values: pd.Series) -> bool:
    present = values.dropna()
    return not present.empty and all(isinstance(v, datetime.date) for v in present)


def text_field(name: str) -> QgsField:
    """A text field (for a column the algorithm adds)."""
    return QgsField(name, FIELD_TYPES["text"])


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
