"""Write ICS polygons with per-ICS result columns appended (composite, proportions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsProcessingException,
)

from dspt_qgis.processing_algs.base import check_cancel
from dspt_qgis.processing_algs.qgis_io import (
    frame_rows,
    python_value,
    qgs_fields,
    spreadsheet_safe,
    writes_spreadsheet,
)
from dspt_qgis.processing_algs.spatial import SKIP_VALIDITY_CHECKS

if TYPE_CHECKING:
    import pandas as pd


def write_ics_layer(
    algorithm,
    parameters,
    key,
    context,
    feedback,
    ics_source,
    ics_field,
    table: pd.DataFrame,
    columns: list[str],
) -> str:
    """Copy every ICS feature with ``columns`` of ``table`` (indexed by clean ICS code)."""
    from dspt_qgis.core.reader import clean_codes

    out_fields = QgsFields(ics_source.fields())
    taken = {n.lower() for n in out_fields.names()}
    clashes = [c for c in columns if c.lower() in taken]
    if clashes:
        raise QgsProcessingException(
            f"The ICS layer already has field(s) {', '.join(clashes)}; use an ICS layer without "
            "results from an earlier run (or rename those fields)."
        )
    for field in qgs_fields(table, columns):
        out_fields.append(field)
    rows = dict(zip(clean_codes(table.index.to_series()), frame_rows(table, columns)))
    empty = [None] * len(columns)
    sink, dest_id = algorithm.parameterAsSink(
        parameters, key, context, out_fields, ics_source.wkbType(), ics_source.sourceCrs()
    )
    if sink is None:
        raise QgsProcessingException(algorithm.invalidSinkError(parameters, key))
    code_index = ics_source.fields().lookupField(ics_field)
    safe = writes_spreadsheet(algorithm, parameters, key, context)
    for feature in ics_source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS):
        check_cancel(feedback)
        code = python_value(feature.attributes()[code_index])
        key_code = str(code).strip().upper() if code not in (None, "") else None
        out = QgsFeature(out_fields)
        out.setGeometry(feature.geometry())
        attributes = feature.attributes() + rows.get(key_code, empty)
        out.setAttributes(spreadsheet_safe(attributes) if safe else attributes)
        if not sink.addFeature(out, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(
                f"Could not write feature {feature.id()}: {sink.lastError()}"
            )
    return dest_id
