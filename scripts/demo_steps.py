"""``make demo``'s engine: each step of a recipe (:mod:`dspt_qgis.pipeline.steps`) carried
out through the plugin's Processing algorithms. ``STEPS`` is the table from a step's name
to its function here; the steps that prepare the method's inputs are in
:mod:`scripts.demo_inputs`, the project and its maps in :mod:`scripts.demo_project`."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dspt_qgis.pipeline.recipes import REGION_NAME, in_its_trend, trend_recipes
from dspt_qgis.pipeline.steps import (
    Atlas,
    Compare,
    Composite,
    Crosswalk,
    Gains,
    Maps,
    NotTaken,
    Population,
    Proportions,
    Summary,
    Trend,
    WebReport,
    taken,
)
from scripts.demo_inputs import (
    crosswalk,
    import_exports,
    join_commissioners,
    locate_trusts,
    ods_membership,
    with_lookup,
)
from scripts.demo_project import build_project
from scripts.demo_run import TEMPORARY, Run

#: The steps of another edition's recipe the trend carries out: as far as its composite's
#: inputs (its trusts and its commissioners on the trend's geography).
TREND_CHAIN = ("import", "ods membership", "locate trusts", "crosswalk")


def carry_out(run: Run) -> None:
    """The recipe's ICS and region polygons in British National Grid (the ground every
    step draws on), then its steps in order."""
    run.layers["ics"] = run.to_bng(run.path("ics"), "ics_boundaries")
    run.layers["regions"] = run.to_bng(run.path("regions"), "nhs_regions")
    for action, step in taken(STEPS, run.recipe.steps):
        action(run, step)


def ics_and_trusts(run: Run) -> dict[str, Any]:
    """The parameters every ICS-level algorithm shares: the ICS layer and the trusts."""
    return {
        "ICS": run.layers["ics"],
        "ICS_FIELD": run.recipe.ics_code,
        "TRUSTS": run.layers["trusts"],
        "TRUST_ICS_FIELD": run.trust_ics_field,
    }


def population(run: Run, step: Population | None, code_key: str) -> dict[str, Any]:
    """A population table's parameters (its codes translated first when the step says)."""
    if step is None:
        return {}
    table, code_field = run.path(step.role), step.code_field
    if step.lookup is not None:
        table, code_field = with_lookup(run, table, code_field, step.lookup), step.lookup.target
    return {"POPULATION": table, code_key: code_field, "POPULATION_VALUE_FIELD": step.value_field}


def composite(run: Run, step: Composite) -> None:
    """The ICS composite (dspt:icscomposite), ranked also by the step's other populations;
    when weighted, the simple means beside."""
    sides = {**ics_and_trusts(run), **run.commissioner_side}
    weights = population(run, step.population, "POPULATION_CODE_FIELD")
    run.layers["composite"] = run.run(
        "dspt:icscomposite",
        {
            **sides,
            **weights,
            **other_populations(run, step),
            "OUTPUT": run.table("ics_composite"),
            "UNMATCHED": run.table("composite_not_counted", geometry=False),
        },
    )
    if weights:
        run.layers["composite_simple"] = run.run(
            "dspt:icscomposite", {**sides, "OUTPUT": run.table("ics_composite_simple_mean")}
        )


def other_populations(run: Run, step: Composite) -> dict[str, Any]:
    """The commissioners with each of the step's other populations joined to them by code
    (QGIS's own join, as an analyst adds a field), and those fields to rank by; nothing
    when the step names none."""
    if not step.others:
        return {}
    layer = run.commissioner_side["COMMISSIONERS"]
    for other in step.others:
        table = population(run, other, "FIELD_2")
        layer = run.run(
            "native:joinattributestable",
            {
                "INPUT": layer,
                "FIELD": run.commissioner_side.get("COMMISSIONER_CODE_FIELD", "code"),
                "INPUT_2": table["POPULATION"],
                "FIELD_2": table["FIELD_2"],
                "FIELDS_TO_COPY": [other.value_field],
                "METHOD": 1,  # one to one: each commissioner's own row
                "OUTPUT": TEMPORARY,
            },
        )
    return {
        "COMMISSIONERS": layer,
        "COMMISSIONER_OTHER_POPULATION_FIELDS": [other.value_field for other in step.others],
    }


