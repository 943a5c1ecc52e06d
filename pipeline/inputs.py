"""The steps that turn a recipe's files into the method's inputs, with the core and
geopandas (as ``make demo`` takes them with QGIS): the exports imported, the commissioner
polygons joined to their statuses, the trusts' ICS from ODS, the trusts located, and the
statuses carried onto a newer geography."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from ..core.codes import clean_codes
from ..core.component import Component
from ..core.join import Side, build_lookup, join_to_dspt
from ..core.locate import locate
from ..core.membership import ICS_FIELD, ics_from_ods
from ..core.ods import closures_from_table, read_ods
from ..core.resolve import STATUS_FIELDS, ImportRequest
from ..core.sources import SOURCE_ROW, file_source, layer_source
from ..core.weights import Weighting
from .crosswalk import carried_onto, import_file, read_file
from .recipes import Recipe
from .spatial import placement, read_boundaries
from .state import Run
from .steps import (
    BY_SECTOR,
    CodeLookup,
    Crosswalk,
    Import,
    JoinCommissioners,
    LocateTrusts,
    OdsMembership,
)

WGS84 = "EPSG:4326"


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


def rows(run: Run, source: str, sector: str) -> pd.DataFrame:
    """A step's rows: one sector of all the statuses, or one export's."""
    statuses = run.statuses
    return statuses[statuses["sector"] == sector] if source == BY_SECTOR else run.imported[source]


def import_exports(run: Run, step: Import) -> None:
    """The ODS files read (closures and membership), then each export imported for the
    edition, and all of them together as the statuses."""
    files = [run.data / run.recipe.files[role] for role in step.ods]
    run.ods = read_ods(files).table if step.ods else None
    closures = (
        closures_from_table(
            run.ods, code_field="code", date_field="close_date", source=file_source("ODS")
        )
        if run.ods is not None
        else None
    )
    run.imported = {
        export.role: import_file(
            run.data / run.recipe.files[export.role],
            ImportRequest(
                edition=run.recipe.edition,
                default_sector=export.default_sector,
                closures=closures if export.leave_out_closed else None,
            ),
        )
        for export in step.exports
    }
    run.statuses = pd.concat(list(run.imported.values()), ignore_index=True)


def join_commissioners(run: Run, step: JoinCommissioners) -> None:
    """The commissioner polygons with their statuses (and ICS code when looked up): map 1's
    areas, and the composite's commissioners."""
    statuses_of = rows(run, step.rows, "Commissioner")
    copied = list(STATUS_FIELDS)
    if step.ics_lookup is not None:
        statuses_of = with_lookup(run.data, run.recipe, statuses_of, "code", step.ics_lookup)
        copied.append(step.ics_lookup.target)
    boundaries = read_layer(run.data, run.recipe.files[step.boundaries])
    run.commissioners = with_statuses(boundaries, step.code_field, statuses_of, copied)
    run.side = Component(
        numbered(pd.DataFrame(run.commissioners.drop(columns="geometry"))),
        layer_source("commissioners"),
        "commissioner",
        code_field="code",
        status_field="status",
        group_field=step.ics_field,
    )


def with_statuses(
    boundaries: gpd.GeoDataFrame, code_field: str, statuses: pd.DataFrame, copied: list[str]
) -> gpd.GeoDataFrame:
    """Commissioner polygons with the ``copied`` fields of their DSPT row (a left join)."""
    joined = join_to_dspt(
        Side(boundaries, code_field, layer_source("commissioner boundaries")),
        Side(statuses.reset_index(drop=True), "code", layer_source("statuses")),
        status_field="status",
    )
    kept = joined.kept[copied].reindex(joined.dspt_row.tolist())
    kept.index = boundaries.index
    taken = {c.lower() for c in boundaries.columns}
    kept.columns = [c if c.lower() not in taken else f"{c}_dspt" for c in kept.columns]
    return gpd.GeoDataFrame(
        pd.concat([boundaries, kept], axis=1), geometry="geometry", crs=boundaries.crs
    )


def ods_membership(run: Run, step: OdsMembership) -> None:
    """The export's trusts with their ICS as ODS records it (``ICS_FIELD``), for the steps
    after."""
    if run.ods is None:
        raise ValueError(f"{run.recipe.label}: ODS membership needs the import to read ODS files.")
    lookup = step.lookup
    lookup_table = read_file(run.data, run.recipe, lookup.role, (lookup.source, lookup.target))
    trusts = run.imported[step.export]
    members = ics_from_ods(
        Side(numbered(trusts), "code", layer_source("trusts")),
        Side(run.ods, "code", file_source("ODS")),
        ics_field="high_level_health_geography",
        lookup=build_lookup(
            lookup_table.table,
            lookup.source,
            lookup.target,
            source=file_source(run.recipe.files[lookup.role]),
        ),
    )
    run.imported[step.export] = trusts.assign(**{ICS_FIELD: members.ics_codes.to_numpy()})


def locate_trusts(run: Run, step: LocateTrusts) -> None:
    """The trusts as points, and as the composite's trusts: in the ICS their field names,
    or (none, or ``--trusts-by-location``) in the polygon they lie in."""
    run.trusts = points(rows(run, step.rows, "Trust"), step.latitude, step.longitude)
    by_location = run.trusts_by_location or step.ics_field is None
    located = numbered(run.trusts)  # the component's rows, numbered as it numbers them
    side = Component(
        pd.DataFrame(located.drop(columns="geometry")),
        layer_source("trusts"),
        "trust",
        code_field="code",
        status_field="status",
        group_field=None if by_location else step.ics_field,
    )
    if by_location:
        side = dataclasses.replace(side, placement=placement(located, run.ics, run.recipe.ics_code))
    run.trust_side = side


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


def crosswalk(run: Run, step: Crosswalk) -> None:
    """The composite's commissioners on the newer geography: the export's statuses carried
    onto its small areas, weighted by theirs."""
    areas = carried_onto(run.data, run.recipe, step, run.imported[step.export], run.ics)
    run.side = Component(
        numbered(areas),
        layer_source("commissioners"),
        "commissioner",
        code_field="code",
        status_field="status",
        group_field=step.new_lookup.target,
        weight_field="weight",
        weighting=Weighting.POPULATION,
    )
