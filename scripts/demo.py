"""``make demo``: the whole published method on the sample data, through the plugin's own
Processing algorithms, headless. Carries out an edition's recipe
(:mod:`dspt_qgis.pipeline.recipes`), writes a styled GeoPackage (every layer in British
National Grid), a QGIS project with a map theme and a print layout per map, the maps as
PNG and PDF, the summary report and the web report, then prints the ICS composites.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dspt_qgis.pipeline.recipes import (
    BY_SECTOR,
    Change,
    CodeLookup,
    Crosswalk,
    Export,
    Population,
    Recipe,
    add_recipe_arguments,
    explain_missing,
    missing_files,
    recipe_for,
)

REPO = Path(__file__).resolve().parents[1]
#: The editions put side by side on the April 2026 ICBs (dspt:icstrend), earliest first.
TREND_EDITIONS = ("20/21", "21/22", "22/23")
TREND_GEOGRAPHY = "2026"
BNG = "EPSG:27700"
TEMPORARY = "TEMPORARY_OUTPUT"


@dataclass
class Run:
    """One demo run: where the sample data is, where everything is written, and a way to
    call the algorithms with every layer going into one GeoPackage."""

    data: Path
    out: Path
    recipe: Recipe
    context: Any = None  # one Processing context for the whole run (set on the first call)
    scratch: Path | None = None  # a GeoPackage of its own (the trend's other editions)

    @property
    def gpkg(self) -> Path:
        return self.scratch or self.out / "dspt_demo.gpkg"

    def table(self, name: str, geometry: bool = True) -> str:
        """A GeoPackage table as a Processing destination."""
        return f"ogr:dbname='{self.gpkg}' table=\"{name}\"" + (" (geom)" if geometry else "")

    def path(self, role: str) -> str:
        """The recipe's file of this role."""
        return self.path_of(self.recipe, role)

    def path_of(self, recipe: Recipe, role: str) -> str:
        """``recipe``'s file of this role."""
        return str(self.data / recipe.files[role])

    def run(self, algorithm: str, parameters: dict[str, Any], output: str = "OUTPUT") -> Any:
        """Run an algorithm in the run's context (a layer one step wrote is opened once and
        reused by the steps that read it, as in a model); return its ``output``."""
        from processing.tools.dataobjects import createContext
        from qgis import processing

        if self.context is None:
            self.context = createContext()
        results = processing.run(algorithm, parameters, context=self.context)
        return results if output == "*" else results[output]

    def to_bng(self, source: Any, name: str, stored: bool = True) -> Any:
        """A boundary or point layer in British National Grid, in the GeoPackage (or a
        temporary layer when not ``stored``); repaired first when it has invalid geometries
        (the sample's NHS regions do)."""
        from qgis.core import QgsVectorLayer

        # The file is read once: the layer opened for the check is the steps' input.
        layer = (
            source
            if isinstance(source, QgsVectorLayer)
            else QgsVectorLayer(source, name, "ogr", QgsVectorLayer.LayerOptions(False))
        )
        if not all(f.geometry().isGeosValid() for f in layer.getFeatures() if f.hasGeometry()):
            layer = self.run("native:fixgeometries", {"INPUT": layer, "OUTPUT": TEMPORARY})
        output = self.table(name) if stored else TEMPORARY
        return self.run(
            "native:reprojectlayer", {"INPUT": layer, "TARGET_CRS": BNG, "OUTPUT": output}
        )


@dataclass
class Prepared:
    """One edition's inputs to the analysis, ready in the GeoPackage."""

    recipe: Recipe
    statuses: str
    commissioners: str  # the commissioner polygons with their statuses (map 1)
    composite_commissioners: dict[str, Any]  # the composite's commissioner parameters
    trusts: str
    trust_ics_field: str  # empty: placed by location
    ics: str
    regions: str
    commissioner_population: dict[str, Any] = field(default_factory=dict)
    ics_population: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Imported:
    """The recipe's exports imported: each by its role, all of them as one statuses
    table, and the ODS organisations read (None when the recipe reads none)."""

    by_role: dict[str, str]
    statuses: str
    ods: str | None


