"""A recipe's crosswalk onto a newer geography without QGIS: the core's crosswalk, with
the small areas the old geography lacks matched from the boundaries by shapely (QGIS's
side does the same with GEOS through QGIS; a test holds both to the same composites)."""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from ..core.codes import clean_codes
from ..core.crosswalk import (
    AreaMatch,
    CrosswalkError,
    NewGeography,
    OldGeography,
    Table,
    areas_beside,
    areas_without_code_match,
    crosswalk,
)
from ..core.reader import TableRead, Wanted, read_table
from ..core.resolve import ImportRequest, import_export
from ..core.sources import SOURCE_ROW, file_source, layer_source
from .recipes import Recipe
from .spatial import read_boundaries
from .steps import Crosswalk

LOGGER = logging.getLogger(__name__)
#: Areas are compared in British National Grid, as the QGIS algorithm compares them.
AREA_CRS = "EPSG:27700"


def carried_onto(
    data: Path, recipe: Recipe, step: Crosswalk, statuses: pd.DataFrame, ics: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Each small area of the new geography with the status of whoever covered it before
    and its weight (the crosswalk's table: see dspt:crosswalk)."""
    old = _old_geography(data, recipe, step, statuses)
    new = NewGeography(
        _table(
            data,
            recipe,
            step.new_lookup.role,
            (step.new_lookup.source, step.new_lookup.target, step.weight_field),
        ),
        step.new_lookup.source,
        step.new_lookup.target,
        step.weight_field,
    )
    table = statuses.reset_index(drop=True)
    table[SOURCE_ROW] = np.arange(1, len(table) + 1)
    status_table = Table(table, layer_source("commissioner statuses"))
    unmatched = areas_without_code_match(old, status_table, "code", new)
    matches = _area_matches(data, recipe, step, unmatched, new, ics) if len(unmatched) else {}
    return crosswalk(
        status_table,
        code_field="code",
        status_field="status",
        name_field="name",
        old=old,
        new=new,
        area_matches=matches,
    ).table


def _old_geography(
    data: Path, recipe: Recipe, step: Crosswalk, statuses: pd.DataFrame
) -> OldGeography | None:
    """The old lookup: a file, or the organisations merged into each small area (the
    population table with each one's successor from the export: its small area), or None
    (the statuses are the small areas' own)."""
    if step.old_lookup is not None:
        lookup = step.old_lookup
        return OldGeography(
            _table(data, recipe, lookup.role, (lookup.source, lookup.target)),
            lookup.source,
            lookup.target,
        )
    if step.merged is None:
        return None
    merged, population = step.merged, step.merged.population
    table = _table(data, recipe, population.role, (population.code_field, population.value_field))
    successors = statuses.assign(code=clean_codes(statuses["code"])).drop_duplicates("code")
    successor = clean_codes(successors.set_index("code")[merged.successor_field])
    own = clean_codes(table.table[population.code_field])
    area = own.map(successor).fillna(own)
    return OldGeography(
        Table(table.table.assign(**{merged.AREA: area}), table.source),
        merged.AREA,
        population.code_field,
        population.value_field,
    )


def read_file(data: Path, recipe: Recipe, role: str, fields: tuple[str, ...]) -> TableRead:
    """The recipe's table for ``role``, read as the plugin reads a table file: the header
    and sheet holding ``fields``, rows numbered as in the file, notes told from rows by the
    first field (each recipe's table is read for its code first); what the log of the
    plugin says about it (notes left out, text repaired) is logged."""
    read = read_table(
        data / recipe.files[role],
        wanted=Wanted(fields, code=fields[0]),
        source=file_source(recipe.files[role]),
    )
    for note in read.notes:
        LOGGER.warning(note)
    return read


def import_file(path: Path, request: ImportRequest) -> pd.DataFrame:
    """An export imported as the plugin imports it, its notes (rows left out, statuses of
    other editions) logged as the plugin logs them."""
    result = import_export(path, request)
    for note in result.notes:
        LOGGER.warning(note)
    return result.table


def _table(data: Path, recipe: Recipe, role: str, fields: tuple[str, ...]) -> Table:
    read = read_file(data, recipe, role, fields)
    return Table(read.table, read.source)


def _area_matches(
    data: Path,
    recipe: Recipe,
    step: Crosswalk,
    unmatched: pd.DataFrame,
    new: NewGeography,
    ics: gpd.GeoDataFrame,
) -> dict[str, AreaMatch]:
    """Each new small area matched to the old small area covering most of what its new
    ICS's other small areas do not cover."""
    old_areas = _dissolved(
        read_boundaries(data / recipe.files[step.old_areas]), step.old_areas_field
    )
    new_ics = _dissolved(ics, recipe.ics_code)
    siblings = areas_beside(unmatched, new)
    matches = {}
    for code, ics_code in zip(unmatched["area"], unmatched["ics"]):
        if ics_code not in new_ics.index:
            raise CrosswalkError(
                f"Small area {code}: its ICS {ics_code} is not in the new ICS boundaries."
            )
        known = old_areas.reindex([a for a in siblings.get(ics_code, []) if a in old_areas.index])
        remainder = (
            new_ics[ics_code].difference(known.union_all()) if len(known) else new_ics[ics_code]
        )
        if remainder.is_empty or remainder.area <= 0:
            raise CrosswalkError(
                f"Small area {code}: the other small areas of ICS {ics_code} cover all of it. Add it "
                "to the old lookup."
            )
        overlaps = old_areas.intersection(remainder).area
        best = overlaps.idxmax()
        matches[code] = AreaMatch(best, overlaps[best] / remainder.area)
    return matches


def _dissolved(frame: gpd.GeoDataFrame, code_field: str) -> gpd.GeoSeries:
    """Each code's polygon (parts sharing a code merged), repaired, in British National Grid."""

    shapes = (
        frame.assign(code=clean_codes(frame[code_field])).dropna(subset=["code"]).to_crs(AREA_CRS)
    )
    shapes["geometry"] = shapes.geometry.make_valid()
    return shapes.dissolve(by="code").geometry
