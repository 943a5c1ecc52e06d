"""``dspt:joinstatus`` — attach DSPT statuses to CCG / sub-ICB / ICB polygons or trust points."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.base import GROUP_PREPARE, DsptAlgorithm, check_cancel, core_errors
from dspt_qgis.processing_algs.bulk_read import read_frame
from dspt_qgis.processing_algs.qgis_io import (
    resolve_field,
    source_to_frame,
    spreadsheet_safe,
    writes_spreadsheet,
)
from dspt_qgis.processing_algs.report import log_diagnostics, write_report
from dspt_qgis.processing_algs.spatial import SKIP_VALIDITY_CHECKS
from dspt_qgis.processing_algs.styles import STATUS_STYLE

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
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "joinstatus"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("JoinStatusAlgorithm", "Join DSPT status to organisations")
    GROUP = GROUP_PREPARE
    TAGS = "join,CCG,sub-ICB,ICB,trust,ODS,ONS,lookup"
    HELP = QT_TRANSLATE_NOOP(
        "JoinStatusAlgorithm",
        "Adds each organisation's DSPT status to a layer of organisations: CCG, sub-ICB or "
        "ICB boundaries, or trust points. Every feature is kept; a feature with no DSPT row "
        "keeps NULL status fields (shown as 'No status' on the map).<br><br>"
        "<b>Input layer</b> and <b>Code field</b>: the organisations and the field holding "
        "their code (ODS code such as 00L, or ONS code such as E38000130). "
        "<b>DSPT table</b>: usually the output of 'Import DSPT status export'; <b>DSPT code "
        "field</b> defaults to 'code'. <b>Lookup table</b> (optional): translates the layer's "
        "codes to DSPT codes, e.g. the ONS CCG20CD -> CCG20CDH (ODS) lookup; pick its 'from' "
        "and 'to' fields. Codes are compared ignoring case and surrounding spaces.<br><br>"
        "<b>Output</b>: the input features with the DSPT fields added (code, name, sector, "
        "edition, status, status_source, score by default; a name the layer already uses gets "
        "the suffix _dspt), styled by status. <b>Unmatched</b>: every feature and every DSPT "
        "row that found no partner, with the reason.",
    )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802 (QGIS API name)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                self.tr("Organisations layer (CCG / sub-ICB / ICB polygons, trust points)"),
                [QgsProcessing.TypeVectorAnyGeometry],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.FIELD,
                self.tr("Code field (ODS or ONS code)"),
                parentLayerParameterName=self.INPUT,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DSPT, self.tr("DSPT table"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DSPT_FIELD,
                self.tr("DSPT code field (empty = code)"),
                defaultValue="code",
                parentLayerParameterName=self.DSPT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.FIELDS_TO_COPY,
                self.tr("DSPT fields to add (empty = the standard status fields)"),
                parentLayerParameterName=self.DSPT,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DSPT_STATUS_FIELD,
                self.tr("DSPT status field (to style the output)"),
                defaultValue="status",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LOOKUP,
                self.tr("Code lookup table (optional, e.g. ONS -> ODS)"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LOOKUP_FROM,
                self.tr("Lookup: field with the layer's codes"),
                parentLayerParameterName=self.LOOKUP,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LOOKUP_TO,
                self.tr("Lookup: field with the DSPT codes"),
                parentLayerParameterName=self.LOOKUP,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Organisations with DSPT status")
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNMATCHED,
                self.tr("Unmatched features and DSPT rows"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        from dspt_qgis.core.join import build_lookup, join_to_dspt

        source = self.parameterAsSource(parameters, self.INPUT, context)
        dspt = self.parameterAsSource(parameters, self.DSPT, context)
        if source is None or dspt is None:
            raise QgsProcessingException(
                self.tr("The organisations layer and the DSPT table are required.")
            )
        input_label, dspt_label = (
            source.sourceName() or "input layer",
            dspt.sourceName() or "DSPT table",
        )
        code_field = resolve_field(
            source,
            self.parameterAsString(parameters, self.FIELD, context),
            role="code",
            layer_label=input_label,
        )
        dspt_field = resolve_field(
            dspt,
            self.parameterAsString(parameters, self.DSPT_FIELD, context) or "code",
            role="DSPT code",
            layer_label=dspt_label,
        )
        copy = self._fields_to_copy(parameters, context, dspt, dspt_label)
        status_name = (
            self.parameterAsString(parameters, self.DSPT_STATUS_FIELD, context) or ""
        ).strip()

        features = read_frame(
            self,
            parameters,
            self.INPUT,
            context,
            feedback,
            fields=[code_field],
            progress_span=(0, 20),
        )
        table = source_to_frame(dspt, feedback, progress_span=(20, 40))
        check_cancel(feedback)
        status_in_dspt = next(
            (n for n in dspt.fields().names() if n.lower() == status_name.lower()), None
        )
        with core_errors():
            lookup = None
            lookup_source = self.parameterAsSource(parameters, self.LOOKUP, context)
            if lookup_source is not None:
                lookup_label = lookup_source.sourceName() or "lookup table"
                from_field = resolve_field(
                    lookup_source,
                    self.parameterAsString(parameters, self.LOOKUP_FROM, context),
                    role="'from' code",
                    layer_label=lookup_label,
                )
                to_field = resolve_field(
                    lookup_source,
                    self.parameterAsString(parameters, self.LOOKUP_TO, context),
                    role="'to' code",
                    layer_label=lookup_label,
                )
                lookup = build_lookup(
                    source_to_frame(lookup_source, feedback, fields=[from_field, to_field]),
                    from_field,
                    to_field,
                    source=lookup_label,
                )
            joined = join_to_dspt(
                features[code_field],
                table,
                code_field=dspt_field,
                status_field=status_in_dspt or copy[0],
                lookup=lookup,
                feature_rows=features["source_row"],
                feature_source=input_label,
                dspt_source=dspt_label,
            )
        kept, diagnostics = joined.kept, joined.diagnostics
        log_diagnostics(diagnostics, feedback)
        feedback.setProgress(50)
        check_cancel(feedback)

        out_fields = QgsFields(source.fields())
        taken = {n.lower() for n in out_fields.names()}
        out_names = []
        for name in copy:
            field = QgsField(dspt.fields().field(name))
            out_name = name if name.lower() not in taken else f"{name}{CLASH_SUFFIX}"
            field.setName(out_name)
            out_fields.append(field)
            taken.add(out_name.lower())
            out_names.append(out_name)
        values = kept[copy].astype(object).where(kept[copy].notna(), None)
        by_feature = {}
        for fid, row_index in zip(features["feature_id"], joined.dspt_row):
            if row_index is not None and row_index == row_index:
                by_feature[fid] = values.loc[row_index].tolist()
        empty = [None] * len(copy)

        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        total = max(source.featureCount(), 1)
        safe = writes_spreadsheet(self, parameters, self.OUTPUT, context)
        for number, feature in enumerate(
            source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)
        ):
            if number % 500 == 0:
                check_cancel(feedback)
                feedback.setProgress(50 + 50 * number / total)
            out = QgsFeature(out_fields)
            out.setGeometry(feature.geometry())
            attributes = feature.attributes() + by_feature.get(feature.id(), empty)
            out.setAttributes(spreadsheet_safe(attributes) if safe else attributes)
            if not sink.addFeature(out, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(
                    f"Could not write feature {feature.id()}: {sink.lastError()}"
                )
        status_out = next(
            (o for n, o in zip(copy, out_names) if n.lower() == status_name.lower()), None
        )
        if status_out:
            self.style_output(
                context, dest_id, STATUS_STYLE, field=status_out, layer_name=self.tr("DSPT status")
            )
        results = {self.OUTPUT: dest_id}
        results.update(
            write_report(self, parameters, self.UNMATCHED, context, diagnostics, only_not_used=True)
        )
        return results

    def _fields_to_copy(self, parameters, context, dspt, dspt_label) -> list[str]:
        chosen = self.parameterAsFields(parameters, self.FIELDS_TO_COPY, context)
        names = dspt.fields().names()
        if chosen:
            return [resolve_field(dspt, n, role="DSPT", layer_label=dspt_label) for n in chosen]
        standard = [n for n in DEFAULT_COPY if n in names]
        return standard or [n for n in names if n.lower() not in ("fid", "source_row")]
