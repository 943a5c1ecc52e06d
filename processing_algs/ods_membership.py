"""``dspt:odsmembership`` — each organisation's ICS as ODS records it."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsFields,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_PREPARE, DsptAlgorithm
from .support.diagnostics import log_account, write_account
from .support.field_types import new_field
from .support.inputs import Input, Pick, add
from .support.parameters import add_table_output, lookup, read_lookup
from .support.reading import FEATURE_ID
from .support.transaction import Outputs
from .support.writers import copy_features

ORGANISATIONS = Input(
    "INPUT",
    QT_TRANSLATE_NOOP("DsptParameters", "Organisations"),
    QT_TRANSLATE_NOOP("DsptParameters", "A table or layer with each organisation's ODS code."),
    "organisations",
    picks=(
        Pick(
            "CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Organisation code field"),
            QT_TRANSLATE_NOOP("DsptParameters", "Empty means the field called code."),
            "organisation code",
            default="code",
            code=True,
        ),
    ),
)
ODS_RECORDS = Input(
    "ODS",
    QT_TRANSLATE_NOOP("DsptParameters", "ODS records"),
    QT_TRANSLATE_NOOP("DsptParameters", "The output of 'Read ODS bulk files'."),
    "ODS records",
    picks=(
        Pick(
            "ODS_CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "ODS records: code field"),
            QT_TRANSLATE_NOOP("DsptParameters", "Empty means code."),
            "code",
            default="code",
            advanced=True,
            code=True,
        ),
        Pick(
            "ODS_ICS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "ODS records: ICS code field"),
            QT_TRANSLATE_NOOP("DsptParameters", "Empty means high_level_health_geography."),
            "ICS code",
            default="high_level_health_geography",
            advanced=True,
        ),
    ),
)
ICS_LOOKUP = lookup(
    QT_TRANSLATE_NOOP("DsptParameters", "Lookup: ODS ICS code to ICS layer code"),
    QT_TRANSLATE_NOOP(
        "DsptParameters", "E.g. lookups/ccg21_stp21_nhser21.csv (STP21CDH -> STP21CD)."
    ),
    (
        QT_TRANSLATE_NOOP("DsptParameters", "Lookup: field with ODS ICS codes"),
        QT_TRANSLATE_NOOP("DsptParameters", "E.g. STP21CDH or ICB23CDH."),
    ),
    (
        QT_TRANSLATE_NOOP("DsptParameters", "Lookup: field with the ICS layer's codes"),
        QT_TRANSLATE_NOOP("DsptParameters", "E.g. STP21CD or ICB23CD."),
    ),
)


class OdsMembershipAlgorithm(DsptAlgorithm):
    """Adds the ODS ICS code, and the ICS layer's code for it, to each organisation."""

    INPUT = ORGANISATIONS.key
    CODE_FIELD = ORGANISATIONS.picks[0].key
    ODS = ODS_RECORDS.key
    ODS_CODE_FIELD = ODS_RECORDS.picks[0].key
    ODS_ICS_FIELD = ODS_RECORDS.picks[1].key
    LOOKUP = ICS_LOOKUP.key
    LOOKUP_FROM = ICS_LOOKUP.picks[0].key
    LOOKUP_TO = ICS_LOOKUP.picks[1].key
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "odsmembership"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("OdsMembershipAlgorithm", "ICS of each organisation from ODS")
    GROUP = GROUP_PREPARE
    TAGS = "ODS,ICS,ICB,STP,membership,high level health geography,trust"
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
        ORGANISATIONS.declare(self)
        ODS_RECORDS.declare(self)
        ICS_LOOKUP.declare(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Organisations with their ICS")),
            self.tr("The input with ods_ics_code and ics_code."),
        )
        add_table_output(
            self,
            self.UNMATCHED,
            self.tr("Organisations without an ICS"),
            self.tr("Each organisation given no ICS, with the reason."),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.join import Side
        from ..core.membership import ICS_FIELD, ODS_ICS_FIELD, ics_from_ods
        from ..core.ods import looks_like_raw_ods, raw_ods_message

        organisations = ORGANISATIONS.open(self, parameters, context)
        ods = ODS_RECORDS.open(self, parameters, context)
        if looks_like_raw_ods(ods.names()):
            raise QgsProcessingException(raw_ods_message(ods.ref))
        code, ods_code, ods_ics = (
            organisations.field(self.CODE_FIELD),
            ods.field(self.ODS_CODE_FIELD),
            ods.field(self.ODS_ICS_FIELD),
        )
        table = organisations.read(feedback, [code])
        membership = ics_from_ods(
            Side(table, code, organisations.ref),
            Side(ods.read(feedback, [ods_code, ods_ics]), ods_code, ods.ref),
            ics_field=ods_ics,
            lookup=read_lookup(ICS_LOOKUP.open_if_given(self, parameters, context), feedback),
        )
        log_account(
            membership.diagnostics,
            membership.notes,
            feedback,
            report_key=self.UNMATCHED,
            outputs=outputs,
        )
        values = {
            fid: [o, i]
            for fid, o, i in zip(table[FEATURE_ID], membership.ods_codes, membership.ics_codes)
        }
        extra = QgsFields()
        for name in (ODS_ICS_FIELD, ICS_FIELD):
            extra.append(new_field(name, "text"))
        copy_features(
            outputs,
            self.OUTPUT,
            organisations.source,
            feedback,
            extra_fields=extra,
            values_for=lambda f: values.get(f.id(), [None, None]),
            crs=organisations.crs,
        )
        write_account(outputs, self.UNMATCHED, membership.diagnostics, feedback, only_not_used=True)
