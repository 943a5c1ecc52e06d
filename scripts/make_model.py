"""Write the shipped Model Builder model ``dspt_qgis/models/dspt_method.model3`` from the
2020/21 recipe (:mod:`dspt_qgis.pipeline.recipes`).

The model carries out the recipe's steps the way an analyst would in Model Builder, with
the recipe's files as model inputs and its fields as their defaults: import the export;
pick its commissioners and its trusts with QGIS's own "Extract by attribute"; join the
commissioners' statuses to their boundaries; then the ICS composite (weighted by a
population table when one is given), the trust proportions and the summary. A recipe
the model cannot express (several exports, ODS membership, a crosswalk) is refused.
Built with the QGIS model API (not hand-written XML); every child parameter gets a value
(its default when the model does not set it), so the model validates clean. Rerun after
changing an algorithm's parameters: ``python -m scripts.make_model``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dspt_qgis.pipeline.recipes import BY_SECTOR, Population, Recipe, recipe_for

MODEL_PATH = Path(__file__).resolve().parents[1] / "dspt_qgis" / "models" / "dspt_method.model3"
MODEL_NAME = "DSPT method (import to ICS composite)"
#: (child id, description, algorithm, parameters, outputs: name -> model output label).
Step = tuple[str, str, str, dict[str, Any], dict[str, str]]


def check_expressible(recipe: Recipe) -> None:
    """Stop unless the model's steps carry the recipe out exactly."""
    problems = [
        what
        for what, fails in (
            ("one export", len(recipe.exports) != 1),
            (
                "commissioners and trusts by sector",
                BY_SECTOR not in (recipe.commissioners.rows, recipe.trusts.rows)
                or recipe.commissioners.rows != recipe.trusts.rows,
            ),
            (
                "each side's ICS in a field",
                recipe.commissioners.ics_lookup is not None or not recipe.trusts.ics_field,
            ),
            (
                "a population table per commissioner",
                recipe.population is None or recipe.population.lookup is not None,
            ),
            ("its own geography", recipe.crosswalk is not None),
        )
        if fails
    ]
    if problems:
        raise SystemExit(
            f"The model cannot carry out the {recipe.label} recipe: it needs {', '.join(problems)}."
        )


def population(recipe: Recipe) -> Population:
    """The recipe's population table per commissioner, which the model needs
    (:func:`check_expressible`)."""
    if recipe.population is None:
        raise SystemExit(f"The {recipe.label} recipe has no population table per commissioner.")
    return recipe.population


#: The model's inputs in the order the run dialog lists them (each layer before its
#: fields): (kind, name, label, help, parent layer, the recipe's default for it, optional).
INPUTS: tuple[tuple[str, str, str, str, str | None, Callable[[Recipe], Any] | None, bool], ...] = (
    (
        "file",
        "export",
        "DSPT status export (CSV or XLSX)",
        "The DSPT export: the portal's CSV, a curated or snapshot file, or a workbook.",
        None,
        None,
        False,
    ),
    (
        "string",
        "edition",
        "DSPT edition (e.g. 20/21)",
        "Only this edition's statuses count.",
        None,
        lambda r: r.edition,
        False,
    ),
    (
        "polygons",
        "commissioner_layer",
        "Commissioner boundaries (CCG / sub-ICB / ICB)",
        "The commissioners' polygons.",
        None,
        None,
        False,
    ),
    (
        "field",
        "commissioner_code",
        "Commissioner boundaries: ODS code field",
        "The field with the ODS codes the export uses (e.g. CCG20CDH).",
        "commissioner_layer",
        lambda r: r.commissioners.code_field,
        False,
    ),
    (
        "field",
        "commissioner_ics",
        "Commissioner boundaries: ICS code field",
        "The field with each commissioner's ICS code, the same kind as the ICS layer's.",
        "commissioner_layer",
        lambda r: r.commissioners.ics_field,
        False,
    ),
    (
        "table",
        "population_table",
        "Population table (per commissioner)",
        "Optional: populations per commissioner (e.g. GP registered patients per CCG); without it commissioners are "
        "averaged simply.",
        None,
        None,
        True,
    ),
    (
        "field",
        "population_code",
        "Population table: commissioner code field",
        "The same kind of code as the commissioner codes.",
        "population_table",
        lambda r: population(r).code_field,
        True,
    ),
    (
        "field",
        "population_value",
        "Population table: population field",
        "Registered patients or residents.",
        "population_table",
        lambda r: population(r).value_field,
        True,
    ),
    ("polygons", "ics_layer", "ICS boundaries (STP / ICB)", "The ICS polygons.", None, None, False),
    (
        "field",
        "ics_code",
        "ICS boundaries: ICS code field",
        "The field with each ICS's code.",
        "ics_layer",
        lambda r: r.ics_code,
        False,
    ),
    (
        "string",
        "trust_ics_field",
        "DSPT export: trusts' ICS code column",
        "The export's column holding each trust's ICS code (STP20CD in the 2020/21 curated file, High Level Health "
        "Geography in the 2022/23 snapshots).",
        None,
        lambda r: r.trusts.ics_field,
        False,
    ),
)