def import_all(run: Run) -> Imported:
    """The recipe's ODS files and exports through dspt:readods and dspt:importexport."""
    recipe = run.recipe
    ods = (
        run.run(
            "dspt:readods",
            {
                "INPUT": [run.path(r) for r in recipe.ods],
                "OUTPUT": run.table("ods_organisations", False),
            },
        )
        if recipe.ods
        else None
    )
    imported = {
        export.role: import_export(run, export, ods, single=len(recipe.exports) == 1)
        for export in recipe.exports
    }
    statuses = (
        imported[recipe.exports[0].role]
        if len(imported) == 1
        else run.run(
            "native:mergevectorlayers",
            {"LAYERS": list(imported.values()), "OUTPUT": run.table("dspt_statuses", False)},
        )
    )
    return Imported(imported, statuses, ods)


def prepare(run: Run) -> Prepared:
    """The recipe's steps through the plugin's algorithms (and QGIS's own joins)."""
    recipe = run.recipe
    imported = import_all(run)
    commissioners = commissioner_polygons(run, imported.by_role, imported.statuses)
    trusts, trust_ics_field = trust_points(run, imported)
    return Prepared(
        recipe=recipe,
        statuses=imported.statuses,
        commissioners=commissioners,
        composite_commissioners=crosswalked(run, imported.by_role, recipe.crosswalk)
        if recipe.crosswalk
        else {
            "COMMISSIONERS": commissioners,
            "COMMISSIONER_ICS_FIELD": recipe.commissioners.ics_field,
        },
        trusts=trusts,
        trust_ics_field=trust_ics_field,
        ics=run.to_bng(run.path("ics"), "ics_boundaries"),
        regions=run.to_bng(run.path("regions"), "nhs_regions"),
        commissioner_population=population(run, recipe.population, "POPULATION_CODE_FIELD"),
        ics_population=population(run, recipe.ics_population, "POPULATION_ICS_FIELD"),
    )


def import_export(run: Run, export: Export, ods: str | None, *, single: bool) -> str:
    """An export imported for the edition: into the GeoPackage when it is the edition's
    only one (the statuses table), else a temporary layer merged with the others."""
    parameters = {
        "INPUT": run.path(export.role),
        "EDITION": run.recipe.edition,
        "OUTPUT": run.table("dspt_statuses", False) if single else TEMPORARY,
    }
    if export.default_sector:
        parameters["DEFAULT_SECTOR"] = export.default_sector
    if export.leave_out_closed:
        parameters["CLOSURES"] = ods
    if export.report:
        parameters["REPORT"] = run.table(export.report, False)
    return run.run("dspt:importexport", parameters)


def rows(statuses: str, imported: dict[str, str], source: str, sector: str) -> str:
    """A side's rows: one sector of all the statuses, or one export's."""
    return f"{statuses}|subset=\"sector\" = '{sector}'" if source == BY_SECTOR else imported[source]


def with_lookup(run: Run, layer: str, field_name: str, lookup: CodeLookup) -> str:
    """The layer with ``lookup``'s target field joined on ``field_name`` (QGIS's own join)."""
    return run.run(
        "native:joinattributestable",
        {
            "INPUT": layer,
            "FIELD": field_name,
            "INPUT_2": run.path(lookup.role),
            "FIELD_2": lookup.source,
            "FIELDS_TO_COPY": [lookup.target],
            "METHOD": 1,
            "OUTPUT": TEMPORARY,
        },
    )


def commissioner_polygons(run: Run, imported: dict[str, str], statuses: str) -> str:
    """The commissioner polygons with their statuses (and ICS code), into the GeoPackage."""
    step = run.recipe.commissioners
    statuses_of = rows(statuses, imported, step.rows, "Commissioner")
    copied: dict[str, Any] = {}
    if step.ics_lookup is not None:
        statuses_of = with_lookup(run, statuses_of, "code", step.ics_lookup)
        copied = {
            "FIELDS_TO_COPY": [
                "code",
                "name",
                "sector",
                "edition",
                "status",
                "status_source",
                "score",
                step.ics_lookup.target,
            ]
        }
    # The polygons are stored once, with their statuses.
    boundaries = run.to_bng(run.path(step.boundaries), "commissioner_boundaries", stored=False)
    return run.run(
        "dspt:joinstatus",
        {
            "INPUT": boundaries,
            "FIELD": step.code_field,
            "DSPT": statuses_of,
            "OUTPUT": run.table("commissioner_status"),
            "UNMATCHED": run.table("commissioner_unmatched", False),
            **copied,
        },
    )


