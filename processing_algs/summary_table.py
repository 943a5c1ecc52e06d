"""``dspt:summarytable`` — sector x status counts and percentages, with an HTML report."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_ANALYSIS, DsptAlgorithm
from .support.inputs import Input, Pick, add
from .support.parameters import (
    EDITION,
    SCORES,
    add_edition,
    add_html_output,
    add_scores,
)
from .support.transaction import Outputs
from .support.writers import write_frame

DSPT_TABLE = Input(
    "INPUT",
    QT_TRANSLATE_NOOP("DsptParameters", "DSPT table"),
    QT_TRANSLATE_NOOP("DsptParameters", "Usually the output of 'Import DSPT status export'."),
    "DSPT table",
    picks=(
        Pick(
            "SECTOR_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Sector field"),
            QT_TRANSLATE_NOOP("DsptParameters", "Empty means the field called sector."),
            "sector",
            default="sector",
        ),
        Pick(
            "STATUS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Status field"),
            QT_TRANSLATE_NOOP("DsptParameters", "Empty means the field called status."),
            "status",
            default="status",
        ),
    ),
)


class SummaryTableAlgorithm(DsptAlgorithm):
    """The published summary table and bar chart: organisations by sector and status."""

    INPUT = DSPT_TABLE.key
    SECTOR_FIELD = DSPT_TABLE.picks[0].key
    STATUS_FIELD = DSPT_TABLE.picks[1].key
    EDITION = EDITION
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    OUTPUT_HTML = "OUTPUT_HTML"

    NAME = "summarytable"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("SummaryTableAlgorithm", "Summary of compliance by sector")
    GROUP = GROUP_ANALYSIS
    TAGS = "summary,table,crosstab,bar chart,report,sector"
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
        "n_approaching, n_not_met, n_not_published), total, the row percentages pct_* and "
        "edition (the edition counted). "
        "<b>HTML report</b>: the table and a stacked bar chart in one page.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        DSPT_TABLE.declare(self)
        add_edition(self)
        add_scores(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Summary of compliance"), QgsProcessing.TypeVector
            ),
            self.tr("One row per sector and a total row."),
        )
        add_html_output(
            self,
            self.OUTPUT_HTML,
            self.tr("The table and a stacked bar chart in one self-contained page."),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.crosstab import sector_status_crosstab
        from ..presentation.report_html import summary_html

        table = DSPT_TABLE.open(self, parameters, context)
        sector, status = table.field(self.SECTOR_FIELD), table.field(self.STATUS_FIELD)
        edition_field = table.named("edition")
        frame = table.read(feedback, [sector, status, edition_field])
        scheme = self.options.scheme
        crosstab = sector_status_crosstab(
            frame.drop(columns=["feature_id"]),
            sector_field=sector,
            status_field=status,
            source=table.ref,
            edition=self.options.edition,
            edition_field=edition_field,
            scheme=scheme,
        )
        for note in crosstab.notes:
            feedback.pushWarning(note)
        rows = crosstab.output()
        write_frame(outputs, self.OUTPUT, rows, list(rows.columns), feedback)
        html_path = outputs.file_path(self.OUTPUT_HTML)
        if html_path is not None:
            edition = f" {crosstab.edition}" if crosstab.edition else ""
            page = summary_html(
                crosstab,
                title=f"Summary of DSPT{edition} compliance by sector",
                note=f"Source table: {table.ref.label}; {len(frame)} organisations.",
                scheme=scheme,
            )
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(page)
            feedback.pushInfo(
                self.tr("HTML report written to {}").format(
                    outputs.destination(self.OUTPUT_HTML).path
                )
            )
