"""``dspt:compareeditions`` — what changed between two DSPT editions, organisation by organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_OVER_TIME, DsptAlgorithm, check_cancel
from .support.frames import frame_rows, qgs_fields
from .support.inputs import Input, Opened, Pick, add
from .support.parameters import (
    SCORES,
    add_html_output,
    add_scores,
)
from .support.reading import FEATURE_ID
from .support.styles import CHANGE_STYLE
from .support.transaction import Outputs
from .support.writers import write_frame

if TYPE_CHECKING:
    import pandas as pd

    from ..core.compare import EditionTable


_EDITION_HELP = QT_TRANSLATE_NOOP(
    "DsptParameters",
    "Usually the output of 'Import DSPT status export'; a name and a sector field are used when the "
    "table has them.",
)
BEFORE_TABLE = Input(
    "BEFORE",
    QT_TRANSLATE_NOOP("DsptParameters", "Earlier edition"),
    (
        QT_TRANSLATE_NOOP("DsptParameters", "Statuses of the earlier edition, e.g. 2020/21. {}"),
        _EDITION_HELP,
    ),
    "earlier edition",
)
#: The code and status fields are picked on the later edition and read from both by name.
AFTER_TABLE = Input(
    "AFTER",
    QT_TRANSLATE_NOOP("DsptParameters", "Later edition"),
    (
        QT_TRANSLATE_NOOP("DsptParameters", "Statuses of the later edition, e.g. 2022/23. {}"),
        _EDITION_HELP,
    ),
    "later edition",
    picks=(
        Pick(
            "CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The field holding each organisation's ODS code, in both tables; "
                "empty means the field called code.",
            ),
            "code",
            default="code",
            code=True,
        ),
        Pick(
            "STATUS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Status field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The field holding the status, in both tables; empty means the "
                "field called status. A blank status counts as Not Published.",
            ),
            "status",
            default="status",
        ),
    ),
)
#: The earlier edition read with the fields picked on the later one (declared there).
BEFORE_READ = BEFORE_TABLE.adding(*AFTER_TABLE.picks)
SUCCESSOR_TABLE = Input(
    "SUCCESSORS",
    QT_TRANSLATE_NOOP("DsptParameters", "Successor table"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Old code -> new code for organisations that merged or closed; rows without a new code are ignored.",
    ),
    "successor table",
    optional=True,
    picks=(
        Pick(
            "SUCCESSORS_OLD_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Successor table: old code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The field holding the code of the organisation that closed."
            ),
            "old code",
            code=True,
        ),
        Pick(
            "SUCCESSORS_NEW_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Successor table: new code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The field holding its successor's code (e.g. Successor.Code)."
            ),
            "successor code",
        ),
    ),
)


class CompareEditionsAlgorithm(DsptAlgorithm):
    """Status before and after for every organisation of either edition."""

    BEFORE = BEFORE_TABLE.key
    AFTER = AFTER_TABLE.key
    CODE_FIELD = AFTER_TABLE.picks[0].key
    STATUS_FIELD = AFTER_TABLE.picks[1].key
    SUCCESSORS = SUCCESSOR_TABLE.key
    SUCCESSORS_OLD_FIELD = SUCCESSOR_TABLE.picks[0].key
    SUCCESSORS_NEW_FIELD = SUCCESSOR_TABLE.picks[1].key
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    OUTPUT_MATRIX = "OUTPUT_MATRIX"
    OUTPUT_HTML = "OUTPUT_HTML"

    NAME = "compareeditions"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("CompareEditionsAlgorithm", "Compare two DSPT editions")
    GROUP = GROUP_OVER_TIME
    TAGS = "change,compare,editions,year on year,transition,improved,declined,Sankey"
    HELP = QT_TRANSLATE_NOOP(
        "CompareEditionsAlgorithm",
        "What changed since last year: each organisation's status in an earlier and a later "
        "edition, usually two outputs of 'Import DSPT status export'.<br><br>"
        "An organisation in both editions is compared with itself. One only in the earlier "
        "edition that closed into a successor (give a <b>successor table</b>: old code -> new "
        "code, e.g. the export's Successor.Code column or ODS successor data; chains are followed) "
        "is compared with its successor's later status, and its row says so. Otherwise it is "
        "<i>gone</i>; one only in the later edition is <i>new</i>. <i>Improved</i>, "
        "<i>unchanged</i> and <i>declined</i> compare the statuses' scores ({scores}), so Not Met "
        "to Not Published is unchanged (the matrix still shows the move).<br><br>"
        "<b>Output</b>: one row per organisation: code, name, sector, status_before, status_after, "
        "score_before, score_after, score_change, direction, compared_with (the successor "
        "followed), note, edition_before, edition_after. An earlier edition that is not earlier "
        "than the later one stops the run. When an input has geometry (trust points, commissioner areas), the "
        "rows keep it (the later edition's first) and are styled by direction. <b>Transition "
        "matrix</b>: earlier status x later status counts per sector and for all sectors. "
        "<b>HTML report</b>: the counts, a flow chart of status transitions, the matrix and every "
        "organisation whose score moved, in one offline page.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        BEFORE_TABLE.declare(self)
        AFTER_TABLE.declare(self)
        SUCCESSOR_TABLE.declare(self)
        add_scores(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Change per organisation"), QgsProcessing.TypeVectorAnyGeometry
            ),
            self.tr(
                "One row per organisation of either edition; styled by direction when it has geometry."
            ),
        )
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_MATRIX,
                self.tr("Transition matrix"),
                QgsProcessing.TypeVector,
                optional=True,
            ),
            self.tr("Earlier status x later status counts, per sector and for all sectors."),
        )
        add_html_output(
            self,
            self.OUTPUT_HTML,
            self.tr(
                "Counts, a flow chart of transitions, the matrix and the "
                "organisations whose score moved."
            ),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.compare import CHANGE_FIELDS, compare_editions
        from ..presentation.change_report import change_html

        scheme = self.options.scheme
        sides = [
            self._side(table.open(self, parameters, context), feedback)
            for table in (BEFORE_READ, AFTER_TABLE)
        ]
        check_cancel(feedback)
        change = compare_editions(
            sides[0][0],
            sides[1][0],
            successors=self._successors(parameters, context, feedback),
            scheme=scheme,
        )
        for note in change.notes:
            feedback.pushInfo(note)
        self._write_changes(outputs, change.table, list(CHANGE_FIELDS), sides, context, feedback)
        write_frame(
            outputs, self.OUTPUT_MATRIX, change.matrix, list(change.matrix.columns), feedback
        )
        html_path = outputs.file_path(self.OUTPUT_HTML)
        if html_path is not None:
            title = f"DSPT status change, {change.before_label} \u2192 {change.after_label}"
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(change_html(change, title=title, scheme=scheme))

    @staticmethod
    def _side(edition: Opened, feedback: QgsProcessingFeedback) -> tuple[EditionTable, Opened]:
        """One edition as the core's EditionTable, and the input (for geometry)."""
        from ..core.compare import EditionTable

        code, status = edition.field("CODE_FIELD"), edition.field("STATUS_FIELD")
        name, sector = edition.named("name"), edition.named("sector")
        frame = edition.read(feedback, [code, status, name, sector, edition.named("edition")])
        return EditionTable(
            frame,
            edition.ref,
            code_field=code,
            status_field=status,
            name_field=name,
            sector_field=sector,
        ), edition

    def _successors(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, str] | None:
        table = SUCCESSOR_TABLE.open_if_given(self, parameters, context)
        if table is None:
            return None
        old, new = table.field(self.SUCCESSORS_OLD_FIELD), table.field(self.SUCCESSORS_NEW_FIELD)
        pairs = table.read(feedback, [old, new])[[old, new]].dropna()
        return dict(zip(pairs[old].astype(str), pairs[new].astype(str)))

    def _write_changes(
        self,
        outputs: Outputs,
        table: pd.DataFrame,
        columns: list[str],
        sides: list[tuple[EditionTable, Opened]],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> None:
        """The change rows, with the organisation's geometry when an input has one (the
        later edition's feature first, else the earlier one's, in the later one's CRS)."""
        with_geometry = [
            (side, opened)
            for side, opened in reversed(sides)
            if QgsWkbTypes.geometryType(opened.source.wkbType())
            not in (QgsWkbTypes.NullGeometry, QgsWkbTypes.UnknownGeometry)
        ]
        if not with_geometry:
            write_frame(outputs, self.OUTPUT, table, columns, feedback)
            return
        target = with_geometry[0][1]
        geometry_type = QgsWkbTypes.geometryType(target.source.wkbType())
        shapes: dict[str, QgsGeometry] = {}
        for side, opened in reversed(with_geometry):  # the later edition's shapes win
            if QgsWkbTypes.geometryType(opened.source.wkbType()) != geometry_type:
                feedback.pushWarning(
                    self.tr(
                        "{} has another geometry type than {}: its shapes are not used."
                    ).format(side.source.label, with_geometry[0][0].source.label)
                )
                continue
            shapes.update(self._shapes(side, opened, target, context))
        writer = outputs.writer(
            self.OUTPUT,
            qgs_fields(table, columns),
            feedback,
            geometry_type=target.source.wkbType(),
            crs=target.crs,
        )
        if writer is None:
            return
        for code, row in zip(table["code"], frame_rows(table, columns)):
            writer.add(row, shapes.get(code))
        outputs.style(
            self.OUTPUT,
            CHANGE_STYLE,
            self.tr("DSPT status change"),
            field=writer.field_name("direction"),
        )

    @staticmethod
    def _shapes(
        side: EditionTable, opened: Opened, target: Opened, context: QgsProcessingContext
    ) -> dict[str, QgsGeometry]:
        from ..core.codes import clean_codes

        codes = dict(zip(side.table[FEATURE_ID], clean_codes(side.table[side.code_field])))
        transform = None
        if opened.crs != target.crs:
            transform = QgsCoordinateTransform(opened.crs, target.crs, context.transformContext())
        request = QgsFeatureRequest().setNoAttributes()
        shapes: dict[str, QgsGeometry] = {}
        for feature in opened.source.getFeatures(request):
            code = codes.get(feature.id())
            if code is None or not feature.hasGeometry():
                continue
            geometry = QgsGeometry(feature.geometry())
            if transform is not None:
                geometry.transform(transform)
            shapes.setdefault(code, geometry)
        return shapes
