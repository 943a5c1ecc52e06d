"""``dspt:crosswalk`` — commissioner statuses carried onto a newer geography's ICSs."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.support.algorithm import GROUP_OVER_TIME, DsptAlgorithm, check_cancel
from dspt_qgis.processing_algs.support.outputs import Outputs, write_frame
from dspt_qgis.processing_algs.support.parameters import (
    SCORES,
    add,
    add_scores,
    add_table_output,
    field,
    scheme_of,
)
from dspt_qgis.processing_algs.support.reading import field_name, read_frame, source_ref
from dspt_qgis.processing_algs.support.spatial import match_by_area, polygons_by_code

#: Areas are compared in British National Grid (an equal-area enough plane for England).
AREA_CRS = "EPSG:27700"


class CrosswalkAlgorithm(DsptAlgorithm):
    """Each small area of the new geography with the status of whoever covered it before."""

    INPUT = "INPUT"
    CODE_FIELD = "CODE_FIELD"
    STATUS_FIELD = "STATUS_FIELD"
    OLD_LOOKUP = "OLD_LOOKUP"
    OLD_AREA_FIELD = "OLD_AREA_FIELD"
    OLD_CODE_FIELD = "OLD_CODE_FIELD"
    NEW_LOOKUP = "NEW_LOOKUP"
    NEW_AREA_FIELD = "NEW_AREA_FIELD"
    NEW_ICS_FIELD = "NEW_ICS_FIELD"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    OLD_AREAS = "OLD_AREAS"
    OLD_AREAS_FIELD = "OLD_AREAS_FIELD"
    NEW_ICS = "NEW_ICS"
    NEW_ICS_CODE_FIELD = "NEW_ICS_CODE_FIELD"
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    OUTPUT_SHARES = "OUTPUT_SHARES"

    NAME = "crosswalk"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("CrosswalkAlgorithm", "Commissioner statuses on a newer geography")
    GROUP = GROUP_OVER_TIME
    TAGS = "crosswalk,geography,ICB 2026,sub-ICB,lookup,merge,split,weights,registered patients"
    HELP_ANCHOR = "crosswalk"
    HELP = QT_TRANSLATE_NOOP(
        "CrosswalkAlgorithm",
        "Carries one edition's commissioner statuses onto a newer geography, e.g. 2022/23 ICB "
        "statuses onto the April 2026 ICBs, through the small areas both are built from (sub-ICB "
        "locations).<br><br>"
        "Each small area of the <b>new lookup</b> (small area -> new ICS, with its population, "
        "e.g. registered patients) takes the status of the organisation that covered it in the "
        "old geography: the <b>old lookup</b> says which (small area -> e.g. its 2023 ICB); "
        "without an old lookup the statuses are the small areas' own. A small area whose code "
        "the old geography lacks is matched from the boundaries: the old small area covering "
        "most of its new ICS that the ICS's other small areas do not cover (give the old small "
        "areas' and the new ICSs' boundaries); the log and the matched_by field give the "
        "overlap.<br><br>"
        "<b>Output</b>: the new lookup's rows with code (the small area), status_code and "
        "status_name (whose status it takes), status, score, weight, ics_share (its share of "
        "its ICS's weight), old_area and matched_by. Feed it to 'ICS composite score' as the "
        "commissioners, with the new ICS field as their ICS code and weight as their "
        "population: an old ICB split between two new ones then counts in each in proportion "
        "to its small areas' population, and a new ICB made of several old ones gets their "
        "population-weighted mean. <b>Shares</b>: each old organisation's share of each new ICS.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(self, QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Commissioner statuses"),
                                                      [QgsProcessing.TypeVector]),
            self.tr("One edition's commissioner statuses, usually the output of 'Import DSPT status export' "
                    "(e.g. the 2022/23 ICBs)."))
        field(self, self.CODE_FIELD, self.tr("Code field"), self.INPUT,
              self.tr("The statuses' ODS code field; empty means the field called code."), default="code")
        field(self, self.STATUS_FIELD, self.tr("Status field"), self.INPUT,
              self.tr("The statuses' status field; empty means the field called status."), default="status")
        add(self, QgsProcessingParameterFeatureSource(self.OLD_LOOKUP, self.tr("Old lookup"),
                                                      [QgsProcessing.TypeVector], optional=True),
            self.tr("The old geography's small areas and the organisation each belonged to, e.g. ONS "
                    "sicbl23_icb23_nhser23. Empty: the statuses are the small areas' own."))
        field(self, self.OLD_AREA_FIELD, self.tr("Old lookup: small area code field"), self.OLD_LOOKUP,
              self.tr("E.g. SICBL23CDH (ODS codes, as the new lookup's)."))
        field(self, self.OLD_CODE_FIELD, self.tr("Old lookup: organisation code field"), self.OLD_LOOKUP,
              self.tr("The code of the organisation whose status the area takes, as in the statuses, e.g. ICB23CDH."))
        add(self, QgsProcessingParameterFeatureSource(self.NEW_LOOKUP, self.tr("New lookup"),
                                                      [QgsProcessing.TypeVector]),
            self.tr("The new geography's small areas, each with its ICS and population, e.g. "
                    "sicbl26_icb26_nhser26 with registered patients."))
        field(self, self.NEW_AREA_FIELD, self.tr("New lookup: small area code field"), self.NEW_LOOKUP,
              self.tr("E.g. SICBL26CDH."), optional=False)
        field(self, self.NEW_ICS_FIELD, self.tr("New lookup: ICS code field"), self.NEW_LOOKUP,
              self.tr("E.g. ICB26CD: the code the new ICS boundaries carry."), optional=False)
        field(self, self.WEIGHT_FIELD, self.tr("New lookup: population field"), self.NEW_LOOKUP,
              self.tr("Each small area's weight within its ICS, e.g. registered_patients."), optional=False)
        add(self, QgsProcessingParameterFeatureSource(self.OLD_AREAS, self.tr("Old small areas (boundaries)"),
                                                      [QgsProcessing.TypeVectorPolygon], optional=True),
            self.tr("Needed only when a small area of the new lookup is not in the old one, e.g. sub-ICB "
                    "locations July 2022."))
        field(self, self.OLD_AREAS_FIELD, self.tr("Old small areas: code field"), self.OLD_AREAS,
              self.tr("The same codes as the old lookup's small areas, e.g. SICBL22CDH."))
        add(self, QgsProcessingParameterFeatureSource(self.NEW_ICS, self.tr("New ICS boundaries"),
                                                      [QgsProcessing.TypeVectorPolygon], optional=True),
            self.tr("Needed with the old small areas, e.g. ICB April 2026."))
        field(self, self.NEW_ICS_CODE_FIELD, self.tr("New ICS boundaries: code field"), self.NEW_ICS,
              self.tr("The same codes as the new lookup's ICS field, e.g. ICB26CD."))
        add_scores(self)
        add(self, QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Small areas with status"),
                                                    QgsProcessing.TypeVector),
            self.tr("One row per small area of the new lookup, ready for 'ICS composite score'."))
        add_table_output(self, self.OUTPUT_SHARES, self.tr("Shares of each new ICS"),
                         self.tr("Each old organisation's share of each new ICS's population: the weights used."))

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from dspt_qgis.core.crosswalk import (
            NewGeography,
            OldGeography,
            areas_without_code_match,
            crosswalk,
        )

        statuses, (code, status), (name,) = self._table(
            parameters, self.INPUT, context, feedback,
            [(self.CODE_FIELD, "code", "code"), (self.STATUS_FIELD, "status", "status")], when_present=("name",))
        old = None
        if self.parameterAsSource(parameters, self.OLD_LOOKUP, context) is not None:
            lookup, (area, owner), _ = self._table(parameters, self.OLD_LOOKUP, context, feedback, [
                (self.OLD_AREA_FIELD, "", "small area code"), (self.OLD_CODE_FIELD, "", "organisation code")])
            old = OldGeography(lookup, area, owner)
        new_lookup, (new_area, new_ics, weight), _ = self._table(parameters, self.NEW_LOOKUP, context, feedback, [
            (self.NEW_AREA_FIELD, "", "small area code"), (self.NEW_ICS_FIELD, "", "ICS code"),
            (self.WEIGHT_FIELD, "", "population")], all_fields=True)
        new = NewGeography(new_lookup, new_area, new_ics, weight)
        unmatched = areas_without_code_match(old, statuses, code, new)
        matches = self._area_matches(parameters, context, feedback, unmatched, new) if len(unmatched) else {}
        check_cancel(feedback)
        result = crosswalk(statuses, code_field=code, status_field=status, name_field=name, old=old,
                           new=new, area_matches=matches,
                           scheme=scheme_of(self, parameters, context))
        for note in result.notes:
            feedback.pushInfo(note)
        for ics, group in result.shares.groupby("ics", sort=True):
            if len(group) > 1:
                parts = ", ".join(f"{c} {s:.1%}" for c, s in zip(group["status_code"], group["share"]))
                feedback.pushInfo(self.tr("ICS {}: {}").format(ics, parts))
        write_frame(outputs, self.OUTPUT, result.table, list(result.table.columns), feedback)
        write_frame(outputs, self.OUTPUT_SHARES, result.shares, list(result.shares.columns), feedback)

    def _table(self, parameters: dict[str, Any], key: str, context: QgsProcessingContext,
               feedback: QgsProcessingFeedback, wanted: list[tuple[str, str, str]], *, all_fields: bool = False,
               when_present: tuple[str, ...] = ()) -> tuple[Any, list[str], list[str | None]]:
        """A table input as the core's Table; the fields its parameters name (``wanted``:
        parameter, default, role), and the fields of ``when_present`` it has (else None)."""
        from dspt_qgis.core.crosswalk import Table

        source = self.parameterAsSource(parameters, key, context)
        ref = source_ref(source, key.lower().replace("_", " "))
        names = [field_name(source, self.parameterAsString(parameters, parameter, context) or default, role=role,
                            ref=ref) for parameter, default, role in wanted]
        present = [next((n for n in source.fields().names() if n.lower() == wanted_name), None)
                   for wanted_name in when_present]
        fields = None if all_fields else list(dict.fromkeys(n for n in [*names, *present] if n))
        frame = read_frame(self, parameters, key, context, feedback, fields=fields)
        return Table(frame.drop(columns=["feature_id"]), ref), names, present

    def _area_matches(self, parameters: dict[str, Any], context: QgsProcessingContext,
                      feedback: QgsProcessingFeedback, unmatched: Any, new: Any) -> dict[str, Any]:
        """Match the small areas the old geography lacks from the boundaries."""
        from dspt_qgis.core.crosswalk import AreaMatch, areas_beside

        old_areas = self.parameterAsSource(parameters, self.OLD_AREAS, context)
        new_ics = self.parameterAsSource(parameters, self.NEW_ICS, context)
        listed = ", ".join(unmatched["area"])
        if old_areas is None or new_ics is None:
            raise QgsProcessingException(self.tr(
                "Small area(s) {} of the new lookup are not in the old geography: give the old small areas' and the "
                "new ICSs' boundaries to match them by area, or add them to the old lookup.").format(listed))
        feedback.pushInfo(self.tr("Matching {} by area.").format(listed))
        crs = QgsCoordinateReferenceSystem(AREA_CRS)
        old_field = field_name(old_areas, self.parameterAsString(parameters, self.OLD_AREAS_FIELD, context),
                               role="small area code", ref=source_ref(old_areas, "old small areas"))
        ics_field = field_name(new_ics, self.parameterAsString(parameters, self.NEW_ICS_CODE_FIELD, context),
                               role="ICS code", ref=source_ref(new_ics, "new ICS boundaries"))
        found = match_by_area(dict(zip(unmatched["area"], unmatched["ics"])), areas_beside(unmatched, new),
                              polygons_by_code(old_areas, old_field, context, crs),
                              polygons_by_code(new_ics, ics_field, context, crs))
        return {area: AreaMatch(old_area, share) for area, (old_area, share) in found.items()}
