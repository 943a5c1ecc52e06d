"""What an ICS composite is computed from, declared and read in one place: the commissioners
(with their population, or a population table), the trusts (with their EPRR tier or
weight) and the method's choices (the commissioners' share, how trusts are weighted, an ICS
missing a side).

Every algorithm that computes from a composite's inputs takes them through this module
(``dspt:icscomposite``, ``dspt:improvementgains``), so the same keys, labels, defaults and
reading give the same composite: what one run computed, another can check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core.published_method import DEFAULT_COMMISSIONER_SHARE, format_tier_weights
from .inputs import Input, Pick, add, picked_list
from .organisations import IcsLayer, read_side
from .parameters import (
    COMMISSIONER_SIDE,
    POPULATION_VALUE,
    TRUST_SIDE,
    MethodOptions,
    add_choice,
    choice_of,
    population_table,
)

if TYPE_CHECKING:
    from ...core.component import Component
    from ...core.composite import CompositeRequest
    from ...core.weights import Weighting

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
#: Fields of the commissioners' input holding other populations to rank the ICSs by.
OTHER_POPULATIONS = "COMMISSIONER_OTHER_POPULATION_FIELDS"

TRUST_WEIGHT_TYPE = "TRUST_WEIGHT_TYPE"
TIER_WEIGHTS = "TIER_WEIGHTS"
COMMISSIONER_SHARE = "COMMISSIONER_SHARE"
MISSING_COMPONENT = "MISSING_COMPONENT"
#: Enum options: (core value, label), in the order the dialog lists them.
WEIGHT_TYPES = (
    ("tier", "EPRR tier (1-4, mapped to weights)"),
    ("weight", "Weight (used as it is)"),
)
MISSING_RULES = (
    ("null", "Leave the composite empty (NULL) and say why"),
    ("use_available", "Use the side the ICS has"),
)


@dataclass(frozen=True)
class CompositeOptions(MethodOptions):
    """The composite's choices: the core's request (share, missing side, scores,
    edition; the ICS codes added once the ICS layer is read) and how trusts are weighted."""

    request: CompositeRequest
    trust_weighting: Weighting
    tier_weights: Mapping[int, float]


@dataclass(frozen=True)
class CompositeSides:
    """The composite's two sides as the core takes them, notes for the log (a population
    table's rows matching no commissioner), the fields of the commissioners' table holding
    the other populations given to rank by, and the fields picked for an algorithm's own
    additions to the groups, by key (None: not picked)."""

    commissioners: Component
    trusts: Component
    notes: tuple[str, ...]
    other_populations: tuple[str, ...] = ()
    picked: Mapping[str, str | None] = dataclasses.field(default_factory=dict)

    @property
    def tier_field(self) -> str | None:
        """The trusts' EPRR tier field, when they are weighted by tier."""
        from ...core.weights import Weighting

        return self.trusts.weight_field if self.trusts.weighting is Weighting.TIER else None


def declare_sides(
    algorithm: QgsProcessingAlgorithm,
    commissioners: Input = COMMISSIONER_INPUT,
    trusts: Input = TRUST_INPUT,
    *,
    other_populations: bool = False,
) -> None:
    """The commissioners, their population table (and, with ``other_populations``, the
    other populations to rank by), the trusts: in dialog order. ``commissioners`` and
    ``trusts``: the groups, or the same with fields of an algorithm's own added."""
    commissioners.declare(algorithm)
    POPULATION_TABLE.declare(algorithm)
    if other_populations:
        add(
            algorithm,
            QgsProcessingParameterField(
                OTHER_POPULATIONS,
                QCoreApplication.translate(
                    "DsptParameters", "Commissioners: other populations to rank by"
                ),
                parentLayerParameterName=COMMISSIONER_SIDE.key,
                type=QgsProcessingParameterField.Numeric,
                allowMultiple=True,
                optional=True,
            ),
            QCoreApplication.translate(
                "DsptParameters",
                "Fields of the commissioners holding other populations (e.g. ONS residents beside "
                "GP registered patients). The composite is as chosen; each ICS is also ranked with "
                "the commissioners weighted by each of these, and simply, and the trusts simply and "
                "by EPRR tier: rank_best and rank_worst say how far its rank depends on the method.",
            ),
            advanced=True,
        )
    trusts.declare(algorithm)


