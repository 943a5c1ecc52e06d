"""The synthetic national register written to GeoPackages, and the plugin's composite and
point placement on it against QGIS's own tools (native algorithms), for ``make bench``
(bench.run) and the verified-writes and gains benchmarks (bench.readback, bench.gains);
the demo and the native tools on the national sample's own layers."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from bench.run import CANONICAL, REPO, timed


def _write_layer(path: str, srs, geometry_type: int, fields: dict[str, int], rows) -> None:
    """One GeoPackage layer named after its file, filled in one transaction from
    ``rows`` of (attributes, WKT or None)."""
    from osgeo import ogr

    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = dataset.CreateLayer(Path(path).stem, srs, geometry_type)
    for name, kind in fields.items():
        layer.CreateField(ogr.FieldDefn(name, kind))
    layer.StartTransaction()
    for attributes, wkt in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in attributes.items():
            feature[name] = value
        if wkt is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    layer.CommitTransaction()


def write_geopackages(folder: Path, organisations: int, areas: int, points: int) -> dict[str, str]:
    """Areas (squares, EPSG:27700), an organisations table and organisation points."""
    from osgeo import ogr, osr

    from bench.synthetic import grid_cells

    rng = np.random.default_rng(7)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    paths = {name: str(folder / f"{name}.gpkg") for name in ("areas", "orgs", "points")}
    cells, (width, height) = grid_cells(areas)
    squares = (
        (
            {"code": code},
            f"POLYGON(({x} {y},{x + width} {y},{x + width} {y + height},{x} {y + height},{x} {y}))",
        )
        for code, x, y in cells
    )
    _write_layer(paths["areas"], srs, ogr.wkbPolygon, {"code": ogr.OFTString}, squares)

    codes = [c for c, _, _ in cells]
    statuses = rng.choice(list(CANONICAL), size=organisations, p=[0.1, 0.6, 0.2, 0.03, 0.07])
    populations = rng.integers(1_000, 500_000, organisations)
    orgs = (
        (
            {
                "code": f"O{index}",
                "area": codes[index % len(codes)],
                "status": str(statuses[index]),
                "population": int(populations[index]),
            },
            None,
        )
        for index in range(organisations)
    )
    org_fields = {"code": ogr.OFTString, "area": ogr.OFTString, "status": ogr.OFTString}
    org_fields["population"] = ogr.OFTInteger64
    _write_layer(paths["orgs"], None, ogr.wkbNone, org_fields, orgs)

    xs = rng.uniform(100_000, 660_000, points)
    ys = rng.uniform(0, 660_000, points)
    located = (
        (
            {"code": f"P{index}", "status": str(statuses[index % organisations])},
            f"POINT({xs[index]} {ys[index]})",
        )
        for index in range(points)
    )
    point_fields = {"code": ogr.OFTString, "status": ogr.OFTString}
    _write_layer(paths["points"], srs, ogr.wkbPoint, point_fields, located)
    return paths


def native_composite(paths: dict[str, str]):
    """The same composite with QGIS's own tools: field calculator, statistics by categories, joins.

    (Aggregate, the other native route, did not finish a single 100,000-row run grouped into
    33,000 areas within four minutes on this machine, so the chain uses Statistics by
    categories, which groups by hashing.)
    """
    from qgis import processing

    def run(algorithm, parameters):
        return processing.run(algorithm, {**parameters, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]

    def calculate(layer, name, formula):
        return run(
            "native:fieldcalculator",
            {
                "INPUT": layer,
                "FIELD_NAME": name,
                "FIELD_TYPE": 0,
                "FIELD_LENGTH": 20,
                "FIELD_PRECISION": 6,
                "FORMULA": formula,
            },
        )

    def statistics(layer, field):
        return run(
            "qgis:statisticsbycategories",
            {"INPUT": layer, "VALUES_FIELD_NAME": field, "CATEGORIES_FIELD_NAME": ["area"]},
        )

    def join(left, left_field, right, fields, prefix):
        return run(
            "native:joinattributestable",
            {
                "INPUT": left,
                "FIELD": left_field,
                "INPUT_2": right,
                "FIELD_2": "area",
                "FIELDS_TO_COPY": fields,
                "METHOD": 1,
                "PREFIX": prefix,
            },
        )

    case = " ".join(f"WHEN \"status\" = '{s}' THEN {v}" for s, v in CANONICAL.items())
    scored = calculate(paths["orgs"], "score", f"CASE {case} END")
    weighted = calculate(scored, "weighted", '"population" * "score"')
    sums = statistics(weighted, "weighted")
    populations = statistics(weighted, "population")
    means = statistics(weighted, "score")
    both = join(sums, "area", populations, ["sum"], "p_")
    every = join(both, "area", means, ["mean"], "s_")
    composite = calculate(every, "composite_score", '0.5 * "sum" / "p_sum" + 0.5 * "s_mean"')
    return join(paths["areas"], "code", composite, ["composite_score"], "")


def plugin_composite(paths: dict[str, str]):
    from qgis import processing

    return processing.run(
        "dspt:icscomposite",
        {
            "ICS": paths["areas"],
            "ICS_FIELD": "code",
            "COMMISSIONERS": paths["orgs"],
            "COMMISSIONER_ICS_FIELD": "area",
            "COMMISSIONER_POPULATION_FIELD": "population",
            "TRUSTS": paths["orgs"],
            "TRUST_ICS_FIELD": "area",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]


def same_composites(ours, theirs) -> bool:
    a = {f["code"]: f["composite_score"] for f in ours.getFeatures()}
    b = {f["code"]: f["composite_score"] for f in theirs.getFeatures()}
    return all(
        abs(float(a[k]) - float(b[k])) < 1e-6 for k in b if b[k] is not None and a[k] is not None
    )


def plugin_spatial(paths):
    from qgis import processing

    return processing.run(
        "dspt:trustproportions",
        {
            "ICS": paths["areas"],
            "ICS_FIELD": "code",
            "TRUSTS": paths["points"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )


def native_spatial(paths):
    from qgis import processing

    return processing.run(
        "native:joinattributesbylocation",
        {
            "INPUT": paths["points"],
            "JOIN": paths["areas"],
            "PREDICATE": [0],
            "JOIN_FIELDS": ["code"],
            "METHOD": 1,
            "DISCARD_NONMATCHING": False,
            "PREFIX": "ics_",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )


def sample_runs(data: Path, runs: int) -> dict[str, Any] | None:
    """``make demo`` (2020/21) warm: the median of ``runs`` runs after a first one, as the
    demo reports it (QGIS start-up included); then ``dspt:webreport`` and ``dspt:icsatlas``
    on the demo's layers (median of 3 each, in this process). None without the sample data."""
    if not (data / "dspt").is_dir():
        return None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        demo_times = _demo_times(data, out, runs)
        web, atlas = _on_the_demo_layers(out)
        size = sum(f.stat().st_size for f in (out / "site").rglob("*") if f.is_file())
        return {
            "demo": demo_times,
            "web": web,
            "site_size": f"{size / 1e6:.2f} MB",
            "atlas": atlas,
            "atlas_size": f"{(out / 'atlas.pdf').stat().st_size / 1e6:.1f} MB",
        }


