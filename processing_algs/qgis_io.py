"""Move tables between QGIS feature sources/sinks and pandas DataFrames.

pandas is imported inside the functions: this module is imported by algorithm modules,
which the provider loads at QGIS start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

if TYPE_CHECKING:
    import pandas as pd
    from qgis.core import QgsFeatureSource, QgsProcessingFeedback

#: Spreadsheet row number column the core uses; for layers it is the feature's order + 1.
SOURCE_ROW = "source_row"


def python_value(value: object) -> object:
    """A QGIS attribute as a plain Python value (NULL -> None, dates -> ISO text)."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, (QDate, QDateTime, QTime)):
        return value.toString("yyyy-MM-dd") if isinstance(value, QDate) else value.toString(1)
    return value


def source_to_frame(
    source: QgsFeatureSource,
    feedback: QgsProcessingFeedback | None = None,
    *,
    fields: list[str] | None = None,
    progress_span: tuple[float, float] = (0.0, 50.0),
) -> pd.DataFrame:
    """Read a feature source's attributes (no geometry) into a DataFrame.

    Adds ``feature_id`` and ``source_row`` (feature order + 1, so diagnostics can point at
    a row of the attribute table). Honours cancellation and reports progress.
    """
    import pandas as pd

    names = fields if fields is not None else source.fields().names()
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    if fields is not None:
        request.setSubsetOfAttributes(names, source.fields())
    indices = [source.fields().lookupField(n) for n in names]
    total = max(source.featureCount(), 1)
    start, end = progress_span
    columns: dict[str, list[object]] = {n: [] for n in names}
    ids: list[int] = []
    if isinstance(source, QgsProcessingFeatureSource):  # no geometry is read: skip its check
        features = source.getFeatures(
            request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks
        )
    else:
        features = source.getFeatures(request)
    for number, feature in enumerate(features):
        if feedback is not None and number % 1000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException("Cancelled by the user; no output was written.")
            feedback.setProgress(start + (end - start) * number / total)
        attributes = feature.attributes()
        for name, index in zip(names, indices):
            columns[name].append(python_value(attributes[index]))
        ids.append(feature.id())
    frame = pd.DataFrame(columns, dtype=object)
    frame["feature_id"] = ids
    frame[SOURCE_ROW] = range(1, len(ids) + 1)
    return frame


def qgs_fields(frame: pd.DataFrame, columns: list[str]) -> QgsFields:
    """QgsFields for DataFrame columns: floats as Double, integers as Int64, else String."""
    import pandas as pd

    fields = QgsFields()
    for name in columns:
        dtype = frame[name].dtype
        if pd.api.types.is_bool_dtype(dtype):
            fields.append(QgsField(name, QVariant.Bool))
        elif pd.api.types.is_integer_dtype(dtype):
            fields.append(QgsField(name, QVariant.LongLong))
        elif pd.api.types.is_float_dtype(dtype):
            fields.append(QgsField(name, QVariant.Double))
        else:
            fields.append(QgsField(name, QVariant.String))
    return fields


def frame_rows(frame: pd.DataFrame, columns: list[str]) -> list[list[object]]:
    """Rows of plain Python values ready for QgsFeature.setAttributes (NaN -> NULL)."""
    import pandas as pd

    subset = frame[columns].astype(object).where(frame[columns].notna(), None)
    rows = subset.values.tolist()
    for row in rows:
        for i, value in enumerate(row):
            if value is not None and not isinstance(value, (str, int, float, bool)):
                row[i] = value.item() if hasattr(value, "item") else str(value)
            elif isinstance(value, float) and pd.isna(value):
                row[i] = None
    return rows


def writes_spreadsheet(algorithm, parameters, key: str, context) -> bool:
    """True when output ``key`` goes to a file a spreadsheet program opens (CSV, XLSX, ODS)."""
    destination = algorithm.parameterAsOutputLayer(parameters, key, context) or ""
    return (
        destination.lower()
        .split("|")[0]
        .endswith((".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods"))
    )


def spreadsheet_safe(values: list[object]) -> list[object]:
    """Attribute values with formula-like text neutralised (see core.safety)."""
    from dspt_qgis.core.safety import neutralise_formula

    return [neutralise_formula(v) for v in values]


def write_table(
    sink: QgsFeatureSink,
    frame: pd.DataFrame,
    columns: list[str],
    feedback: QgsProcessingFeedback | None = None,
    *,
    sink_name: str = "output",
    safe_for_spreadsheets: bool = False,
) -> None:
    """Write DataFrame rows as geometry-less features, failing loudly on a write error.

    ``safe_for_spreadsheets`` neutralises formula-like text (for CSV/XLSX destinations).
    """
    rows = frame_rows(frame, columns)
    if safe_for_spreadsheets:
        rows = [spreadsheet_safe(row) for row in rows]
    for number, row in enumerate(rows):
        if feedback is not None and number % 1000 == 0 and feedback.isCanceled():
            raise QgsProcessingException("Cancelled by the user.")
        feature = QgsFeature()
        feature.setAttributes(row)
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(
                f"Could not write row {number + 1} to the {sink_name} output."
            )


NO_GEOMETRY = QgsWkbTypes.NoGeometry


def resolve_field(source: QgsFeatureSource, name: str, *, role: str, layer_label: str) -> str:
    """The source's field called ``name``, matched ignoring case; an error lists the fields."""
    names = source.fields().names()
    if name in names:
        return name
    matches = [n for n in names if n.lower() == name.strip().lower()]
    if len(matches) == 1:
        return matches[0]
    raise QgsProcessingException(
        f"{layer_label}: no {role} field {name!r}. Its fields are: {', '.join(names)}."
    )
