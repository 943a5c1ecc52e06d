"""``dspt:summarytable`` — sector x status counts and percentages, with an HTML report."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.base import GROUP_ANALYSIS, DsptAlgorithm, core_errors
from dspt_qgis.processing_algs.bulk_read import read_frame
from dspt_qgis.processing_algs.qgis_io import (
    NO_GEOMETRY,
    qgs_fields,
    resolve_field,
    write_table,
    writes_spreadsheet,
)


class SummaryTableAlgorithm(DsptAlgorithm):
    """The published summary table and bar chart: organisations by sector and status."""

    INPUT = "INPUT"
    SECTOR_FIELD = "SECTOR_FIELD"
    STATUS_FIELD = "STATUS_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_HTML = "OUTPUT_HTML"

    NAME = "summarytable"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("SummaryTableAlgorithm", "Summary of compliance by sector")
    GROUP = GROUP_ANALYSIS
    TAGS = "summary,table,crosstab,bar chart,report,sector"
    HELP = QT_TRANSLATE_NOOP(
        "SummaryTableAlgorithm",
        "Counts organisations by sector and DSPT status, as in the published summary table "
        "and bar chart.<br><br>"
        "<b>Input</b>: a table with a sector and a status per organisation, usually the output "
        "of 'Import DSPT status export' (sector = Commissioner / Trust / CSU / Other; use "
        "sector_raw for the export's own sector names). A missing status counts as Not "
        "Published.<br><br>"
        "<b>Output</b>: one row per sector plus 'Total', with a count per status (n_exceeded, "
        "n_met, n_approaching, n_not_met, n_not_published), total, and the row percentages "
        "pct_*. <b>HTML report</b> (optional): the table and a stacked bar chart in one page.",
    )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802 (QGIS API name)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("DSPT table"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.SECTOR_FIELD,
                self.tr("Sector field (empty = sector)"),
                defaultValue="sector",
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STATUS_FIELD,
                self.tr("Status field (empty = status)"),
                defaultValue="status",
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Summary of compliance"), QgsProcessing.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML,
                self.tr("HTML report"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=False,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        from dspt_qgis.core.aggregate import sector_status_crosstab
        from dspt_qgis.core.report_html import summary_html

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        label = source.sourceName() or "DSPT table"
        sector = resolve_field(
            source,
            self.parameterAsString(parameters, self.SECTOR_FIELD, context) or "sector",
            role="sector",
            layer_label=label,
        )
        status = resolve_field(
            source,
            self.parameterAsString(parameters, self.STATUS_FIELD, context) or "status",
            role="status",
            layer_label=label,
        )
        frame = read_frame(self, parameters, self.INPUT, context, feedback, fields=[sector, status])
        with core_errors():
            crosstab = sector_status_crosstab(frame, sector_field=sector, status_field=status)
            html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
            page = (
                summary_html(
                    crosstab,
                    title="Summary of DSPT compliance by sector",
                    note=f"Source table: {label}; {len(frame)} organisations.",
                )
                if html_path
                else None
            )
        columns = list(crosstab.columns)
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, qgs_fields(crosstab, columns), NO_GEOMETRY
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        write_table(
            sink,
            crosstab,
            columns,
            feedback,
            sink_name="summary",
            safe_for_spreadsheets=writes_spreadsheet(self, parameters, self.OUTPUT, context),
        )
        results = {self.OUTPUT: dest_id}
        if page is not None:
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(page)
            results[self.OUTPUT_HTML] = html_path
            feedback.pushInfo(self.tr("HTML report written to {}").format(html_path))
        return results
