"""Read the ICS layer and one side of the method (commissioners or trusts) for the core.

An organisation's ICS code comes from a field, or, when no field is given and the layer
has points, from the ICS polygon containing each point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsFeatureSource,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsWkbTypes,
)

from dspt_qgis.processing_algs.support.parameters import ICS, ICS_FIELD, SideKeys
from dspt_qgis.processing_algs.support.reading import (
    FEATURE_ID,
    field_name,
    read_frame,
    source_ref,
)
from dspt_qgis.processing_algs.support.spatial import assign_to_polygons

if TYPE_CHECKING:
    from qgis.core import QgsProcessingAlgorithm

    from dspt_qgis.core.component import Component
    from dspt_qgis.core.sources import SourceRef


@dataclass(frozen=True)
class IcsLayer:
    """The ICS polygons, their code field and codes (in feature order), and their name."""

    source: QgsFeatureSource
    field: str
    codes: list[Any]
    ref: SourceRef


def read_ics(
    algorithm: QgsProcessingAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> IcsLayer:
    """The ICS layer and its code field (matched as the analyst typed it)."""
    source = algorithm.parameterAsSource(parameters, ICS, context)
    if source is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, ICS))
    ref = source_ref(source, "ICS layer")
    code_field = field_name(
        source, algorithm.parameterAsString(parameters, ICS_FIELD, context), role="ICS code", ref=ref
    )
    values = read_frame(algorithm, parameters, ICS, context, None, fields=[code_field])[code_field]
    present = [v for v in values if v is not None and v == v and v != ""]  # v != v: NaN, an empty number
    return IcsLayer(source, code_field, present, ref)


def read_side(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    keys: SideKeys,
    ics: IcsLayer,
    *,
    weight_field: str | None = None,
) -> Component:
    """One side as the core's :class:`Component` (simple mean; the caller sets weights).

    ``weight_field`` names a field to read as well (population, EPRR tier); it is
    matched as typed and the component refers to it by its real name.
    """
    from dspt_qgis.core.component import Component, Placement

    source = algorithm.parameterAsSource(parameters, keys.layer, context)
    if source is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, keys.layer))
    ref = source_ref(source, keys.label)

    def named(key: str, default: str | None, role: str) -> str | None:
        wanted = algorithm.parameterAsString(parameters, key, context) or default
        return field_name(source, wanted, role=role, ref=ref) if wanted else None

    code = named(keys.code_field, "code", "organisation code")
    status = named(keys.status_field, "status", "status")
    group = named(keys.ics_field, None, "ICS code")
    weight = field_name(source, weight_field, role="weight", ref=ref) if weight_field else None
    if group is None and QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        raise QgsProcessingException(
            f"{ref}: give the field holding each organisation's ICS code; it can be left empty "
            "only when the layer has points, which are then placed in the ICS polygon "
            "containing them."
        )
    edition = next((n for n in source.fields().names() if n.lower() == "edition"), None)
    wanted = [n for n in dict.fromkeys((code, status, group, weight, edition)) if n]
    table = read_frame(algorithm, parameters, keys.layer, context, feedback, fields=wanted)
    placement = None
    if group is None:
        feedback.pushInfo(f"{ref}: placing each point in the ICS polygon that contains it.")
        by_feature = table[FEATURE_ID]
        assigned, reasons = assign_to_polygons(source, by_feature, ics.source, ics.field, context, feedback)
        codes = by_feature.map(assigned).astype(object)
        placement = Placement(
            codes=codes.where(codes.notna(), None),
            reasons=by_feature.map(reasons).astype(object),
        )
    return Component(
        table=table,
        source=ref,
        role=keys.role,
        code_field=code or "code",
        status_field=status or "status",
        group_field=group,
        placement=placement,
        weight_field=weight,
    )