def declare_method_options(algorithm: QgsProcessingAlgorithm) -> None:
    """How trusts are weighted, the commissioners' share, and an ICS missing a side."""
    add_choice(
        algorithm,
        TRUST_WEIGHT_TYPE,
        QCoreApplication.translate("DsptParameters", "Trusts: the weight field holds"),
        WEIGHT_TYPES,
        QCoreApplication.translate(
            "DsptParameters",
            "EPRR tiers 1-4 (weighted through the tier weights) or weights used as they are.",
        ),
        advanced=True,
    )
    add(
        algorithm,
        QgsProcessingParameterString(
            TIER_WEIGHTS,
            QCoreApplication.translate("DsptParameters", "EPRR tier weights"),
            defaultValue=format_tier_weights(),
        ),
        QCoreApplication.translate(
            "DsptParameters",
            "tier=weight pairs; each tier once, each weight above 0. Published: {tiers}.",
        ).format(tiers=format_tier_weights()),
        advanced=True,
    )
    add(
        algorithm,
        QgsProcessingParameterNumber(
            COMMISSIONER_SHARE,
            QCoreApplication.translate("DsptParameters", "Commissioner share of the composite"),
            QgsProcessingParameterNumber.Double,
            DEFAULT_COMMISSIONER_SHARE,
            minValue=0.0,
            maxValue=1.0,
        ),
        QCoreApplication.translate(
            "DsptParameters", "The trusts' share is the rest. Published: {}."
        ).format(DEFAULT_COMMISSIONER_SHARE),
    )
    add_choice(
        algorithm,
        MISSING_COMPONENT,
        QCoreApplication.translate(
            "DsptParameters", "When an ICS has no trusts or no commissioners"
        ),
        MISSING_RULES,
        QCoreApplication.translate(
            "DsptParameters", "The published method leaves such an ICS without a composite."
        ),
        advanced=True,
    )


def read_method_options(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    method: MethodOptions,
) -> CompositeOptions:
    """The composite's choices (see :func:`declare_method_options`) with the method's
    own (``method``: scores and edition), read before any input."""
    from ...core.composite import CompositeRequest, MissingComponent
    from ...core.weights import Weighting, parse_tier_weights

    missing = choice_of(algorithm, parameters, MISSING_COMPONENT, context, MISSING_RULES)
    return CompositeOptions(
        scheme=method.scheme,
        edition=method.edition,
        request=CompositeRequest(
            commissioner_share=algorithm.parameterAsDouble(parameters, COMMISSIONER_SHARE, context),
            scheme=method.scheme,
            missing=MissingComponent(missing),
            edition=method.edition,
        ),
        trust_weighting=Weighting(
            choice_of(algorithm, parameters, TRUST_WEIGHT_TYPE, context, WEIGHT_TYPES)
        ),
        tier_weights=parse_tier_weights(
            algorithm.parameterAsString(parameters, TIER_WEIGHTS, context)
        ),
    )


def read_sides(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    ics: IcsLayer,
    options: CompositeOptions,
    *,
    commissioners: Input = COMMISSIONER_INPUT,
    trusts: Input = TRUST_INPUT,
) -> CompositeSides:
    """Both sides weighted as chosen (see :func:`declare_sides`); every field picked in
    ``commissioners`` and ``trusts`` beyond the groups' own is read as well."""
    side_c = commissioners.open(algorithm, parameters, context)
    others = tuple(
        side_c.require(name, "population")
        for name in (
            picked_list(algorithm, parameters, OTHER_POPULATIONS, context)
            if algorithm.parameterDefinition(OTHER_POPULATIONS) is not None
            else []
        )
    )
    own_c = _own_picks(side_c.fields, COMMISSIONER_INPUT)
    read_c = read_side(
        side_c,
        COMMISSIONER_SIDE,
        ics,
        feedback,
        weight_key=COMMISSIONER_POPULATION.key,
        extra=(*own_c.values(), *others),
    )
    weighted, notes = _with_population(algorithm, parameters, context, feedback, read_c)
    side_t = trusts.open(algorithm, parameters, context)
    own_t = _own_picks(side_t.fields, TRUST_INPUT)
    read_t = read_side(
        side_t, TRUST_SIDE, ics, feedback, weight_key=TRUST_WEIGHT.key, extra=tuple(own_t.values())
    )
    if read_t.weight_field is not None:
        read_t = dataclasses.replace(
            read_t, weighting=options.trust_weighting, tier_weights=options.tier_weights
        )
    return CompositeSides(weighted, read_t, notes, others, {**own_c, **own_t})


def _own_picks(fields: dict[str, str | None], group: Input) -> dict[str, str | None]:
    """The fields picked for an algorithm's own additions to ``group``, by key."""
    shared = {pick.key for pick in group.picks}
    return {key: field for key, field in fields.items() if key not in shared}


def _with_population(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    side: Component,
) -> tuple[Component, tuple[str, ...]]:
    """The commissioners weighted by their population field, else by the population
    table joined to them by code, else as they are (a simple mean)."""
    from ...core.population import PopulationTable, with_population
    from ...core.weights import Weighting

    if side.weight_field is not None:
        return dataclasses.replace(side, weighting=Weighting.POPULATION), ()
    table = POPULATION_TABLE.open_if_given(algorithm, parameters, context)
    if table is None:
        return side, ()
    code, value = table.field(POPULATION_TABLE.picks[0].key), table.field(POPULATION_VALUE.key)
    return with_population(
        side, PopulationTable(table.read(feedback, [code, value]), table.ref, code, value)
    )
