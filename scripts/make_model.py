"""Write the shipped Model Builder model ``dspt_qgis/models/dspt_method.model3``.

The model chains the whole method the way an analyst would in Model Builder: import the
export; pick its commissioners and its trusts with QGIS's own "Extract by attribute";
join the commissioners' statuses to their boundaries; then the ICS composite (weighted
by a population table when one is given), the trust proportions and the summary. Built
with the QGIS model API (not hand-written XML); every child parameter gets a value (its
default when the model does not set it), so the model validates clean. Rerun after
changing an algorithm's parameters: ``python -m scripts.make_model``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.core import QgsProcessingModelChildParameterSource as Source
from qgis.PyQt.QtCore import QPointF

MODEL_PATH = Path(__file__).resolve().parents[1] / "dspt_qgis" / "models" / "dspt_method.model3"
MODEL_NAME = "DSPT method (import to ICS composite)"


def _inputs() -> list[tuple[QgsProcessingParameterDefinition, str]]:
    """Model inputs with their help, in the order the run dialog lists them (each layer
    before its fields)."""

    def field(
        name: str,
        label: str,
        parent: str,
        help_text: str,
        default: str | None = None,
        is_optional: bool = False,
    ) -> tuple[QgsProcessingParameterDefinition, str]:
        definition = QgsProcessingParameterField(
            name, label, defaultValue=default, parentLayerParameterName=parent, optional=is_optional
        )
        return definition, help_text

    population = QgsProcessingParameterFeatureSource(
        "population_table",
        "Population table (per commissioner)",
        [QgsProcessing.TypeVector],
        optional=True,
    )
    return [
        (
            QgsProcessingParameterFile("export", "DSPT status export (CSV or XLSX)"),
            "The DSPT export: the portal's CSV, a curated or snapshot file, or a workbook.",
        ),
        (
            QgsProcessingParameterString(
                "edition", "DSPT edition (e.g. 20/21)", defaultValue="20/21"
            ),
            "Only this edition's statuses count.",
        ),
        (
            QgsProcessingParameterFeatureSource(
                "commissioner_layer",
                "Commissioner boundaries (CCG / sub-ICB / ICB)",
                [QgsProcessing.TypeVectorPolygon],
            ),
            "The commissioners' polygons.",
        ),
        field(
            "commissioner_code",
            "Commissioner boundaries: ODS code field",
            "commissioner_layer",
            "The field with the ODS codes the export uses (e.g. CCG20CDH).",
        ),
        field(
            "commissioner_ics",
            "Commissioner boundaries: ICS code field",
            "commissioner_layer",
            "The field with each commissioner's ICS code, the same kind as the ICS layer's.",
        ),
        (
            population,
            "Optional: populations per commissioner (e.g. GP registered patients per CCG); "
            "without it commissioners are averaged simply.",
        ),
        field(
            "population_code",
            "Population table: commissioner code field",
            "population_table",
            "The same kind of code as the commissioner codes.",
            is_optional=True,
        ),
        field(
            "population_value",
            "Population table: population field",
            "population_table",
            "Registered patients or residents.",
            is_optional=True,
        ),
        (
            QgsProcessingParameterFeatureSource(
                "ics_layer", "ICS boundaries (STP / ICB)", [QgsProcessing.TypeVectorPolygon]
            ),
            "The ICS polygons.",
        ),
        field(
            "ics_code",
            "ICS boundaries: ICS code field",
            "ics_layer",
            "The field with each ICS's code.",
        ),
        (
            QgsProcessingParameterString(
                "trust_ics_field", "DSPT export: trusts' ICS code column", defaultValue="STP20CD"
            ),
            "The export's column holding each trust's ICS code (STP20CD in the 2020/21 curated file, "
            "High Level Health Geography in the 2022/23 snapshots).",
        ),
    ]


def build_model() -> QgsProcessingModelAlgorithm:
    """The import -> extract -> join -> composite -> proportions -> summary model."""
    model = QgsProcessingModelAlgorithm(MODEL_NAME, "DSPT compliance", "analysis")
    inputs = _inputs()
    model.setHelpContent(
        {
            "ALG_DESC": (
                "Runs the published DSPT method end to end: imports a DSPT export for one edition, "
                "joins the commissioners' statuses to their boundaries, and produces the ICS "
                "composite, the trust proportions per ICS and the summary of compliance by sector."
            ),
            **{definition.name(): help_text for definition, help_text in inputs},
        }
    )
    for column, (definition, _) in enumerate(inputs):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
        model.parameterComponent(definition.name()).setPosition(
            QPointF(120 + 200 * (column % 6), 60 + 90 * (column // 6))
        )
    model.setParameterOrder([definition.name() for definition, _ in inputs])

    param, static, output_of = (
        Source.fromModelParameter,
        Source.fromStaticValue,
        Source.fromChildOutput,
    )
    steps: list[tuple[str, str, str, dict[str, Any], dict[str, str]]] = [
        (
            "import",
            "Import the DSPT export",
            "dspt:importexport",
            {"INPUT": param("export"), "EDITION": param("edition")},
            {"OUTPUT": "DSPT statuses"},
        ),
        (
            "commissioners",
            "Commissioners of the export",
            "native:extractbyattribute",
            {
                "INPUT": output_of("import", "OUTPUT"),
                "FIELD": static("sector"),
                "OPERATOR": static(0),
                "VALUE": static("Commissioner"),
            },
            {},
        ),
        (
            "trusts",
            "Trusts of the export",
            "native:extractbyattribute",
            {
                "INPUT": output_of("import", "OUTPUT"),
                "FIELD": static("sector"),
                "OPERATOR": static(0),
                "VALUE": static("Trust"),
            },
            {},
        ),
        (
            "join",
            "Join commissioner statuses to boundaries",
            "dspt:joinstatus",
            {
                "INPUT": param("commissioner_layer"),
                "FIELD": param("commissioner_code"),
                "DSPT": output_of("commissioners", "OUTPUT"),
                "DSPT_FIELD": static("code"),
                "EDITION": param("edition"),
            },
            {"OUTPUT": "Commissioners with status", "UNMATCHED": "Commissioners not joined"},
        ),
        (
            "composite",
            "ICS composite score",
            "dspt:icscomposite",
            {
                "ICS": param("ics_layer"),
                "ICS_FIELD": param("ics_code"),
                "COMMISSIONERS": output_of("join", "OUTPUT"),
                "COMMISSIONER_ICS_FIELD": param("commissioner_ics"),
                "POPULATION": param("population_table"),
                "POPULATION_CODE_FIELD": param("population_code"),
                "POPULATION_VALUE_FIELD": param("population_value"),
                "TRUSTS": output_of("trusts", "OUTPUT"),
                "TRUST_ICS_FIELD": param("trust_ics_field"),
                "EDITION": param("edition"),
            },
            {"OUTPUT": "ICS composite", "UNMATCHED": "Organisations not counted"},
        ),
        (
            "proportions",
            "Trust proportions per ICS",
            "dspt:trustproportions",
            {
                "ICS": param("ics_layer"),
                "ICS_FIELD": param("ics_code"),
                "TRUSTS": output_of("trusts", "OUTPUT"),
                "TRUST_ICS_FIELD": param("trust_ics_field"),
                "EDITION": param("edition"),
            },
            {"OUTPUT": "Trust compliance proportions"},
        ),
        (
            "summary",
            "Summary by sector",
            "dspt:summarytable",
            {"INPUT": output_of("import", "OUTPUT"), "EDITION": param("edition")},
            {"OUTPUT": "Summary of compliance", "OUTPUT_HTML": "Summary report"},
        ),
    ]
    registry = QgsApplication.processingRegistry()
    for row, (child_id, description, algorithm_id, sources, outputs) in enumerate(steps):
        step = QgsProcessingModelChildAlgorithm(algorithm_id)
        step.setChildId(child_id)
        step.setDescription(description)
        step.setPosition(QPointF(600, 300 + 130 * row))
        algorithm = registry.algorithmById(algorithm_id)
        if algorithm is None:
            raise SystemExit(f"{algorithm_id} is not registered; cannot build the model")
        for definition in algorithm.parameterDefinitions():
            if definition.isDestination():
                continue
            if definition.name() in sources:
                step.addParameterSources(definition.name(), [sources[definition.name()]])
            elif definition.defaultValue() is not None:
                step.addParameterSources(definition.name(), [static(definition.defaultValue())])
        model_outputs = {}
        for index, (output_name, label) in enumerate(outputs.items()):
            output = QgsProcessingModelOutput(label, label)
            output.setChildId(child_id)
            output.setChildOutputName(output_name)
            output.setPosition(QPointF(900, 300 + 130 * row + 40 * index))
            model_outputs[label] = output
        step.setModelOutputs(model_outputs)
        model.addChildAlgorithm(step)
    return model


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    from dspt_qgis.processing_algs.provider import DsptProvider

    Processing.initialize()
    provider = DsptProvider()  # keep a reference: the registry does not own Python objects
    QgsApplication.processingRegistry().addProvider(provider)
    model = build_model()
    ok, messages = model.validate()
    if not ok or messages:
        raise SystemExit("The model does not validate:\n" + "\n".join(messages))
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(MODEL_PATH)):
        raise SystemExit(f"could not write {MODEL_PATH}")
    print(MODEL_PATH)
    del app


if __name__ == "__main__":
    main()