def trust_points(run: Run, imported: Imported) -> tuple[str, str]:
    """The trust points in British National Grid (into the GeoPackage), and the field
    holding each one's ICS code ("" when they are placed by location)."""
    step = run.recipe.trusts
    trusts = rows(imported.statuses, imported.by_role, step.rows, "Trust")
    ics_field = step.ics_field or ""
    if step.ods_membership is not None:
        lookup = step.ods_membership.lookup
        trusts = run.run(
            "dspt:odsmembership",
            {
                "INPUT": trusts,
                "ODS": imported.ods,
                "LOOKUP": run.path(lookup.role),
                "LOOKUP_FROM": lookup.source,
                "LOOKUP_TO": lookup.target,
                "OUTPUT": TEMPORARY,
                "UNMATCHED": run.table("trusts_without_ics", False),
            },
        )
        ics_field = "ics_code"
    points = run.run(
        "dspt:locateorganisations",
        {
            "INPUT": trusts,
            "LATITUDE_FIELD": step.latitude,
            "LONGITUDE_FIELD": step.longitude,
            "OUTPUT": TEMPORARY,
            "UNMATCHED": run.table("trust_unlocated", False),
        },
    )
    return run.to_bng(points, "trust_points"), ics_field


def crosswalked(run: Run, imported: dict[str, str], step: Crosswalk) -> dict[str, Any]:
    """The composite's commissioners on the newer geography: the crosswalk's small areas."""
    areas = run.run(
        "dspt:crosswalk",
        {
            "INPUT": imported[step.export],
            **old_lookup(run, imported[step.export], step),
            "NEW_LOOKUP": run.path(step.new_lookup.role),
            "NEW_AREA_FIELD": step.new_lookup.source,
            "NEW_ICS_FIELD": step.new_lookup.target,
            "WEIGHT_FIELD": step.weight_field,
            "OLD_AREAS": run.path(step.old_areas),
            "OLD_AREAS_FIELD": step.old_areas_field,
            "NEW_ICS": run.path("ics"),
            "NEW_ICS_CODE_FIELD": run.recipe.ics_code,
            "OUTPUT": run.table("commissioner_areas", False),
            "OUTPUT_SHARES": run.table("crosswalk_shares", False),
        },
    )
    return {
        "COMMISSIONERS": areas,
        "COMMISSIONER_ICS_FIELD": step.new_lookup.target,
        "COMMISSIONER_POPULATION_FIELD": "weight",
    }


def old_lookup(run: Run, statuses: str, step: Crosswalk) -> dict[str, Any]:
    """The crosswalk's old lookup: a file, or the organisations merged into each small area
    (the population table with each one's successor from the export, QGIS's own join and
    field calculator), or none (the statuses are the small areas' own)."""
    if step.old_lookup is not None:
        return {
            "OLD_LOOKUP": run.path(step.old_lookup.role),
            "OLD_AREA_FIELD": step.old_lookup.source,
            "OLD_CODE_FIELD": step.old_lookup.target,
        }
    if step.merged is None:
        return {}
    merged, code = step.merged, step.merged.population.code_field
    with_successor = run.run(
        "native:joinattributestable",
        {
            "INPUT": run.path(merged.population.role),
            "FIELD": code,
            "INPUT_2": statuses,
            "FIELD_2": "code",
            "FIELDS_TO_COPY": [merged.successor_field],
            "METHOD": 1,
            "OUTPUT": TEMPORARY,
        },
    )
    lookup = run.run(
        "native:fieldcalculator",
        {
            "INPUT": with_successor,
            "FIELD_NAME": merged.AREA,
            "FIELD_TYPE": 2,
            "FIELD_LENGTH": 20,
            "FORMULA": f'coalesce(nullif(trim("{merged.successor_field}"), \'\'), "{code}")',
            "OUTPUT": run.table("merged_into_small_areas", False),
        },
    )
    return {
        "OLD_LOOKUP": lookup,
        "OLD_AREA_FIELD": merged.AREA,
        "OLD_CODE_FIELD": code,
        "OLD_SHARE_FIELD": merged.population.value_field,
    }


