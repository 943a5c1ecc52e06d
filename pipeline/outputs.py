"""What ``dspt-report`` writes, as ``make demo`` writes it: the web report (a step of the
recipe) and the GeoPackage of the steps' layers, named as the demo names them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd

from ..core.codes import clean_codes
from ..core.composite import EDITION_FIELD, RESULT_FIELDS
from ..core.gains_shown import board_notes, web_fields
from ..core.proportions import POPULATION_FIELD
from ..core.rank_range import ADDED_FIELDS, with_rank_ranges
from ..presentation.webreport import ReportContent, write_web_report
from .recipes import REGION_NAME
from .state import Run
from .steps import WebReport


def ics_with_results(run: Run) -> gpd.GeoDataFrame:
    """The ICS polygons with the composite (its rank range beside, as the QGIS composite
    writes it) and proportion columns."""
    ics = run.ics.copy()
    keys = clean_codes(ics[run.recipe.ics_code])
    composite = with_rank_ranges(run.composite.table, run.rank_ranges).set_index("ics")
    proportions = run.proportions.table.set_index("ics")
    for column in (*RESULT_FIELDS, EDITION_FIELD, *ADDED_FIELDS):
        ics[column] = keys.map(composite[column]).to_numpy()
    for column in [
        *run.proportions.count_fields,
        *run.proportions.share_fields,
        POPULATION_FIELD,
    ]:
        if column in proportions.columns:
            ics[column] = keys.map(proportions[column]).to_numpy()
    return ics


def write_geopackage(run: Run) -> Path:
    """``dspt_report.gpkg`` in the run's folder, written afresh: the ICS polygons with the
    results, the commissioners, the trust points, the regions, the summary and what would
    raise each ICS's composite (``ics_gains``, as the demo names it)."""
    run.out.mkdir(parents=True, exist_ok=True)
    gpkg = run.out / "dspt_report.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    layers: dict[str, gpd.GeoDataFrame] = {
        "ics_composite": ics_with_results(run),
        "commissioner_status": run.commissioners,
        "trust_points": run.trusts,
        "nhs_regions": run.regions,
    }
    for name, frame in layers.items():
        frame.to_file(gpkg, layer=name, driver="GPKG")
    gpd.GeoDataFrame(run.crosstab.output()).to_file(gpkg, layer="summary", driver="GPKG")
    gpd.GeoDataFrame(run.gains.table).to_file(gpkg, layer="ics_gains", driver="GPKG")
    return gpkg


def web_report(run: Run, step: WebReport) -> None:
    """The published page into ``site/`` of the run's folder."""
    write_web_report(run.out / "site", report_content(run))
    run.site = run.out / "site" / "index.html"


def report_content(run: Run) -> ReportContent:
    """What the web report shows, from the run's layers."""
    recipe = run.recipe
    ics = ics_with_results(run)

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
    board = board_fields(run)
    keys = clean_codes(ics[recipe.ics_code])
    points = ics.geometry.representative_point()
    for feature, key, point in zip(ics_collection["features"], keys, points):
        feature["properties"]["label"] = [round(point.x, 6), round(point.y, 6)]
        feature["properties"] |= board.get(key, {})
    organisation = {"code": "code", "name": "name", "status": "status"}
    return ReportContent(
        title=f"DSPT {recipe.heading} compliance",
        edition=recipe.edition,
        data_date=recipe.data_date,
        commissioners=collection(run.commissioners, organisation),
        trusts=collection(run.trusts, organisation),
        ics=ics_collection,
        crosstab=run.crosstab,
        regions=collection(run.regions, {REGION_NAME: "name"}),
        weighting_note=next(
            (n for n in run.composite.table["composite_note"] if " x " in n),
            recipe.weighting_note,
        ),
        population_label="GP registered patients",
        notes=board_notes(board),
    )


def board_fields(run: Run) -> dict[str, dict[str, Any]]:
    """By ICS code, what the page says beside each composite, as dspt:webreport says it
    given the composite's rank range and the gains table: the rank and its range across
    the method's variants, the largest gain (when the recipe computes gains)."""
    composite = with_rank_ranges(run.composite.table, run.rank_ranges).set_index("ics")
    names = {
        str(code): str(name)
        for side in (run.commissioners, run.trusts)
        for code, name in zip(side["code"], side["name"])
        if isinstance(name, str) and name
    }
    gains = getattr(run, "gains", None)
    return web_fields(composite, None if gains is None else gains.table, names)
