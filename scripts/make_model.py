"""Write the shipped Model Builder model ``dspt_qgis/models/dspt_method.model3``.

The model chains the whole method the way an analyst would in Model Builder: import the
export, join statuses to the commissioner boundaries, pick the trusts out with QGIS's own
"Extract by attribute", then the ICS composite, the trust proportions and the summary.
Built with the QGIS model API (not hand-written XML); rerun after changing parameters.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.core import (
    QgsProcessingModelChildParameterSource as Source,
)
from qgis.PyQt.QtCore import QPointF

MODEL_PATH = Path(__file__).resolve().parents[1] / "dspt_qgis" / "models" / "dspt_method.model3"


def build_model() -> QgsProcessingModelAlgorithm:
    """The import -> join -> composite -> proportions -> summary model."""
    model = QgsProcessingModelAlgorithm(
        "DSPT method (import to composite)", "DSPT compliance", "dspt_method"
    )
    model.setHelpContent(
        {
            "ALG_DESC": (
                "Runs the published DSPT method end to end: imports a DSPT export for one edition, "
                "joins the statuses to commissioner boundaries, and produces the ICS composite, the "
                "trust proportions per ICS and the summary of compliance by sector."
            )
        }
    )

    def parameter(definition, x):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
        model.parameterComponent(definition.name()).setPosition(QPointF(x, 60))

    parameter(QgsProcessingParameterFile("export", "DSPT status export (CSV or XLSX)"), 120)
    parameter(
        QgsProcessingParameterString("edition", "DSPT edition (e.g. 20/21)", defaultValue="20/21"),
        320,
    )
    parameter(
        QgsProcessingParameterFeatureSource(
            "commissioner_layer",
            "Commissioner boundaries (CCG / sub-ICB)",
            [QgsProcessing.TypeVectorPolygon],
        ),
        520,
    )
    parameter(
        QgsProcessingParameterField(
            "commissioner_code",
            "Commissioner boundaries: ODS code field",
            parentLayerParameterName="commissioner_layer",
        ),
        720,
    )
    parameter(
        QgsProcessingParameterField(
            "commissioner_ics",
            "Commissioner boundaries: ICS code field",
            parentLayerParameterName="commissioner_layer",
        ),
        920,
    )
    parameter(
        QgsProcessingParameterFeatureSource(
            "ics_layer", "ICS boundaries", [QgsProcessing.TypeVectorPolygon]
        ),
        1120,
    )
    parameter(
        QgsProcessingParameterField(
            "ics_code", "ICS boundaries: ICS code field", parentLayerParameterName="ics_layer"
        ),
        1320,
    )
    parameter(
        QgsProcessingParameterString(
            "trust_ics_field",
            "DSPT export: trusts' ICS code column (empty = place trust points)",
            defaultValue="STP20CD",
            optional=True,
        ),
        1520,
    )

    def child(child_id, algorithm, sources, outputs, y):
        step = QgsProcessingModelChildAlgorithm(algorithm)
        step.setChildId(child_id)
        step.setDescription(child_id.replace("_", " "))
        step.setPosition(QPointF(600, y))
        for name, source in sources.items():
            step.addParameterSources(name, [source])
        model_outputs = {}
        for output_name, label in outputs.items():
            output = QgsProcessingModelOutput(label)
            output.setChildId(child_id)
            output.setChildOutputName(output_name)
            model_outputs[label] = output
        step.setModelOutputs(model_outputs)
        model.addChildAlgorithm(step)

    param = Source.fromModelParameter
    static = Source.fromStaticValue
    child(
        "import",
        "dspt:importexport",
        {"INPUT": param("export"), "EDITION": param("edition")},
        {"OUTPUT": "DSPT statuses"},
        200,
    )
    child(
        "join",
        "dspt:joinstatus",
        {
            "INPUT": param("commissioner_layer"),
            "FIELD": param("commissioner_code"),
            "DSPT": Source.fromChildOutput("import", "OUTPUT"),
            "DSPT_FIELD": static("code"),
        },
        {"OUTPUT": "Commissioners with status", "UNMATCHED": "Unmatched organisations"},
        320,
    )
    child(
        "trusts",
        "native:extractbyattribute",
        {
            "INPUT": Source.fromChildOutput("import", "OUTPUT"),
            "FIELD": static("sector"),
            "OPERATOR": static(0),
            "VALUE": static("Trust"),
        },
        {},
        440,
    )
    child(
        "composite",
        "dspt:icscomposite",
        {
            "ICS": param("ics_layer"),
            "ICS_FIELD": param("ics_code"),
            "COMMISSIONERS": Source.fromChildOutput("join", "OUTPUT"),
            "COMMISSIONER_ICS_FIELD": param("commissioner_ics"),
            "TRUSTS": Source.fromChildOutput("trusts", "OUTPUT"),
            "TRUST_ICS_FIELD": param("trust_ics_field"),
            "COMMISSIONER_SHARE": static(0.5),
        },
        {"OUTPUT": "ICS composite"},
        560,
    )
    child(
        "proportions",
        "dspt:trustproportions",
        {
            "ICS": param("ics_layer"),
            "ICS_FIELD": param("ics_code"),
            "TRUSTS": Source.fromChildOutput("trusts", "OUTPUT"),
            "TRUST_ICS_FIELD": param("trust_ics_field"),
        },
        {"OUTPUT": "Trust compliance proportions"},
        680,
    )
    child(
        "summary",
        "dspt:summarytable",
        {"INPUT": Source.fromChildOutput("import", "OUTPUT")},
        {"OUTPUT": "Summary of compliance", "OUTPUT_HTML": "Summary report"},
        800,
    )
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
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(MODEL_PATH)):
        raise SystemExit(f"could not write {MODEL_PATH}")
    print(MODEL_PATH)


if __name__ == "__main__":
    main()
