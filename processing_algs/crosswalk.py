"""``dspt:crosswalk`` — commissioner statuses carried onto a newer geography's ICSs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_OVER_TIME, DsptAlgorithm, check_cancel
from .support.inputs import Input, Opened, Pick, add
from .support.parameters import (
    SCORES,
    add_scores,
    add_table_output,
)
from .support.spatial import match_by_area, polygons_by_code
from .support.transaction import Outputs
from .support.writers import write_frame

if TYPE_CHECKING:
    import pandas as pd

    from ..core.crosswalk import AreaMatch, Crosswalk, NewGeography
    from ..core.old_areas import OldGeography, Table


#: Areas are compared in British National Grid (an equal-area enough plane for England).
AREA_CRS = "EPSG:27700"


STATUS_TABLE = Input(
    "INPUT",
    QT_TRANSLATE_NOOP("DsptParameters", "Commissioner statuses"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "One edition's commissioner statuses, usually the output of 'Import DSPT status export' (e.g. the 2022/23 "
        "ICBs).",
    ),
    "commissioner statuses",
    picks=(
        Pick(
            "CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The statuses' ODS code field; empty means the field called code."
            ),
            "code",
            default="code",
            code=True,
        ),
        Pick(
            "STATUS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Status field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The statuses' status field; empty means the field called status."
            ),
            "status",
            default="status",
        ),
    ),
)
OLD_LOOKUP_TABLE = Input(
    "OLD_LOOKUP",
    QT_TRANSLATE_NOOP("DsptParameters", "Old lookup"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "The old geography's small areas and the organisation each belonged to, e.g. ONS sicbl23_icb23_nhser23. "
        "Empty: the statuses are the small areas' own.",
    ),
    "old lookup",
    optional=True,
    picks=(
        Pick(
            "OLD_AREA_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Old lookup: small area code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "E.g. SICBL23CDH (ODS codes, as the new lookup's)."
            ),
            "small area code",
            code=True,
        ),
        Pick(
            "OLD_CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Old lookup: organisation code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The code of the organisation whose status the area takes, as in the statuses, e.g. ICB23CDH.",
            ),
            "organisation code",
        ),
        Pick(
            "OLD_SHARE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Old lookup: share field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "Only where a small area was formed from several organisations (e.g. 2020 CCGs merged in April "
                "2021), listed once under each: each one's share of it, e.g. its registered patients. The small "
                "area's weight is split between them in proportion.",
            ),
            "share",
        ),
    ),
)
NEW_LOOKUP_TABLE = Input(
    "NEW_LOOKUP",
    QT_TRANSLATE_NOOP("DsptParameters", "New lookup"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "The new geography's small areas, each with its ICS and population, e.g. sicbl26_icb26_nhser26 with "
        "registered patients.",
    ),
    "new lookup",
    picks=(
        Pick(
            "NEW_AREA_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "New lookup: small area code field"),
            QT_TRANSLATE_NOOP("DsptParameters", "E.g. SICBL26CDH."),
            "small area code",
            required=True,
            code=True,
        ),
        Pick(
            "NEW_ICS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "New lookup: ICS code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "E.g. ICB26CD: the code the new ICS boundaries carry."
            ),
            "ICS code",
            required=True,
        ),
        Pick(
            "WEIGHT_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "New lookup: population field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "Each small area's weight within its ICS, e.g. registered_patients.",
            ),
            "population",
            required=True,
        ),
    ),
)
OLD_AREA_LAYER = Input(
    "OLD_AREAS",
    QT_TRANSLATE_NOOP("DsptParameters", "Old small areas (boundaries)"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Needed only when a small area of the new lookup is not in the old one, e.g. sub-ICB locations July 2022.",
    ),
    "old small areas",
    types=(QgsProcessing.TypeVectorPolygon,),
    optional=True,
    picks=(
        Pick(
            "OLD_AREAS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Old small areas: code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The same codes as the old lookup's small areas, e.g. SICBL22CDH."
            ),
            "small area code",
            code=True,
        ),
    ),
)
NEW_ICS_LAYER = Input(
    "NEW_ICS",
    QT_TRANSLATE_NOOP("DsptParameters", "New ICS boundaries"),
    QT_TRANSLATE_NOOP("DsptParameters", "Needed with the old small areas, e.g. ICB April 2026."),
    "new ICS boundaries",
    types=(QgsProcessing.TypeVectorPolygon,),
    optional=True,
    picks=(
        Pick(
            "NEW_ICS_CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "New ICS boundaries: code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The same codes as the new lookup's ICS field, e.g. ICB26CD."
            ),
            "ICS code",
            code=True,
        ),
    ),
)


class CrosswalkAlgorithm(DsptAlgorithm):
    """Each small area of the new geography with the status of whoever covered it before."""

    INPUT = STATUS_TABLE.key
    CODE_FIELD = STATUS_TABLE.picks[0].key
    STATUS_FIELD = STATUS_TABLE.picks[1].key
    OLD_LOOKUP = OLD_LOOKUP_TABLE.key
    OLD_AREA_FIELD = OLD_LOOKUP_TABLE.picks[0].key
    OLD_CODE_FIELD = OLD_LOOKUP_TABLE.picks[1].key
    OLD_SHARE_FIELD = OLD_LOOKUP_TABLE.picks[2].key
    NEW_LOOKUP = NEW_LOOKUP_TABLE.key
    NEW_AREA_FIELD = NEW_LOOKUP_TABLE.picks[0].key
    NEW_ICS_FIELD = NEW_LOOKUP_TABLE.picks[1].key
    WEIGHT_FIELD = NEW_LOOKUP_TABLE.picks[2].key
    OLD_AREAS = OLD_AREA_LAYER.key
    OLD_AREAS_FIELD = OLD_AREA_LAYER.picks[0].key
    NEW_ICS = NEW_ICS_LAYER.key
    NEW_ICS_CODE_FIELD = NEW_ICS_LAYER.picks[0].key
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    OUTPUT_SHARES = "OUTPUT_SHARES"

    NAME = "crosswalk"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(
        "CrosswalkAlgorithm", "Commissioner statuses on a newer geography"
    )
    GROUP = GROUP_OVER_TIME
    TAGS = "crosswalk,geography,ICB 2026,sub-ICB,lookup,merge,split,weights,registered patients"
    HELP = QT_TRANSLATE_NOOP(
        "CrosswalkAlgorithm",
        "Carries one edition's commissioner statuses onto a newer geography, e.g. 2022/23 ICB "
        "statuses onto the April 2026 ICBs, through the small areas both are built from (sub-ICB "
        "locations).<br><br>"
        "Each small area of the <b>new lookup</b> (small area -> new ICS, with its population, "
        "e.g. registered patients) takes the status of the organisation that covered it in the "
        "old geography: the <b>old lookup</b> says which (small area -> e.g. its 2023 ICB); "
        "without an old lookup the statuses are the small areas' own. A small area formed from several "
        "organisations (2020 CCGs merged in April 2021) is listed in the old lookup under each, with a "
        "<b>share field</b> (e.g. their registered patients): its weight is split between them, one row "
        "per part, and matched_by says how. A small area whose code "
        "the old geography lacks is matched from the boundaries: the old small area covering "
        "most of its new ICS that the ICS's other small areas do not cover (give the old small "
        "areas' and the new ICSs' boundaries); the log and the matched_by field give the "
        "overlap.<br><br>"
        "<b>Output</b>: the new lookup's rows with code (the small area; small area/organisation for "
        "a part of one), status_code and status_name (whose status it takes), decided_by (the "
        "submission deciding that status: a successor's, or status_code), status, score, weight, "
        "area_part (the part of the small area: 1 unless shared), ics_share (its share of its ICS's "
        "weight), old_area and matched_by. Feed it to 'ICS composite score' as the "
        "commissioners, with the new ICS field as their ICS code and weight as their "
        "population: an old ICB split between two new ones then counts in each in proportion "
        "to its small areas' population, and a new ICB made of several old ones gets their "
        "population-weighted mean. <b>Shares</b>: each old organisation's share of each new ICS.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        for table in (
            STATUS_TABLE,
            OLD_LOOKUP_TABLE,
            NEW_LOOKUP_TABLE,
            OLD_AREA_LAYER,
            NEW_ICS_LAYER,
        ):
            table.declare(self)
        add_scores(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Small areas with status"), QgsProcessing.TypeVector
            ),
            self.tr("One row per small area of the new lookup, ready for 'ICS composite score'."),
        )
        add_table_output(
            self,
            self.OUTPUT_SHARES,
            self.tr("Shares of each new ICS"),
            self.tr(
                "Each old organisation's share of each new ICS's population: the weights used."
            ),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.crosswalk import areas_without_code_match, crosswalk
        from ..core.resolve import DECIDED_BY_FIELD

        statuses = STATUS_TABLE.open(self, parameters, context)
        code, status, name = (
            statuses.field(self.CODE_FIELD),
            statuses.field(self.STATUS_FIELD),
            statuses.named("name"),
        )
        # The import's decided_by, when given: whose submission decides each status.
        decided_by = statuses.named(DECIDED_BY_FIELD)
        status_table = _table(statuses, feedback, [code, status, name, decided_by])
        old, new = self._geographies(parameters, context, feedback)
        unmatched = areas_without_code_match(old, status_table, code, new)
        matches = (
            self._area_matches(parameters, context, feedback, unmatched, new)
            if len(unmatched)
            else {}
        )
        check_cancel(feedback)
        result = crosswalk(
            status_table,
            code_field=code,
            status_field=status,
            name_field=name,
            old=old,
            new=new,
            area_matches=matches,
            scheme=self.options.scheme,
        )
        self._log(result, feedback)
        write_frame(outputs, self.OUTPUT, result.table, list(result.table.columns), feedback)
        write_frame(
            outputs, self.OUTPUT_SHARES, result.shares, list(result.shares.columns), feedback
        )

    def _geographies(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> tuple[OldGeography | None, NewGeography]:
        """The old geography's lookup (None: the statuses are the small areas' own) and the new."""
        from ..core.crosswalk import NewGeography
        from ..core.old_areas import OldGeography

        old = None
        old_lookup = OLD_LOOKUP_TABLE.open_if_given(self, parameters, context)
        if old_lookup is not None:
            old = OldGeography(
                _table(old_lookup, feedback),
                old_lookup.field(self.OLD_AREA_FIELD),
                old_lookup.field(self.OLD_CODE_FIELD),
                old_lookup.fields.get(self.OLD_SHARE_FIELD),
            )
        new_lookup = NEW_LOOKUP_TABLE.open(self, parameters, context)
        new = NewGeography(
            _table(new_lookup, feedback, new_lookup.names()),
            new_lookup.field(self.NEW_AREA_FIELD),
            new_lookup.field(self.NEW_ICS_FIELD),
            new_lookup.field(self.WEIGHT_FIELD),
        )
        return old, new

    def _log(self, result: Crosswalk, feedback: QgsProcessingFeedback) -> None:
        """The crosswalk's notes, and each new ICS made of several old organisations."""
        for note in result.notes:
            feedback.pushInfo(note)
        for ics, group in result.shares.groupby("ics", sort=True):
            if len(group) > 1:
                parts = ", ".join(
                    f"{c} {s:.1%}" for c, s in zip(group["status_code"], group["share"])
                )
                feedback.pushInfo(self.tr("ICS {}: {}").format(ics, parts))

    def _area_matches(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        unmatched: pd.DataFrame,
        new: NewGeography,
    ) -> dict[str, AreaMatch]:
        """Match the small areas the old geography lacks from the boundaries."""
        from ..core.crosswalk import AreaMatch, areas_beside

        old_areas = OLD_AREA_LAYER.open_if_given(self, parameters, context)
        new_ics = NEW_ICS_LAYER.open_if_given(self, parameters, context)
        listed = ", ".join(unmatched["area"])
        if old_areas is None or new_ics is None:
            raise QgsProcessingException(
                self.tr(
                    "Small area(s) {} of the new lookup are not in the old geography: give the old small areas' and the "
                    "new ICSs' boundaries to match them by area, or add them to the old lookup."
                ).format(listed)
            )
        feedback.pushInfo(self.tr("Matching {} by area.").format(listed))
        crs = QgsCoordinateReferenceSystem(AREA_CRS)
        found = match_by_area(
            dict(zip(unmatched["area"], unmatched["ics"])),
            areas_beside(unmatched, new),
            polygons_by_code(old_areas, old_areas.field(self.OLD_AREAS_FIELD), context, crs),
            polygons_by_code(new_ics, new_ics.field(self.NEW_ICS_CODE_FIELD), context, crs),
        )
        return {area: AreaMatch(old_area, share) for area, (old_area, share) in found.items()}


def _table(
    opened: Opened, feedback: QgsProcessingFeedback, fields: Sequence[str | None] | None = None
) -> Table:
    """An input as the core's crosswalk Table (its picked fields, or ``fields``)."""
    from ..core.old_areas import Table

    return Table(opened.read(feedback, fields).drop(columns=["feature_id"]), opened.ref)
