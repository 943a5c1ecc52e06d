"""``dspt:icscomposite`` — the ICS composite score of commissioners and trusts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_ANALYSIS, DsptAlgorithm, check_cancel
from .support.composite_inputs import (
    COMMISSIONER_POPULATION,
    COMMISSIONER_SHARE,
    MISSING_COMPONENT,
    MISSING_RULES,
    OTHER_POPULATIONS,
    POPULATION_TABLE,
    TIER_WEIGHTS,
    TRUST_WEIGHT,
    TRUST_WEIGHT_TYPE,
    WEIGHT_TYPES,
    CompositeOptions,
    CompositeSides,
    declare_method_options,
    declare_sides,
    read_method_options,
    read_sides,
)
from .support.diagnostics import log_account, write_account
from .support.ics_layer import write_ics_layer
from .support.organisations import read_ics
from .support.parameters import (
    COMMISSIONER_SIDE,
    EDITION,
    ICS_LAYER,
    POPULATION_VALUE,
    SCORES,
    TRUST_SIDE,
    add_edition,
    add_scores,
    add_sink,
    add_table_output,
)
from .support.styles import COMPOSITE_STYLE
from .support.transaction import Outputs

if TYPE_CHECKING:
    from ..core.composite import CompositeRequest
    from ..core.rank_range import RankRanges


class IcsCompositeAlgorithm(DsptAlgorithm):
    """Per ICS: share x commissioner mean + (1 - share) x trust mean, and its rank under
    every variant of the method the inputs allow."""

    ICS = ICS_LAYER.key
    ICS_FIELD = ICS_LAYER.picks[0].key
    COMMISSIONERS = COMMISSIONER_SIDE.key
    COMMISSIONER_ICS_FIELD = COMMISSIONER_SIDE.ics_field
    COMMISSIONER_CODE_FIELD = COMMISSIONER_SIDE.code_field
    COMMISSIONER_STATUS_FIELD = COMMISSIONER_SIDE.status_field
    COMMISSIONER_POPULATION_FIELD = COMMISSIONER_POPULATION.key
    COMMISSIONER_OTHER_POPULATION_FIELDS = OTHER_POPULATIONS
    POPULATION = POPULATION_TABLE.key
    POPULATION_CODE_FIELD = POPULATION_TABLE.picks[0].key
    POPULATION_VALUE_FIELD = POPULATION_VALUE.key
    TRUSTS = TRUST_SIDE.key
    TRUST_ICS_FIELD = TRUST_SIDE.ics_field
    TRUST_CODE_FIELD = TRUST_SIDE.code_field
    TRUST_STATUS_FIELD = TRUST_SIDE.status_field
    TRUST_WEIGHT_FIELD = TRUST_WEIGHT.key
    TRUST_WEIGHT_TYPE = TRUST_WEIGHT_TYPE
    TIER_WEIGHTS = TIER_WEIGHTS
    COMMISSIONER_SHARE = COMMISSIONER_SHARE
    MISSING_COMPONENT = MISSING_COMPONENT
    EDITION = EDITION
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    WEIGHT_TYPES = WEIGHT_TYPES
    MISSING_RULES = MISSING_RULES

    NAME = "icscomposite"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("IcsCompositeAlgorithm", "ICS composite score")
    GROUP = GROUP_ANALYSIS
    TAGS = "composite,score,ICS,ICB,STP,commissioner,trust,population,EPRR,rank"
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
        "the mean of the side it has). <b>How far the rank depends on the method</b>: rank (ties "
        "share the best place, rank_label '=14') is the ICS's place by this composite; rank_best "
        "and rank_worst its best and worst place under every variant of the method the inputs "
        "allow (commissioners as chosen, simply, and weighted by each of the <i>other populations "
        "to rank by</i>; trusts as chosen, simply, and by EPRR tier when tiers are given), "
        "rank_best_variant and rank_worst_variant the variants giving them, and rank_note says "
        "'depends on the method' when they lie more than five places apart. The variants are "
        "listed in the log and in the layer's notes. <b>Organisations not counted</b>: each with "
        "the reason (no ICS code, ICS not in the layer, outside every polygon, repeated).",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        ICS_LAYER.declare(self)
        declare_sides(self, other_populations=True)
        declare_method_options(self)
        add_edition(self)
        add_scores(self)
        add_sink(
            self,
            self.OUTPUT,
            self.tr("ICS composite"),
            self.tr("The ICS polygons with the scores, counts, ranks and a note per ICS."),
            QgsProcessing.TypeVectorPolygon,
        )
        add_table_output(
            self,
            self.UNMATCHED,
            self.tr("Organisations not counted"),
            self.tr("Every organisation left out of the scores, with the reason."),
        )

    def read_options(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> CompositeOptions:
        """The method's choices, the composite's own with them: read before any input."""
        return read_method_options(
            self, parameters, context, super().read_options(parameters, context)
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
        from ..core.rank_range import ADDED_FIELDS, with_rank_ranges

        options = cast(CompositeOptions, self.options)
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        ics = read_ics(self, parameters, context)
        sides = read_sides(self, parameters, context, steps, ics, options)
        steps.setCurrentStep(2)
        check_cancel(feedback)
        request = dataclasses.replace(options.request, groups=ics.codes)
        result = ics_composite(sides.commissioners, sides.trusts, request)
        log_account(
            result.diagnostics,
            (*sides.notes, *result.notes),
            feedback,
            report_key=self.UNMATCHED,
            outputs=outputs,
        )
        for note, count in result.table["composite_note"].value_counts().items():
            feedback.pushInfo(self.tr("{} ICS: {}").format(count, note))
        ranges = self._rank_ranges(sides, request, feedback)
        steps.setCurrentStep(3)
        write_ics_layer(
            outputs,
            self.OUTPUT,
            ics,
            with_rank_ranges(result.table, ranges),
            [*RESULT_FIELDS, EDITION_FIELD, *ADDED_FIELDS],
            steps,
        )
        outputs.style(
            self.OUTPUT,
            COMPOSITE_STYLE,
            self.tr("ICS composite score"),
            scores=dict(options.scheme.scores),
            notes=ranges.notes,
        )
        write_account(outputs, self.UNMATCHED, result.diagnostics, steps, only_not_used=True)

    @staticmethod
    def _rank_ranges(
        sides: CompositeSides, request: CompositeRequest, feedback: QgsProcessingFeedback
    ) -> RankRanges:
        """Each ICS's rank under every variant of the method the inputs allow, the variants
        said in the log."""
        from ..core.rank_range import VariantRequest, rank_ranges

        ranges = rank_ranges(
            sides.commissioners,
            sides.trusts,
            VariantRequest(
                request, populations=sides.other_populations, tier_field=sides.tier_field
            ),
        )
        for note in ranges.notes:
            feedback.pushInfo(note)
        return ranges
