"""The demo's steps that turn a recipe's files into the method's inputs, through the
plugin's algorithms (and QGIS's own joins): the exports imported, the commissioner polygons
joined to their statuses, the trusts' ICS from ODS, the trusts located, and the statuses
carried onto a newer geography. Each writes into the run's GeoPackage what the project and
later steps read."""

from __future__ import annotations

from typing import Any

from dspt_qgis.core.resolve import STATUS_FIELDS
from dspt_qgis.pipeline.steps import (
    BY_SECTOR,
    CodeLookup,
    Crosswalk,
    Export,
    Import,
    JoinCommissioners,
    LocateTrusts,
    OdsMembership,
)
from scripts.demo_run import TEMPORARY, Run


def import_exports(run: Run, step: Import) -> None:
    """The ODS files (dspt:readods), then each export (dspt:importexport); the statuses
    table is the one export, or all of them merged."""
    run.ods = (
        run.run(
            "dspt:readods",
            {
                "INPUT": [run.path(role) for role in step.ods],
                "OUTPUT": run.table("ods_organisations", False),
            },
        )
        if step.ods
        else None
    )
    single = len(step.exports) == 1
    run.imported = {export.role: import_export(run, export, single) for export in step.exports}
    run.layers["statuses"] = (
        run.imported[step.exports[0].role]
        if single
        else run.run(
            "native:mergevectorlayers",
            {"LAYERS": list(run.imported.values()), "OUTPUT": run.table("dspt_statuses", False)},
        )
    )


def import_export(run: Run, export: Export, single: bool) -> Any:
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
        parameters["CLOSURES"] = run.ods
    if export.report:
        parameters["REPORT"] = run.table(export.report, False)
    return run.run("dspt:importexport", parameters)


def rows(run: Run, source: str, sector: str) -> Any:
    """A step's rows: one sector of all the statuses, or one export's."""
    if source == BY_SECTOR:
        return f"{run.layers['statuses']}|subset=\"sector\" = '{sector}'"
    return run.imported[source]


def with_lookup(run: Run, layer: Any, field_name: str, lookup: CodeLookup) -> Any:
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


def join_commissioners(run: Run, step: JoinCommissioners) -> None:
    """The commissioner polygons with their statuses (and ICS code) into the GeoPackage
    (dspt:joinstatus): map 1's areas and the composite's commissioners."""
    statuses_of = rows(run, step.rows, "Commissioner")
    copied: dict[str, Any] = {}
    if step.ics_lookup is not None:
        statuses_of = with_lookup(run, statuses_of, "code", step.ics_lookup)
        copied = {"FIELDS_TO_COPY": [*STATUS_FIELDS, step.ics_lookup.target]}
    # The polygons are stored once, with their statuses.
    boundaries = run.to_bng(run.path(step.boundaries), "commissioner_boundaries", stored=False)
    run.layers["commissioners"] = run.run(
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
    run.commissioner_side = {
        "COMMISSIONERS": run.layers["commissioners"],
        "COMMISSIONER_ICS_FIELD": step.ics_field,
    }


def ods_membership(run: Run, step: OdsMembership) -> None:
    """The export's trusts with their ICS as ODS records it (dspt:odsmembership), for the
    steps after."""
    lookup = step.lookup
    run.imported[step.export] = run.run(
        "dspt:odsmembership",
        {
            "INPUT": run.imported[step.export],
            "ODS": run.ods,
            "LOOKUP": run.path(lookup.role),
            "LOOKUP_FROM": lookup.source,
            "LOOKUP_TO": lookup.target,
            "OUTPUT": TEMPORARY,
            "UNMATCHED": run.table("trusts_without_ics", False),
        },
    )


def locate_trusts(run: Run, step: LocateTrusts) -> None:
    """The trust points (dspt:locateorganisations) in British National Grid, into the
    GeoPackage, and the field naming each one's ICS ("" when placed by location)."""
    points = run.run(
        "dspt:locateorganisations",
        {
            "INPUT": rows(run, step.rows, "Trust"),
            "LATITUDE_FIELD": step.latitude,
            "LONGITUDE_FIELD": step.longitude,
            "OUTPUT": TEMPORARY,
            "UNMATCHED": run.table("trust_unlocated", False),
        },
    )
    run.layers["trusts"] = run.to_bng(points, "trust_points")
    run.trust_ics_field = step.ics_field or ""


def crosswalk(run: Run, step: Crosswalk) -> None:
    """The composite's commissioners on the newer geography: the crosswalk's small areas
    (dspt:crosswalk)."""
    areas = run.run(
        "dspt:crosswalk",
        {
            "INPUT": run.imported[step.export],
            **old_lookup(run, run.imported[step.export], step),
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
    run.commissioner_side = {
        "COMMISSIONERS": areas,
        "COMMISSIONER_ICS_FIELD": step.new_lookup.target,
        "COMMISSIONER_POPULATION_FIELD": "weight",
    }


def old_lookup(run: Run, statuses: Any, step: Crosswalk) -> dict[str, Any]:
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
