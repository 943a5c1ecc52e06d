"""``dspt:improvementgains`` — what would raise each ICS's composite: each submission's gain
to it if the organisation reached Standards Met or Exceeded."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, cast

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_ANALYSIS, DsptAlgorithm, check_cancel, core_errors
from .support.composite_inputs import (
    COMMISSIONER_INPUT,
    TRUST_INPUT,
    CompositeOptions,
    declare_method_options,
    declare_sides,
    read_method_options,
    read_sides,
)
from .support.frames import whole_numbers
from .support.inputs import Opened, Pick
from .support.organisations import read_ics
from .support.parameters import (
    COMPOSITE_LAYER,
    EDITION,
    SCORES,
    add_edition,
    add_scores,
    add_sink,
)
from .support.styles import GAINS_STYLE
from .support.transaction import Outputs
from .support.writers import write_frame

if TYPE_CHECKING:
    from ..core.composite import GivenComposite
    from ..core.gains import Gains, GainsRequest


def _decided_by(key: str, side: str) -> Pick:
    """A side's field naming the organisation whose submission decides each status: the
    import's ``decided_by`` (core.resolve.DECIDED_BY_FIELD) when the layer has it."""
    return Pick(
        key,
        (QT_TRANSLATE_NOOP("DsptParameters", "{}: decided-by field"), side),
        QT_TRANSLATE_NOOP(
            "DsptParameters",
            "The field naming the organisation whose submission decides each status (a "
            "successor's code; empty: the organisation's own), as 'Import DSPT status export' "
            "writes it. Organisations one submission decides move together, in one row. Empty: "
            "the field called decided_by, when there is one, else each its own.",
        ),
        "decided-by",
        default="decided_by",
        advanced=True,
        default_optional=True,
    )


#: The composite given: its ICS code field only (names are not part of the gains table).
GIVEN_COMPOSITE = dataclasses.replace(COMPOSITE_LAYER, picks=COMPOSITE_LAYER.picks[:1])
COMMISSIONER_DECIDED_BY = _decided_by(
    "COMMISSIONER_DECIDED_BY_FIELD", QT_TRANSLATE_NOOP("DsptParameters", "Commissioners")
)
TRUST_DECIDED_BY = _decided_by(
    "TRUST_DECIDED_BY_FIELD", QT_TRANSLATE_NOOP("DsptParameters", "Trusts")
)
COMMISSIONERS_DECIDED = COMMISSIONER_INPUT.adding(COMMISSIONER_DECIDED_BY)
TRUSTS_DECIDED = TRUST_INPUT.adding(TRUST_DECIDED_BY)