def gains(run: Run, step: Gains) -> None:
    """What would raise each ICS's composite (dspt:improvementgains) into ``ics_gains``: from
    the composite and the very inputs and population it was computed from."""
    sides = {**ics_and_trusts(run), **run.commissioner_side}
    del sides["ICS"]
    weighed_by = run.recipe.step(Composite)
    run.layers["gains"] = run.run(
        "dspt:improvementgains",
        {
            **sides,
            **population(
                run, weighed_by.population if weighed_by else None, "POPULATION_CODE_FIELD"
            ),
            "COMPOSITE": run.layers["composite"],
            "OUTPUT": run.table("ics_gains", geometry=False),
        },
    )


def proportions(run: Run, step: Proportions) -> None:
    """The trust proportions per ICS (dspt:trustproportions), shaded by population."""
    run.layers["proportions"] = run.run(
        "dspt:trustproportions",
        {
            **ics_and_trusts(run),
            **population(run, step.population, "POPULATION_ICS_FIELD"),
            "OUTPUT": run.table("trust_proportions"),
            "UNMATCHED": run.table("proportions_not_counted", geometry=False),
        },
    )


def summary(run: Run, step: Summary) -> None:
    """The summary by sector (dspt:summarytable) and its page, out/dspt_summary.html."""
    run.layers["summary"] = run.run(
        "dspt:summarytable",
        {
            "INPUT": run.layers["statuses"],
            "OUTPUT": run.table("summary", geometry=False),
            "OUTPUT_HTML": str(run.out / "dspt_summary.html"),
        },
    )


def compare(run: Run, step: Compare) -> None:
    """The trusts against their statuses in a later edition (dspt:compareeditions): a closed
    trust is compared with its successor."""
    later = run.run(
        "dspt:importexport",
        {"INPUT": run.path(step.later), "EDITION": step.edition, "OUTPUT": TEMPORARY},
    )
    results = run.run(
        "dspt:compareeditions",
        {
            "BEFORE": run.layers["trusts"],
            "AFTER": later,
            "SUCCESSORS": run.path(step.successors),
            "SUCCESSORS_OLD_FIELD": step.old_field,
            "SUCCESSORS_NEW_FIELD": step.new_field,
            "OUTPUT": run.table("trust_change"),
            "OUTPUT_MATRIX": run.table("trust_change_matrix", geometry=False),
            "OUTPUT_HTML": str(run.out / "trust_change.html"),
        },
        output="*",
    )
    run.layers["change"] = results["OUTPUT"]
    run.layers["change_matrix"] = results["OUTPUT_MATRIX"]


def trend(run: Run, step: Trend) -> None:
    """Each ICS of the trend's geography with its composite in every edition (dspt:icstrend)
    into the GeoPackage: each edition's recipe carried out in a GeoPackage of its own,
    removed after (the run's own composite when it is one of them)."""
    recipes = trend_recipes(run.recipe)
    last = recipes[-1]
    with tempfile.TemporaryDirectory(prefix="dspt_trend_") as folder:
        composites = [
            run.layers["composite"]
            if recipe is run.recipe
            else edition_composite(
                Run(
                    run.data,
                    run.out,
                    recipe,
                    run.context,
                    scratch=Path(folder) / f"{recipe.edition.replace('/', '_')}.gpkg",
                )
            )
            for recipe in recipes
        ]
        run.layers["trend"] = run.run(
            "dspt:icstrend",
            {
                "ICS": run.to_bng(str(run.data / last.files["ics"]), "ics_2026", stored=False),
                "ICS_FIELD": last.ics_code,
                "COMPOSITES": composites,
                "OUTPUT": run.table("ics_trend"),
            },
        )


