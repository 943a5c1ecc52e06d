"""``dspt:odsmembership`` — each organisation's ICS as ODS records it."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.support.algorithm import GROUP_PREPARE, DsptAlgorithm
from dspt_qgis.processing_algs.support.diagnostics import log_account, write_account
from dspt_qgis.processing_algs.support.outputs import Outputs, copy_features, text_field
from dspt_qgis.processing_algs.support.parameters import add, add_table_output, field
from dspt_qgis.processing_algs.support.reading import (
    FEATURE_ID,
    field_name,
    read_frame,
    source_ref,
    source_to_frame,
)


class OdsMembershipAlgorithm(DsptAlgorithm):
    """Adds the ODS ICS code, and the ICS layer's code for it, to each organisation."""

    INPUT = "INPUT"
    CODE_FIELD = "CODE_FIELD"
    ODS = "ODS"
    ODS_CODE_FIELD = "ODS_CODE_FIELD"
    ODS_ICS_FIELD = "ODS_ICS_FIELD"
    LOOKUP = "LOOKUP"
    LOOKUP_FROM = "LOOKUP_FROM"
    LOOKUP_TO = "LOOKUP_TO"
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "odsmembership"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("OdsMembershipAlgorithm", "ICS of each organisation from ODS")
    GROUP = GROUP_PREPARE
    TAGS = "ODS,ICS,ICB,STP,membership,high level health geography,trust"
    HELP_ANCHOR = "odsmembership"
    HELP = QT_TRANSLATE_NOOP(
        "OdsMembershipAlgorithm",
        "Gives each organisation (e.g. the trusts of an imported export) the ICS it officially "
        "belongs to: the 'high level health geography' of its ODS record, the ODS code of its "
        "STP or ICB. Trusts whose headquarters stand in one ICS and belong to another (many "
        "specialist and mental-health trusts) are counted where they belong.<br><br>"
        "<b>ODS records</b>: the output of 'Read ODS bulk files' (or any table with an "
        "organisation code and its ICS's ODS code). <b>Lookup</b> (optional): translates the ODS "
        "ICS codes (e.g. QOP) to the codes of your ICS layer (e.g. E54000007): the ONS lookups "
        "carry both (STP21CDH -> STP21CD, ICB23CDH -> ICB23CD).<br><br>"
        "<b>Output</b>: the input with ods_ics_code (the ODS code) and ics_code (the ICS layer's "
        "code, the same when no lookup is given); use ics_code as the trusts' ICS code field in "
        "'ICS composite score' and 'Trust compliance proportions'. <b>Unmatched</b>: "
        "organisations not in the ODS records, without an ICS, or whose ICS is not in the "
        "lookup.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(self, QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Organisations"), [QgsProcessing.TypeVector]),
            self.tr("A table or layer with each organisation's ODS code."))
        field(self, self.CODE_FIELD, self.tr("Organisation code field"), self.INPUT,
              self.tr("Empty means the field called code."), default="code")
        add(self, QgsProcessingParameterFeatureSource(self.ODS, self.tr("ODS records"), [QgsProcessing.TypeVector]),
            self.tr("The output of 'Read ODS bulk files'."))
        field(self, self.ODS_CODE_FIELD, self.tr("ODS records: code field"), self.ODS,
              self.tr("Empty means code."), default="code", advanced=True)
        field(self, self.ODS_ICS_FIELD, self.tr("ODS records: ICS code field"), self.ODS,
              self.tr("Empty means high_level_health_geography."), default="high_level_health_geography",
              advanced=True)
        add(self, QgsProcessingParameterFeatureSource(self.LOOKUP, self.tr("Lookup: ODS ICS code to ICS layer code"),
                                                      [QgsProcessing.TypeVector], optional=True),
            self.tr("E.g. lookups/ccg21_stp21_nhser21.csv (STP21CDH -> STP21CD)."))
        field(self, self.LOOKUP_FROM, self.tr("Lookup: field with ODS ICS codes"), self.LOOKUP,
              self.tr("E.g. STP21CDH or ICB23CDH."))
        field(self, self.LOOKUP_TO, self.tr("Lookup: field with the ICS layer's codes"), self.LOOKUP,
              self.tr("E.g. STP21CD or ICB23CD."))
        add(self, QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Organisations with their ICS")),
            self.tr("The input with ods_ics_code and ics_code."))
        add_table_output(self, self.UNMATCHED, self.tr("Organisations without an ICS"),
                         self.tr("Each organisation given no ICS, with the reason."))

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from dspt_qgis.core.join import Side, build_lookup
        from dspt_qgis.core.membership import ICS_FIELD, ODS_ICS_FIELD, ics_from_ods
        from dspt_qgis.core.ods import looks_like_raw_ods, raw_ods_message

        source = self.parameterAsSource(parameters, self.INPUT, context)
        ods = self.parameterAsSource(parameters, self.ODS, context)
        ref, ods_ref = source_ref(source, "organisations"), source_ref(ods, "ODS records")
        if looks_like_raw_ods(ods.fields().names()):
            raise QgsProcessingException(raw_ods_message(ods_ref))

        def named(src: Any, src_ref: Any, key: str, default: str, role: str) -> str:
            return field_name(src, self.parameterAsString(parameters, key, context) or default, role=role, ref=src_ref)

        code = named(source, ref, self.CODE_FIELD, "code", "organisation code")
        ods_code = named(ods, ods_ref, self.ODS_CODE_FIELD, "code", "code")
        ods_ics = named(ods, ods_ref, self.ODS_ICS_FIELD, "high_level_health_geography", "ICS code")
        lookup = None
        lookup_source = self.parameterAsSource(parameters, self.LOOKUP, context)
        if lookup_source is not None:
            lookup_ref = source_ref(lookup_source, "lookup")
            names = [named(lookup_source, lookup_ref, key, "", role)
                     for key, role in ((self.LOOKUP_FROM, "'from' code"), (self.LOOKUP_TO, "'to' code"))]
            lookup = build_lookup(source_to_frame(lookup_source, feedback, fields=names), *names, source=lookup_ref)
        table = read_frame(self, parameters, self.INPUT, context, feedback, fields=[code])
        membership = ics_from_ods(
            Side(table, code, ref),
            Side(source_to_frame(ods, feedback, fields=list(dict.fromkeys([ods_code, ods_ics]))), ods_code, ods_ref),
            ics_field=ods_ics,
            lookup=lookup,
        )
        log_account(membership.diagnostics, membership.notes, feedback, report_key=self.UNMATCHED, outputs=outputs)
        values = {
            fid: [o, i] for fid, o, i in zip(table[FEATURE_ID], membership.ods_codes, membership.ics_codes)
        }
        extra = QgsFields()
        for name in (ODS_ICS_FIELD, ICS_FIELD):
            extra.append(text_field(name))
        copy_features(outputs, self.OUTPUT, source, feedback, extra_fields=extra,
                      values_for=lambda f: values.get(f.id(), [None, None]))
        write_account(outputs, self.UNMATCHED, membership.diagnostics, feedback, only_not_used=True)
