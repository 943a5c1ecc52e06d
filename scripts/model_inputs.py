"""The shipped model's inputs (:mod:`scripts.make_model`): what its run dialog asks for,
in order, each with its help, and the recipe's fields as their defaults."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from dspt_qgis.pipeline.recipes import Recipe
from dspt_qgis.pipeline.steps import Composite, JoinCommissioners, LocateTrusts, Population, Step

S = TypeVar("S", bound=Step)


def step_of(recipe: Recipe, kind: type[S]) -> S:
    """The recipe's step of this kind, whose fields are the model inputs' defaults."""
    step = recipe.step(kind)
    if step is None:
        raise SystemExit(f"The model needs the {recipe.label} recipe to have a {kind.NAME} step.")
    return step


def population(recipe: Recipe) -> Population:
    """The population table per commissioner of the recipe's composite, which the model
    needs (its composite step refuses a recipe without one)."""
    table = step_of(recipe, Composite).population
    if table is None:
        raise SystemExit(f"The {recipe.label} recipe has no population table per commissioner.")
    return table


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
        lambda r: step_of(r, JoinCommissioners).code_field,
        False,
    ),
    (
        "field",
        "commissioner_ics",
        "Commissioner boundaries: ICS code field",
        "The field with each commissioner's ICS code, the same kind as the ICS layer's.",
        "commissioner_layer",
        lambda r: step_of(r, JoinCommissioners).ics_field,
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
        lambda r: step_of(r, LocateTrusts).ics_field,
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
