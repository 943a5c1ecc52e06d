"""The layers the published maps are drawn from, declared once for the algorithms that
draw them (the web report's interactive maps, the national maps' print layouts), and the
check that they belong together: one edition, the proportions on the composite's ICSs."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qgis.core import QgsProcessing, QgsProcessingFeedback
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .algorithm import core_errors
from .inputs import Input, Opened, Pick
from .parameters import COMPOSITE_LAYER
from .records import field_edition, ics_codes, organisations_edition

if TYPE_CHECKING:
    from ...core.agreement import Edition
    from ...core.scoring import ScoringScheme


def _organisations(key: str, prefix: str, label: str, help_text: str, kind: int) -> Input:
    """Organisations shown on map 1: the fields each feature's label and colour come from."""
    return Input(
        key,
        label,
        help_text,
        label.lower(),
        types=(kind,),
        picks=(
            Pick(
                f"{prefix}_CODE_FIELD",
                (QT_TRANSLATE_NOOP("DsptParameters", "{}: code field"), label),
                QT_TRANSLATE_NOOP("DsptParameters", "Empty means the field called code."),
                "code",
                default="code",
                advanced=True,
                code=True,
            ),
            Pick(
                f"{prefix}_NAME_FIELD",
                (QT_TRANSLATE_NOOP("DsptParameters", "{}: name field"), label),
                QT_TRANSLATE_NOOP(
                    "DsptParameters", "Empty means the field called name, when there is one."
                ),
                "name",
                default="name",
                advanced=True,
                default_optional=True,
            ),
            Pick(
                f"{prefix}_STATUS_FIELD",
                (QT_TRANSLATE_NOOP("DsptParameters", "{}: status field"), label),
                QT_TRANSLATE_NOOP("DsptParameters", "Empty means the field called status."),
                "status",
                default="status",
                advanced=True,
            ),
        ),
    )


COMMISSIONER_LAYER = _organisations(
    "COMMISSIONERS",
    "COMMISSIONER",
    QT_TRANSLATE_NOOP("DsptParameters", "Commissioners with status"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Polygons with code, name and status fields (from 'Join DSPT status to organisations').",
    ),
    QgsProcessing.TypeVectorPolygon,
)
TRUST_LAYER = _organisations(
    "TRUSTS",
    "TRUST",
    QT_TRANSLATE_NOOP("DsptParameters", "Trust points with status"),
    QT_TRANSLATE_NOOP(
        "DsptParameters", "Points with code, name and status fields (from 'Organisation points')."
    ),
    QgsProcessing.TypeVectorPoint,
)
PROPORTIONS_LAYER = Input(
    "PROPORTIONS",
    QT_TRANSLATE_NOOP("DsptParameters", "Trust proportions"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "The output of 'Trust compliance proportions per ICS' (same ICS code field): the pies and the population "
        "shading.",
    ),
    "trust proportions",
    types=(QgsProcessing.TypeVectorPolygon,),
    optional=True,
)
REGION_LAYER = Input(
    "REGIONS",
    QT_TRANSLATE_NOOP("DsptParameters", "NHS England regions"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Drawn over the composite map; the print layouts' inset shows one of them enlarged.",
    ),
    "NHS regions",
    types=(QgsProcessing.TypeVectorPolygon,),
    optional=True,
    picks=(
        Pick(
            "REGION_NAME_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Regions: name field"),
            QT_TRANSLATE_NOOP("DsptParameters", "E.g. NHSER23NM."),
            "region name",
        ),
    ),
)


def status_only(organisations: Input) -> Input:
    """A layer of organisations of which the maps read only the status (their colours)."""
    return dataclasses.replace(
        organisations,
        picks=tuple(pick for pick in organisations.picks if pick.role == "status"),
    )


MAP_COMMISSIONERS = status_only(COMMISSIONER_LAYER)
MAP_TRUSTS = status_only(TRUST_LAYER)
ICS_BOUNDARIES = Input(
    "ICS",
    QT_TRANSLATE_NOOP("DsptParameters", "ICS boundaries"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Drawn as outlines on maps 1 and 4; England's extent is theirs, the inset's their part "
        "in the region.",
    ),
    "ICS boundaries",
    types=(QgsProcessing.TypeVectorPolygon,),
)
#: The composite's ICS code field places the proportions on its ICSs.
MAP_COMPOSITE = dataclasses.replace(COMPOSITE_LAYER, picks=COMPOSITE_LAYER.picks[:1])
MAP_PROPORTIONS = dataclasses.replace(PROPORTIONS_LAYER, optional=False)
MAP_REGIONS = dataclasses.replace(
    REGION_LAYER,
    optional=False,
    picks=tuple(dataclasses.replace(pick, required=True) for pick in REGION_LAYER.picks),
)
CHANGE_LAYER = Input(
    "CHANGE",
    QT_TRANSLATE_NOOP("DsptParameters", "Trust change"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Optional: the output of 'Compare two DSPT editions' for the trust points of the maps' "
        "edition: map 4 shows each trust by how its status moved.",
    ),
    "trust change",
    types=(QgsProcessing.TypeVectorPoint,),
    optional=True,
)
#: The national maps' inputs by role (``dspt:nationalmaps``): of the organisations only the
#: status is read (their colours), of the composite its ICS code field (to compare the
#: proportions' ICSs with it).
NATIONAL_MAP_INPUTS = {
    "commissioners": MAP_COMMISSIONERS,
    "trusts": MAP_TRUSTS,
    "ics": ICS_BOUNDARIES,
    "composite": MAP_COMPOSITE,
    "proportions": MAP_PROPORTIONS,
    "regions": MAP_REGIONS,
}


def organisations_editions(
    organisations: Sequence[Opened], scheme: ScoringScheme, feedback: QgsProcessingFeedback
) -> list[Edition]:
    """The edition each layer of organisations (:data:`COMMISSIONER_LAYER`,
    :data:`TRUST_LAYER`) records, read from its status field."""
    return [
        organisations_edition(layer, layer.field(status_key(layer.input)), scheme, feedback)
        for layer in organisations
    ]


def status_key(organisations: Input) -> str:
    """The key of the status field picked from a layer of organisations."""
    return next(pick.key for pick in organisations.picks if pick.role == "status")


def check_maps_agree(
    records: list[Edition],
    composite: Opened,
    ics_field: str,
    proportions: Opened | None,
    feedback: QgsProcessingFeedback,
    advice: str,
) -> None:
    """The maps show one edition on one geography: the editions in ``records`` (the
    composite's first) and the proportions' agree, and the proportions are on the
    composite's ICSs (core.agreement); else the run stops naming both."""
    from ...core.agreement import same_edition, same_geography
    from ...core.proportions import EDITION_FIELD as PROPORTIONS_EDITION_FIELD

    with core_errors():
        if proportions is not None:
            same_geography(
                ics_codes(composite, ics_field, feedback),
                ics_codes(proportions, ics_field, feedback),
            )
            records = [*records, field_edition(proportions, PROPORTIONS_EDITION_FIELD, feedback)]
        same_edition(*records, advice=advice)
