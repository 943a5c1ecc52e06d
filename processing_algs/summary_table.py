"""``dspt:summarytable`` — sector x status counts and percentages, with an HTML report."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.support.algorithm import GROUP_ANALYSIS, DsptAlgorithm
from dspt_qgis.processing_algs.support.outputs import Outputs, write_frame
from dspt_qgis.processing_algs.support.parameters import (
    EDITION,
    SCORES,
    add,
    add_edition,
    add_html_output,
    add_scores,
    field,
    scheme_of,
)
from dspt_qgis.processing_algs.support.reading import field_name, read_frame, source_ref


class SummaryTableAlgorithm(DsptAlgorithm):
    """The published summary table and bar chart: organisations by sector and status."""

    INPUT = "INPUT"
    SECTOR_FIELD = "SECTOR_FIELD"
    STATUS_FIELD = "STATUS_FIELD"
    EDITION = EDITION
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    OUTPUT_HTML = "OUTPUT_HTML"

    NAME = "summarytable"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("SummaryTableAlgorithm", "Summary of compliance by sector")
    GROUP = GROUP_ANALYSIS
    TAGS = "summary,table,crosstab,bar chart,report,sector"
    HELP_ANCHOR = "summarytable"
    HELP = QT_TRANSLATE_NOOP(
        "SummaryTableAlgorithm",
        "Counts organisations by sector and DSPT status, as in the published summary table and "
        "bar chart.<br><br>"
        "<b>Input</b>: a table with a sector and a status per organisation, usually the output of "
        "'Import DSPT status export' (sector = Commissioner / Trust / CSU / Other; use sector_raw "
        "for the export's own sector names). A missing status, or a status of another edition, "
        "counts as Not Published.<br><br>"
        "<b>Output</b>: one row per sector plus a total row ('Total', or 'Total (all sectors)' "
        "when a sector is itself called Total), with a count per status (n_exceeded, n_met, "
        "n_approaching, n_not_met, n_not_published), total, and the row percentages pct_*. "
        "<b>HTML report</b>: the table and a stacked bar chart in one page.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(self, QgsProcessingParameterFeatureSource(self.INPUT, self.tr("DSPT table"), [QgsProcessing.TypeVector]),
            self.tr("Usually the output of 'Import DSPT status export'."))
        field(self, self.SECTOR_FIELD, self.tr("Sector field"), self.INPUT,
              self.tr("Empty means the field called sector."), default="sector")
        field(self, self.STATUS_FIELD, self.tr("Status field"), self.INPUT,
              self.tr("Empty means the field called status."), default="status")
        add_edition(self)
        add_scores(self)
        add(self, QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Summary of compliance"), QgsProcessing.TypeVector),
            self.tr("One row per sector and a total row."))
        add_html_output(self, self.OUTPUT_HTML, self.tr("The table and a stacked bar chart in one self-contained page."))

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from dspt_qgis.core.crosstab import sector_status_crosstab
        from dspt_qgis.core.report_html import summary_html

        source = self.parameterAsSource(parameters, self.INPUT, context)
        ref = source_ref(source, "DSPT table")
        sector, status = (
            field_name(source, self.parameterAsString(parameters, key, context) or default, role=role, ref=ref)
            for key, default, role in ((self.SECTOR_FIELD, "sector", "sector"), (self.STATUS_FIELD, "status", "status"))
        )
        edition_field = next((n for n in source.fields().names() if n.lower() == "edition"), None)
        fields = list(dict.fromkeys(f for f in (sector, status, edition_field) if f))
        frame = read_frame(self, parameters, self.INPUT, context, feedback, fields=fields)
        scheme = scheme_of(self, parameters, context)
        crosstab = sector_status_crosstab(
            frame.drop(columns=["feature_id"]),
            sector_field=sector,
            status_field=status,
            source=ref,
            edition=self.parameterAsString(parameters, self.EDITION, context) or None,
            edition_field=edition_field,
            scheme=scheme,
        )
        for note in crosstab.notes:
            feedback.pushWarning(note)
        write_frame(outputs, self.OUTPUT, crosstab.table, list(crosstab.table.columns), feedback)
        html_path = outputs.file_path(self.OUTPUT_HTML)
        if html_path is not None:
            edition = f" {crosstab.edition}" if crosstab.edition else ""
            page = summary_html(
                crosstab,
                title=f"Summary of DSPT{edition} compliance by sector",
                note=f"Source table: {ref.label}; {len(frame)} organisations.",
                scheme=scheme,
            )
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(page)
            feedback.pushInfo(self.tr("HTML report written to {}").format(outputs.destination(self.OUTPUT_HTML).path))
