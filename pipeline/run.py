"""The whole method on the sample data without QGIS: an edition's recipe
(:mod:`dspt_qgis.pipeline.recipes`) carried out step by step with geopandas reading and
placing, the core computing, and the GeoPackage and web report written as the QGIS demo
writes them.

``STEPS`` is this engine's table: each step's name to the function carrying it out here.
The demo carries out the same recipes through the plugin's algorithms, so the two give the
same composites; a test holds them to it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .inputs import (
    crosswalk,
    import_exports,
    join_commissioners,
    locate_trusts,
    ods_membership,
    read_layer,
)
from .outputs import web_report, write_geopackage
from .recipes import Recipe
from .results import composite, gains, proportions, summary
from .state import Run
from .steps import NotTaken, taken

_MADE_BY_QGIS = "make demo: QGIS draws it"
#: Each step of a recipe as dspt-report takes it (or why it does not: its composites,
#: proportions and summary do not depend on the step).
STEPS: dict[str, Callable[[Run, Any], None] | NotTaken] = {
    "import": import_exports,
    "join commissioners": join_commissioners,
    "ods membership": ods_membership,
    "locate trusts": locate_trusts,
    "crosswalk": crosswalk,
    "composite": composite,
    "gains": gains,
    "proportions": proportions,
    "summary": summary,
    "compare": NotTaken("the trusts' change between editions is made by make demo"),
    "trend": NotTaken("the trend carries out every edition's recipe: make demo"),
    "atlas": NotTaken(f"the atlas is a print layout, {_MADE_BY_QGIS}"),
    "web report": web_report,
    "maps": NotTaken(f"the maps are print layouts, {_MADE_BY_QGIS}"),
}


def carry_out(data: Path, recipe: Recipe, out: Path, *, trusts_by_location: bool = False) -> Run:
    """``recipe``'s steps in order on the files in ``data``, then the GeoPackage of their
    layers, into ``out``."""
    run = Run(
        data,
        recipe,
        out,
        ics=read_layer(data, recipe.files["ics"]),
        regions=read_layer(data, recipe.files["regions"]),
        trusts_by_location=trusts_by_location,
    )
    for action, step in taken(STEPS, recipe.steps):
        action(run, step)
    run.geopackage = write_geopackage(run)
    return run
