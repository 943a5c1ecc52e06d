"""Parameter groups several algorithms declare the same way, each with its help text.

Keys are the public scripting contract. Labels are short (QGIS adds "[optional]" itself);
what a parameter does, and what happens when it is left empty, is in its help, shown as
the parameter's tooltip and in the scripting documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

if TYPE_CHECKING:
    from qgis.core import QgsProcessingContext

    from dspt_qgis.core.scoring import ScoringScheme
    from dspt_qgis.processing_algs.support.algorithm import DsptAlgorithm

CONTEXT = "DsptParameters"


def tr(text: str) -> str:
    """Translate in the shared parameters' context."""
    return QCoreApplication.translate(CONTEXT, text)


def add(
    algorithm: DsptAlgorithm,
    parameter: QgsProcessingParameterDefinition,
    help_text: str,
    *,
    advanced: bool = False,
) -> QgsProcessingParameterDefinition:
    """Add ``parameter`` with its help; ``advanced`` folds it under "Advanced parameters"."""
    parameter.setHelp(help_text)
    if advanced:
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    algorithm.addParameter(parameter)
    return parameter


def field(
    algorithm: DsptAlgorithm,
    key: str,
    label: str,
    parent: str,
    help_text: str,
    *,
    default: str | None = None,
    optional: bool = True,
    advanced: bool = False,
) -> None:
    """A field of the layer ``parent`` (any type: a CSV read by GDAL holds numbers as
    text, and the core checks every number itself)."""
    add(
        algorithm,
        QgsProcessingParameterField(
            key,
            label,
            defaultValue=default,
            parentLayerParameterName=parent,
            type=QgsProcessingParameterField.Any,
            optional=optional,
        ),
        help_text,
        advanced=advanced,
    )


@dataclass(frozen=True)
class SideKeys:
    """The parameter keys of one side of the method (commissioners or trusts)."""

    layer: str
    ics_field: str
    code_field: str
    status_field: str
    label: str  # "Commissioners" / "Trusts"
    role: str  # "commissioner" / "trust"


COMMISSIONER_KEYS = SideKeys(
    "COMMISSIONERS",
    "COMMISSIONER_ICS_FIELD",
    "COMMISSIONER_CODE_FIELD",
    "COMMISSIONER_STATUS_FIELD",
    "Commissioners",
    "commissioner",
)
TRUST_KEYS = SideKeys(
    "TRUSTS", "TRUST_ICS_FIELD", "TRUST_CODE_FIELD", "TRUST_STATUS_FIELD", "Trusts", "trust"
)

ICS = "ICS"
ICS_FIELD = "ICS_FIELD"
EDITION = "EDITION"
SCORES = "SCORES"


def add_ics(algorithm: DsptAlgorithm) -> None:
    """The ICS (STP / ICB) polygons and their code field."""
    add(
        algorithm,
        QgsProcessingParameterFeatureSource(
            ICS, tr("ICS layer (STP / ICB polygons)"), [QgsProcessing.TypeVectorPolygon]
        ),
        tr("The Integrated Care Systems: STP polygons for 2020/21, ICB polygons from July 2022. "
           "Every ICS of this layer gets a row in the output, with or without organisations."),
    )
    field(
        algorithm,
        ICS_FIELD,
        tr("ICS code field"),
        ICS,
        tr("The field holding each ICS's code, the same kind of code the organisations carry "
           "(ONS E54... codes, or ODS codes such as QHM)."),
        optional=False,
    )


def add_side(algorithm: DsptAlgorithm, keys: SideKeys, *, ics_optional: bool) -> None:
    """A side's layer and its ICS code, status and code fields."""
    what = {
        "commissioner": tr("commissioners (CCGs, sub-ICB locations or ICBs)"),
        "trust": tr("NHS trusts"),
    }[keys.role]
    add(
        algorithm,
        QgsProcessingParameterFeatureSource(
            keys.layer, tr("{} with status").format(tr(keys.label)), [QgsProcessing.TypeVector]
        ),
        tr("The {}: a table or layer with a code and a DSPT status per organisation, usually "
           "from 'Import DSPT status export' or 'Join DSPT status to organisations'. A missing "
           "status counts as Not Published.").format(what),
    )
    if ics_optional:
        ics_help = tr("The field holding each organisation's ICS code. Leave it empty when the "
                      "layer has points: each is then placed in the ICS polygon containing it "
                      "(reprojected as needed).")
    else:
        ics_help = tr("The field holding each organisation's ICS code.")
    field(
        algorithm,
        keys.ics_field,
        tr("{}: ICS code field").format(tr(keys.label)),
        keys.layer,
        ics_help,
        optional=ics_optional,
    )
    field(
        algorithm,
        keys.status_field,
        tr("{}: status field").format(tr(keys.label)),
        keys.layer,
        tr("The field holding the DSPT status ('Standards Met' or '20/21 Standards Met'); "
           "empty means the field called status."),
        default="status",
    )
    field(
        algorithm,
        keys.code_field,
        tr("{}: organisation code field").format(tr(keys.label)),
        keys.layer,
        tr("The field holding each organisation's ODS code, used to report and de-duplicate "
           "organisations; empty means the field called code."),
        default="code",
        advanced=True,
    )


def add_edition(algorithm: DsptAlgorithm) -> None:
    """The DSPT edition whose statuses count."""
    add(
        algorithm,
        QgsProcessingParameterString(EDITION, tr("DSPT edition"), optional=True),
        tr("Only this edition's statuses count, e.g. 20/21 or 2022-23. Empty: the edition of "
           "an imported table (its edition field), else the newest edition among the statuses. "
           "A status of another edition counts as Not Published, and the log says how many."),
        advanced=True,
    )


def add_scores(algorithm: DsptAlgorithm) -> None:
    """A scoring scheme other than the published one."""
    add(
        algorithm,
        QgsProcessingParameterString(SCORES, tr("Scores"), optional=True),
        tr("Change the scoring, e.g. 'Not Published=-4', or score a status of a newer toolkit, "
           "e.g. 'Achieved=3'. Empty: the published scores ({scores}).").format(
            scores=_published_scores()
        ),
        advanced=True,
    )


def scheme_of(algorithm: DsptAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext) -> ScoringScheme:
    """The scoring scheme the analyst gave in Scores, else the published one."""
    from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme

    scores = algorithm.parameterAsString(parameters, SCORES, context).strip()
    return ScoringScheme.from_text(scores) if scores else DEFAULT_SCHEME


def add_html_output(algorithm: DsptAlgorithm, key: str, help_text: str) -> None:
    """An optional self-contained HTML page, not written unless asked for."""
    add(
        algorithm,
        QgsProcessingParameterFileDestination(
            key, tr("HTML report"), tr("HTML files (*.html)"), optional=True, createByDefault=False
        ),
        help_text,
    )


def add_table_output(algorithm: DsptAlgorithm, key: str, label: str, help_text: str) -> None:
    """An optional table output, not created unless asked for (reports of what was left out)."""
    add(
        algorithm,
        QgsProcessingParameterFeatureSink(
            key, label, QgsProcessing.TypeVector, optional=True, createByDefault=False
        ),
        help_text,
    )


def _published_scores() -> str:
    from dspt_qgis.core.published_method import describe_scores

    return describe_scores()