def edition_composite(run: Run) -> Any:
    """The composite of ``run``'s recipe alone (a temporary layer): the steps of its
    ``TREND_CHAIN``, then the composite of its trusts and crosswalked commissioners (the
    maps' layers are the main run's)."""
    recipe = run.recipe
    if recipe.step(Crosswalk) is None:
        raise ValueError(f"The trend's recipe {recipe.label} has no crosswalk onto its geography.")
    chain = [step for step in recipe.steps if step.NAME in TREND_CHAIN]
    for action, step in taken(STEPS, chain):
        action(run, step)
    return run.run(
        "dspt:icscomposite",
        {
            "ICS": run.path("ics"),
            "ICS_FIELD": recipe.ics_code,
            "TRUSTS": run.layers["trusts"],
            "TRUST_ICS_FIELD": run.trust_ics_field,
            **run.commissioner_side,
            "OUTPUT": TEMPORARY,
        },
    )


def atlas(run: Run, step: Atlas) -> None:
    """The board pack (dspt:icsatlas): out/atlas/dspt_ics_atlas.pdf, and its tables in the
    GeoPackage for the project's atlas layout."""
    recipe = run.recipe
    sides = {**ics_and_trusts(run), **run.commissioner_side}
    del sides["ICS"]
    (run.out / "atlas").mkdir(parents=True, exist_ok=True)
    results = run.run(
        "dspt:icsatlas",
        {
            **sides,
            "COMPOSITE": run.layers["composite"],
            "ICS_NAME_FIELD": recipe.ics_name,
            "TREND": run.layers["trend"] if in_its_trend(recipe) else None,
            "GAINS": run.layers.get("gains"),
            "TITLE": f"DSPT {recipe.heading}: ICS compliance",
            "OUTPUT": str(run.out / "atlas" / "dspt_ics_atlas.pdf"),
            "OUTPUT_PAGES": run.table("atlas_pages"),
            "OUTPUT_ORGANISATIONS": run.table("atlas_organisations", geometry=False),
            "OUTPUT_RANKING": run.table("atlas_ranking", geometry=False),
            "OUTPUT_GAINS": run.table("atlas_gains", geometry=False),
        },
        output="*",
    )
    run.layers["atlas"] = results["OUTPUT"]
    run.layers["atlas_pages"] = results["OUTPUT_PAGES"]
    run.layers["atlas_organisations"] = results["OUTPUT_ORGANISATIONS"]
    run.layers["atlas_ranking"] = results["OUTPUT_RANKING"]
    run.layers["atlas_gains"] = results["OUTPUT_GAINS"]


def web_report(run: Run, step: WebReport) -> None:
    """The published page (dspt:webreport) into out/site."""
    recipe = run.recipe
    run.layers["site"] = run.run(
        "dspt:webreport",
        {
            "COMMISSIONERS": run.layers["commissioners"],
            "TRUSTS": run.layers["trusts"],
            "COMPOSITE": run.layers["composite"],
            "GAINS": run.layers.get("gains"),
            "ICS_FIELD": recipe.ics_code,
            "ICS_NAME_FIELD": recipe.ics_name,
            "PROPORTIONS": run.layers["proportions"],
            "REGIONS": run.layers["regions"],
            "REGION_NAME_FIELD": REGION_NAME,
            "SUMMARY": run.layers["summary"],
            "TITLE": f"DSPT {recipe.heading} compliance",
            "EDITION": recipe.edition,
            "DATA_DATE": recipe.data_date,
            "OUTPUT": str(run.out / "site"),
        },
    )


def maps(run: Run, step: Maps) -> None:
    """The QGIS project with its maps (dspt:nationalmaps for maps 1-4), exported as PNG and PDF."""
    run.written = build_project(run)


#: Each step of a recipe as make demo takes it: every one, through the plugin's algorithms.
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
    "compare": compare,
    "trend": trend,
    "atlas": atlas,
    "web report": web_report,
    "maps": maps,
}
