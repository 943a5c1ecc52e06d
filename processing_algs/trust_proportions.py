"""``dspt:trustproportions`` — trust statuses per ICS as counts, proportions and pie charts."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.base import GROUP_ANALYSIS, DsptAlgorithm, check_cancel, core_errors
from dspt_qgis.processing_algs.ics_output import write_ics_layer
from dspt_qgis.processing_algs.organisations import (
    explain_unplaced,
    ics_codes,
    read_ics,
    read_organisations,
)
from dspt_qgis.processing_algs.qgis_io import resolve_field, source_to_frame
from dspt_qgis.processing_algs.report import log_diagnostics, write_report
from dspt_qgis.processing_algs.styles import PROPORTIONS_STYLE

COUNT_COLUMNS = ["n_exceeded", "n_met", "n_approaching", "n_not_met", "n_not_published", "n_trusts"]
SHARE_COLUMNS = ["p_exceeded", "p_met", "p_approaching", "p_not_met", "p_not_published"]


class TrustProportionsAlgorithm(DsptAlgorithm):
    """Per ICS: how many trusts are in each status, and the ICS's patient population."""

    ICS = "ICS"
    ICS_FIELD = "ICS_FIELD"
    TRUSTS = "TRUSTS"
    TRUST_ICS_FIELD = "TRUST_ICS_FIELD"
    TRUST_CODE_FIELD = "TRUST_CODE_FIELD"
    TRUST_STATUS_FIELD = "TRUST_STATUS_FIELD"
    POPULATION = "POPULATION"
    POPULATION_ICS_FIELD = "POPULATION_ICS_FIELD"
    POPULATION_FIELD = "POPULATION_FIELD"
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "trustproportions"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(
        "TrustProportionsAlgorithm", "Trust compliance proportions per ICS"
    )
    GROUP = GROUP_ANALYSIS
    TAGS = "proportions,pie chart,trust,population,ICS,ICB"
    HELP = QT_TRANSLATE_NOOP(
        "TrustProportionsAlgorithm",
        "Counts the trusts of each ICS in each DSPT status and maps them as pie charts over "
        "the ICSs coloured by patient population (darker blue = larger), as in the published "
        "'CCGs and Proportions of Trusts Compliance' map.<br><br>"
        "<b>ICS layer</b> and <b>ICS code field</b>: the ICS (STP / ICB) polygons. "
        "<b>Trusts</b>: a table or point layer with code and status; leave the trusts' ICS "
        "field empty to place each trust point in the ICS polygon containing it. A missing "
        "status counts as Not Published. <b>Population table</b> (optional): rows with an ICS "
        "code and a population (e.g. GP registered patients per sub-ICB location with its ICB "
        "code); they are summed per ICS. Without it the ICSs are shaded by number of trusts.<br><br>"
        "<b>Output</b>: the ICS polygons with n_exceeded, n_met, n_approaching, n_not_met, "
        "n_not_published, n_trusts, the proportions p_* (0-1) and population. <b>Unmatched</b>: "
        "trusts not counted, with the reason.",
    )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802 (QGIS API name)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ICS,
                self.tr("ICS layer (STP / ICB polygons)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ICS_FIELD, self.tr("ICS code field"), parentLayerParameterName=self.ICS
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.TRUSTS,
                self.tr("Trusts with status (table, or points)"),
                [QgsProcessing.TypeVector],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TRUST_ICS_FIELD,
                self.tr("Trusts: ICS code field (empty = the ICS polygon containing each point)"),
                parentLayerParameterName=self.TRUSTS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TRUST_STATUS_FIELD,
                self.tr("Trusts: status field (empty = status)"),
                defaultValue="status",
                parentLayerParameterName=self.TRUSTS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TRUST_CODE_FIELD,
                self.tr("Trusts: code field (empty = code)"),
                defaultValue="code",
                parentLayerParameterName=self.TRUSTS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.POPULATION,
                self.tr("Population table (optional)"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_ICS_FIELD,
                self.tr("Population: ICS code field"),
                parentLayerParameterName=self.POPULATION,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                self.tr("Population: population field"),
                parentLayerParameterName=self.POPULATION,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Trust compliance proportions"),
                QgsProcessing.TypeVectorPolygon,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNMATCHED,
                self.tr("Trusts not counted"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        from dspt_qgis.core.aggregate import (
            Component,
            prepare_component,
            status_counts,
        )
        from dspt_qgis.core.scoring import DEFAULT_SCHEME

        ics, ics_field = read_ics(self, parameters, context, self.ICS, self.ICS_FIELD)
        trusts, reasons = read_organisations(
            self,
            parameters,
            context,
            feedback,
            source_key=self.TRUSTS,
            code_key=self.TRUST_CODE_FIELD,
            status_key=self.TRUST_STATUS_FIELD,
            ics_key=self.TRUST_ICS_FIELD,
            label="trusts",
            ics_source=ics,
            ics_field=ics_field,
        )
        check_cancel(feedback)
        groups = ics_codes(ics, ics_field)
        with core_errors():
            used, diagnostics = prepare_component(
                Component(trusts, trusts.attrs["source"], group_field="ics"),
                groups=groups,
                scheme=DEFAULT_SCHEME,
            )
            table = status_counts(used, groups=groups).set_index("ics")
            population = self._population(parameters, context, feedback, groups)
        table["population"] = (
            population.reindex(table.index) if population is not None else float("nan")
        )
        diagnostics = explain_unplaced(diagnostics, trusts.attrs["source"], reasons)
        log_diagnostics(diagnostics, feedback)
        check_cancel(feedback)
        columns = COUNT_COLUMNS + SHARE_COLUMNS + ["population"]
        dest_id = write_ics_layer(
            self, parameters, self.OUTPUT, context, feedback, ics, ics_field, table, columns
        )
        shade_by = "population" if population is not None else "n_trusts"
        if population is None:
            feedback.pushInfo(
                self.tr("No population table: the ICSs are shaded by number of trusts.")
            )
        self.style_output(
            context,
            dest_id,
            PROPORTIONS_STYLE,
            layer_name=self.tr("Trust compliance proportions"),
            population_field=shade_by,
        )
        results = {self.OUTPUT: dest_id}
        results.update(
            write_report(self, parameters, self.UNMATCHED, context, diagnostics, only_not_used=True)
        )
        return results

    def _population(self, parameters, context, feedback, groups):
        """Population per ICS code from the optional table, or None when not given."""
        from dspt_qgis.core.aggregate import group_totals

        source = self.parameterAsSource(parameters, self.POPULATION, context)
        if source is None:
            return None
        label = source.sourceName() or "population table"
        ics_field = resolve_field(
            source,
            self.parameterAsString(parameters, self.POPULATION_ICS_FIELD, context),
            role="ICS code",
            layer_label=label,
        )
        value_field = resolve_field(
            source,
            self.parameterAsString(parameters, self.POPULATION_FIELD, context),
            role="population",
            layer_label=label,
        )
        frame = source_to_frame(source, feedback, fields=[ics_field, value_field])
        totals = group_totals(frame, group_field=ics_field, value_field=value_field, source=label)
        outside = sorted(set(totals.index) - {g.strip().upper() for g in groups})
        if outside:
            feedback.pushWarning(
                f"{label}: population rows for ICS codes not in the ICS layer were left out: {', '.join(outside[:20])}"
            )
        return totals