def _demo_times(data: Path, out: Path, runs: int) -> list[float]:
    """The seconds each warm ``make demo`` run reports."""
    times = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # warm includes Python's bytecode cache, as for a user
    for run in range(runs + 1):
        done = subprocess.run(
            [sys.executable, "-m", "scripts.demo", "--data", str(data), "--out", str(out)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        if run:  # the first run warms the disk cache and Python's bytecode cache
            times.append(float(done.stdout.split("done in ")[1].split(" s")[0]))
    return times


def _on_the_demo_layers(out: Path) -> tuple[float, float]:
    """Median seconds of the web report and of the ICS atlas (PDF only) from the layers the
    demo wrote into ``out``."""
    from qgis import processing

    from dspt_qgis.pipeline.recipes import REGION_NAME, recipe_for
    from dspt_qgis.pipeline.steps import JoinCommissioners

    recipe = recipe_for("20/21")
    commissioners = recipe.step(JoinCommissioners)

    def layer(name: str) -> str:
        return f"{out / 'dspt_demo.gpkg'}|layername={name}"

    def web_report() -> None:
        processing.run(
            "dspt:webreport",
            {
                "COMMISSIONERS": layer("commissioner_status"),
                "TRUSTS": layer("trust_points"),
                "COMPOSITE": layer("ics_composite"),
                "ICS_FIELD": recipe.ics_code,
                "ICS_NAME_FIELD": recipe.ics_name,
                "PROPORTIONS": layer("trust_proportions"),
                "REGIONS": layer("nhs_regions"),
                "REGION_NAME_FIELD": REGION_NAME,
                "SUMMARY": layer("summary"),
                "EDITION": "20/21",
                "OUTPUT": str(out / "site"),
            },
        )

    def atlas() -> None:
        processing.run(
            "dspt:icsatlas",
            {
                "COMPOSITE": layer("ics_composite"),
                "ICS_FIELD": recipe.ics_code,
                "ICS_NAME_FIELD": recipe.ics_name,
                "COMMISSIONERS": layer("commissioner_status"),
                "COMMISSIONER_ICS_FIELD": commissioners.ics_field,
                "TRUSTS": layer("trust_points"),
                "TRUST_ICS_FIELD": recipe.ics_code,
                "CHANGE": layer("trust_change"),
                "OUTPUT": str(out / "atlas.pdf"),
            },
        )

    return timed(web_report, 3), timed(atlas, 3)
