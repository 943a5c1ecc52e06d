"""The whole method on the sample data without QGIS: geopandas reads and places, the core
computes, and the GeoPackage and web report are written as the QGIS demo writes them.

Each edition is prepared the way ``make demo`` prepares it (same files, fields and rules,
from :mod:`dspt_qgis.pipeline.samples`), so the two give the same composites; a test
holds them to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from dspt_qgis.core.codes import clean_codes
from dspt_qgis.core.component import NO_LOCATION, OUTSIDE, Component, Placement
from dspt_qgis.core.composite import RESULT_FIELDS, CompositeRequest, CompositeResult, ics_composite
from dspt_qgis.core.crosstab import Crosstab, sector_status_crosstab
from dspt_qgis.core.join import Lookup, Side, build_lookup, join_to_dspt
from dspt_qgis.core.locate import locate
from dspt_qgis.core.membership import ICS_FIELD, ics_from_ods
from dspt_qgis.core.ods import closures_from_table, read_ods
from dspt_qgis.core.population import PopulationTable, with_population
from dspt_qgis.core.proportions import (
    POPULATION_FIELD,
    ProportionsRequest,
    ProportionsResult,
    trust_proportions,
)
from dspt_qgis.core.reader import SOURCE_ROW, read_table
from dspt_qgis.core.resolve import ImportRequest, import_export
from dspt_qgis.core.sources import file_source, layer_source
from dspt_qgis.core.webreport import ReportContent, write_web_report
from dspt_qgis.core.weights import totals_by_group
from dspt_qgis.pipeline.samples import REGION_NAME, SAMPLES, Sample

WGS84 = "EPSG:4326"


@dataclass
class Prepared:
    """One edition's inputs: statuses, commissioners (areas) and trusts (points) with their
    ICS codes, the ICS and region polygons, and the populations (all in WGS84)."""

    sample: Sample
    statuses: pd.DataFrame
    commissioners: gpd.GeoDataFrame
    commissioner_ics_field: str
    trusts: gpd.GeoDataFrame
    ics: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    population: PopulationTable | None
    ics_population: pd.Series | None


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
    frame = gpd.read_file(data / relative).to_crs(WGS84)
    frame["geometry"] = frame.geometry.make_valid()
    frame[SOURCE_ROW] = np.arange(1, len(frame) + 1)
    return frame


def read_csv_table(data: Path, relative: str) -> pd.DataFrame:
    """A CSV table as the core reads exports: text cells, file row numbers."""
    return read_table(data / relative).table


def imported(data: Path, sample: Sample, role: str, **request: Any) -> pd.DataFrame:
    """An export of the sample, resolved for its edition."""
    return import_export(
        data / sample.files[role], ImportRequest(edition=sample.edition, **request)
    ).table


def with_statuses(
    boundaries: gpd.GeoDataFrame, code_field: str, statuses: pd.DataFrame, name: str
) -> gpd.GeoDataFrame:
    """Commissioner polygons with the status fields of their DSPT row (a left join)."""
    joined = join_to_dspt(
        Side(boundaries, code_field, layer_source(name)),
        Side(statuses.reset_index(drop=True), "code", layer_source("statuses")),
        status_field="status",
    )
    copied = ["code", "name", "sector", "edition", "status", "status_source", "score"]
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


def placement(trusts: gpd.GeoDataFrame, ics: gpd.GeoDataFrame, code_field: str) -> Placement:
    """Each point's ICS: the first polygon (in the layer's order) it lies in, as QGIS places it."""
    polygons = ics[[code_field, "geometry"]].to_crs(trusts.crs)
    hits = gpd.sjoin(trusts[["geometry"]], polygons, how="left", predicate="intersects")
    first = hits.sort_values("index_right").groupby(level=0).first()
    codes = first[code_field].reindex(trusts.index).astype(object)
    codes = codes.where(codes.notna(), None)
    reasons = pd.Series(None, index=trusts.index, dtype=object)
    reasons[codes.isna()] = OUTSIDE
    reasons[trusts.geometry.is_empty | trusts.geometry.isna()] = NO_LOCATION
    return Placement(codes, reasons)


def population_table(
    data: Path, sample: Sample, table: pd.DataFrame | None = None
) -> PopulationTable | None:
    """The sample's population table keyed by commissioner code (None when the edition has none)."""
    if not sample.population_code:
        return None
    table = table if table is not None else read_csv_table(data, sample.files["population"])
    return PopulationTable(
        table,
        file_source(sample.files["population"]),
        sample.population_code,
        sample.population_value,
    )


