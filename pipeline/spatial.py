"""Where features lie, without QGIS: boundary files read in the CRS they are in (or the one
their coordinates show, by the core's rule) and organisation points placed in the ICS
polygons holding them, by the core's rule; geopandas finds the polygons, as QGIS's
KD-tree and GEOS do in the plugin."""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from ..core.codes import clean_codes
from ..core.crs import Extent, KnownCrs, assumed_crs, check_declared_crs, declared_as
from ..core.placement import FEATURE, GROUP, PART, Organisations, Placement, place
from ..core.sources import SOURCE_ROW, layer_source

LOGGER = logging.getLogger(__name__)


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    """A layer file; one without a CRS (a shapefile without its .prj) is read in the CRS its
    coordinates show, with a warning, or stops naming the file; so does one whose
    coordinates are no places of the UK in the CRS it declares (core.crs)."""
    frame = gpd.read_file(path)
    if frame.geometry.is_empty.all():
        return frame
    if frame.crs is None:
        authid, warning = assumed_crs(f"file {path.name}", Extent(*frame.total_bounds))
        LOGGER.warning(warning)
        return frame.set_crs(authid)
    check_declared_crs(
        f"file {path.name}", frame.crs.to_string(), _read_as(frame.crs), Extent(*frame.total_bounds)
    )
    return frame


def _read_as(crs: CRS) -> KnownCrs | None:
    """The CRS the rule reads a declared ``crs`` as (core.crs.declared_as): the National
    Grid is a .prj's WKT recognised as EPSG:27700, or the horizontal part of EPSG:7405."""
    horizontal = crs.sub_crs_list[0] if crs.is_compound else crs
    return declared_as(horizontal.is_geographic, horizontal.to_epsg() == 27700)


def placement(trusts: gpd.GeoDataFrame, ics: gpd.GeoDataFrame, code_field: str) -> Placement:
    """Each point's ICS (by ``trusts``' index; features numbered in ``source_row``): every
    ICS polygon each of its points lies in or on, decided by
    :func:`dspt_qgis.core.placement.place` (as QGIS places them)."""
    polygons = ics[[code_field, "geometry"]].to_crs(trusts.crs)
    located = trusts[["geometry"]][trusts.geometry.notna() & ~trusts.geometry.is_empty]
    parts = located.explode(index_parts=True)
    parts[PART] = range(len(parts))
    hits = gpd.sjoin(parts, polygons, how="left", predicate="intersects")
    points = pd.DataFrame(
        {
            FEATURE: hits.index.get_level_values(0),
            PART: hits[PART].to_numpy(),
            GROUP: hits[code_field].astype(object).where(hits[code_field].notna(), None).to_numpy(),
        }
    )
    source = layer_source("trusts")
    organisations = Organisations(
        pd.Series(trusts.index, index=trusts.index),
        clean_codes(trusts["code"]),
        trusts[SOURCE_ROW],
        source,
        "trust",
    )
    return place(organisations, points, "the ICS boundaries")
