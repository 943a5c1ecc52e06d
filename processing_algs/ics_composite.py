"""``dspt:icscomposite`` — the ICS composite score of commissioners and trusts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..core.published_method import DEFAULT_COMMISSIONER_SHARE, format_tier_weights
from .support.algorithm import GROUP_ANALYSIS, DsptAlgorithm, check_cancel
from .support.diagnostics import log_account, write_account
from .support.ics_layer import write_ics_layer
from .support.inputs import Pick, add
from .support.organisations import IcsLayer, read_ics, read_side
from .support.parameters import (
    COMMISSIONER_SIDE,
    EDITION,
    ICS_LAYER,
    POPULATION_VALUE,
    SCORES,
    TRUST_SIDE,
    MethodOptions,
    add_choice,
    add_edition,
    add_scores,
    add_sink,
    add_table_output,
    choice_of,
    population_table,
)
from .support.styles import COMPOSITE_STYLE
from .support.transaction import Outputs

if TYPE_CHECKING:
    from ..core.component import Component
    from ..core.composite import CompositeRequest
    from ..core.weights import Weighting

#: The commissioners' own population field (its former key: POPULATION_FIELD).
COMMISSIONER_POPULATION = Pick(
    "COMMISSIONER_POPULATION_FIELD",
    QT_TRANSLATE_NOOP("DsptParameters", "Commissioners: population field"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Weights each commissioner's score by its population. Empty: a population "
        "table below, or a simple mean.",
    ),
    "population",
    aliases=("POPULATION_FIELD",),
)
TRUST_WEIGHT = Pick(
    "TRUST_WEIGHT_FIELD",
    QT_TRANSLATE_NOOP("DsptParameters", "Trusts: EPRR tier or weight field"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Weights each trust's score by its EPRR tier or a weight. Empty: a simple mean.",
    ),
    "weight",
)
COMMISSIONER_INPUT = COMMISSIONER_SIDE.input.adding(COMMISSIONER_POPULATION)
TRUST_INPUT = TRUST_SIDE.input.adding(TRUST_WEIGHT)
POPULATION_TABLE = population_table(
    Pick(
        "POPULATION_CODE_FIELD",
        QT_TRANSLATE_NOOP("DsptParameters", "Population table: commissioner code field"),
        QT_TRANSLATE_NOOP(
            "DsptParameters", "The same kind of code as the commissioners' code field."
        ),
        "code",
        code=True,
    ),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "A table of populations per commissioner (e.g. GP registered patients per "
        "CCG), joined to the commissioners by code; used when no population field is given.",
    ),
)


@dataclass(frozen=True)
class CompositeOptions(MethodOptions):
    """The composite's choices: the core's request (share, missing side, scores,
    edition; the ICS codes added once the ICS layer is read) and how trusts are weighted."""

    request: CompositeRequest
    trust_weighting: Weighting
    tier_weights: Mapping[int, float]


class IcsCompositeAlgorithm(DsptAlgorithm):
    """Per ICS: share x commissioner mean + (1 - share) x trust mean."""

    ICS = ICS_LAYER.key
    ICS_FIELD = ICS_LAYER.picks[0].key
    COMMISSIONERS = COMMISSIONER_SIDE.key
    COMMISSIONER_ICS_FIELD = COMMISSIONER_SIDE.ics_field
    COMMISSIONER_CODE_FIELD = COMMISSIONER_SIDE.code_field
    COMMISSIONER_STATUS_FIELD = COMMISSIONER_SIDE.status_field
    COMMISSIONER_POPULATION_FIELD = COMMISSIONER_POPULATION.key
    POPULATION = POPULATION_TABLE.key
    POPULATION_CODE_FIELD = POPULATION_TABLE.picks[0].key
    POPULATION_VALUE_FIELD = POPULATION_VALUE.key
    TRUSTS = TRUST_SIDE.key
    TRUST_ICS_FIELD = TRUST_SIDE.ics_field
    TRUST_CODE_FIELD = TRUST_SIDE.code_field
    TRUST_STATUS_FIELD = TRUST_SIDE.status_field
    TRUST_WEIGHT_FIELD = TRUST_WEIGHT.key
    TRUST_WEIGHT_TYPE = "TRUST_WEIGHT_TYPE"
    TIER_WEIGHTS = "TIER_WEIGHTS"
    COMMISSIONER_SHARE = "COMMISSIONER_SHARE"
    MISSING_COMPONENT = "MISSING_COMPONENT"
    EDITION = EDITION
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    #: Enum options: (core value, label), in the order the dialog lists them.
    WEIGHT_TYPES = (
        ("tier", "EPRR tier (1-4, mapped to weights)"),
        ("weight", "Weight (used as it is)"),
    )
    MISSING_RULES = (
        ("null", "Leave the composite empty (NULL) and say why"),
        ("use_available", "Use the side the ICS has"),
    )

    NAME = "icscomposite"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("IcsCompositeAlgorithm", "ICS composite score")
    GROUP = GROUP_ANALYSIS
    TAGS = "composite,score,ICS,ICB,STP,commissioner,trust,population,EPRR"
    HELP = QT_TRANSLATE_NOOP(
        "IcsCompositeAlgorithm",
        "Scores each Integrated Care System (ICS) on the published {range} scale.<br><br>"
        "{method}<br><br>"
        "<b>ICS layer</b>: the ICS (STP / ICB) polygons. <b>Commissioners</b>, <b>Trusts</b>: "
        "tables or layers with a code, a status and the ICS code of each organisation (leave the "
        "trusts' ICS field empty when they are points: each is placed in the ICS polygon "
        "containing it; one in two ICS polygons, on their border or where they overlap, stops the "
        "run naming it). A missing status, or a status of another edition, counts as Not "
        "Published.<br><br>"
        "<b>Populations</b>: give the commissioners' population field, or a population table "
        "(its code field and population field, e.g. GP registered patients per CCG) joined to the "
        "commissioners by code; without either, commissioners are averaged simply. <b>Trusts' "
        "EPRR tier or weight field</b>: without it, trusts are averaged simply.<br><br>"
        "<b>Output</b>: the ICS polygons with commissioner_score, trust_score, composite_score, "
        "n_commissioners, n_trusts and composite_note, styled on classes of the score range. An "
        "ICS with no trusts or no commissioners gets an empty composite and a note (or, if chosen, "
        "the mean of the side it has). <b>Organisations not counted</b>: each with the reason "
        "(no ICS code, ICS not in the layer, outside every polygon, repeated).",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        ICS_LAYER.declare(self)
        COMMISSIONER_INPUT.declare(self)
        POPULATION_TABLE.declare(self)
        TRUST_INPUT.declare(self)
        self._declare_method_options()
        add_edition(self)
        add_scores(self)
        add_sink(
            self,
            self.OUTPUT,
            self.tr("ICS composite"),
            self.tr("The ICS polygons with the scores, counts and a note per ICS."),
            QgsProcessing.TypeVectorPolygon,
        )
        add_table_output(
            self,
            self.UNMATCHED,
            self.tr("Organisations not counted"),
            self.tr("Every organisation left out of the scores, with the reason."),
        )

    def _declare_method_options(self) -> None:
        """How trusts are weighted, the commissioners' share, and an ICS missing a side."""
        add_choice(
            self,
            self.TRUST_WEIGHT_TYPE,
            self.tr("Trusts: the weight field holds"),
            self.WEIGHT_TYPES,
            self.tr(
                "EPRR tiers 1-4 (weighted through the tier weights) or weights used as they are."
            ),
            advanced=True,
        )
        add(
            self,
            QgsProcessingParameterString(
                self.TIER_WEIGHTS, self.tr("EPRR tier weights"), defaultValue=format_tier_weights()
            ),
            self.tr(
                "tier=weight pairs; each tier once, each weight above 0. Published: {tiers}."
            ).format(tiers=format_tier_weights()),
            advanced=True,
        )
        add(
            self,
            QgsProcessingParameterNumber(
                self.COMMISSIONER_SHARE,
                self.tr("Commissioner share of the composite"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_COMMISSIONER_SHARE,
                minValue=0.0,
                maxValue=1.0,
            ),
            self.tr("The trusts' share is the rest. Published: {}.").format(
                DEFAULT_COMMISSIONER_SHARE
            ),
        )
        add_choice(
            self,
            self.MISSING_COMPONENT,
            self.tr("When an ICS has no trusts or no commissioners"),
            self.MISSING_RULES,
            self.tr("The published method leaves such an ICS without a composite."),
            advanced=True,
        )

    def read_options(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> CompositeOptions:
        """The method's choices, the composite's own with them: read before any input."""
        from ..core.composite import CompositeRequest, MissingComponent
        from ..core.weights import Weighting, parse_tier_weights

        method = super().read_options(parameters, context)
        missing = choice_of(self, parameters, self.MISSING_COMPONENT, context, self.MISSING_RULES)
        return CompositeOptions(
            scheme=method.scheme,
            edition=method.edition,
            request=CompositeRequest(
                commissioner_share=self.parameterAsDouble(
                    parameters, self.COMMISSIONER_SHARE, context
                ),
                scheme=method.scheme,
                missing=MissingComponent(missing),
                edition=method.edition,
            ),
            trust_weighting=Weighting(
                choice_of(self, parameters, self.TRUST_WEIGHT_TYPE, context, self.WEIGHT_TYPES)
            ),
            tier_weights=parse_tier_weights(
                self.parameterAsString(parameters, self.TIER_WEIGHTS, context)
            ),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        import dataclasses

        from ..core.composite import EDITION_FIELD, RESULT_FIELDS, ics_composite

        options = cast(CompositeOptions, self.options)
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        ics = read_ics(self, parameters, context)
        commissioners, notes = self._commissioners(parameters, context, steps, ics)
        steps.setCurrentStep(1)
        check_cancel(feedback)
        trusts = self._trusts(parameters, context, steps, ics, options)
        steps.setCurrentStep(2)
        check_cancel(feedback)
        request = dataclasses.replace(options.request, groups=ics.codes)
        result = ics_composite(commissioners, trusts, request)
        log_account(
            result.diagnostics,
            (*notes, *result.notes),
            feedback,
            report_key=self.UNMATCHED,
            outputs=outputs,
        )
        for note, count in result.table["composite_note"].value_counts().items():
            feedback.pushInfo(self.tr("{} ICS: {}").format(count, note))
        steps.setCurrentStep(3)
        write_ics_layer(
            outputs, self.OUTPUT, ics, result.table, [*RESULT_FIELDS, EDITION_FIELD], steps
        )
        outputs.style(
            self.OUTPUT,
            COMPOSITE_STYLE,
            self.tr("ICS composite score"),
            scores=dict(options.scheme.scores),
        )
        write_account(outputs, self.UNMATCHED, result.diagnostics, steps, only_not_used=True)

    def _commissioners(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        ics: IcsLayer,
    ) -> tuple[Component, tuple[str, ...]]:
        """The commissioners, weighted by their population field or a population table."""
        import dataclasses

        from ..core.population import PopulationTable, with_population
        from ..core.weights import Weighting

        opened = COMMISSIONER_INPUT.open(self, parameters, context)
        side = read_side(
            opened, COMMISSIONER_SIDE, ics, feedback, weight_key=self.COMMISSIONER_POPULATION_FIELD
        )
        if side.weight_field is not None:
            return dataclasses.replace(side, weighting=Weighting.POPULATION), ()
        table = POPULATION_TABLE.open_if_given(self, parameters, context)
        if table is None:
            return side, ()
        code, value = (
            table.field(self.POPULATION_CODE_FIELD),
            table.field(self.POPULATION_VALUE_FIELD),
        )
        return with_population(
            side, PopulationTable(table.read(feedback, [code, value]), table.ref, code, value)
        )

    def _trusts(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        ics: IcsLayer,
        options: CompositeOptions,
    ) -> Component:
        """The trusts, weighted by EPRR tier or a weight when a weight field is picked."""
        import dataclasses

        trusts = read_side(
            TRUST_INPUT.open(self, parameters, context),
            TRUST_SIDE,
            ics,
            feedback,
            weight_key=self.TRUST_WEIGHT_FIELD,
        )
        if trusts.weight_field is None:
            return trusts
        return dataclasses.replace(
            trusts, weighting=options.trust_weighting, tier_weights=options.tier_weights
        )
