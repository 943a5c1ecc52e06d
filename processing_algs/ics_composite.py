"""``dspt:icscomposite`` — the ICS composite score of commissioners and trusts."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.base import (
    GROUP_ANALYSIS,
    DsptAlgorithm,
    check_cancel,
    core_errors,
)
from dspt_qgis.processing_algs.ics_output import write_ics_layer
from dspt_qgis.processing_algs.organisations import (
    explain_unplaced,
    ics_codes,
    read_ics,
    read_organisations,
)
from dspt_qgis.processing_algs.report import log_diagnostics, write_report
from dspt_qgis.processing_algs.styles import COMPOSITE_STYLE

RESULT_COLUMNS = [
    "commissioner_score",
    "trust_score",
    "composite_score",
    "n_commissioners",
    "n_trusts",
    "composite_note",
]


class IcsCompositeAlgorithm(DsptAlgorithm):
    """Per ICS: share x commissioner mean + (1 - share) x trust mean, on the -3..3 scale."""

    ICS = "ICS"
    ICS_FIELD = "ICS_FIELD"
    COMMISSIONERS = "COMMISSIONERS"
    COMMISSIONER_ICS_FIELD = "COMMISSIONER_ICS_FIELD"
    COMMISSIONER_CODE_FIELD = "COMMISSIONER_CODE_FIELD"
    COMMISSIONER_STATUS_FIELD = "COMMISSIONER_STATUS_FIELD"
    POPULATION_FIELD = "POPULATION_FIELD"
    TRUSTS = "TRUSTS"
    TRUST_ICS_FIELD = "TRUST_ICS_FIELD"
    TRUST_CODE_FIELD = "TRUST_CODE_FIELD"
    TRUST_STATUS_FIELD = "TRUST_STATUS_FIELD"
    TRUST_WEIGHT_FIELD = "TRUST_WEIGHT_FIELD"
    TRUST_WEIGHT_TYPE = "TRUST_WEIGHT_TYPE"
    TIER_WEIGHTS = "TIER_WEIGHTS"
    COMMISSIONER_SHARE = "COMMISSIONER_SHARE"
    MISSING_COMPONENT = "MISSING_COMPONENT"
    SCORES = "SCORES"
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    WEIGHT_TYPES = ("EPRR tier (1-4, mapped to weights)", "Weight (used as it is)")
    MISSING_RULES = ("Leave the composite empty (NULL) and say why", "Use the side the ICS has")

    NAME = "icscomposite"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("IcsCompositeAlgorithm", "ICS composite score")
    GROUP = GROUP_ANALYSIS
    TAGS = "composite,score,ICS,ICB,STP,commissioner,trust,population,EPRR"
    HELP = QT_TRANSLATE_NOOP(
        "IcsCompositeAlgorithm",
        "Scores each Integrated Care System (ICS) on the published -3..3 scale.<br><br>"
        "{method}"
        " Per ICS, the commissioners' (CCG / sub-ICB / ICB) scores are averaged, weighted by "
        "resident population when a population field is given; the trusts' scores are "
        "averaged simply, or weighted by EPRR tier (tier 1 -> 4, 2 -> 3, 3 -> 2, 4 -> 1 by "
        "default). The composite is share x commissioner mean + (1 - share) x trust mean, "
        "with share 0.5 by default, so it stays within -3..3.<br><br>"
        "<b>ICS layer</b> and <b>ICS code field</b>: the ICS (STP / ICB) polygons. "
        "<b>Commissioners</b>, <b>Trusts</b>: tables or layers with a code, a status (usually "
        "from 'Import DSPT status export' or 'Join DSPT status') and the ICS code of each "
        "organisation. Leave the trusts' ICS field empty when the trusts are points: each is "
        "placed in the ICS polygon containing it (reprojected as needed). A missing status "
        "counts as Not Published.<br><br>"
        "<b>Output</b>: the ICS polygons with commissioner_score, trust_score, composite_score, "
        "n_commissioners, n_trusts and composite_note, styled on a fixed -3..3 diverging ramp. "
        "An ICS with no trusts or no commissioners gets an empty composite and a note (or, if "
        "chosen, the mean of the side it has). <b>Unmatched</b>: organisations not counted "
        "(no ICS code, ICS not in the layer, outside every polygon, repeated) with the reason.",
    )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802 (QGIS API name)
        def field(key, label, parent, default=None, optional=True, advanced=False):
            parameter = QgsProcessingParameterField(
                key,
                self.tr(label),
                defaultValue=default,
                parentLayerParameterName=parent,
                optional=optional,
            )
            if advanced:
                parameter.setFlags(
                    parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced
                )
            self.addParameter(parameter)

        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ICS,
                self.tr("ICS layer (STP / ICB polygons)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        field(self.ICS_FIELD, "ICS code field", self.ICS, optional=False)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.COMMISSIONERS,
                self.tr("Commissioners (CCG / sub-ICB / ICB) with status"),
                [QgsProcessing.TypeVector],
            )
        )
        field(
            self.COMMISSIONER_ICS_FIELD,
            "Commissioners: ICS code field",
            self.COMMISSIONERS,
            optional=False,
        )
        field(
            self.COMMISSIONER_STATUS_FIELD,
            "Commissioners: status field (empty = status)",
            self.COMMISSIONERS,
            "status",
        )
        field(
            self.POPULATION_FIELD,
            "Commissioners: population field (empty = simple mean)",
            self.COMMISSIONERS,
        )
        field(
            self.COMMISSIONER_CODE_FIELD,
            "Commissioners: code field (empty = code)",
            self.COMMISSIONERS,
            "code",
            advanced=True,
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.TRUSTS,
                self.tr("Trusts with status (table, or points)"),
                [QgsProcessing.TypeVector],
            )
        )
        field(
            self.TRUST_ICS_FIELD,
            "Trusts: ICS code field (empty = the ICS polygon containing each point)",
            self.TRUSTS,
        )
        field(
            self.TRUST_STATUS_FIELD, "Trusts: status field (empty = status)", self.TRUSTS, "status"
        )
        field(
            self.TRUST_WEIGHT_FIELD,
            "Trusts: EPRR tier or weight field (empty = simple mean)",
            self.TRUSTS,
        )
        field(
            self.TRUST_CODE_FIELD,
            "Trusts: code field (empty = code)",
            self.TRUSTS,
            "code",
            advanced=True,
        )
        weight_type = QgsProcessingParameterEnum(
            self.TRUST_WEIGHT_TYPE,
            self.tr("Trusts: the weight field holds"),
            self.WEIGHT_TYPES,
            defaultValue=0,
        )
        weight_type.setFlags(weight_type.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(weight_type)
        tiers = QgsProcessingParameterString(
            self.TIER_WEIGHTS,
            self.tr("EPRR tier weights (tier=weight)"),
            defaultValue="1=4; 2=3; 3=2; 4=1",
        )
        tiers.setFlags(tiers.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(tiers)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.COMMISSIONER_SHARE,
                self.tr("Commissioner share of the composite (trust share = 1 - it)"),
                QgsProcessingParameterNumber.Double,
                0.5,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        missing = QgsProcessingParameterEnum(
            self.MISSING_COMPONENT,
            self.tr("When an ICS has no trusts or no commissioners"),
            self.MISSING_RULES,
            defaultValue=0,
        )
        missing.setFlags(missing.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(missing)
        scores = QgsProcessingParameterString(
            self.SCORES,
            self.tr("Scores (e.g. 'Not Published=-4'; empty = published method)"),
            optional=True,
        )
        scores.setFlags(scores.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(scores)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("ICS composite"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNMATCHED,
                self.tr("Organisations not counted"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        from dspt_qgis.core.aggregate import (
            MEAN,
            MISSING_NULL,
            MISSING_USE_AVAILABLE,
            POPULATION,
            TIER,
            WEIGHT,
            Component,
            ics_composite,
            parse_tier_weights,
        )
        from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme

        ics, ics_field = read_ics(self, parameters, context, self.ICS, self.ICS_FIELD)
        common = {"ics_source": ics, "ics_field": ics_field}
        commissioners, c_reasons = read_organisations(
            self,
            parameters,
            context,
            feedback,
            source_key=self.COMMISSIONERS,
            code_key=self.COMMISSIONER_CODE_FIELD,
            status_key=self.COMMISSIONER_STATUS_FIELD,
            ics_key=self.COMMISSIONER_ICS_FIELD,
            label="commissioners",
            extra_keys=(self.POPULATION_FIELD,),
            **common,
        )
        check_cancel(feedback)
        trusts, t_reasons = read_organisations(
            self,
            parameters,
            context,
            feedback,
            source_key=self.TRUSTS,
            code_key=self.TRUST_CODE_FIELD,
            status_key=self.TRUST_STATUS_FIELD,
            ics_key=self.TRUST_ICS_FIELD,
            label="trusts",
            extra_keys=(self.TRUST_WEIGHT_FIELD,),
            **common,
        )
        check_cancel(feedback)
        weight_is_tier = self.parameterAsEnum(parameters, self.TRUST_WEIGHT_TYPE, context) == 0
        with core_errors():
            scores_text = self.parameterAsString(parameters, self.SCORES, context).strip()
            scheme = ScoringScheme.from_text(scores_text) if scores_text else DEFAULT_SCHEME
            has_population = self.POPULATION_FIELD in commissioners.columns
            has_weight = self.TRUST_WEIGHT_FIELD in trusts.columns
            result = ics_composite(
                Component(
                    commissioners,
                    commissioners.attrs["source"],
                    group_field="ics",
                    weight_field=self.POPULATION_FIELD if has_population else None,
                    method=POPULATION if has_population else MEAN,
                ),
                Component(
                    trusts,
                    trusts.attrs["source"],
                    group_field="ics",
                    weight_field=self.TRUST_WEIGHT_FIELD if has_weight else None,
                    method=(TIER if weight_is_tier else WEIGHT) if has_weight else MEAN,
                    tier_weights=parse_tier_weights(
                        self.parameterAsString(parameters, self.TIER_WEIGHTS, context)
                    ),
                ),
                groups=ics_codes(ics, ics_field),
                commissioner_share=self.parameterAsDouble(
                    parameters, self.COMMISSIONER_SHARE, context
                ),
                scheme=scheme,
                missing_component=(MISSING_NULL, MISSING_USE_AVAILABLE)[
                    self.parameterAsEnum(parameters, self.MISSING_COMPONENT, context)
                ],
            )
        diagnostics = explain_unplaced(result.diagnostics, trusts.attrs["source"], t_reasons)
        diagnostics = explain_unplaced(diagnostics, commissioners.attrs["source"], c_reasons)
        log_diagnostics(diagnostics, feedback)
        table = result.table.set_index("ics")
        for note, count in table["composite_note"].value_counts().items():
            feedback.pushInfo(f"{count} ICS: {note}")
        check_cancel(feedback)
        dest_id = write_ics_layer(
            self, parameters, self.OUTPUT, context, feedback, ics, ics_field, table, RESULT_COLUMNS
        )
        self.style_output(
            context, dest_id, COMPOSITE_STYLE, layer_name=self.tr("ICS composite score")
        )
        results = {self.OUTPUT: dest_id}
        results.update(
            write_report(self, parameters, self.UNMATCHED, context, diagnostics, only_not_used=True)
        )
        return results
