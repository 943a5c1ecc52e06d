"""The whole method on the sample data without QGIS: an edition's recipe
(:mod:`dspt_qgis.pipeline.recipes`) carried out with geopandas reading and placing, the
core computing, and the GeoPackage and web report written as the QGIS demo writes them.

The demo carries out the same recipes through the plugin's algorithms, so the two give
the same composites; a test holds them to it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from ..core.codes import IcsCodes, clean_codes
from ..core.component import Component
from ..core.composite import (
    EDITION_FIELD,
    RESULT_FIELDS,
    CompositeRequest,
    CompositeResult,
    ics_composite,
)
from ..core.crosstab import Crosstab, sector_status_crosstab
from ..core.join import Side, build_lookup, join_to_dspt
from ..core.locate import locate
from ..core.membership import ICS_FIELD, ics_from_ods
from ..core.ods import closures_from_table, read_ods
from ..core.population import PopulationTable, with_population
from ..core.proportions import (
    POPULATION_FIELD,
    ProportionsRequest,
    ProportionsResult,
    trust_proportions,
)
from ..core.resolve import ImportRequest
from ..core.sources import SOURCE_ROW, file_source, layer_source
from ..core.weights import Weighting, totals_by_group
from ..presentation.webreport import ReportContent, write_web_report
from .crosswalk import carried_onto, import_file, read_file
from .recipes import BY_SECTOR, REGION_NAME, CodeLookup, Population, Recipe
from .spatial import placement, read_boundaries

WGS84 = "EPSG:4326"
#: Fields of an imported table that a commissioner polygon takes from its DSPT row.
COPIED = ["code", "name", "sector", "edition", "status", "status_source", "score"]


@dataclass
class Prepared:
    """One edition's inputs: statuses, commissioner polygons (map 1) and the composite's
    commissioners, trust points with their ICS code, the ICS and region polygons, and the
    populations (all in WGS84)."""

    recipe: Recipe
    statuses: pd.DataFrame
    commissioners: gpd.GeoDataFrame
    side: Component  # the composite's commissioners
    trusts: gpd.GeoDataFrame
    trust_ics_field: str | None  # None: placed by location
    ics: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    ics_population: pd.Series


@dataclass
class Results:
    """What the method gives: composite, proportions, summary."""

    composite: CompositeResult
    proportions: ProportionsResult
    crosstab: Crosstab


def numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose rows carry the 1-based numbers the core's messages name."""
    frame = frame.reset_index(drop=True)
    frame[SOURCE_ROW] = np.arange(1, len(frame) + 1)
    return frame


def read_layer(data: Path, relative: str) -> gpd.GeoDataFrame:
    """A boundary file in WGS84, polygons repaired, features numbered from 1."""
    frame = read_boundaries(data / relative).to_crs(WGS84)
    frame["geometry"] = frame.geometry.make_valid()
    frame[SOURCE_ROW] = np.arange(1, len(frame) + 1)
    return frame


def with_lookup(
    data: Path, recipe: Recipe, table: pd.DataFrame, field: str, lookup: CodeLookup
) -> pd.DataFrame:
    """The table with ``lookup``'s target added, matched on ``field`` (cleaned codes)."""
    lookup_table = read_file(data, recipe, lookup.role, (lookup.source, lookup.target)).table
    mapping = dict(zip(clean_codes(lookup_table[lookup.source]), lookup_table[lookup.target]))
    return table.assign(**{lookup.target: clean_codes(table[field]).map(mapping).to_numpy()})


def with_statuses(
    boundaries: gpd.GeoDataFrame, code_field: str, statuses: pd.DataFrame, copied: list[str]
) -> gpd.GeoDataFrame:
    """Commissioner polygons with the ``copied`` fields of their DSPT row (a left join)."""
    joined = join_to_dspt(
        Side(boundaries, code_field, layer_source("commissioner boundaries")),
        Side(statuses.reset_index(drop=True), "code", layer_source("statuses")),
        status_field="status",
    )
    rows = joined.kept[copied].reindex(joined.dspt_row.tolist())
    rows.index = boundaries.index
    taken = {c.lower() for c in boundaries.columns}
    rows.columns = [c if c.lower() not in taken else f"{c}_dspt" for c in rows.columns]
    return gpd.GeoDataFrame(
        pd.concat([boundaries, rows], axis=1), geometry="geometry", crs=boundaries.crs
    )


def points(table: pd.DataFrame, latitude: str, longitude: str) -> gpd.GeoDataFrame:
    """Organisation points from their coordinates (WGS84)."""
    table = numbered(table)
    result = locate(
        table,
        code_field="code",
        latitude_field=latitude,
        longitude_field=longitude,
        source=layer_source("trusts"),
    )
    located = table.loc[result.points.index]
    geometry = gpd.points_from_xy(result.points["longitude"], result.points["latitude"], crs=WGS84)
    return gpd.GeoDataFrame(
        located.assign(location_source=result.points["location_source"]), geometry=geometry
    )


