"""The layers of the web report as its maps take them: each a GeoJSON collection of the
properties the page shows (names, codes, statuses, composites, trust counts), in lon/lat."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import QgsFeature, QgsProcessingFeedback

from .geojson import feature_collection
from .inputs import Opened
from .organisations import read_keyed
from .reading import python_value

if TYPE_CHECKING:
    from ...core.scoring import ScoringScheme


def ics_features(
    composite: Opened, ics_key: str, name_key: str, extra: dict[Any, dict[str, Any]]
) -> dict[str, Any]:
    """The ICS polygons with their composite (each ICS one feature), proportions added."""
    from ...core.codes import clean_code
    from ...core.composite import RESULT_FIELDS

    ics_field, name_field = (
        composite.field(ics_key),
        composite.fields[name_key],
    )
    read_keyed(composite, ics_field, "ICS")
    composite.require("composite_score", "composite score")
    results = {name: composite.named(name) for name in RESULT_FIELDS}
    names = composite.names()

    def ics_properties(feature: QgsFeature) -> dict[str, Any]:
        values = feature.attributes()
        code = python_value(values[names.index(ics_field)])
        props = {
            "code": code,
            "name": python_value(values[names.index(name_field)]) if name_field else None,
        }
        props.update(
            {
                key: python_value(values[names.index(found)]) if found else None
                for key, found in results.items()
            }
        )
        props.update(extra.get(clean_code(code), {}))
        return props

    return feature_collection(composite, composite.context, ics_properties, label_point=True)


def organisation_features(layer: Opened) -> dict[str, Any]:
    """Each organisation's code, name and status, as picked (fields found once per layer:
    a trust layer can carry every column of the export)."""
    names = layer.names()
    wanted = [
        (key, names.index(field) if (field := layer.fields[pick.key]) else None)
        for key, pick in zip(("code", "name", "status"), layer.input.picks)
    ]

    def organisation(feature: QgsFeature) -> dict[str, Any]:
        values = feature.attributes()
        return {key: None if i is None else python_value(values[i]) for key, i in wanted}

    return feature_collection(layer, layer.context, organisation)


def region_features(regions: Opened | None) -> dict[str, Any] | None:
    """The NHS regions' outlines (the composite map's third layer), named as picked."""
    if regions is None:
        return None
    name = regions.fields["REGION_NAME_FIELD"]
    return feature_collection(
        regions,
        regions.context,
        lambda f: {"name": python_value(f[name]) if name else None},
    )


def proportions_by_ics(
    proportions: Opened | None,
    feedback: QgsProcessingFeedback,
    ics_field: str,
    scheme: ScoringScheme,
) -> dict[Any, dict[str, Any]]:
    """Each ICS's trust counts per status and population (map 2's pies and shading),
    by cleaned ICS code; empty without a proportions layer."""
    from ...core.codes import clean_code
    from ...core.proportions import POPULATION_FIELD, count_field

    if proportions is None:
        return {}
    code = proportions.require(ics_field, "ICS code")
    read_keyed(proportions, code, "ICS")
    wanted = [count_field(s) for s in scheme.statuses] + [POPULATION_FIELD]
    names = [proportions.require(name, "proportion") for name in wanted]
    frame = proportions.read(feedback, [code, *names])
    return {
        clean_code(row[code]): {w: _number(row[n]) for w, n in zip(wanted, names)}
        for row in frame.to_dict("records")
    }


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number
