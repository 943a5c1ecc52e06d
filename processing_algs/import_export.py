"""``dspt:importexport`` — read a DSPT status export and resolve each organisation's status."""

from __future__ import annotations

import dataclasses
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_PREPARE, DsptAlgorithm, check_cancel
from .support.diagnostics import log_account, write_account
from .support.inputs import Input, Pick, add, input_ref, layer_of
from .support.parameters import (
    SCORES,
    add_choice,
    add_scores,
    add_sink,
    add_table_output,
    choice_of,
)
from .support.reading import row_offset, source_to_frame
from .support.table_files import read_table_file, table_file
from .support.transaction import Outputs
from .support.writers import write_frame

CLOSED_ORGANISATIONS = Input(
    "CLOSURES",
    QT_TRANSLATE_NOOP("DsptParameters", "Closed organisations (ODS records)"),
    QT_TRANSLATE_NOOP(
        "DsptParameters", "Close dates per organisation, e.g. the output of 'Read ODS bulk files'."
    ),
    "closed organisations",
    optional=True,
    picks=(
        Pick(
            "CLOSURES_CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Closed organisations: code field"),
            QT_TRANSLATE_NOOP("DsptParameters", "Empty means code."),
            "code",
            default="code",
            advanced=True,
            code=True,
        ),
        Pick(
            "CLOSURES_DATE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Closed organisations: close date field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "Empty means close_date. Dates, 2022-03-31 or 20220331."
            ),
            "close date",
            default="close_date",
            advanced=True,
        ),
    ),
)


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
    SCORES = SCORES
    CLOSURES = CLOSED_ORGANISATIONS.key
    CLOSURES_CODE_FIELD = CLOSED_ORGANISATIONS.picks[0].key
    CLOSURES_DATE_FIELD = CLOSED_ORGANISATIONS.picks[1].key
    CLOSED_RULE = "CLOSED_RULE"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"

    #: Column-role parameters: key -> (core role, label, the column names looked for).
    COLUMNS = {
        CODE_FIELD: (
            "code",
            QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Organisation code column"),
            "Code, ODS Code, Organisation Code",
        ),
        STATUS_FIELD: (
            "status",
            QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Status column"),
            "Status, Latest Status, Latest.Status",
        ),
        SECTOR_FIELD: (
            "sector",
            QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Sector column"),
            "Primary Sector, Sector",
        ),
        SUCCESSOR_FIELD: (
            "successor_code",
            QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Successor code column"),
            "Successor Code, Successor",
        ),
        SUCCESSOR_STATUS_FIELD: (
            "successor_status",
            QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Successor status column"),
            "Successor Status",
        ),
        NAME_FIELD: (
            "name",
            QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Organisation name column"),
            "Name, Organisation Name, ODS Org Name",
        ),
    }

    #: Enum options: (core value, label), in the order the dialog lists them.
    CLOSED_RULES = (
        ("leave_out", "Leave them out (their successors' submissions cover them)"),
        ("not_published", "Count them as Not Published"),
    )

    NAME = "importexport"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("ImportExportAlgorithm", "Import DSPT status export")
    GROUP = GROUP_PREPARE
    TAGS = "import,status,edition,successor,export,csv,xlsx"
    HELP = QT_TRANSLATE_NOOP(
        "ImportExportAlgorithm",
        "Reads a DSPT status export (the DSPT portal's organisation-search CSV, a curated or "
        "snapshot file, CSV in any common encoding and separator, or an Excel .xlsx workbook) "
        "and gives one row per organisation with its status for the chosen edition.<br><br>"
        "{method}<br><br>"
        "<b>Input</b>: the export file (browse with the ... button), or a table layer already in the project "
        "(a filter or a selection on it is respected). <b>Edition</b>: "
        "such as 20/21; empty uses the newest edition in the file. Columns are found by name "
        "ignoring case and punctuation; name a column under Advanced parameters when yours is "
        "called something else.<br><br>"
        "<b>Output</b> fields: code, name, sector (Commissioner / Trust / CSU / Other), sector_raw, "
        "status_raw, edition, status, status_source (own / successor / none), decided_by (the "
        "organisation whose submission decides the status, where it is a successor's), score, source_row "
        "(the row in the file, header = row 1), then every input column unchanged (a column named "
        "like an output field gets the suffix _input, e.g. Code_input). An organisation listed "
        "twice with the same status is kept once; with different statuses the tool stops and "
        "names the code and rows. <b>Import report</b>: every input row and what happened to it."
        "<br><br><b>Closed organisations</b> (optional): give ODS records with close dates (the "
        "output of 'Read ODS bulk files'). An organisation with no status of its own or from a "
        "successor that closed before the edition's publication deadline (30 June of its second "
        "year) is then left out, not counted as Not Published: its successors' submissions cover "
        "its services. The successor rule comes first; each organisation left out is in the "
        "report with its close date.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(
            self,
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("DSPT status export"), [QgsProcessing.TypeVector]
            ),
            self.tr(
                "A CSV or .xlsx file, or a table layer already in the project. Old Excel .xls workbooks must "
                "be saved as .xlsx or CSV first."
            ),
        )
        add(
            self,
            QgsProcessingParameterString(self.EDITION, self.tr("DSPT edition"), optional=True),
            self.tr(
                "The edition whose statuses count, e.g. 20/21 or 2022-23. Empty: the newest edition named in "
                "the file."
            ),
        )
        self._declare_columns()
        add_scores(self)
        CLOSED_ORGANISATIONS.declare(self)
        add_choice(
            self,
            self.CLOSED_RULE,
            self.tr("Organisations closed before the deadline"),
            self.CLOSED_RULES,
            self.tr(
                "Only when close dates are given, and only for organisations without a status of their "
                "own or from a successor."
            ),
            advanced=True,
        )
        add_sink(
            self,
            self.OUTPUT,
            self.tr("DSPT statuses"),
            self.tr("One row per organisation (see the fields above)."),
            QgsProcessing.TypeVector,
        )
        add_table_output(
            self,
            self.REPORT,
            self.tr("Import report"),
            self.tr(
                "Every input row and what happened to it (used, duplicate, excluded) with the reason."
            ),
        )

    def _declare_columns(self) -> None:
        """The export's columns by role (found by name when left empty), its default
        sector and the workbook's sheet: the rarely needed settings, under Advanced."""
        for key, (_, label, examples) in self.COLUMNS.items():
            add(
                self,
                QgsProcessingParameterString(key, self.tr(label), optional=True),
                self.tr("Empty: found by name ({columns}).").format(columns=examples),
                advanced=True,
            )
        add(
            self,
            QgsProcessingParameterString(
                self.DEFAULT_SECTOR, self.tr("Sector when the file has none"), optional=True
            ),
            self.tr(
                "The sector of rows with no sector, e.g. 'NHS Trust' for a trusts-only snapshot."
            ),
            advanced=True,
        )
        add(
            self,
            QgsProcessingParameterString(self.SHEET, self.tr("Workbook sheet"), optional=True),
            self.tr("Empty: the first sheet with a code and a status column."),
            advanced=True,
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.export_columns import detect_columns
        from ..core.resolve import ClosedRule, ImportRequest, resolve_export

        request = ImportRequest(
            edition=self.options.edition,
            scheme=self.options.scheme,
            default_sector=self._text(parameters, self.DEFAULT_SECTOR, context),
            closures=self._closures(parameters, context, feedback),
            closed_rule=ClosedRule(
                choice_of(self, parameters, self.CLOSED_RULE, context, self.CLOSED_RULES)
            ),
        )
        overrides = {
            role: self._text(parameters, key, context) for key, (role, _, _) in self.COLUMNS.items()
        }
        read = self._export(parameters, context, feedback, overrides)
        check_cancel(feedback)
        columns = detect_columns(read, overrides)
        used = ", ".join(f"{role} = {name!r}" for role, name in columns.as_dict().items() if name)
        feedback.pushInfo(self.tr("Columns used: {}").format(used))
        result = resolve_export(read, columns, request)
        feedback.setProgress(60)
        check_cancel(feedback)
        feedback.pushInfo(
            self.tr("Edition {}: {} organisations").format(result.edition, len(result.table))
        )
        log_account(
            result.diagnostics, result.notes, feedback, report_key=self.REPORT, outputs=outputs
        )
        write_frame(outputs, self.OUTPUT, result.table, list(result.table.columns), feedback)
        write_account(outputs, self.REPORT, result.diagnostics, feedback, only_not_used=False)
        feedback.setProgress(100)

    def _text(
        self, parameters: dict[str, Any], key: str, context: QgsProcessingContext
    ) -> str | None:
        return self.parameterAsString(parameters, key, context).strip() or None

    def _export(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        overrides: dict[str, str | None],
    ) -> Any:
        """The export as the core's table: a file (or a whole CSV / workbook layer) read by
        the core's table reader, its header and sheet found from the columns looked for;
        a filtered, selected or other layer read through QGIS."""
        from ..core.export_columns import export_wanted

        file = table_file(self, parameters, self.INPUT, context)
        if file is None:
            layer = layer_of(self, parameters, self.INPUT, context)
            return self._layer_table(parameters, context, feedback, layer)
        sheet = self._text(parameters, self.SHEET, context) or file.sheet
        file = dataclasses.replace(file, sheet=sheet, label=file.path)  # named in full, as ever
        feedback.pushInfo(self.tr("Reading {}").format(file.path))
        read = read_table_file(file, export_wanted(overrides))
        for found in read.found:
            feedback.pushInfo(found)
        return read

    def _closures(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> Any:
        """Close dates by organisation code, from the optional ODS records."""
        from ..core.ods import closures_from_table, looks_like_raw_ods, raw_ods_message

        closures = CLOSED_ORGANISATIONS.open_if_given(self, parameters, context)
        if closures is None:
            return None
        if looks_like_raw_ods(closures.names()):
            raise QgsProcessingException(raw_ods_message(closures.ref))
        code, date = (
            closures.field(self.CLOSURES_CODE_FIELD),
            closures.field(self.CLOSURES_DATE_FIELD),
        )
        return closures_from_table(
            closures.read(feedback), code_field=code, date_field=date, source=closures.ref
        )

    def _layer_table(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        layer: QgsVectorLayer | None,
    ) -> Any:
        """A table layer's attributes as the file reader gives them (text cells), without
        the provider's key column (a GeoPackage's fid is bookkeeping, not data)."""
        import pandas as pd

        from ..core.reader import table_from_grid
        from ..core.sources import SOURCE_ROW

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(
                self.tr("{}: neither a readable file nor a table layer.").format(
                    parameters.get(self.INPUT) or "(empty)"
                )
            )
        keys = (
            {layer.fields().at(i).name() for i in layer.primaryKeyAttributes()}
            if layer is not None
            else set()
        )
        names = [n for n in source.fields().names() if n not in keys]
        frame = source_to_frame(source, feedback, fields=names, offset=row_offset(layer))
        cells = frame[names].astype(object).where(frame[names].notna(), "").astype(str)
        grid = pd.DataFrame([names, *cells.values.tolist()])
        ref = input_ref(parameters.get(self.INPUT), layer, source, "DSPT status export")
        return table_from_grid(grid, source=ref, rows=frame[SOURCE_ROW].tolist())