def ics_population(data: Path, sample: Sample, table: pd.DataFrame | None = None) -> pd.Series:
    """Population per ICS code (the shading of map 2)."""
    table = table if table is not None else read_csv_table(data, sample.files["population"])
    return totals_by_group(
        table,
        group_field=sample.ics_population_code or sample.ics_code,
        value_field=sample.population_value,
        source=file_source(sample.files["population"]),
    )


def prepare_2020_21(data: Path) -> Prepared:
    sample = SAMPLES["20/21"]
    statuses = imported(data, sample, "export")
    ccgs = read_layer(data, sample.files["commissioners"])
    return Prepared(
        sample=sample,
        statuses=statuses,
        commissioners=with_statuses(
            ccgs,
            sample.commissioner_code,
            statuses[statuses["sector"] == "Commissioner"],
            "commissioners",
        ),
        commissioner_ics_field=sample.ics_code,
        trusts=points(statuses[statuses["sector"] == "Trust"], "latitude", "longitude"),
        ics=read_layer(data, sample.files["ics"]),
        regions=read_layer(data, sample.files["regions"]),
        population=population_table(data, sample),
        ics_population=ics_population(data, sample),
    )


def prepare_2021_22(data: Path) -> Prepared:
    sample = SAMPLES["21/22"]
    files = sample.files
    ods = read_ods([data / files["ods_trusts"], data / files["ods_care_trusts"]]).table
    closures = closures_from_table(
        ods, code_field="code", date_field="close_date", source=file_source("ODS")
    )
    ccg_statuses = imported(data, sample, "export", default_sector="CCG")
    trust_statuses = imported(
        data, sample, "trusts_export", default_sector="NHS Trust", closures=closures
    )
    lookup_table = read_csv_table(data, files["ccg_stp_lookup"])
    stp_of_ccg = dict(zip(clean_codes(lookup_table["CCG21CDH"]), lookup_table["STP21CD"]))
    ccg_statuses = ccg_statuses.assign(STP21CD=clean_codes(ccg_statuses["code"]).map(stp_of_ccg))
    stp_lookup: Lookup = build_lookup(
        lookup_table, "STP21CDH", "STP21CD", source=file_source(files["ccg_stp_lookup"])
    )
    members = ics_from_ods(
        Side(numbered(trust_statuses), "code", layer_source("trusts")),
        Side(ods, "code", file_source("ODS")),
        ics_field="high_level_health_geography",
        lookup=stp_lookup,
    )
    trust_statuses = trust_statuses.assign(**{ICS_FIELD: members.ics_codes.to_numpy()})
    sub_icbs = read_layer(data, files["commissioners"])
    commissioners = with_statuses(
        sub_icbs, sample.commissioner_code, ccg_statuses, "sub-ICB locations"
    )
    commissioners["STP21CD"] = clean_codes(commissioners["code"]).map(stp_of_ccg)
    patients = read_csv_table(data, files["population"])
    per_stp = patients.assign(STP21CD=clean_codes(patients["SICBL23CDH"]).map(stp_of_ccg))
    return Prepared(
        sample=sample,
        statuses=pd.concat(
            [ccg_statuses.drop(columns="STP21CD"), trust_statuses], ignore_index=True
        ),
        commissioners=commissioners,
        commissioner_ics_field="STP21CD",
        trusts=points(trust_statuses, "latitude", "longitude"),
        ics=read_layer(data, files["ics"]),
        regions=read_layer(data, files["regions"]),
        population=population_table(data, sample, patients),
        ics_population=ics_population(data, sample, per_stp),
    )


