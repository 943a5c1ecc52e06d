"""What would raise each ICS's composite (the gains table) and how far its rank depends on
the method (the composite's rank fields), as the atlas and the web report take them:
the gains input declared and read in one place, each checked against the composite it is
shown beside (:mod:`dspt_qgis.core.gains_shown`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingFeedback
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .algorithm import core_errors
from .inputs import Input, Opened
from .records import field_edition

if TYPE_CHECKING:
    import pandas as pd

    from ...core.agreement import Edition

GAINS_TABLE = Input(
    "GAINS",
    QT_TRANSLATE_NOOP("DsptParameters", "What would raise the composite (gains table)"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Optional: the output of 'What would raise each ICS's composite' for this composite: "
        "each ICS's largest gains if one organisation's submission reached Standards Met "
        "(organisation, status now, gain, the ICS's rank after) are shown beside its "
        "composite. It must be of the composite's edition, ICSs and method: a difference "
        "stops the run naming both.",
    ),
    "gains table",
    optional=True,
)


@dataclass(frozen=True)
class GivenGains:
    """The gains table as read (:data:`~dspt_qgis.core.gains_shown.GAINS_READ`, ICS codes
    cleaned), the edition it records and how messages name it."""

    table: pd.DataFrame
    edition: Edition
    source: str

    def check(self, composite: pd.Series, composite_source: str) -> None:
        """Stop unless the gains were computed from ``composite`` (score by ICS code)."""
        from ...core.gains_shown import check_gains

        with core_errors():
            check_gains(
                self.table,
                composite,
                gains_source=self.source,
                composite_source=composite_source,
            )


def read_gains(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    composite: Opened,
) -> GivenGains | None:
    """The gains table (None when not given); ICS codes the composite does not have stop
    the run naming both (its edition and composites are compared by the caller, with the
    other inputs)."""
    from ...core.agreement import Geography, codes_of, same_geography
    from ...core.codes import clean_codes
    from ...core.gains_shown import GAINS_READ
    from ...core.sources import SOURCE_ROW
    from .parameters import COMPOSITE_LAYER

    gains = GAINS_TABLE.open_if_given(algorithm, parameters, context)
    if gains is None:
        return None
    real = {gains.require(name, name.replace("_", " ")): name for name in GAINS_READ}
    table = gains.read(feedback, list(real)).rename(columns=real)
    ics_field = composite.field(COMPOSITE_LAYER.picks[0].key)
    ics = composite.read(feedback, [ics_field])[ics_field]
    with core_errors():
        same_geography(
            Geography(str(composite.ref), ics_field, codes_of(ics)),
            Geography(str(gains.ref), gains.require("ics", "ICS code"), codes_of(table["ics"])),
            "Give the gains table computed from this composite.",
        )
    table["ics"] = clean_codes(table["ics"])
    table["code"] = clean_codes(table["code"])
    edition = field_edition(gains, "edition", feedback)
    return GivenGains(
        table.drop(columns=[SOURCE_ROW, "feature_id"], errors="ignore"), edition, str(gains.ref)
    )


def read_rank_ranges(
    composite: Opened, ics_field: str, feedback: QgsProcessingFeedback
) -> pd.DataFrame | None:
    """By ICS code, the composite's rank across method variants (rank_best, rank_worst,
    rank_note), checked to hold the rank its composite has among the ICSs given; None for
    a composite without them (made before 'ICS composite score' wrote them)."""
    import pandas as pd

    from ...core.codes import clean_codes
    from ...core.gains_shown import RANK_FIELDS, check_rank_range
    from ...core.rank_words import RANGE_READ

    if composite.named("rank_best") is None:
        return None
    wanted = dict.fromkeys(("composite_score", *RANK_FIELDS, *RANGE_READ))
    real = {composite.require(name, name.replace("_", " ")): name for name in wanted}
    table = composite.read(feedback, [ics_field, *real]).rename(columns=real)
    table["ics"] = table[ics_field]
    with core_errors():
        check_rank_range(table, source=str(composite.ref))
    ranges = table[list(RANGE_READ)].copy()
    ranges.index = pd.Index(clean_codes(table["ics"]))
    ranges["rank_note"] = ranges["rank_note"].fillna("").astype(str)
    return ranges


def board_fields(
    composite: Opened,
    ics_field: str,
    gains: GivenGains | None,
    names: dict[str, str],
    feedback: QgsProcessingFeedback,
) -> dict[str, dict[str, Any]]:
    """By ICS code, what the web report says beside each composite: its rank and range
    when the composite carries them, its largest gain when ``gains`` are given (checked to
    be of this composite) (:func:`~dspt_qgis.core.gains_shown.web_fields`); ``names``:
    organisations' names by code."""
    import pandas as pd

    from ...core.codes import clean_codes
    from ...core.gains_shown import web_fields

    ranges = read_rank_ranges(composite, ics_field, feedback)
    if ranges is None and gains is None:
        return {}
    real = composite.require("composite_score", "composite score")
    table = composite.read(feedback, [ics_field, real])
    table.index = pd.Index(clean_codes(table[ics_field]))
    table = table[[real]].rename(columns={real: "composite_score"})
    if gains is not None:
        gains.check(table["composite_score"], str(composite.ref))
    if ranges is not None:
        table = table.join(ranges)
    with core_errors():
        return web_fields(table, None if gains is None else gains.table, names)