class ImprovementGainsAlgorithm(DsptAlgorithm):
    """Each organisation's gain to its ICS's composite, read from the composite's own
    weights (core.gains): one pass, exact."""

    COMPOSITE = GIVEN_COMPOSITE.key
    ICS_FIELD = GIVEN_COMPOSITE.picks[0].key
    COMMISSIONER_DECIDED_BY_FIELD = COMMISSIONER_DECIDED_BY.key
    TRUST_DECIDED_BY_FIELD = TRUST_DECIDED_BY.key
    EDITION = EDITION
    SCORES = SCORES
    OUTPUT = "OUTPUT"

    NAME = "improvementgains"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(
        "ImprovementGainsAlgorithm", "What would raise each ICS's composite"
    )
    GROUP = GROUP_ANALYSIS
    TAGS = "gain,improve,raise,rank,composite,score,ICS,ICB,what if,board"
    HELP = QT_TRANSLATE_NOOP(
        "ImprovementGainsAlgorithm",
        "For every organisation an ICS composite counted: how much its ICS's composite would rise "
        "if its status became Standards Met, or Standards Exceeded, and where the ICS would then "
        "rank. Exact, not a model: the composite is a weighted mean, so one organisation's change "
        "moves it by its share of the composite (the commissioner share, or the trusts', times "
        "its weight among its ICS's organisations on that side) times the change of its score."
        "<br><br><b>Inputs</b>: the output of 'ICS composite score' and what it was computed "
        "from: the same commissioners, population, trusts and method options (commissioner share, "
        "trusts' weighting, a missing side, edition, scores). A composite not made from these "
        "inputs (another edition, ICS field, organisations or method) stops the run, naming both. "
        "<b>Decided-by fields</b>: an organisation whose status is its successor's (a CCG merged "
        "into another) moves when its successor's submission does; the import's decided_by field "
        "says whose submission decides each status, and every organisation one submission decides "
        "in an ICS is one row, under that organisation's code, naming those it covers.<br><br>"
        "<b>Output</b>: a table, one row per submission per ICS (by ICS, largest gain first; opened "
        "in QGIS sorted by gain): ics, code, side, status, covers, n_covered, gain_if_met, "
        "gain_if_exceeded (0 where the status is already there or better), composite_score, "
        "composite_if_met, composite_if_exceeded, rank and rank_label (ties share the best place: "
        "'=14'), rank_if_met and rank_if_exceeded (every ICS the submission moves moving at once), "
        "gain_rank (its place among its ICS's gains if Met), gain_note (an ICS without "
        "commissioners or trusts: how its gains are computed, the side it has counting whole, or "
        "none where it has no composite), edition and method (what the gains assume).",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        GIVEN_COMPOSITE.declare(self)
        declare_sides(self, COMMISSIONERS_DECIDED, TRUSTS_DECIDED)
        declare_method_options(self)
        add_edition(self)
        add_scores(self)
        add_sink(
            self,
            self.OUTPUT,
            self.tr("What would raise each ICS's composite"),
            self.tr("One row per submission per ICS, with its gains and the ranks after."),
            QgsProcessing.TypeVector,
        )

    def read_options(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> CompositeOptions:
        """The composite's choices, read before any input (as 'ICS composite score' reads them)."""
        method = super().read_options(parameters, context)
        return read_method_options(self, parameters, context, method)

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.gains import GAIN_FIELDS, GainsRequest, composite_gains

        options = cast(CompositeOptions, self.options)
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        ics = read_ics(self, parameters, context, GIVEN_COMPOSITE)
        given = self._given(GIVEN_COMPOSITE.open(self, parameters, context), ics.field, steps)
        sides = read_sides(
            self,
            parameters,
            context,
            steps,
            ics,
            options,
            commissioners=COMMISSIONERS_DECIDED,
            trusts=TRUSTS_DECIDED,
        )
        steps.setCurrentStep(1)
        check_cancel(feedback)
        request = GainsRequest(
            options.request,
            commissioner_decided_by=sides.picked[self.COMMISSIONER_DECIDED_BY_FIELD],
            trust_decided_by=sides.picked[self.TRUST_DECIDED_BY_FIELD],
        )
        self._say_deciders(request, feedback)
        with core_errors():
            gains = composite_gains(sides.commissioners, sides.trusts, given, request)
        notes = self._notes(gains)
        for note in (*sides.notes, *gains.notes):
            feedback.pushWarning(note)
        steps.setCurrentStep(2)
        table = whole_numbers(
            gains.table, ["rank", "rank_if_met", "rank_if_exceeded", "gain_rank", "n_covered"]
        )
        write_frame(outputs, self.OUTPUT, table, list(GAIN_FIELDS), steps)
        outputs.style(
            self.OUTPUT, GAINS_STYLE, self.tr("What would raise the composite"), notes=notes
        )
        feedback.pushInfo(
            self.tr("{} submission(s) in {} ICS(s); edition {}.").format(
                len(table), table["ics"].nunique(), gains.edition
            )
        )

    @staticmethod
    def _given(
        composite: Opened, ics_field: str, feedback: QgsProcessingFeedback
    ) -> GivenComposite:
        """The composite as 'ICS composite score' wrote it: ICS code, composite, counts and
        (when it records one) its edition; a layer lacking them is named with its fields."""
        from ..core.composite import EDITION_FIELD, GivenComposite

        wanted = {
            composite.require(name, name.replace("_", " ")): name
            for name in ("composite_score", "n_commissioners", "n_trusts")
        }
        edition = composite.named(EDITION_FIELD)
        if edition is not None:
            wanted[edition] = EDITION_FIELD
        table = composite.read(feedback, [ics_field, *wanted]).rename(columns=wanted)
        return GivenComposite(table, composite.ref, ics_field)

    def _say_deciders(self, request: GainsRequest, feedback: QgsProcessingFeedback) -> None:
        """Which field says whose submission decides each side's statuses, in the log."""
        for side, field in (
            (self.tr("commissioners"), request.commissioner_decided_by),
            (self.tr("trusts"), request.trust_decided_by),
        ):
            feedback.pushInfo(
                self.tr("The {}' statuses: decided by the submission named in field {}.").format(
                    side, field
                )
                if field
                else self.tr("The {}' statuses: each decided by its own submission.").format(side)
            )

    @staticmethod
    def _notes(gains: Gains) -> tuple[str, ...]:
        """What the table assumes, for its layer notes: the edition, the method, the notes."""
        return (f"Edition {gains.edition}; {gains.method}.", *gains.notes)
