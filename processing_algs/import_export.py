"""``dspt:importexport`` — read a DSPT status export and resolve each organisation's status."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProcessingUtils,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.base import (
    GROUP_PREPARE,
    DsptAlgorithm,
    check_cancel,
    core_errors,
)
from dspt_qgis.processing_algs.qgis_io import (
    NO_GEOMETRY,
    qgs_fields,
    source_to_frame,
    write_table,
    writes_spreadsheet,
)
from dspt_qgis.processing_algs.report import log_diagnostics, write_report

#: Files read by the core's own reader (encoding detection, text cells); anything else
#: (GeoPackage table, a layer in the project) is read through QGIS.
SPREADSHEET_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")


class ImportExportAlgorithm(DsptAlgorithm):
    """Import a DSPT export: one row per organisation with status, source and score."""

    INPUT = "INPUT"
    EDITION = "EDITION"
    SHEET = "SHEET"
    CODE_FIELD = "CODE_FIELD"
    STATUS_FIELD = "STATUS_FIELD"
    SECTOR_FIELD = "SECTOR_FIELD"
    SUCCESSOR_FIELD = "SUCCESSOR_FIELD"
    SUCCESSOR_STATUS_FIELD = "SUCCESSOR_STATUS_FIELD"
    NAME_FIELD = "NAME_FIELD"
    DEFAULT_SECTOR = "DEFAULT_SECTOR"
    SCORES = "SCORES"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"

    NAME = "importexport"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Import DSPT status export")
    GROUP = GROUP_PREPARE
    TAGS = "import,status,edition,successor,export,csv,xlsx"
    HELP = QT_TRANSLATE_NOOP(
        "ImportExportAlgorithm",
        "Reads a DSPT status export (the DSPT portal's organisation-search CSV, a curated "
        "or snapshot file, CSV in UTF-8 or cp1252, or an Excel workbook) and gives one row per "
        "organisation with its status for the chosen edition.<br><br>"
        "{method}"
        "<br><br><b>Input</b>: the export file (or the source of a table layer already in QGIS). "
        "<b>Edition</b>: such as 20/21; leave empty to use the newest edition in the file. "
        "<b>Field overrides</b>: columns are found by name (Code / ODS Code, Status / Latest "
        "Status, Primary Sector / Sector, Successor Code, Successor Status), ignoring case and "
        "punctuation; name a column here when yours is called something else. "
        "<b>Sector when the file has none</b>: e.g. 'NHS Trust' for a trusts-only snapshot. "
        "<b>Scores</b>: change the scoring, e.g. 'Not Published=-4'.<br><br>"
        "<b>Output</b> fields: code, name, sector (Commissioner / Trust / CSU / Other), "
        "sector_raw, status_raw, edition, status, status_source (own / successor / none), score, "
        "source_row (row in the file, header = 1), then every input column unchanged (a column "
        "named like an output field gets the suffix _input, e.g. Code_input). "
        "An organisation listed twice with the same status is kept once; with different "
        "statuses the tool stops and names the code and rows. Rows without a code and repeated "
        "rows are listed in the log and in the optional <b>report</b> table.",
    )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802 (QGIS API name)
        source = QgsProcessingParameterFile(
            self.INPUT,
            self.tr("DSPT status export (CSV or XLSX)"),
            behavior=QgsProcessingParameterFile.File,
            fileFilter=self.tr("DSPT exports (*.csv *.CSV *.xlsx *.xls);;All files (*.*)"),
        )
        source.setHelp(self.tr("A file path, or a table layer already in the project."))
        self.addParameter(source)
        edition = QgsProcessingParameterString(
            self.EDITION,
            self.tr("DSPT edition (e.g. 20/21; empty = newest in the file)"),
            optional=True,
        )
        self.addParameter(edition)
        for key, label in (
            (self.CODE_FIELD, "Organisation code column (empty = detect)"),
            (self.STATUS_FIELD, "Status column (empty = detect)"),
            (self.SECTOR_FIELD, "Sector column (empty = detect)"),
            (self.SUCCESSOR_FIELD, "Successor code column (empty = detect)"),
            (self.SUCCESSOR_STATUS_FIELD, "Successor status column (empty = detect)"),
            (self.NAME_FIELD, "Organisation name column (empty = detect)"),
            (self.DEFAULT_SECTOR, "Sector when the file has none (e.g. NHS Trust)"),
            (self.SHEET, "Workbook sheet (empty = first sheet with code and status columns)"),
            (self.SCORES, "Scores (e.g. 'Not Published=-4'; empty = published method)"),
        ):
            parameter = QgsProcessingParameterString(key, self.tr(label), optional=True)
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(parameter)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("DSPT statuses"), QgsProcessing.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT,
                self.tr("Import report (every input row and what happened to it)"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        from dspt_qgis.core.reader import detect_columns, read_table, table_from_rows
        from dspt_qgis.core.resolve import resolve_export
        from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme

        text = {
            key: self.parameterAsString(parameters, key, context).strip()
            for key in (
                self.EDITION,
                self.CODE_FIELD,
                self.STATUS_FIELD,
                self.SECTOR_FIELD,
                self.SUCCESSOR_FIELD,
                self.SUCCESSOR_STATUS_FIELD,
                self.NAME_FIELD,
                self.DEFAULT_SECTOR,
                self.SHEET,
                self.SCORES,
            )
        }
        path = self.parameterAsFile(parameters, self.INPUT, context)
        with core_errors():
            scheme = (
                ScoringScheme.from_text(text[self.SCORES]) if text[self.SCORES] else DEFAULT_SCHEME
            )
            if os.path.isfile(path) and path.lower().endswith(SPREADSHEET_SUFFIXES):
                feedback.pushInfo(self.tr("Reading {}").format(path))
                table = read_table(path, sheet=text[self.SHEET] or None)
            else:
                table = self._layer_table(path, context, feedback, table_from_rows)
            check_cancel(feedback)
            columns = detect_columns(
                table,
                {
                    "code": text[self.CODE_FIELD],
                    "status": text[self.STATUS_FIELD],
                    "sector": text[self.SECTOR_FIELD],
                    "successor_code": text[self.SUCCESSOR_FIELD],
                    "successor_status": text[self.SUCCESSOR_STATUS_FIELD],
                    "name": text[self.NAME_FIELD],
                },
            )
            feedback.pushInfo(
                self.tr("Columns used: {}").format(
                    ", ".join(
                        f"{role} = {name!r}" for role, name in columns.as_dict().items() if name
                    )
                )
            )
            result = resolve_export(
                table,
                columns,
                edition=text[self.EDITION] or None,
                scheme=scheme,
                default_sector=text[self.DEFAULT_SECTOR] or None,
            )
        feedback.setProgress(60)
        check_cancel(feedback)
        feedback.pushInfo(
            self.tr("Edition {}: {} organisations").format(result.edition, len(result.table))
        )
        log_diagnostics(result.diagnostics, feedback)

        output = result.table
        columns_out = list(output.columns)
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, qgs_fields(output, columns_out), NO_GEOMETRY
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        write_table(
            sink,
            output,
            columns_out,
            feedback,
            sink_name=self.tr("DSPT statuses"),
            safe_for_spreadsheets=writes_spreadsheet(self, parameters, self.OUTPUT, context),
        )
        results = {self.OUTPUT: dest_id}
        results.update(write_report(self, parameters, self.REPORT, context, result.diagnostics))
        feedback.setProgress(100)
        return results

    def _layer_table(self, value, context, feedback, table_from_rows):
        """A table layer's attributes as the grid the file reader produces (all text)."""
        import pandas as pd

        layer = QgsProcessingUtils.mapLayerFromString(value, context) if value else None
        if layer is None or not hasattr(layer, "getFeatures"):
            raise QgsProcessingException(
                self.tr("{}: neither a readable file nor a table layer.").format(value or "(empty)")
            )
        frame = source_to_frame(layer, feedback)
        names = layer.fields().names()
        grid = pd.DataFrame(
            [names]
            + frame[names]
            .astype(object)
            .where(frame[names].notna(), "")
            .astype(str)
            .values.tolist()
        )
        return table_from_rows(grid, source=layer.name())
