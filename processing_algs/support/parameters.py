"""The parameter groups several algorithms share, each declared once with its help text
(see :mod:`.inputs`), and the single parameters every algorithm declares the same way.

Keys are the public scripting contract: one meaning per key across algorithms. Former
keys are kept as hidden aliases so scripts and models keep working (README: "Former
keys"). Labels are short (QGIS adds "[optional]" itself); what a parameter does, and what
happens when it is left empty, is in its help, shown as the tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .inputs import Input, Opened, Pick, add

if TYPE_CHECKING:
    from qgis.core import QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingFeedback

    from ...core.join import Lookup
    from ...core.scoring import ScoringScheme

EDITION = "EDITION"
SCORES = "SCORES"


ICS_LAYER = Input(
    "ICS",
    QT_TRANSLATE_NOOP("DsptParameters", "ICS layer (STP / ICB polygons)"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "The Integrated Care Systems: STP polygons for 2020/21, ICB polygons from July 2022. Every ICS of this "
        "layer gets a row in the output, with or without organisations.",
    ),
    "ICS layer",
    types=(QgsProcessing.TypeVectorPolygon,),
    picks=(
        Pick(
            "ICS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "ICS code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The field holding each ICS's code, the same kind of code the organisations carry (ONS E54... "
                "codes, or ODS codes such as QHM). Each ICS must be one feature.",
            ),
            "ICS code",
            required=True,
            code=True,
        ),
    ),
)


@dataclass(frozen=True)
class Side:
    """One side of the method (commissioners or trusts): its input and its picks' keys."""

    input: Input
    role: str  # "commissioner" / "trust": how messages name one organisation
    ics_field: str
    status_field: str
    code_field: str

    @property
    def key(self) -> str:
        return self.input.key


def _side(key: str, prefix: str, role: str, label: str, what: str, *, ics_optional: bool) -> Side:
    ics_help = (
        QT_TRANSLATE_NOOP(
            "DsptParameters",
            "The field holding each organisation's ICS code. Leave it empty when the layer has points: "
            "each is then placed in the ICS polygon containing it (reprojected as needed).",
        )
        if ics_optional
        else QT_TRANSLATE_NOOP("DsptParameters", "The field holding each organisation's ICS code.")
    )
    picks = (
        Pick(
            f"{prefix}_ICS_FIELD",
            (QT_TRANSLATE_NOOP("DsptParameters", "{}: ICS code field"), label),
            ics_help,
            "ICS code",
            required=not ics_optional,
        ),
        Pick(
            f"{prefix}_STATUS_FIELD",
            (QT_TRANSLATE_NOOP("DsptParameters", "{}: status field"), label),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The field holding the DSPT status ('Standards Met' or '20/21 Standards Met'); empty means the "
                "field called status.",
            ),
            "status",
            default="status",
        ),
        Pick(
            f"{prefix}_CODE_FIELD",
            (QT_TRANSLATE_NOOP("DsptParameters", "{}: organisation code field"), label),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The field holding each organisation's ODS code, used to report and de-duplicate organisations; "
                "empty means the field called code.",
            ),
            "organisation code",
            default="code",
            advanced=True,
            code=True,
        ),
    )
    help_text = QT_TRANSLATE_NOOP(
        "DsptParameters",
        "The {}: a table or layer with a code and a DSPT status per organisation, usually from "
        "'Import DSPT status export' or 'Join DSPT status to organisations'. A missing status counts "
        "as Not Published.",
    )
    return Side(
        Input(
            key,
            (QT_TRANSLATE_NOOP("DsptParameters", "{} with status"), label),
            (help_text, what),
            label.lower(),
            picks=picks,
        ),
        role,
        *(p.key for p in picks),
    )


COMMISSIONER_SIDE = _side(
    "COMMISSIONERS",
    "COMMISSIONER",
    "commissioner",
    QT_TRANSLATE_NOOP("DsptParameters", "Commissioners"),
    QT_TRANSLATE_NOOP("DsptParameters", "commissioners (CCGs, sub-ICB locations or ICBs)"),
    ics_optional=False,
)
TRUST_SIDE = _side(
    "TRUSTS",
    "TRUST",
    "trust",
    QT_TRANSLATE_NOOP("DsptParameters", "Trusts"),
    QT_TRANSLATE_NOOP("DsptParameters", "NHS trusts"),
    ics_optional=True,
)

#: The output of 'ICS composite score': the ICS polygons with their composite.
COMPOSITE_LAYER = Input(
    "COMPOSITE",
    QT_TRANSLATE_NOOP("DsptParameters", "ICS composite"),
    QT_TRANSLATE_NOOP("DsptParameters", "The output of 'ICS composite score'."),
    "ICS composite",
    types=(QgsProcessing.TypeVectorPolygon,),
    picks=(
        Pick(
            "ICS_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "ICS code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters", "The field the composite was computed on; each ICS one feature."
            ),
            "ICS code",
            required=True,
            code=True,
        ),
        Pick(
            "ICS_NAME_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "ICS name field"),
            QT_TRANSLATE_NOOP("DsptParameters", "Shown in labels and the table."),
            "ICS name",
        ),
    ),
)
#: A population table read by ICS or by commissioner: the value field has one key in both.
POPULATION_VALUE = Pick(
    "POPULATION_VALUE_FIELD",
    QT_TRANSLATE_NOOP("DsptParameters", "Population table: population field"),
    QT_TRANSLATE_NOOP("DsptParameters", "Whole people: registered patients or residents."),
    "population",
)


