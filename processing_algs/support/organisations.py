"""Read the ICS layer and one side of the method (commissioners or trusts) for the core.

An organisation's ICS code comes from a field, or, when no field is given and the layer
has points, from the ICS polygon containing each point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsWkbTypes,
)

from .algorithm import core_errors
from .inputs import Input, Opened
from .parameters import ICS_LAYER, Side
from .reading import FEATURE_ID
from .spatial import points_in_polygons

if TYPE_CHECKING:
    import pandas as pd
    from qgis.core import QgsProcessingAlgorithm

    from ...core.agreement import Geography
    from ...core.codes import IcsCodes
    from ...core.component import Component
    from ...core.placement import Placement
    from ...core.sources import SourceRef


@dataclass(frozen=True)
class IcsLayer:
    """The ICS polygons, their code field and codes (cleaned once, here, in feature order),
    their name, and the CRS they are in."""

    source: QgsFeatureSource
    field: str
    codes: IcsCodes
    ref: SourceRef
    crs: QgsCoordinateReferenceSystem


def read_keyed(opened: Opened, field: str, what: str) -> pd.Series:
    """The codes of a layer keyed by ``field``, in feature order, checked to identify
    each feature (``what`` names one: "ICS")."""
    from ...core.codes import clean_codes
    from ...core.duplicates import require_unique
    from ...core.sources import SOURCE_ROW

    frame = opened.read(None, [field])
    with core_errors():
        require_unique(
            clean_codes(frame[field]), frame[SOURCE_ROW], field=field, what=what, source=opened.ref
        )
    return frame[field]


def read_ics(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    layer: Input = ICS_LAYER,
) -> IcsLayer:
    """The ICS layer, its code field (each ICS one feature) and its codes."""
    opened = layer.open(algorithm, parameters, context)
    field = opened.field(layer.picks[0].key)
    from ...core.codes import IcsCodes

    codes = IcsCodes.of(read_keyed(opened, field, "ICS"))
    return IcsLayer(opened.source, field, codes, opened.ref, opened.crs)


def ics_geography(ics: IcsLayer) -> Geography:
    """The ICS layer's geography (its code field and codes), as the agreement checks take it."""
    from ...core.agreement import Geography

    return Geography(str(ics.ref), ics.field, ics.codes.codes)


def read_side(
    opened: Opened,
    side: Side,
    ics: IcsLayer,
    feedback: QgsProcessingFeedback,
    *,
    weight_key: str | None = None,
    extra: tuple[str | None, ...] = (),
) -> Component:
    """One side as the core's :class:`Component` (simple mean; the caller sets weights).

    ``weight_key`` names the pick holding a weight to read as well (population, EPRR
    tier); the component refers to it by its real name. ``extra``: more of the layer's
    fields to read (e.g. its name field), None entries skipped.
    """
    from ...core.component import Component

    group = opened.fields[side.ics_field]
    source = opened.source
    if group is None and QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        raise QgsProcessingException(
            f"{opened.ref}: give the field holding each organisation's ICS code; it can be left empty only when "
            "the layer has points, which are then placed in the ICS polygon containing them."
        )
    weight = opened.fields.get(weight_key) if weight_key else None
    code, status = opened.field(side.code_field), opened.field(side.status_field)
    table = opened.read(feedback, [code, status, group, weight, opened.named("edition"), *extra])
    return Component(
        table=table,
        source=opened.ref,
        role=side.role,
        code_field=code,
        status_field=status,
        group_field=group,
        placement=None if group is not None else _placed(opened, table, code, ics, side, feedback),
        weight_field=weight,
    )


def _placed(
    opened: Opened,
    table: pd.DataFrame,
    code: str,
    ics: IcsLayer,
    side: Side,
    feedback: QgsProcessingFeedback,
) -> Placement:
    """Each point's ICS, from every ICS polygon it lies in (see core.placement)."""
    from ...core.codes import clean_codes
    from ...core.placement import Organisations, place
    from ...core.sources import source_rows

    feedback.pushInfo(f"{opened.ref}: placing each point in the ICS polygon that contains it.")
    features = table[FEATURE_ID]
    points = points_in_polygons(opened, features, ics, ics.field, opened.context, feedback)
    organisations = Organisations(
        features, clean_codes(table[code]), source_rows(table, opened.ref), opened.ref, side.role
    )
    with core_errors():
        return place(organisations, points, str(ics.ref))