def population(run: Run, step: Population | None, code_key: str) -> dict[str, Any]:
    """A population table's parameters (its codes translated first when the recipe says)."""
    if step is None:
        return {}
    table, code_field = run.path(step.role), step.code_field
    if step.lookup is not None:
        table, code_field = with_lookup(run, table, code_field, step.lookup), step.lookup.target
    return {"POPULATION": table, code_key: code_field, "POPULATION_VALUE_FIELD": step.value_field}


def analyse(run: Run, prepared: Prepared) -> dict[str, str]:
    """The method on prepared inputs: composites (weighted and simple), proportions, summary."""
    recipe = prepared.recipe
    common = {
        "ICS": prepared.ics,
        "ICS_FIELD": recipe.ics_code,
        "TRUSTS": prepared.trusts,
        "TRUST_ICS_FIELD": prepared.trust_ics_field,
    }
    composite = {**common, **prepared.composite_commissioners}
    layers = {
        "composite": run.run(
            "dspt:icscomposite",
            {
                **composite,
                **prepared.commissioner_population,
                "OUTPUT": run.table("ics_composite"),
                "UNMATCHED": run.table("composite_not_counted", geometry=False),
            },
        ),
        "proportions": run.run(
            "dspt:trustproportions",
            {
                **common,
                **prepared.ics_population,
                "OUTPUT": run.table("trust_proportions"),
                "UNMATCHED": run.table("proportions_not_counted", geometry=False),
            },
        ),
        "summary": run.run(
            "dspt:summarytable",
            {
                "INPUT": prepared.statuses,
                "OUTPUT": run.table("summary", geometry=False),
                "OUTPUT_HTML": str(run.out / "dspt_summary.html"),
            },
        ),
    }
    if recipe.change is not None:
        layers |= trust_change(run, prepared, recipe.change)
    layers["trend"] = ics_trend(run, layers["composite"])
    layers |= ics_atlas(run, prepared, {**common, **prepared.composite_commissioners}, layers)
    if prepared.commissioner_population:
        layers["composite_simple"] = run.run(
            "dspt:icscomposite", {**composite, "OUTPUT": run.table("ics_composite_simple_mean")}
        )
    return layers


def ics_atlas(
    run: Run, prepared: Prepared, sides: dict[str, Any], layers: dict[str, str]
) -> dict[str, str]:
    """The board pack (dspt:icsatlas): out/atlas/dspt_ics_atlas.pdf, and its tables in the
    GeoPackage for the project's atlas layout."""
    recipe = prepared.recipe
    (run.out / "atlas").mkdir(parents=True, exist_ok=True)
    results = run.run(
        "dspt:icsatlas",
        {
            **{key: value for key, value in sides.items() if key != "ICS"},
            "COMPOSITE": layers["composite"],
            "ICS_NAME_FIELD": recipe.ics_name,
            "TREND": layers["trend"] if is_trend_recipe(recipe) else None,
            "TITLE": f"DSPT {recipe.heading}: ICS compliance",
            "OUTPUT": str(run.out / "atlas" / "dspt_ics_atlas.pdf"),
            "OUTPUT_PAGES": run.table("atlas_pages"),
            "OUTPUT_ORGANISATIONS": run.table("atlas_organisations", geometry=False),
            "OUTPUT_RANKING": run.table("atlas_ranking", geometry=False),
        },
        output="*",
    )
    return {
        "atlas": results["OUTPUT"],
        "atlas_pages": results["OUTPUT_PAGES"],
        "atlas_organisations": results["OUTPUT_ORGANISATIONS"],
        "atlas_ranking": results["OUTPUT_RANKING"],
    }


def is_trend_recipe(recipe: Recipe) -> bool:
    """Whether ``recipe`` is one of the trend's editions on its geography."""
    return any(recipe is recipe_for(e, TREND_GEOGRAPHY) for e in TREND_EDITIONS)