def population_table(
    code_pick: Pick, help_text: str, *, former_value_key: str | None = None
) -> Input:
    """An optional population table: a code field (``code_pick``) and the population."""
    value = (
        POPULATION_VALUE
        if former_value_key is None
        else Pick(
            POPULATION_VALUE.key,
            POPULATION_VALUE.label,
            POPULATION_VALUE.help,
            POPULATION_VALUE.role,
            aliases=(former_value_key,),
        )
    )
    return Input(
        "POPULATION",
        QT_TRANSLATE_NOOP("DsptParameters", "Population table"),
        help_text,
        "population table",
        optional=True,
        picks=(code_pick, value),
    )


def lookup(
    label: str, help_text: str, source_field: tuple[str, str], target_field: tuple[str, str]
) -> Input:
    """An optional code lookup: ``LOOKUP``, its ``LOOKUP_FROM`` field (the codes to
    translate) and ``LOOKUP_TO`` field (what they become), each (label, help)."""
    return Input(
        "LOOKUP",
        label,
        help_text,
        "lookup",
        optional=True,
        picks=(
            Pick("LOOKUP_FROM", *source_field, "'from' code", code=True),
            Pick("LOOKUP_TO", *target_field, "'to' code"),
        ),
    )


def read_lookup(opened: Opened | None, feedback: QgsProcessingFeedback) -> Lookup | None:
    """The core's lookup from a :func:`lookup` input (None when it was not given)."""
    from ...core.join import build_lookup

    if opened is None:
        return None
    source, target = opened.field("LOOKUP_FROM"), opened.field("LOOKUP_TO")
    return build_lookup(opened.read(feedback, [source, target]), source, target, source=opened.ref)


def add_edition(algorithm: QgsProcessingAlgorithm) -> None:
    """The DSPT edition whose statuses count."""
    add(
        algorithm,
        QgsProcessingParameterString(
            EDITION, QCoreApplication.translate("DsptParameters", "DSPT edition"), optional=True
        ),
        QCoreApplication.translate(
            "DsptParameters",
            "Only this edition's statuses count, e.g. 20/21 or 2022-23. Empty: the edition of an imported table "
            "(its edition field), else the newest edition among the statuses. A status of another edition counts "
            "as Not Published, and the log says how many.",
        ),
        advanced=True,
    )


def add_scores(algorithm: QgsProcessingAlgorithm) -> None:
    """A scoring scheme other than the published one."""
    from ...core.published_method import describe_scores

    add(
        algorithm,
        QgsProcessingParameterString(
            SCORES, QCoreApplication.translate("DsptParameters", "Scores"), optional=True
        ),
        QCoreApplication.translate(
            "DsptParameters",
            "Change the scoring, e.g. 'Not Published=-4', or score a status of a newer toolkit, e.g. "
            "'Achieved=3'. Empty: the published scores ({scores}).",
        ).format(scores=describe_scores()),
        advanced=True,
    )


@dataclass(frozen=True)
class MethodOptions:
    """The method's choices of one run (the Scores, the DSPT edition), read before any
    input is: a mistyped one stops the run at once, not after every layer is read and every
    point placed. An algorithm without such a parameter gets the published scores and no
    edition."""

    scheme: ScoringScheme
    edition: str | None


def method_options(
    algorithm: QgsProcessingAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> MethodOptions:
    """The run's :class:`MethodOptions`, each checked (Scores parsed, the edition read as
    ``YY/YY``)."""
    from ...core.scoring import DEFAULT_SCHEME, ScoringScheme
    from ...core.statuses import normalise_edition

    def text(key: str) -> str:
        if algorithm.parameterDefinition(key) is None:
            return ""
        return algorithm.parameterAsString(parameters, key, context).strip()

    scores, edition = text(SCORES), text(EDITION)
    return MethodOptions(
        scheme=ScoringScheme.from_text(scores) if scores else DEFAULT_SCHEME,
        edition=normalise_edition(edition) if edition else None,
    )


def add_html_output(algorithm: QgsProcessingAlgorithm, key: str, help_text: str) -> None:
    """An optional self-contained HTML page, not written unless asked for."""
    add(
        algorithm,
        QgsProcessingParameterFileDestination(
            key,
            QCoreApplication.translate("DsptParameters", "HTML report"),
            QCoreApplication.translate("DsptParameters", "HTML files (*.html)"),
            optional=True,
            createByDefault=False,
        ),
        help_text,
    )


def add_table_output(
    algorithm: QgsProcessingAlgorithm, key: str, label: str, help_text: str
) -> None:
    """An optional table output, not created unless asked for (reports of what was left out)."""
    add(
        algorithm,
        QgsProcessingParameterFeatureSink(
            key, label, QgsProcessing.TypeVector, optional=True, createByDefault=False
        ),
        help_text,
    )


def add_choice(
    algorithm: QgsProcessingAlgorithm,
    key: str,
    label: str,
    options: tuple[tuple[str, str], ...],
    help_text: str,
    *,
    advanced: bool = False,
) -> None:
    """A choice among ``options`` ((core value, label) pairs; the first is the default),
    read with :func:`choice_of`."""
    labels = [algorithm.tr(text) for _, text in options]
    add(
        algorithm,
        QgsProcessingParameterEnum(key, label, labels, defaultValue=0),
        help_text,
        advanced=advanced,
    )


def choice_of(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    key: str,
    context: QgsProcessingContext,
    options: tuple[tuple[str, str], ...],
) -> str:
    """The core value of the option chosen in ``key``."""
    return options[algorithm.parameterAsEnum(parameters, key, context)][0]


def add_sink(
    algorithm: QgsProcessingAlgorithm,
    key: str,
    label: str,
    help_text: str,
    kind: int = QgsProcessing.TypeVectorAnyGeometry,
) -> None:
    """The main feature output of an algorithm."""
    add(algorithm, QgsProcessingParameterFeatureSink(key, label, kind), help_text)