def prepare_2022_23(data: Path) -> Prepared:
    sample = SAMPLES["22/23"]
    icbs, trusts = imported(data, sample, "export"), imported(data, sample, "trusts_export")
    csus = imported(data, sample, "csu_export")
    boundaries = read_layer(data, sample.files["ics"])
    return Prepared(
        sample=sample,
        statuses=pd.concat([icbs, trusts, csus], ignore_index=True),
        commissioners=with_statuses(boundaries, sample.commissioner_code, icbs, "ICBs"),
        commissioner_ics_field=sample.ics_code,
        trusts=points(trusts, "lat", "long"),
        ics=boundaries,
        regions=read_layer(data, sample.files["regions"]),
        population=None,
        ics_population=ics_population(data, sample),
    )


PREPARERS: dict[str, Callable[[Path], Prepared]] = {
    "20/21": prepare_2020_21,
    "21/22": prepare_2021_22,
    "22/23": prepare_2022_23,
}


def analyse(prepared: Prepared, *, trusts_by_location: bool = False) -> Results:
    """Composite, proportions and summary, as the QGIS algorithms compute them."""
    sample = prepared.sample
    groups = prepared.ics[sample.ics_code].tolist()
    commissioners = Component(
        pd.DataFrame(prepared.commissioners.drop(columns="geometry")),
        layer_source("commissioners"),
        "commissioner",
        code_field="code",
        status_field="status",
        group_field=prepared.commissioner_ics_field,
    )
    if prepared.population is not None:
        commissioners, _ = with_population(commissioners, prepared.population)
    trust_table = numbered(pd.DataFrame(prepared.trusts.drop(columns="geometry")))
    trusts = Component(
        trust_table,
        layer_source("trusts"),
        "trust",
        code_field="code",
        status_field="status",
        group_field=None if trusts_by_location else sample.trust_ics,
    )
    if trusts_by_location:
        trusts = dataclasses.replace(
            trusts, placement=placement(prepared.trusts, prepared.ics, sample.ics_code)
        )
    composite = ics_composite(commissioners, trusts, CompositeRequest(groups=groups))
    proportions = trust_proportions(trusts, ProportionsRequest(groups=groups))
    if prepared.ics_population is not None:
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
    code = prepared.sample.ics_code
    ics = prepared.ics.copy()
    keys = clean_codes(ics[code])
    composite = results.composite.table.set_index("ics")
    proportions = results.proportions.table.set_index("ics")
    for column in RESULT_FIELDS:
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
    gpd.GeoDataFrame(results.crosstab.table).to_file(gpkg, layer="summary", driver="GPKG")
    write_web_report(out / "site", report_content(prepared, results, ics))
    return {"geopackage": gpkg, "site": out / "site" / "index.html"}


def report_content(prepared: Prepared, results: Results, ics: gpd.GeoDataFrame) -> ReportContent:
    """What the web report shows, from the pipeline's layers."""
    sample = prepared.sample

    def collection(frame: gpd.GeoDataFrame, columns: dict[str, str]) -> dict[str, Any]:
        renamed = frame[[*columns, "geometry"]].rename(columns=columns)
        renamed = renamed.astype({c: object for c in columns.values()})
        return dict(renamed.where(renamed.notna(), None).__geo_interface__)

    ics_props = {
        sample.ics_code: "code",
        sample.ics_name: "name",
        **{
            c: c
            for c in ics.columns
            if c.startswith(
                ("n_", "p_", "composite_", "commissioner_score", "trust_score", "population")
            )
        },
    }
    ics_collection = collection(ics, ics_props)
    labels = ics.geometry.representative_point()
    for feature, point in zip(ics_collection["features"], labels):
        feature["properties"]["label"] = [round(point.x, 6), round(point.y, 6)]
    organisation = {"code": "code", "name": "name", "status": "status"}
    return ReportContent(
        title=f"DSPT {sample.edition} compliance",
        edition=sample.edition,
        data_date=sample.data_date,
        commissioners=collection(prepared.commissioners, organisation),
        trusts=collection(prepared.trusts, organisation),
        ics=ics_collection,
        crosstab=results.crosstab,
        regions=collection(prepared.regions, {REGION_NAME: "name"}),
        weighting_note=next(
            (n for n in results.composite.table["composite_note"] if " x " in n),
            sample.weighting_note,
        ),
        population_label="GP registered patients"
        if prepared.ics_population is not None
        else "Number of trusts",
    )
