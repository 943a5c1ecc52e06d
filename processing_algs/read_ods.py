"""``dspt:readods`` — NHS ODS bulk files (no header row) as a table with named columns."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_PREPARE, DsptAlgorithm
from .support.inputs import add
from .support.transaction import Outputs
from .support.writers import write_frame


class ReadOdsAlgorithm(DsptAlgorithm):
    """ODS trusts / care trusts / commissioners files as one named table."""

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    NAME = "readods"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("ReadOdsAlgorithm", "Read ODS bulk files")
    GROUP = GROUP_PREPARE
    TAGS = "ODS,etr,ect,eccg,organisation data service,close date,high level health geography,ICS"
    HELP = QT_TRANSLATE_NOOP(
        "ReadOdsAlgorithm",
        "Reads NHS Organisation Data Service (ODS) bulk files, such as etr.csv (NHS trusts), "
        "ect.csv (care trusts) and eccg.csv (CCGs / sub-ICB locations), which have no header "
        "row, into one table with named columns.<br><br>"
        "<b>ODS files</b>: one or more files of one ODS release. An organisation listed in two "
        "files counts once when its records agree; when they disagree the tool stops and names "
        "it.<br><br>"
        "<b>Output</b>: one row per organisation with code, name, national_grouping (NHS England "
        "region), high_level_health_geography (the ODS code of the STP or ICB it belongs to), "
        "address_line_1 to 5, postcode, open_date and close_date (dates), status_code, "
        "sub_type_code, parent_code, the remaining columns of the ODS layout, source_file and "
        "source_row. Use it with 'ICS of each organisation from ODS' (official ICS membership) "
        "and as the close dates of 'Import DSPT status export'.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(
            self,
            QgsProcessingParameterMultipleLayers(
                self.INPUT, self.tr("ODS files"), QgsProcessing.TypeFile
            ),
            self.tr("etr.csv, ect.csv, eccg.csv ... from one ODS release (header-less CSV)."),
        )
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("ODS organisations"), QgsProcessing.TypeVector
            ),
            self.tr("One row per organisation, columns named."),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.ods import read_ods

        paths = [
            str(p)
            for p in self.parameterAsFileList(parameters, self.INPUT, context)
            if str(p).strip()
        ]
        if not paths:
            raise QgsProcessingException(self.tr("Give at least one ODS file (e.g. etr.csv)."))
        result = read_ods(paths)
        for note in result.notes:
            feedback.pushWarning(note)
        closed = result.table["close_date"].notna().sum()
        feedback.pushInfo(
            self.tr("{} organisations from {} file(s); {} with a close date.").format(
                len(result.table), len(paths), closed
            )
        )
        write_frame(outputs, self.OUTPUT, result.table, list(result.table.columns), feedback)