def prepare(data: Path, recipe: Recipe) -> Prepared:
    """The recipe's steps with the core and geopandas (as the demo takes them with QGIS)."""
    ods = read_ods([data / recipe.files[r] for r in recipe.ods]).table if recipe.ods else None
    closures = (
        closures_from_table(
            ods, code_field="code", date_field="close_date", source=file_source("ODS")
        )
        if ods is not None
        else None
    )
    imported = {
        e.role: import_file(
            data / recipe.files[e.role],
            ImportRequest(
                edition=recipe.edition,
                default_sector=e.default_sector,
                closures=closures if e.leave_out_closed else None,
            ),
        )
        for e in recipe.exports
    }
    statuses = pd.concat(list(imported.values()), ignore_index=True)
    commissioners = commissioner_polygons(data, recipe, imported, statuses)
    trusts = trust_rows(recipe, imported, statuses, ods, data)
    ics = read_layer(data, recipe.files["ics"])
    return Prepared(
        recipe=recipe,
        statuses=statuses,
        commissioners=commissioners,
        side=composite_commissioners(data, recipe, imported, commissioners, ics),
        trusts=points(trusts, recipe.trusts.latitude, recipe.trusts.longitude),
        trust_ics_field=ICS_FIELD if recipe.trusts.ods_membership else recipe.trusts.ics_field,
        ics=ics,
        regions=read_layer(data, recipe.files["regions"]),
        ics_population=ics_population(data, recipe, recipe.ics_population),
    )


def rows(
    statuses: pd.DataFrame, imported: dict[str, pd.DataFrame], source: str, sector: str
) -> pd.DataFrame:
    """A side's rows: one sector of all the statuses, or one export's."""
    return statuses[statuses["sector"] == sector] if source == BY_SECTOR else imported[source]


def commissioner_polygons(
    data: Path, recipe: Recipe, imported: dict[str, pd.DataFrame], statuses: pd.DataFrame
) -> gpd.GeoDataFrame:
    """The commissioner polygons with their statuses (and ICS code when looked up)."""
    step = recipe.commissioners
    statuses_of = rows(statuses, imported, step.rows, "Commissioner")
    copied = list(COPIED)
    if step.ics_lookup is not None:
        statuses_of = with_lookup(data, recipe, statuses_of, "code", step.ics_lookup)
        copied.append(step.ics_lookup.target)
    return with_statuses(
        read_layer(data, recipe.files[step.boundaries]), step.code_field, statuses_of, copied
    )


def trust_rows(
    recipe: Recipe,
    imported: dict[str, pd.DataFrame],
    statuses: pd.DataFrame,
    ods: pd.DataFrame | None,
    data: Path,
) -> pd.DataFrame:
    """The trusts' rows, with their ICS from ODS when the recipe says."""
    step = recipe.trusts
    trusts = rows(statuses, imported, step.rows, "Trust")
    if step.ods_membership is None or ods is None:
        return trusts
    lookup = step.ods_membership.lookup
    lookup_table = read_file(data, recipe, lookup.role, (lookup.source, lookup.target)).table
    members = ics_from_ods(
        Side(numbered(trusts), "code", layer_source("trusts")),
        Side(ods, "code", file_source("ODS")),
        ics_field="high_level_health_geography",
        lookup=build_lookup(
            lookup_table,
            lookup.source,
            lookup.target,
            source=file_source(recipe.files[lookup.role]),
        ),
    )
    return trusts.assign(**{ICS_FIELD: members.ics_codes.to_numpy()})


def composite_commissioners(
    data: Path,
    recipe: Recipe,
    imported: dict[str, pd.DataFrame],
    commissioners: gpd.GeoDataFrame,
    ics: gpd.GeoDataFrame,
) -> Component:
    """The composite's commissioners: the polygons' statuses weighted by their population
    table, or the crosswalk's small areas weighted by theirs."""
    if recipe.crosswalk is not None:
        areas = carried_onto(data, recipe, recipe.crosswalk, imported[recipe.crosswalk.export], ics)
        return Component(
            numbered(areas),
            layer_source("commissioners"),
            "commissioner",
            code_field="code",
            status_field="status",
            group_field=recipe.crosswalk.new_lookup.target,
            weight_field="weight",
            weighting=Weighting.POPULATION,
        )
    side = Component(
        numbered(pd.DataFrame(commissioners.drop(columns="geometry"))),
        layer_source("commissioners"),
        "commissioner",
        code_field="code",
        status_field="status",
        group_field=recipe.commissioners.ics_field,
    )
    if recipe.population is None:
        return side
    step = recipe.population
    table = read_file(data, recipe, step.role, (step.code_field, step.value_field)).table
    weighted, _ = with_population(
        side,
        PopulationTable(
            table, file_source(recipe.files[step.role]), step.code_field, step.value_field
        ),
    )
    return weighted


