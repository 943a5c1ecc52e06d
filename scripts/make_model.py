"""Write the shipped Model Builder model ``dspt_qgis/models/dspt_method.model3`` from the
2020/21 recipe (:mod:`dspt_qgis.pipeline.recipes`).

The model carries out the recipe's steps the way an analyst would in Model Builder, with
the recipe's files as model inputs and its fields as their defaults. ``MODEL_STEPS`` is
this engine's table from a step's name to the model children it becomes: the import; the
join of the commissioners (picked from the export with QGIS's own "Extract by attribute")
to their boundaries; the trusts, picked likewise, whose ICS the export names; the ICS
composite (weighted by a population table when one is given), the trust proportions and
the summary. The steps after (comparing editions, the trend, the atlas, the web report,
the maps) are left to ``make demo``; a recipe the model cannot express (several exports,
ODS membership, a crosswalk) is refused. Built with the QGIS model API (not hand-written
XML); every child parameter gets a value (its default when the model does not set it), so
the model validates clean. Rerun after changing an algorithm's parameters:
``python -m scripts.make_model``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dspt_qgis.pipeline.recipes import Recipe, recipe_for
from dspt_qgis.pipeline.steps import (
    BY_SECTOR,
    Composite,
    Import,
    JoinCommissioners,
    LocateTrusts,
    NotTaken,
    Proportions,
    Step,
    Summary,
    taken,
)
from scripts.model_inputs import model_inputs

MODEL_PATH = Path(__file__).resolve().parents[1] / "dspt_qgis" / "models" / "dspt_method.model3"
MODEL_NAME = "DSPT method (import to ICS composite)"
#: (child id, description, algorithm, parameters, outputs: name -> model output label).
Child = tuple[str, str, str, dict[str, Any], dict[str, str]]
#: The children top to bottom in the designer, as an analyst reads the chain: the export
#: split into its two sectors before the join.
DESIGNER_ROWS = ("import", "commissioners", "trusts", "join", "composite", "proportions", "summary")


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


class InexpressibleError(Exception):
    """What the model would need to carry a recipe's step out as the recipe says."""

    def __init__(self, needs: list[str]) -> None:
        super().__init__(", ".join(needs))
        self.needs = needs


def _needs(*conditions: tuple[str, bool]) -> None:
    """Stop naming each thing the model needs that the step lacks (``(need, lacking)``)."""
    lacking = [need for need, lacks in conditions if lacks]
    if lacking:
        raise InexpressibleError(lacking)


def _cannot(need: str) -> Callable[[Step], list[Child]]:
    """A step the model cannot take: a recipe with it is refused, naming what the model
    needs instead."""

    def refuse(step: Step) -> list[Child]:
        raise InexpressibleError([need])

    return refuse


def _sector(child_id: str, sector: str) -> Child:
    """The export's organisations of one sector (QGIS's "Extract by attribute")."""
    return (
        child_id,
        f"{sector}s of the export",
        "native:extractbyattribute",
        {"INPUT": _output("import"), "FIELD": "sector", "OPERATOR": 0, "VALUE": sector},
        {},
    )


def _import(step: Import) -> list[Child]:
    """The export imported: one file holding every sector (the sector of rows naming none
    the recipe's), no ODS records, so no closed organisations left out by them."""
    _needs(("one export", len(step.exports) != 1), ("no ODS records", bool(step.ods)))
    export = step.exports[0]
    _needs(("no closed organisations left out (ODS records)", export.leave_out_closed))
    sector = {"DEFAULT_SECTOR": export.default_sector} if export.default_sector else {}
    return [
        (
            "import",
            "Import the DSPT export",
            "dspt:importexport",
            {"INPUT": _param("export"), **sector, **_EDITION},
            {"OUTPUT": "DSPT statuses"},
        )
    ]


def _join_commissioners(step: JoinCommissioners) -> list[Child]:
    """The export's commissioners joined to their boundaries, whose field names the ICS."""
    _needs(
        ("commissioners by sector", step.rows != BY_SECTOR),
        ("each commissioner's ICS in a field", step.ics_lookup is not None),
    )
    join = (
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
    )
    return [_sector("commissioners", "Commissioner"), join]


def _trusts(step: LocateTrusts) -> list[Child]:
    """The trusts picked from the export, their ICS the field it names (the model draws no
    points: the composite and proportions read the field)."""
    _needs(
        ("trusts by sector", step.rows != BY_SECTOR),
        ("each trust's ICS in a field", step.ics_field is None),
    )
    return [_sector("trusts", "Trust")]


def _composite(step: Composite) -> list[Child]:
    """The ICS composite, the commissioners weighted by the optional population table
    (the recipe's is its default). The recipe's other populations to rank by are not the
    model's (each is a join of another table): its composite ranks by the variants its own
    inputs allow; make demo and dspt-report rank by them."""
    population = step.population
    _needs(
        (
            "a population table per commissioner",
            population is None or population.lookup is not None,
        )
    )
    composite = (
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
    )
    return [composite]


def _proportions(step: Proportions) -> list[Child]:
    """The trust proportions (the population shading them is map 2's, left to the demo)."""
    return [
        (
            "proportions",
            "Trust proportions per ICS",
            "dspt:trustproportions",
            {**_ICS, **_TRUSTS, **_EDITION},
            {"OUTPUT": "Trust compliance proportions"},
        )
    ]


def _summary(step: Summary) -> list[Child]:
    """The summary of the imported statuses by sector."""
    return [
        (
            "summary",
            "Summary by sector",
            "dspt:summarytable",
            {"INPUT": _output("import"), **_EDITION},
            {"OUTPUT": "Summary of compliance", "OUTPUT_HTML": "Summary report"},
        )
    ]


_AFTER_THE_CHAIN = NotTaken(
    "the model ends at the composite, the trust proportions and the summary: make demo"
)
#: Each step of a recipe as the model takes it: the children it becomes, or why not.
MODEL_STEPS: dict[str, Callable[[Any], list[Child]] | NotTaken] = {
    "import": _import,
    "join commissioners": _join_commissioners,
    "ods membership": _cannot("each trust's ICS in a field of the export"),
    "locate trusts": _trusts,
    "crosswalk": _cannot("its own geography"),
    "composite": _composite,
    "gains": NotTaken(
        "the gains are read from the composite and its inputs beside it: "
        "dspt:improvementgains after the model, or make demo"
    ),
    "proportions": _proportions,
    "summary": _summary,
    "compare": _AFTER_THE_CHAIN,
    "trend": _AFTER_THE_CHAIN,
    "atlas": _AFTER_THE_CHAIN,
    "web report": _AFTER_THE_CHAIN,
    "maps": _AFTER_THE_CHAIN,
}


def model_children(recipe: Recipe) -> list[Child]:
    """The recipe's steps as model children; stops unless they carry the recipe out
    exactly, naming everything the model would need."""
    children: list[Child] = []
    needs: list[str] = []
    for make, step in taken(MODEL_STEPS, recipe.steps):
        try:
            children += make(step)
        except InexpressibleError as lacking:
            needs += lacking.needs
    if needs:
        raise SystemExit(
            f"The model cannot carry out the {recipe.label} recipe: it needs {', '.join(needs)}."
        )
    return children


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
    children = model_children(recipe)
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
    for made in children:
        model.addChildAlgorithm(child(DESIGNER_ROWS.index(made[0]), *made))
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
