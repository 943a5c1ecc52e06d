"""``dspt:trustproportions`` — trust statuses per ICS as counts, proportions and pie charts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_ANALYSIS, DsptAlgorithm, check_cancel
from .support.diagnostics import log_account, write_account
from .support.ics_layer import write_ics_layer
from .support.inputs import Pick, add
from .support.organisations import read_ics, read_side
from .support.parameters import (
    EDITION,
    ICS_LAYER,
    POPULATION_VALUE,
    SCORES,
    TRUST_SIDE,
    add_edition,
    add_scores,
    add_table_output,
    population_table,
)
from .support.styles import PROPORTIONS_STYLE
from .support.transaction import Outputs

if TYPE_CHECKING:
    import pandas as pd


#: Populations summed per ICS; its value field's former key here was POPULATION_FIELD.
POPULATION_TABLE = population_table(
    Pick(
        "POPULATION_ICS_FIELD",
        QT_TRANSLATE_NOOP("DsptParameters", "Population table: ICS code field"),
        QT_TRANSLATE_NOOP("DsptParameters", "The same kind of code as the ICS layer's code field."),
        "ICS code",
        code=True,
    ),
    QT_TRANSLATE_NOOP(
        "DsptParameters", "Rows with an ICS code and a population, summed per ICS to shade the map."
    ),
    former_value_key="POPULATION_FIELD",
)


class TrustProportionsAlgorithm(DsptAlgorithm):
    """Per ICS: how many trusts are in each status, and the ICS's patient population."""

    ICS = ICS_LAYER.key
    ICS_FIELD = ICS_LAYER.picks[0].key
    TRUSTS = TRUST_SIDE.key
    TRUST_ICS_FIELD = TRUST_SIDE.ics_field
    TRUST_CODE_FIELD = TRUST_SIDE.code_field
    TRUST_STATUS_FIELD = TRUST_SIDE.status_field
    POPULATION = POPULATION_TABLE.key
    POPULATION_ICS_FIELD = POPULATION_TABLE.picks[0].key
    POPULATION_VALUE_FIELD = POPULATION_VALUE.key
    EDITION = EDITION
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "trustproportions"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(
        "TrustProportionsAlgorithm", "Trust compliance proportions per ICS"
    )
    GROUP = GROUP_ANALYSIS
    TAGS = "proportions,pie chart,trust,population,ICS,ICB"
    HELP = QT_TRANSLATE_NOOP(
        "TrustProportionsAlgorithm",
        "Counts the trusts of each ICS in each DSPT status and maps them as pie charts over the "
        "ICSs shaded by patient population (darker blue = more patients), as in the published "
        "'CCGs and Proportions of Trusts Compliance' map.<br><br>"
        "<b>ICS layer</b>: the ICS (STP / ICB) polygons. <b>Trusts</b>: a table or point layer "
        "with code and status; leave the trusts' ICS field empty to place each trust point in the "
        "ICS polygon containing it. A missing status, or a status of another edition, counts as "
        "Not Published. <b>Population table</b>: rows with an ICS code and a population (e.g. GP "
        "registered patients per CCG with its STP code); they are summed per ICS. Without it the "
        "ICSs are shaded by number of trusts.<br><br>"
        "<b>Output</b>: the ICS polygons with n_exceeded, n_met, n_approaching, n_not_met, "
        "n_not_published, n_trusts, the proportions p_* (0-1), population and "
        "proportions_edition (the edition counted). <b>Trusts not counted</b>: each with the "
        "reason. A trust point in two ICS polygons (on their border, where they overlap, or a "
        "multipoint in two ICSs) stops the run naming it.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        ICS_LAYER.declare(self)
        TRUST_SIDE.input.declare(self)
        POPULATION_TABLE.declare(self)
        add_edition(self)
        add_scores(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Trust compliance proportions"),
                QgsProcessing.TypeVectorPolygon,
            ),
            self.tr("The ICS polygons with counts and shares per status, and the population."),
        )
        add_table_output(
            self,
            self.UNMATCHED,
            self.tr("Trusts not counted"),
            self.tr("Every trust left out of the counts, with the reason."),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.proportions import (
            EDITION_FIELD,
            POPULATION_FIELD,
            ProportionsRequest,
            trust_proportions,
        )

        steps = QgsProcessingMultiStepFeedback(3, feedback)
        ics = read_ics(self, parameters, context)
        trusts = read_side(TRUST_SIDE.input.open(self, parameters, context), TRUST_SIDE, ics, steps)
        steps.setCurrentStep(1)
        check_cancel(feedback)
        scheme = self.options.scheme
        result = trust_proportions(
            trusts,
            ProportionsRequest(groups=ics.codes, scheme=scheme, edition=self.options.edition),
        )
        table = result.table
        population, notes = self._population(parameters, context, steps, table["ics"])
        table[POPULATION_FIELD] = (
            table["ics"].map(population) if population is not None else float("nan")
        )
        log_account(
            result.diagnostics,
            (*result.notes, *notes),
            feedback,
            report_key=self.UNMATCHED,
            outputs=outputs,
        )
        steps.setCurrentStep(2)
        columns = [*result.count_fields, *result.share_fields, POPULATION_FIELD, EDITION_FIELD]
        write_ics_layer(outputs, self.OUTPUT, ics, table, columns, steps)
        if population is None:
            feedback.pushInfo(
                self.tr("No population table: the ICSs are shaded by number of trusts.")
            )
        outputs.style(
            self.OUTPUT,
            PROPORTIONS_STYLE,
            self.tr("Trust compliance proportions"),
            shade_field=POPULATION_FIELD if population is not None else "n_trusts",
            scores=dict(scheme.scores),
        )
        write_account(outputs, self.UNMATCHED, result.diagnostics, steps, only_not_used=True)

    def _population(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        ics_codes: pd.Series,
    ) -> tuple[pd.Series | None, tuple[str, ...]]:
        """Population per ICS code from the optional table (None when not given)."""
        from ..core.weights import totals_by_group

        table = POPULATION_TABLE.open_if_given(self, parameters, context)
        if table is None:
            return None, ()
        ics_field, value_field = (
            table.field(self.POPULATION_ICS_FIELD),
            table.field(self.POPULATION_VALUE_FIELD),
        )
        totals = totals_by_group(
            table.read(feedback, [ics_field, value_field]),
            group_field=ics_field,
            value_field=value_field,
            source=table.ref,
        )
        outside = sorted(set(totals.index) - set(ics_codes))
        notes: tuple[str, ...] = ()
        if outside:
            notes = (
                f"{table.ref}: population rows for ICS codes not in the ICS layer were left out: "
                f"{', '.join(outside[:20])}",
            )
        return totals, notes
