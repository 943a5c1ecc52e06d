"""Read a GeoPackage-backed input in bulk through GDAL's Arrow stream instead of feature by feature.

Iterating QgsFeatures from Python costs about 5-10 µs a feature; GDAL's Arrow stream reads
the same attributes ten times faster. Used only when it gives exactly what QGIS would: a
whole GeoPackage / SpatiaLite layer (no subset filter, no "selected features only", no
unsaved edits), whose feature ids are its primary key. Anything else falls back to QGIS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProviderRegistry

from dspt_qgis.processing_algs.qgis_io import SOURCE_ROW, source_to_frame

if TYPE_CHECKING:
    import pandas as pd

BULK_SUFFIXES = (".gpkg", ".sqlite")


def read_frame(
    algorithm,
    parameters,
    key: str,
    context,
    feedback,
    *,
    fields: list[str] | None = None,
    progress_span: tuple[float, float] = (0.0, 50.0),
) -> pd.DataFrame:
    """The input ``key`` as a DataFrame (``feature_id``, ``source_row`` and ``fields``)."""
    frame = _bulk(algorithm, parameters, key, context, fields)
    if frame is not None:
        feedback.setProgress(progress_span[1])
        return frame
    source = algorithm.parameterAsSource(parameters, key, context)
    return source_to_frame(source, feedback, fields=fields, progress_span=progress_span)


def _bulk(algorithm, parameters, key, context, fields) -> pd.DataFrame | None:
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
    except Exception:  # an old GDAL without Arrow streams, or an unusual layer: use QGIS
        return None


def _arrow_frame(path: str, layer_name: str | None, layer_id, names: list[str]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd
    from osgeo import ogr

    dataset = ogr.Open(path)
    layer = (
        dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(int(layer_id or 0))
    )
    definition = layer.GetLayerDefn()
    all_fields = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    if any(name not in all_fields for name in names):
        raise KeyError("field not readable through OGR")
    layer.SetIgnoredFields(
        [f for f in all_fields if f not in names] + ["OGR_GEOMETRY", "OGR_STYLE"]
    )
    fid_column = layer.GetFIDColumn() or "OGC_FID"
    batches: dict[str, list] = {}
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
    frame["feature_id"] = columns[fid_column]
    frame[SOURCE_ROW] = np.arange(1, count + 1)
    return frame


def _plain(values):
    """Arrow-stream arrays as QGIS would give them: text as str, NULL as None / NaN."""
    import numpy as np

    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    data = np.ma.getdata(values)
    if data.dtype.kind == "S":
        data = np.char.decode(data, "utf-8").astype(object)
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