def ics_trend(run: Run, composite: str) -> str:
    """Each April 2026 ICB's composite in every trend edition (dspt:icstrend) into the
    GeoPackage: each edition's recipe on the 2026 ICBs carried out in a GeoPackage of its
    own, removed after (the run's own composite when it is one of them)."""
    last = recipe_for(TREND_EDITIONS[-1], TREND_GEOGRAPHY)
    with tempfile.TemporaryDirectory(prefix="dspt_trend_") as folder:
        composites = [
            composite
            if recipe_for(edition, TREND_GEOGRAPHY) is run.recipe
            else edition_composite(
                Run(
                    run.data,
                    run.out,
                    recipe_for(edition, TREND_GEOGRAPHY),
                    run.context,
                    scratch=Path(folder) / f"{edition.replace('/', '_')}.gpkg",
                )
            )
            for edition in TREND_EDITIONS
        ]
        return run.run(
            "dspt:icstrend",
            {
                "ICS": run.to_bng(run.path_of(last, "ics"), "ics_2026", stored=False),
                "ICS_FIELD": last.ics_code,
                "COMPOSITES": composites,
                "OUTPUT": run.table("ics_trend"),
            },
        )


def edition_composite(run: Run) -> Any:
    """The composite of ``run``'s recipe alone (a temporary layer): its statuses, trusts and
    crosswalked commissioners, no more (the maps' layers are the main run's)."""
    recipe = run.recipe
    if recipe.crosswalk is None:
        raise ValueError(f"The trend's recipe {recipe.label} has no crosswalk onto its geography.")
    imported = import_all(run)
    trusts, trust_ics_field = trust_points(run, imported)
    return run.run(
        "dspt:icscomposite",
        {
            "ICS": run.path("ics"),
            "ICS_FIELD": recipe.ics_code,
            "TRUSTS": trusts,
            "TRUST_ICS_FIELD": trust_ics_field,
            **crosswalked(run, imported.by_role, recipe.crosswalk),
            "OUTPUT": TEMPORARY,
        },
    )


def trust_change(run: Run, prepared: Prepared, step: Change) -> dict[str, str]:
    """The trusts against their statuses in a later edition (dspt:compareeditions): a closed
    trust is compared with its successor."""
    later = run.run(
        "dspt:importexport",
        {"INPUT": run.path(step.later), "EDITION": step.edition, "OUTPUT": TEMPORARY},
    )
    results = run.run(
        "dspt:compareeditions",
        {
            "BEFORE": prepared.trusts,
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
    return {"change": results["OUTPUT"], "change_matrix": results["OUTPUT_MATRIX"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "data",
        help="the data folder (default ../shared/data)",
    )
    add_recipe_arguments(parser)
    parser.add_argument("--out", type=Path, default=REPO / "out")
    parser.add_argument(
        "--readme-images", type=Path, help="also write small PNGs here (docs/images)"
    )
    args = parser.parse_args()
    try:
        recipe = recipe_for(args.edition, args.geography)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    missing = sorted(
        {
            rel
            for needed in (recipe, *(recipe_for(e, TREND_GEOGRAPHY) for e in TREND_EDITIONS))
            for rel in missing_files(str(args.data), needed)
        }
    )
    if missing:
        print(explain_missing(str(args.data), missing), file=sys.stderr)
        return 2
    return run_demo(Run(args.data.resolve(), args.out.resolve(), recipe), args.readme_images)


def run_demo(run: Run, readme_images: Path | None) -> int:
    """Prepare, analyse, draw and report; a step refusing its input stops with its message."""
    from scripts import headless
    from scripts.demo_project import build_project, print_composites

    started = time.perf_counter()
    run.out.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):  # a run stopped midway leaves its log too
        run.gpkg.with_name(run.gpkg.name + suffix).unlink(missing_ok=True)
    qgis = headless.start(preload="pandas")  # the core needs pandas at the first step
    from osgeo import gdal
    from qgis.core import QgsProcessingException

    # GDAL's notices while writing GeoPackage tables and PNG maps are not errors of the
    # method; real failures raise QgsProcessingException or RuntimeError here.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    # The demo's GeoPackage is written afresh on every run, so SQLite need not wait for the
    # disk at each commit (some 30 per table written).
    gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")

    try:
        prepared = prepare(run)
        layers = analyse(run, prepared)
        written = build_project(run, prepared, layers, readme_images)
        print_composites(prepared, layers)
    except QgsProcessingException as error:  # a step refused its input: say which, no traceback
        print(f"The demo stopped: {error}", file=sys.stderr)
        return 1
    finally:
        qgis.stop()
    print(
        f"\nDSPT demo, edition {run.recipe.label}, done in {time.perf_counter() - started:.2f} s:"
    )
    print(f"  GeoPackage (styled layers, British National Grid): {run.gpkg}")
    for label, path in written:
        print(f"  {label}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
