"""Read QGIS sources into the core's tables, keeping the analyst's own field names.

A GeoPackage-backed input is read in bulk through GDAL's Arrow stream (iterating
QgsFeatures from Python costs 5-10 µs a feature; the stream reads the same attributes
about ten times faster), but only when that gives exactly what QGIS would: a whole
GeoPackage / SpatiaLite layer (no subset filter, no "selected features only", no unsaved
edits), whose feature ids are its primary key. Anything else is read through QGIS.
Rows are numbered as messages name them: a layer's features from 1 ("layer Trusts
feature 11"), a CSV or workbook's rows as the file numbers them (header = row 1).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from .feedback import check_cancel

if TYPE_CHECKING:
    import pandas as pd
    from qgis.core import QgsProcessingAlgorithm

LOGGER = logging.getLogger(__name__)

#: Boundary layers generalised to ~1 km have self-intersections (3 of 7 NHS regions): the
#: algorithms repair them rather than stopping at Processing's "invalid geometry" check.
SKIP_VALIDITY_CHECKS = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks

#: Column holding each row's QGIS feature id (to write results back onto features).
FEATURE_ID = "feature_id"

BULK_SUFFIXES = (".gpkg", ".sqlite")


def python_value(value: Any) -> Any:
    """A QGIS attribute as a plain Python value (NULL -> None, dates -> ISO text)."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, QDate):
        return value.toString("yyyy-MM-dd")
    if isinstance(value, (QDateTime, QTime)):
        return value.toString("yyyy-MM-ddTHH:mm:ss" if isinstance(value, QDateTime) else "HH:mm:ss")
    return value


def row_offset(layer: QgsVectorLayer | None) -> int | None:
    """For a layer read from a CSV or workbook, what to add to a feature id to get the
    file's row number (header = row 1); None for any other layer (features numbered
    from 1 in reading order).

    QGIS's delimited-text provider and GDAL's workbook drivers number features by their
    row; GDAL's CSV driver numbers the rows below the header from 1.
    """
    if layer is None:
        return None
    if layer.providerType() == "delimitedtext":
        return 0
    if layer.providerType() != "ogr":
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path") or ""
    suffix = os.path.splitext(path)[1].lower()
    return (
        1
        if suffix in (".csv", ".tsv", ".txt")
        else 0
        if suffix in (".xlsx", ".xlsm", ".xls", ".ods")
        else None
    )


def read_frame(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    key: str,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
    *,
    fields: list[str] | None = None,
    offset: int | None = None,
) -> pd.DataFrame:
    """The input ``key`` as a DataFrame of ``fields`` (all when None) with ``feature_id``
    and ``source_row`` (see :func:`row_offset` for ``offset``)."""
    frame = _bulk(algorithm, parameters, key, context, fields) if offset is None else None
    if frame is not None:
        return frame
    source = algorithm.parameterAsSource(parameters, key, context)
    if source is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, key))
    return source_to_frame(source, feedback, fields=fields, offset=offset)


def source_to_frame(
    source: QgsFeatureSource,
    feedback: QgsProcessingFeedback | None = None,
    *,
    fields: list[str] | None = None,
    drop_primary_key: bool = False,
    offset: int | None = None,
) -> pd.DataFrame:
    """Read a feature source's attributes (no geometry) into a DataFrame: numeric fields
    as numbers (NULL as NaN), as the Arrow stream reads a GeoPackage, so the core sees one
    kind of column whichever way a layer was read.

    ``drop_primary_key`` leaves out the provider's key column (a GeoPackage's ``fid``),
    which is the source's bookkeeping, not data; ``offset``: see :func:`row_offset`.
    """
    import pandas as pd

    from ...core.sources import SOURCE_ROW

    names = fields if fields is not None else source.fields().names()
    if drop_primary_key and isinstance(source, QgsVectorLayer):
        keys = {source.fields().at(i).name() for i in source.primaryKeyAttributes()}
        names = [n for n in names if n not in keys]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(names, source.fields())
    indices = [source.fields().lookupField(n) for n in names]
    total = max(source.featureCount(), 1)
    columns: dict[str, list[Any]] = {n: [] for n in names}
    ids: list[int] = []
    if isinstance(source, QgsProcessingFeatureSource):  # no geometry is read: skip its check
        features = source.getFeatures(request, SKIP_VALIDITY_CHECKS)
    else:
        features = source.getFeatures(request)
    for number, feature in enumerate(features):
        if feedback is not None and number % 1000 == 0:
            check_cancel(feedback)
            feedback.setProgress(100.0 * number / total)
        attributes = feature.attributes()
        for name, index in zip(names, indices):
            columns[name].append(python_value(attributes[index]))
        ids.append(feature.id())
    frame = pd.DataFrame(columns, dtype=object)
    for name, index in zip(names, indices):
        if index >= 0 and source.fields().at(index).isNumeric():
            # as the Arrow stream gives them: numbers as numbers, NULL as NaN
            frame[name] = pd.to_numeric(frame[name])
    frame[FEATURE_ID] = ids
    frame[SOURCE_ROW] = range(1, len(ids) + 1) if offset is None else [i + offset for i in ids]
    return frame