def model_inputs(recipe: Recipe) -> list[tuple[Any, str]]:
    """The model's input parameters with their help, the recipe's fields the defaults."""
    from qgis.core import (
        QgsProcessing,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterFile,
        QgsProcessingParameterString,
    )

    made = []
    for kind, name, label, help_text, parent, default_of, optional in INPUTS:
        default = default_of(recipe) if default_of else None
        if kind == "field":
            definition = QgsProcessingParameterField(
                name,
                label,
                defaultValue=default,
                parentLayerParameterName=parent,
                optional=optional,
            )
        elif kind in ("polygons", "table"):
            types = [
                QgsProcessing.TypeVectorPolygon if kind == "polygons" else QgsProcessing.TypeVector
            ]
            definition = QgsProcessingParameterFeatureSource(name, label, types, optional=optional)
        elif kind == "string":
            definition = QgsProcessingParameterString(name, label, defaultValue=default)
        else:
            definition = QgsProcessingParameterFile(name, label)
        made.append((definition, help_text))
    return made


def _param(name: str) -> tuple[str, str]:
    return ("param", name)


def _output(child_id: str) -> tuple[str, str]:
    return ("output", child_id)


_EDITION = {"EDITION": _param("edition")}
_ICS = {"ICS": _param("ics_layer"), "ICS_FIELD": _param("ics_code")}
_TRUSTS = {"TRUSTS": _output("trusts"), "TRUST_ICS_FIELD": _param("trust_ics_field")}
_POPULATION = {
    "POPULATION": _param("population_table"),
    "POPULATION_CODE_FIELD": _param("population_code"),
    "POPULATION_VALUE_FIELD": _param("population_value"),
}

#: The recipe's steps as model children: a value is a model parameter ("param", name), a
#: child's OUTPUT ("output", child id), or a fixed value.
STEPS: list[Step] = [
    (
        "import",
        "Import the DSPT export",
        "dspt:importexport",
        {"INPUT": _param("export"), **_EDITION},
        {"OUTPUT": "DSPT statuses"},
    ),
    *[
        (
            child_id,
            f"{sector}s of the export",
            "native:extractbyattribute",
            {"INPUT": _output("import"), "FIELD": "sector", "OPERATOR": 0, "VALUE": sector},
            {},
        )
        for child_id, sector in (("commissioners", "Commissioner"), ("trusts", "Trust"))
    ],
    (
        "join",
        "Join commissioner statuses to boundaries",
        "dspt:joinstatus",
        {
            "INPUT": _param("commissioner_layer"),
            "FIELD": _param("commissioner_code"),
            "DSPT": _output("commissioners"),
            "DSPT_FIELD": "code",
            **_EDITION,
        },
        {"OUTPUT": "Commissioners with status", "UNMATCHED": "Commissioners not joined"},
    ),
    (
        "composite",
        "ICS composite score",
        "dspt:icscomposite",
        {
            **_ICS,
            "COMMISSIONERS": _output("join"),
            "COMMISSIONER_ICS_FIELD": _param("commissioner_ics"),
            **_POPULATION,
            **_TRUSTS,
            **_EDITION,
        },
        {"OUTPUT": "ICS composite", "UNMATCHED": "Organisations not counted"},
    ),
    (
        "proportions",
        "Trust proportions per ICS",
        "dspt:trustproportions",
        {**_ICS, **_TRUSTS, **_EDITION},
        {"OUTPUT": "Trust compliance proportions"},
    ),
    (
        "summary",
        "Summary by sector",
        "dspt:summarytable",
        {"INPUT": _output("import"), **_EDITION},
        {"OUTPUT": "Summary of compliance", "OUTPUT_HTML": "Summary report"},
    ),
]


