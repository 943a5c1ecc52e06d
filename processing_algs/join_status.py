"""``dspt:joinstatus`` — attach DSPT statuses to CCG / sub-ICB / ICB polygons or trust points."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_PREPARE, DsptAlgorithm, check_cancel
from .support.diagnostics import log_account, write_account
from .support.inputs import Input, Opened, Pick, add, picked_list
from .support.parameters import (
    EDITION,
    add_edition,
    add_table_output,
    lookup,
    read_lookup,
)
from .support.reading import FEATURE_ID
from .support.styles import STATUS_STYLE
from .support.transaction import Outputs
from .support.writers import copy_features

#: Suffix for a copied DSPT field whose name the input layer already uses.
CLASH_SUFFIX = "_dspt"


ORGANISATIONS = Input(
    "INPUT",
    QT_TRANSLATE_NOOP("DsptParameters", "Organisations layer"),
    QT_TRANSLATE_NOOP(
        "DsptParameters", "CCG, sub-ICB location or ICB boundaries, or trust points."
    ),
    "organisations layer",
    types=(QgsProcessing.TypeVectorAnyGeometry,),
    picks=(
        Pick(
            "FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The layer's field holding the organisations' codes."
            ),
            "code",
            required=True,
            code=True,
        ),
    ),
)
DSPT_TABLE = Input(
    "DSPT",
    QT_TRANSLATE_NOOP("DsptParameters", "DSPT table"),
    QT_TRANSLATE_NOOP("DsptParameters", "Usually the output of 'Import DSPT status export'."),
    "DSPT table",
    picks=(
        Pick(
            "DSPT_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "DSPT code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The DSPT table's code field; empty means the field called code."
            ),
            "DSPT code",
            default="code",
            code=True,
        ),
        Pick(
            "DSPT_STATUS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "DSPT status field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The field holding the status: it styles the output and decides which repeated rows are the same "
                "organisation. Empty means the field called status.",
            ),
            "DSPT status",
            default="status",
            advanced=True,
        ),
    ),
)
CODE_LOOKUP = lookup(
    QT_TRANSLATE_NOOP("DsptParameters", "Code lookup table"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Translates the layer's codes to DSPT codes, e.g. the ONS CCG20CD -> CCG20CDH (ODS) lookup.",
    ),
    (
        QT_TRANSLATE_NOOP("DsptParameters", "Lookup: field with the layer's codes"),
        QT_TRANSLATE_NOOP(
            "DsptParameters", "The lookup's field holding the same codes as the layer's code field."
        ),
    ),
    (
        QT_TRANSLATE_NOOP("DsptParameters", "Lookup: field with the DSPT codes"),
        QT_TRANSLATE_NOOP(
            "DsptParameters", "The lookup's field holding the codes the DSPT table uses."
        ),
    ),
)


class JoinStatusAlgorithm(DsptAlgorithm):
    """Left join: every input feature is kept; its DSPT fields are NULL when unmatched."""

    INPUT = ORGANISATIONS.key
    FIELD = ORGANISATIONS.picks[0].key
    DSPT = DSPT_TABLE.key
    DSPT_FIELD = DSPT_TABLE.picks[0].key
    DSPT_STATUS_FIELD = DSPT_TABLE.picks[1].key
    FIELDS_TO_COPY = "FIELDS_TO_COPY"
    LOOKUP = CODE_LOOKUP.key
    LOOKUP_FROM = CODE_LOOKUP.picks[0].key
    LOOKUP_TO = CODE_LOOKUP.picks[1].key
    EDITION = EDITION
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "joinstatus"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("JoinStatusAlgorithm", "Join DSPT status to organisations")
    GROUP = GROUP_PREPARE
    TAGS = "join,CCG,sub-ICB,ICB,trust,ODS,ONS,lookup"
    HELP = QT_TRANSLATE_NOOP(
        "JoinStatusAlgorithm",
        "Adds each organisation's DSPT status to a layer of organisations: CCG, sub-ICB or ICB "
        "boundaries, or trust points. Every feature is kept; a feature with no DSPT row keeps "
        "NULL status fields (shown as 'No status' on the map).<br><br>"
        "<b>Code field</b>: the layer's field holding the same kind of code as the DSPT table "
        "(ODS codes such as 00L). Boundary layers often carry ONS codes (E38000130) as well: "
        "choose the ODS one (e.g. CCG20CDH), or give a <b>lookup table</b> translating the "
        "layer's codes to DSPT codes. When few codes match, the log says which kinds of code "
        "each side holds. Codes are compared ignoring case and surrounding spaces.<br><br>"
        "<b>Output</b>: the input features with the DSPT fields added (code, name, sector, "
        "edition, status, status_source, decided_by, score by default; a name the layer already uses gets the "
        "suffix _dspt), styled by status. <b>Unmatched</b>: every feature and every DSPT row that "
        "found no partner, with the reason.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        ORGANISATIONS.declare(self)
        DSPT_TABLE.declare(self)
        add(
            self,
            QgsProcessingParameterField(
                self.FIELDS_TO_COPY,
                self.tr("DSPT fields to add"),
                parentLayerParameterName=self.DSPT,
                allowMultiple=True,
                optional=True,
            ),
            self.tr(
                "Empty: code, name, sector, edition, status, status_source, decided_by and score (those the "
                "table has)."
            ),
        )
        CODE_LOOKUP.declare(self)
        add_edition(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Organisations with DSPT status")
            ),
            self.tr("The input features with the DSPT fields added, styled by status."),
        )
        add_table_output(
            self,
            self.UNMATCHED,
            self.tr("Unmatched features and DSPT rows"),
            self.tr("Every feature and DSPT row that found no partner, with the reason."),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.join import Side, join_to_dspt

        organisations = ORGANISATIONS.open(self, parameters, context)
        dspt = DSPT_TABLE.open(self, parameters, context)
        copy = self._fields_to_copy(parameters, context, dspt)
        code_field, status_field = (
            organisations.field(self.FIELD),
            dspt.field(self.DSPT_STATUS_FIELD),
        )
        features = organisations.read(feedback, [code_field])
        table = dspt.read(feedback, dspt.names())
        check_cancel(feedback)
        joined = join_to_dspt(
            Side(features, code_field, organisations.ref),
            Side(table, dspt.field(self.DSPT_FIELD), dspt.ref),
            status_field=status_field,
            lookup=read_lookup(CODE_LOOKUP.open_if_given(self, parameters, context), feedback),
            edition=self.options.edition,
        )
        log_account(
            joined.diagnostics, joined.notes, feedback, report_key=self.UNMATCHED, outputs=outputs
        )
        check_cancel(feedback)
        extra, out_names = self._added_fields(organisations, dspt, copy)
        values = joined.kept[copy].astype(object).where(joined.kept[copy].notna(), None)
        by_row = dict(zip(values.index, values.values.tolist()))
        rows = dict(zip(features[FEATURE_ID], joined.dspt_row))
        empty = [None] * len(copy)
        writer = copy_features(
            outputs,
            self.OUTPUT,
            organisations.source,
            feedback,
            extra_fields=extra,
            values_for=lambda feature: by_row.get(rows.get(feature.id()), empty),
            crs=organisations.crs,
        )
        if writer is not None and status_field in out_names:
            outputs.style(
                self.OUTPUT,
                STATUS_STYLE,
                self.tr("DSPT status"),
                field=writer.field_name(out_names[status_field]),
            )
        write_account(outputs, self.UNMATCHED, joined.diagnostics, feedback, only_not_used=True)

    def _fields_to_copy(
        self, parameters: dict[str, Any], context: QgsProcessingContext, dspt: Opened
    ) -> list[str]:
        from ..core.resolve import STATUS_FIELDS

        chosen = picked_list(self, parameters, self.FIELDS_TO_COPY, context)
        if chosen:
            return [dspt.require(n, role="DSPT") for n in chosen]
        names = dspt.names()
        standard = [n for n in STATUS_FIELDS if n in names]
        return standard or [n for n in names if n.lower() not in ("fid", "source_row")]

    @staticmethod
    def _added_fields(
        organisations: Opened, dspt: Opened, copy: list[str]
    ) -> tuple[QgsFields, dict[str, str]]:
        """The DSPT fields added to the layer's, renamed with _dspt where the layer has the name."""
        taken = {n.lower() for n in organisations.names()}
        extra, out_names = QgsFields(), {}
        for name in copy:
            out = QgsField(dspt.source.fields().field(name))
            out.setName(name if name.lower() not in taken else f"{name}{CLASH_SUFFIX}")
            taken.add(out.name().lower())
            extra.append(out)
            out_names[name] = out.name()
        return extra, out_names
