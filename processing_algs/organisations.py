"""Read commissioners or trusts for the ICS algorithms: code, status, ICS code, weights.

The ICS code comes from a field, or, when no field is given and the layer has points,
from the ICS polygon containing each point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import QgsFeatureRequest, QgsProcessingException, QgsWkbTypes

from dspt_qgis.processing_algs.bulk_read import read_frame
from dspt_qgis.processing_algs.qgis_io import python_value, resolve_field
from dspt_qgis.processing_algs.spatial import SKIP_VALIDITY_CHECKS, assign_to_polygons

if TYPE_CHECKING:
    import pandas as pd

ICS_COLUMN = "ics"


def read_organisations(
    algorithm,
    parameters,
    context,
    feedback,
    *,
    source_key: str,
    code_key: str,
    status_key: str,
    ics_key: str,
    ics_source,
    ics_field: str,
    label: str,
    extra_keys: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, dict[int, str]]:
    """Return the organisations as a frame and the reasons (by source_row) for points
    that could not be placed in an ICS. ``extra_keys`` name optional field parameters
    (population, EPRR tier) whose columns are read too, keyed by their field names."""
    source = algorithm.parameterAsSource(parameters, source_key, context)
    if source is None:
        raise QgsProcessingException(f"The {label} input is required.")
    layer_label = source.sourceName() or label
    fields = {
        "code": resolve_field(
            source,
            algorithm.parameterAsString(parameters, code_key, context) or "code",
            role="code",
            layer_label=layer_label,
        ),
        "status": resolve_field(
            source,
            algorithm.parameterAsString(parameters, status_key, context) or "status",
            role="status",
            layer_label=layer_label,
        ),
    }
    for key in extra_keys:
        name = algorithm.parameterAsString(parameters, key, context)
        if name:
            fields[key] = resolve_field(
                source, name, role=key.lower().replace("_", " "), layer_label=layer_label
            )
    ics_name = algorithm.parameterAsString(parameters, ics_key, context)
    if ics_name:
        fields[ICS_COLUMN] = resolve_field(
            source, ics_name, role="ICS code", layer_label=layer_label
        )
    elif QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        raise QgsProcessingException(
            f"{layer_label}: give the field holding each organisation's ICS code ({ics_key}); "
            "it can be left empty only when the layer has points, which are then placed in "
            "the ICS polygon containing them."
        )
    raw = read_frame(
        algorithm,
        parameters,
        source_key,
        context,
        feedback,
        fields=list(dict.fromkeys(fields.values())),
    )
    frame = raw[["feature_id", "source_row"]].copy()
    for column, name in fields.items():
        frame[column] = raw[name]
    reasons: dict[int, str] = {}
    if not ics_name:
        feedback.pushInfo(f"{layer_label}: placing each point in the ICS polygon that contains it.")
        assigned, why = assign_to_polygons(source, ics_source, ics_field, context, feedback)
        frame[ICS_COLUMN] = frame["feature_id"].map(assigned)
        row_of = dict(zip(frame["feature_id"], frame["source_row"]))
        reasons = {row_of[fid]: reason for fid, reason in why.items()}
    frame.attrs["source"] = layer_label
    return frame, reasons


def read_ics(algorithm, parameters, context, source_key: str, field_key: str):
    """The ICS polygon source and its code field (matched ignoring case)."""
    ics = algorithm.parameterAsSource(parameters, source_key, context)
    if ics is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, source_key))
    field = resolve_field(
        ics,
        algorithm.parameterAsString(parameters, field_key, context),
        role="ICS code",
        layer_label=ics.sourceName() or "ICS layer",
    )
    return ics, field


def explain_unplaced(
    diagnostics: pd.DataFrame, source: str, reasons: dict[int, str]
) -> pd.DataFrame:
    """Replace "no ICS code" with the spatial reason for points that found no polygon."""
    if not reasons:
        return diagnostics
    mask = (diagnostics["source"] == source) & diagnostics["source_row"].isin(list(reasons))
    diagnostics.loc[mask, "reason"] = diagnostics.loc[mask, "source_row"].map(reasons)
    return diagnostics


def ics_codes(ics_source, ics_field: str) -> list[str]:
    """The ICS codes of the ICS layer's features (in feature order)."""
    index = ics_source.fields().lookupField(ics_field)
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    features = ics_source.getFeatures(request, SKIP_VALIDITY_CHECKS)
    values = (python_value(f.attributes()[index]) for f in features)
    return [str(v) for v in values if v not in (None, "")]
