"""The ICS polygons written with per-ICS result columns (composite, proportions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import QgsFeature, QgsProcessingException, QgsProcessingFeedback

from .frames import frame_rows, qgs_fields
from .organisations import IcsLayer
from .reading import python_value
from .transaction import Outputs
from .writers import FeatureWriter, copy_features

if TYPE_CHECKING:
    import pandas as pd


def write_ics_layer(
    outputs: Outputs,
    key: str,
    ics: IcsLayer,
    table: pd.DataFrame,
    columns: list[str],
    feedback: QgsProcessingFeedback | None,
) -> FeatureWriter | None:
    """Copy every ICS feature with ``columns`` of ``table`` (one row per clean ICS code in
    its ``ics`` column); an ICS layer already holding those fields stops the run."""
    from ...core.codes import clean_code

    taken = {n.lower() for n in ics.source.fields().names()}
    clashes = [c for c in columns if c.lower() in taken]
    if clashes:
        raise QgsProcessingException(
            f"{ics.ref} already has field(s) {', '.join(clashes)}; use an ICS layer without the "
            "results of an earlier run (or rename those fields)."
        )
    rows = dict(zip(table["ics"], frame_rows(table, columns)))
    empty: list[Any] = [None] * len(columns)
    index = ics.source.fields().lookupField(ics.field)

    def values_for(feature: QgsFeature) -> list[Any]:
        return rows.get(clean_code(python_value(feature.attributes()[index])), empty)

    return copy_features(
        outputs,
        key,
        ics.source,
        feedback,
        extra_fields=qgs_fields(table, columns),
        values_for=values_for,
        crs=ics.crs,
    )