def _bulk(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    key: str,
    context: QgsProcessingContext,
    fields: list[str] | None,
) -> pd.DataFrame | None:
    value = parameters.get(key)
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
        value.selectedFeaturesOnly or value.featureLimit != -1
    ):
        return None
    layer = algorithm.parameterAsVectorLayer(parameters, key, context)
    if layer is None or layer.providerType() != "ogr" or layer.subsetString() or layer.isModified():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path", "")
    if not path.lower().endswith(BULK_SUFFIXES) or parts.get("subset"):
        return None
    names = fields if fields is not None else layer.fields().names()
    try:
        return _arrow_frame(path, parts.get("layerName") or None, parts.get("layerId"), names)
    except Exception as error:  # an old GDAL without Arrow streams, or an unusual layer
        LOGGER.info("Reading %s feature by feature: the Arrow stream failed (%s)", path, error)
        return None


def _arrow_frame(
    path: str, layer_name: str | None, layer_id: Any, names: list[str]
) -> pd.DataFrame:
    import numpy as np
    import pandas as pd
    from osgeo import ogr

    from ...core.sources import SOURCE_ROW

    dataset = ogr.Open(path)
    layer = (
        dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(int(layer_id or 0))
    )
    definition = layer.GetLayerDefn()
    all_fields = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    fid_column = layer.GetFIDColumn() or "OGC_FID"
    readable = [n for n in names if n != fid_column]
    if any(name not in all_fields for name in readable):
        raise KeyError("field not readable through OGR")
    layer.SetIgnoredFields(
        [f for f in all_fields if f not in readable] + ["OGR_GEOMETRY", "OGR_STYLE"]
    )
    batches: dict[str, list[Any]] = {}
    for batch in layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"]):
        for column, values in batch.items():
            batches.setdefault(column, []).append(values)
    columns = {
        c: _plain(
            np.ma.concatenate(v) if any(np.ma.isMaskedArray(x) for x in v) else np.concatenate(v)
        )
        for c, v in batches.items()
    }
    count = len(columns[fid_column]) if fid_column in columns else 0
    frame = pd.DataFrame(
        {name: columns.get(name, np.full(count, None, dtype=object)) for name in names}
    )
    frame[FEATURE_ID] = columns[fid_column] if count else np.array([], dtype="int64")
    frame[SOURCE_ROW] = np.arange(1, count + 1)
    return frame


def _plain(values: Any) -> Any:
    """Arrow-stream arrays as QGIS would give them: text as str, NULL as None / NaN."""
    import numpy as np

    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    data = np.ma.getdata(values)
    if data.dtype.kind == "S":  # a list comprehension decodes 3x faster than np.char.decode
        data = np.array([b.decode("utf-8") for b in data.tolist()], dtype=object)
    elif data.dtype.kind == "O":
        data = np.array(
            [v.decode("utf-8") if isinstance(v, bytes) else v for v in data], dtype=object
        )
    elif data.dtype.kind == "M":
        data = np.datetime_as_string(data, unit="D").astype(object)
    if mask is not None and mask.any():
        data = data.astype(object if data.dtype.kind in "OUS" else float)
        data[mask] = None if data.dtype == object else np.nan
    return data