def _source(value: Any) -> Any:
    """A step's value as the model's source: a model parameter, a child's output, or fixed."""
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    if isinstance(value, tuple) and value[0] == "param":
        return Source.fromModelParameter(value[1])
    if isinstance(value, tuple) and value[0] == "output":
        return Source.fromChildOutput(value[1], "OUTPUT")
    return Source.fromStaticValue(value)


def build_model(recipe: Recipe | None = None) -> Any:
    """The model of ``recipe`` (the 2020/21 one by default)."""
    from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingModelParameter
    from qgis.PyQt.QtCore import QPointF

    recipe = recipe or recipe_for("20/21")
    check_expressible(recipe)
    model = QgsProcessingModelAlgorithm(MODEL_NAME, "DSPT compliance", "analysis")
    inputs = model_inputs(recipe)
    model.setHelpContent(
        {
            "ALG_DESC": "Runs the published DSPT method end to end: imports a DSPT export for one edition, joins the "
            "commissioners' statuses to their boundaries, and produces the ICS composite, the trust proportions per ICS "
            "and the summary of compliance by sector.",
            **{definition.name(): help_text for definition, help_text in inputs},
        }
    )
    for column, (definition, _) in enumerate(inputs):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
        model.parameterComponent(definition.name()).setPosition(
            QPointF(120 + 200 * (column % 6), 60 + 90 * (column // 6))
        )
    model.setParameterOrder([definition.name() for definition, _ in inputs])
    for row, step in enumerate(STEPS):
        model.addChildAlgorithm(child(row, *step))
    return model


def child(
    row: int,
    child_id: str,
    description: str,
    algorithm_id: str,
    sources: dict[str, Any],
    outputs: dict[str, str],
) -> Any:
    """One model child: every parameter given (its default where the step sets none)."""
    from qgis.core import QgsApplication, QgsProcessingModelChildAlgorithm, QgsProcessingModelOutput
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    from qgis.PyQt.QtCore import QPointF

    step = QgsProcessingModelChildAlgorithm(algorithm_id)
    step.setChildId(child_id)
    step.setDescription(description)
    step.setPosition(QPointF(600, 300 + 130 * row))
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    if algorithm is None:
        raise SystemExit(f"{algorithm_id} is not registered; cannot build the model")
    for definition in algorithm.parameterDefinitions():
        if definition.isDestination() or definition.flags() & definition.FlagHidden:
            continue
        if definition.name() in sources:
            step.addParameterSources(definition.name(), [_source(sources[definition.name()])])
        elif definition.defaultValue() is not None:
            step.addParameterSources(
                definition.name(), [Source.fromStaticValue(definition.defaultValue())]
            )
    model_outputs = {}
    for index, (output_name, label) in enumerate(outputs.items()):
        output = QgsProcessingModelOutput(label, label)
        output.setChildId(child_id)
        output.setChildOutputName(output_name)
        output.setPosition(QPointF(900, 300 + 130 * row + 40 * index))
        model_outputs[label] = output
    step.setModelOutputs(model_outputs)
    return step


def main() -> None:
    from scripts import headless

    qgis = headless.start(every_provider=True)
    model = build_model()
    ok, messages = model.validate()
    if not ok or messages:
        raise SystemExit("The model does not validate:\n" + "\n".join(messages))
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(MODEL_PATH)):
        raise SystemExit(f"could not write {MODEL_PATH}")
    print(MODEL_PATH)
    qgis.stop()


if __name__ == "__main__":
    main()