def ics_population(data: Path, recipe: Recipe, step: Population) -> pd.Series:
    """Population per ICS code (the shading of map 2)."""
    table = read_file(data, recipe, step.role, (step.code_field, step.value_field)).table
    group = step.code_field
    if step.lookup is not None:
        table, group = (
            with_lookup(data, recipe, table, step.code_field, step.lookup),
            step.lookup.target,
        )
    return totals_by_group(
        table,
        group_field=group,
        value_field=step.value_field,
        source=file_source(recipe.files[step.role]),
    )


def analyse(prepared: Prepared, *, trusts_by_location: bool = False) -> Results:
    """Composite, proportions and summary, as the QGIS algorithms compute them."""
    recipe = prepared.recipe
    groups = IcsCodes.of(prepared.ics[recipe.ics_code])
    by_location = trusts_by_location or prepared.trust_ics_field is None
    points = numbered(prepared.trusts)  # the component's rows, numbered as it numbers them
    trusts = Component(
        pd.DataFrame(points.drop(columns="geometry")),
        layer_source("trusts"),
        "trust",
        code_field="code",
        status_field="status",
        group_field=None if by_location else prepared.trust_ics_field,
    )
    if by_location:
        trusts = dataclasses.replace(
            trusts, placement=placement(points, prepared.ics, recipe.ics_code)
        )
    composite = ics_composite(prepared.side, trusts, CompositeRequest(groups=groups))
    proportions = trust_proportions(trusts, ProportionsRequest(groups=groups))
    proportions.table[POPULATION_FIELD] = proportions.table["ics"].map(prepared.ics_population)
    crosstab = sector_status_crosstab(
        numbered(prepared.statuses),
        sector_field="sector",
        status_field="status",
        source=layer_source("statuses"),
        edition_field="edition",
    )
    return Results(composite, proportions, crosstab)


def ics_with_results(prepared: Prepared, results: Results) -> gpd.GeoDataFrame:
    """The ICS polygons with the composite and proportion columns."""
    code = prepared.recipe.ics_code
    ics = prepared.ics.copy()
    keys = clean_codes(ics[code])
    composite = results.composite.table.set_index("ics")
    proportions = results.proportions.table.set_index("ics")
    for column in (*RESULT_FIELDS, EDITION_FIELD):
        ics[column] = keys.map(composite[column]).to_numpy()
    for column in [
        *results.proportions.count_fields,
        *results.proportions.share_fields,
        POPULATION_FIELD,
    ]:
        if column in proportions.columns:
            ics[column] = keys.map(proportions[column]).to_numpy()
    return ics


def write_outputs(out: Path, prepared: Prepared, results: Results) -> dict[str, Path]:
    """The GeoPackage (layers named as ``make demo`` names them) and the web report."""
    out.mkdir(parents=True, exist_ok=True)
    gpkg = out / "dspt_report.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    ics = ics_with_results(prepared, results)
    layers: dict[str, gpd.GeoDataFrame] = {
        "ics_composite": ics,
        "commissioner_status": prepared.commissioners,
        "trust_points": prepared.trusts,
        "nhs_regions": prepared.regions,
    }
    for name, frame in layers.items():
        frame.to_file(gpkg, layer=name, driver="GPKG")
    gpd.GeoDataFrame(results.crosstab.output()).to_file(gpkg, layer="summary", driver="GPKG")
    write_web_report(out / "site", report_content(prepared, results, ics))
    return {"geopackage": gpkg, "site": out / "site" / "index.html"}


def report_content(prepared: Prepared, results: Results, ics: gpd.GeoDataFrame) -> ReportContent:
    """What the web report shows, from the pipeline's layers."""
    recipe = prepared.recipe

    def collection(frame: gpd.GeoDataFrame, columns: dict[str, str]) -> dict[str, Any]:
        renamed = frame[[*columns, "geometry"]].rename(columns=columns)
        renamed = renamed.astype({c: object for c in columns.values()})
        return dict(renamed.where(renamed.notna(), None).__geo_interface__)

    ics_props = {
        recipe.ics_code: "code",
        recipe.ics_name: "name",
        **{
            c: c
            for c in ics.columns
            if c.startswith(
                ("n_", "p_", "composite_", "commissioner_score", "trust_score", "population")
            )
        },
    }
    ics_collection = collection(ics, ics_props)
    for feature, point in zip(ics_collection["features"], ics.geometry.representative_point()):
        feature["properties"]["label"] = [round(point.x, 6), round(point.y, 6)]
    organisation = {"code": "code", "name": "name", "status": "status"}
    return ReportContent(
        title=f"DSPT {recipe.heading} compliance",
        edition=recipe.edition,
        data_date=recipe.data_date,
        commissioners=collection(prepared.commissioners, organisation),
        trusts=collection(prepared.trusts, organisation),
        ics=ics_collection,
        crosstab=results.crosstab,
        regions=collection(prepared.regions, {REGION_NAME: "name"}),
        weighting_note=next(
            (n for n in results.composite.table["composite_note"] if " x " in n),
            recipe.weighting_note,
        ),
        population_label="GP registered patients",
    )
