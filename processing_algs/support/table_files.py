"""Table inputs that are files (CSV, TSV, XLSX) are read by the core's one table reader.

QGIS reads a CSV through GDAL, whose CSV driver cannot decode UTF-16 (the file is then
"not found"), whose workbook driver reads the first sheet (a Notes sheet is read as the
data), and which takes a title row above the header for the header. So a table input given
as a whole CSV or workbook file without geometry, as a path or as a project layer of such a
file, is read by :func:`...core.reader.read_table` instead: the export, population tables,
lookups, close dates, crosswalk shares and weights all get the same encodings, separators,
header row and sheet, found from the fields the algorithm reads. Layers with geometry, a
filter, a selection or unsaved edits, and GeoPackage, database and memory layers, are read
through QGIS.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsFeature,
    QgsFeatureSource,
    QgsFields,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from .field_types import new_field
from .reading import FEATURE_ID

if TYPE_CHECKING:
    import pandas as pd
    from qgis.core import QgsProcessingFeedback

    from ...core.reader import TableRead, Wanted

#: The files the core reads: delimited text and Excel workbooks (an old .xls is refused
#: with what to do, the same for every input).
TABLE_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True)
class TableFile:
    """A file the core reads for an input: its path, the sheet the path or layer names
    (a name, a position, or None: the sheet holding the fields), and its name in messages
    (the core adds the sheet's when the workbook has several)."""

    path: str
    sheet: str | int | None
    label: str


def table_file(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    key: str,
    context: QgsProcessingContext,
) -> TableFile | None:
    """The file behind input ``key`` when the core reads it (see the module docstring),
    else None."""
    value = parameters.get(key)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit != -1 or _filtered(value):
            return None
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    layer = algorithm.parameterAsVectorLayer({**parameters, key: value}, key, context)
    found = file_of("ogr", value) if isinstance(value, str) else None
    if found is not None:  # a path: QGIS may have failed to open it (UTF-16)
        return None if _spatial(layer) else found
    if layer is None or layer.subsetString() or layer.isModified() or _spatial(layer):
        return None
    return file_of(layer.providerType(), layer.source())


def file_of(provider: str, uri: str) -> TableFile | None:
    """The CSV or workbook a path or layer source names (with the sheet its ``layername``
    or ``layerid`` names), when nothing else in it (a filter, open options) asks for QGIS."""
    if provider not in ("ogr", "delimitedtext"):
        return None
    parts = QgsProviderRegistry.instance().decodeUri(provider, uri)
    path = parts.get("path") or ""
    if not os.path.isfile(path) or not path.lower().endswith(TABLE_FILE_SUFFIXES):
        return None
    if provider == "ogr" and (parts.get("subset") or parts.get("openOptions")):
        return None
    sheet: str | int | None = parts.get("layerName") or None
    if sheet is None and parts.get("layerId") not in (None, ""):
        sheet = int(parts["layerId"])
    return TableFile(path, sheet, os.path.basename(path))


def read_table_file(file: TableFile, wanted: Wanted) -> TableRead:
    """The file read by the core as the table holding ``wanted`` (its rows numbered as
    the file numbers them)."""
    from ...core.reader import read_table
    from ...core.sources import file_source

    workbook = file.path.lower().endswith((".xlsx", ".xlsm"))
    return read_table(
        file.path,
        wanted=wanted,
        sheet=file.sheet if workbook else None,
        source=file_source(file.label),
    )


def table_source(read: TableRead, name: str, context: QgsProcessingContext) -> QgsFeatureSource:
    """The table as a source of text fields, features in row order (ids from 1), for what
    reads an input as a QGIS source (fields to copy, features to write out): a memory
    layer kept by the run's context, read as Processing reads any input."""
    from ...core.sources import SOURCE_ROW

    columns = [c for c in read.table.columns if c != SOURCE_ROW]
    fields = QgsFields()
    for column in columns:
        fields.append(new_field(column, "text"))
    layer = QgsVectorLayer("None", name, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    features = []
    for values in read.table[columns].itertuples(index=False, name=None):
        feature = QgsFeature(fields)
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    context.temporaryLayerStore().addMapLayer(layer)
    return QgsProcessingFeatureSource(layer, context)


def file_frame(
    read: TableRead, fields: list[str], feedback: QgsProcessingFeedback | None
) -> pd.DataFrame:
    """The columns ``fields`` of a file's table, with ``feature_id`` (as :func:`table_source`
    numbers features) and ``source_row``; where the table was found and any text repaired
    go to the log."""
    import numpy as np

    from ...core.sources import SOURCE_ROW

    if feedback is not None:
        for found in read.found:
            feedback.pushInfo(found)
        for note in read.notes:
            feedback.pushWarning(note)
    frame = read.table[fields].copy()
    frame[FEATURE_ID] = np.arange(1, len(frame) + 1)
    frame[SOURCE_ROW] = read.table[SOURCE_ROW].to_numpy()
    return frame


def with_stand_ins(
    algorithm: QgsProcessingAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> dict[str, Any]:
    """``parameters`` with each table file that a table input names replaced by a stand-in
    layer, for QGIS's check of the parameters: it opens each input with GDAL, which cannot
    open a UTF-16 CSV, and the core reads these files itself."""
    checked = dict(parameters)
    for definition in algorithm.parameterDefinitions():
        value = parameters.get(definition.name())
        if (
            isinstance(definition, QgsProcessingParameterFeatureSource)
            and QgsProcessing.TypeVector in definition.dataTypes()
            and isinstance(value, str)
            and file_of("ogr", value) is not None
        ):
            checked[definition.name()] = QgsVectorLayer(
                "None?field=stand_in:string", definition.name(), "memory"
            )
    return checked


def _spatial(layer: Any) -> bool:
    """True for a layer QGIS reads with geometry (a CSV with coordinates set up in QGIS)."""
    return isinstance(layer, QgsVectorLayer) and layer.isValid() and layer.isSpatial()


def _filtered(definition: QgsProcessingFeatureSourceDefinition) -> bool:
    """A source definition with a filter expression (QGIS 3.32 and later)."""
    return bool(getattr(definition, "filterExpression", ""))
