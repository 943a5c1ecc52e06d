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
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.support.algorithm import GROUP_PREPARE, DsptAlgorithm, check_cancel
from dspt_qgis.processing_algs.support.diagnostics import log_account, write_account
from dspt_qgis.processing_algs.support.outputs import Outputs, copy_features
from dspt_qgis.processing_algs.support.parameters import (
    EDITION,
    add,
    add_edition,
    add_table_output,
    field,
)
from dspt_qgis.processing_algs.support.reading import (
    FEATURE_ID,
    field_name,
    read_frame,
    source_ref,
    source_to_frame,
)
from dspt_qgis.processing_algs.support.styles import STATUS_STYLE

#: Fields of an imported DSPT table copied by default (the rest are the export's own).
DEFAULT_COPY = ("code", "name", "sector", "edition", "status", "status_source", "score")
#: Suffix for a copied DSPT field whose name the input layer already uses.
CLASH_SUFFIX = "_dspt"


class JoinStatusAlgorithm(DsptAlgorithm):
    """Left join: every input feature is kept; its DSPT fields are NULL when unmatched."""

    INPUT = "INPUT"
    FIELD = "FIELD"
    DSPT = "DSPT"
    DSPT_FIELD = "DSPT_FIELD"
    DSPT_STATUS_FIELD = "DSPT_STATUS_FIELD"
    FIELDS_TO_COPY = "FIELDS_TO_COPY"
    LOOKUP = "LOOKUP"
    LOOKUP_FROM = "LOOKUP_FROM"
    LOOKUP_TO = "LOOKUP_TO"
    EDITION = EDITION
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "joinstatus"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("JoinStatusAlgorithm", "Join DSPT status to organisations")
    GROUP = GROUP_PREPARE
    TAGS = "join,CCG,sub-ICB,ICB,trust,ODS,ONS,lookup"
    HELP_ANCHOR = "joinstatus"
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
        "edition, status, status_source, score by default; a name the layer already uses gets the "
        "suffix _dspt), styled by status. <b>Unmatched</b>: every feature and every DSPT row that "
        "found no partner, with the reason.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(
            self,
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Organisations layer"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr("CCG, sub-ICB location or ICB boundaries, or trust points."),
        )
        field(self, self.FIELD, self.tr("Code field"), self.INPUT,
              self.tr("The layer's field holding the organisations' codes."), optional=False)
        add(
            self,
            QgsProcessingParameterFeatureSource(self.DSPT, self.tr("DSPT table"), [QgsProcessing.TypeVector]),
            self.tr("Usually the output of 'Import DSPT status export'."),
        )
        field(self, self.DSPT_FIELD, self.tr("DSPT code field"), self.DSPT,
              self.tr("The DSPT table's code field; empty means the field called code."), default="code")
        add(
            self,
            QgsProcessingParameterField(
                self.FIELDS_TO_COPY, self.tr("DSPT fields to add"), parentLayerParameterName=self.DSPT,
                allowMultiple=True, optional=True,
            ),
            self.tr("Empty: code, name, sector, edition, status, status_source and score (those the "
                    "table has)."),
        )
        add(
            self,
            QgsProcessingParameterString(self.DSPT_STATUS_FIELD, self.tr("DSPT status field"),
                                         defaultValue="status", optional=True),
            self.tr("The field holding the status: it styles the output and decides which repeated "
                    "rows are the same organisation. Empty means the field called status."),
            advanced=True,
        )
        add(
            self,
            QgsProcessingParameterFeatureSource(self.LOOKUP, self.tr("Code lookup table"),
                                                [QgsProcessing.TypeVector], optional=True),
            self.tr("Translates the layer's codes to DSPT codes, e.g. the ONS CCG20CD -> CCG20CDH "
                    "(ODS) lookup."),
        )
        field(self, self.LOOKUP_FROM, self.tr("Lookup: field with the layer's codes"), self.LOOKUP,
              self.tr("The lookup's field holding the same codes as the layer's code field."))
        field(self, self.LOOKUP_TO, self.tr("Lookup: field with the DSPT codes"), self.LOOKUP,
              self.tr("The lookup's field holding the codes the DSPT table uses."))
        add_edition(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Organisations with DSPT status")),
            self.tr("The input features with the DSPT fields added, styled by status."),
        )
        add_table_output(self, self.UNMATCHED, self.tr("Unmatched features and DSPT rows"),
                         self.tr("Every feature and DSPT row that found no partner, with the reason."))

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from dspt_qgis.core.join import Side, build_lookup, join_to_dspt

        source = self.parameterAsSource(parameters, self.INPUT, context)
        dspt = self.parameterAsSource(parameters, self.DSPT, context)
        input_ref, dspt_ref = source_ref(source, "organisations layer"), source_ref(dspt, "DSPT table")
        code_field = field_name(source, self.parameterAsString(parameters, self.FIELD, context),
                                role="code", ref=input_ref)
        dspt_field = field_name(dspt, self.parameterAsString(parameters, self.DSPT_FIELD, context) or "code",
                                role="DSPT code", ref=dspt_ref)
        status_field = field_name(dspt, self.parameterAsString(parameters, self.DSPT_STATUS_FIELD, context)
                                  or "status", role="DSPT status", ref=dspt_ref)
        copy = self._fields_to_copy(parameters, context, dspt, dspt_ref)
        features = read_frame(self, parameters, self.INPUT, context, feedback, fields=[code_field])
        table = source_to_frame(dspt, feedback)
        check_cancel(feedback)
        joined = join_to_dspt(
            Side(features, code_field, input_ref),
            Side(table, dspt_field, dspt_ref),
            status_field=status_field,
            lookup=self._lookup(parameters, context, feedback, build_lookup),
            edition=self.parameterAsString(parameters, self.EDITION, context) or None,
        )
        log_account(joined.diagnostics, joined.notes, feedback, report_key=self.UNMATCHED, outputs=outputs)
        check_cancel(feedback)

        taken = {n.lower() for n in source.fields().names()}
        extra, out_names = QgsFields(), {}
        for name in copy:
            out = QgsField(dspt.fields().field(name))
            out.setName(name if name.lower() not in taken else f"{name}{CLASH_SUFFIX}")
            taken.add(out.name().lower())
            extra.append(out)
            out_names[name] = out.name()
        values = joined.kept[copy].astype(object).where(joined.kept[copy].notna(), None)
        by_row = dict(zip(values.index, values.values.tolist()))
        rows = dict(zip(features[FEATURE_ID], joined.dspt_row))
        empty = [None] * len(copy)

        def values_for(feature: Any) -> list[Any]:
            return by_row.get(rows.get(feature.id()), empty)

        writer = copy_features(outputs, self.OUTPUT, source, feedback, extra_fields=extra, values_for=values_for)
        if writer is not None and status_field in out_names:
            outputs.style(self.OUTPUT, STATUS_STYLE, self.tr("DSPT status"),
                          field=writer.field_name(out_names[status_field]))
        write_account(outputs, self.UNMATCHED, joined.diagnostics, feedback, only_not_used=True)

    def _fields_to_copy(self, parameters: dict[str, Any], context: QgsProcessingContext, dspt: Any, ref: Any) -> list[str]:
        chosen = self.parameterAsFields(parameters, self.FIELDS_TO_COPY, context)
        if chosen:
            return [field_name(dspt, n, role="DSPT", ref=ref) for n in chosen]
        names = dspt.fields().names()
        standard = [n for n in DEFAULT_COPY if n in names]
        return standard or [n for n in names if n.lower() not in ("fid", "source_row")]

    def _lookup(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, build_lookup: Any) -> Any:
        lookup = self.parameterAsSource(parameters, self.LOOKUP, context)
        if lookup is None:
            return None
        ref = source_ref(lookup, "lookup table")
        names = [
            field_name(lookup, self.parameterAsString(parameters, key, context), role=role, ref=ref)
            for key, role in ((self.LOOKUP_FROM, "'from' code"), (self.LOOKUP_TO, "'to' code"))
        ]
        return build_lookup(source_to_frame(lookup, feedback, fields=names), *names, source=ref)
