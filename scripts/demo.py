"""``make demo``: the whole published method on the sample data, through the plugin's own
Processing algorithms, headless. Writes a styled GeoPackage, a QGIS project with the three
map layouts, the maps as PNG and PDF, and the summary report, then prints the composites.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SOURCES = {
    "dspt": "DSPT portal organisation-search export: https://www.dsptoolkit.nhs.uk/OrganisationSearch "
    "(Export search results), or the curated snapshots of the 'Open Statistics - Cyber Security' analysis",
    "boundaries": "ONS Open Geography Portal (https://geoportal.statistics.gov.uk), saved as GeoJSON in EPSG:4326",
}


@dataclass(frozen=True)
class Edition:
    """Which sample files and fields one edition's demo uses."""

    label: str
    needs: dict[str, str]  # role -> path relative to the data folder
    ics_code: str
    ics_name: str
    commissioner_code: str
    trust_ics_field: str


EDITIONS = {
    "20/21": Edition(
        label="2020/21 (CCGs and STPs)",
        needs={
            "export": "dspt/2020_21/curated_dspt_20220208.csv",
            "commissioners": "boundaries/ccg_april2020.geojson",
            "ics": "boundaries/stp_april2020.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
        },
        ics_code="STP20CD",
        ics_name="STP20NM",
        commissioner_code="CCG20CDH",
        trust_ics_field="STP20CD",
    ),
    "22/23": Edition(
        label="2022/23 (ICBs)",
        needs={
            "export": "dspt/2022_23/icb_snapshot_20231116.csv",
            "trusts_export": "dspt/2022_23/trusts_snapshot_20231116.csv",
            "csu_export": "dspt/2022_23/csu_snapshot_20231116.csv",
            "commissioners": "boundaries/icb_july2023.geojson",
            "ics": "boundaries/icb_july2023.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
        },
        ics_code="ICB23CDH",
        ics_name="ICB23NM",
        commissioner_code="ICB23CDH",
        trust_ics_field="High Level Health Geography",
    ),
}


def missing_files(data: Path, edition: Edition) -> list[str]:
    """The sample files this edition needs that are not in ``data``."""
    return [rel for rel in edition.needs.values() if not (data / rel).is_file()]


def explain_missing(data: Path, missing: list[str]) -> str:
    lines = [f"The demo needs these files under {data}:"]
    for rel in missing:
        kind = "dspt" if rel.startswith("dspt/") else "boundaries"
        lines.append(f"  {rel}\n      from: {SOURCES[kind]}")
    lines.append("Point DATA=... (make demo DATA=/path/to/data) at a folder laid out like this.")
    return "\n".join(lines)


def start_qgis():
    """A headless QGIS with Processing and the dspt provider (kept referenced)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from osgeo import gdal

    # GDAL's notices while writing GeoPackage tables and PNG maps are not errors of the
    # method; real failures raise QgsProcessingException or RuntimeError here.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    sys.path.insert(0, str(REPO))
    from dspt_qgis.processing_algs.provider import DsptProvider

    provider = DsptProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def run_method(data: Path, edition_key: str, out: Path) -> dict[str, str]:
    """Run the algorithms, writing every layer into one GeoPackage; return layer sources."""
    from qgis import processing

    edition = EDITIONS[edition_key]
    gpkg = out / "dspt_demo.gpkg"
    if gpkg.exists():
        gpkg.unlink()

    def into(name: str, geometry: bool = True) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{name}\"" + (" (geom)" if geometry else "")

    def path(role: str) -> str:
        return str(data / edition.needs[role])

    def run(algorithm: str, parameters: dict) -> dict:
        return processing.run(algorithm, parameters)

    layers: dict[str, str] = {}
    layers["statuses"] = run(
        "dspt:importexport",
        {
            "INPUT": path("export"),
            "EDITION": edition_key,
            "OUTPUT": into("dspt_statuses", geometry=False),
        },
    )["OUTPUT"]
    if "trusts_export" in edition.needs:
        trusts = run(
            "dspt:importexport",
            {"INPUT": path("trusts_export"), "EDITION": edition_key, "OUTPUT": "TEMPORARY_OUTPUT"},
        )["OUTPUT"]
        csus = run(
            "dspt:importexport",
            {"INPUT": path("csu_export"), "EDITION": edition_key, "OUTPUT": "TEMPORARY_OUTPUT"},
        )["OUTPUT"]
        commissioners = layers["statuses"]
        layers["statuses"] = run(
            "native:mergevectorlayers",
            {
                "LAYERS": [commissioners, trusts, csus],
                "OUTPUT": into("dspt_statuses_all", geometry=False),
            },
        )["OUTPUT"]
        trust_table = trusts
        commissioner_table = commissioners
        lat, lon = "lat", "long"
    else:
        trust_table = f"{layers['statuses']}|subset=\"sector\" = 'Trust'"
        commissioner_table = f"{layers['statuses']}|subset=\"sector\" = 'Commissioner'"
        lat, lon = "latitude", "longitude"

    layers["commissioners"] = run(
        "dspt:joinstatus",
        {
            "INPUT": path("commissioners"),
            "FIELD": edition.commissioner_code,
            "DSPT": commissioner_table,
            "OUTPUT": into("commissioner_status"),
            "UNMATCHED": into("commissioner_unmatched", geometry=False),
        },
    )["OUTPUT"]
    layers["trusts"] = run(
        "dspt:locateorganisations",
        {
            "INPUT": trust_table,
            "LATITUDE_FIELD": lat,
            "LONGITUDE_FIELD": lon,
            "OUTPUT": into("trust_points"),
            "UNMATCHED": into("trust_unlocated", geometry=False),
        },
    )["OUTPUT"]
    layers["ics"] = run(
        "native:fixgeometries", {"INPUT": path("ics"), "OUTPUT": into("ics_boundaries")}
    )["OUTPUT"]
    layers["regions"] = run(
        "native:fixgeometries", {"INPUT": path("regions"), "OUTPUT": into("nhs_regions")}
    )["OUTPUT"]
    layers["composite"] = run(
        "dspt:icscomposite",
        {
            "ICS": layers["ics"],
            "ICS_FIELD": edition.ics_code,
            "COMMISSIONERS": layers["commissioners"],
            "COMMISSIONER_ICS_FIELD": edition.ics_code,
            "TRUSTS": layers["trusts"],
            "TRUST_ICS_FIELD": edition.trust_ics_field,
            "OUTPUT": into("ics_composite"),
            "UNMATCHED": into("composite_not_counted", geometry=False),
        },
    )["OUTPUT"]
    layers["proportions"] = run(
        "dspt:trustproportions",
        {
            "ICS": layers["ics"],
            "ICS_FIELD": edition.ics_code,
            "TRUSTS": layers["trusts"],
            "TRUST_ICS_FIELD": edition.trust_ics_field,
            "OUTPUT": into("trust_proportions"),
        },
    )["OUTPUT"]
    layers["summary"] = run(
        "dspt:summarytable",
        {
            "INPUT": layers["statuses"],
            "SECTOR_FIELD": "sector",
            "OUTPUT": into("summary", geometry=False),
            "OUTPUT_HTML": str(out / "dspt_summary.html"),
        },
    )["OUTPUT"]
    return layers


def build_project(
    layers: dict[str, str], edition_key: str, out: Path, readme_images: Path | None = None
) -> list[tuple[str, str]]:
    """The QGIS project: styled layers in groups, one layout per map, PNG + PDF exports."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsLayoutExporter,
        QgsProject,
        QgsVectorLayer,
    )

    from dspt_qgis.maps import MapSpec, build_layout, export_layout
    from dspt_qgis.processing_algs.styles import (
        ICS_BOUNDARY_STYLE,
        REGION_BOUNDARY_STYLE,
        apply_style,
        save_default_style,
    )

    edition = EDITIONS[edition_key]
    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:27700"))
    project.setTitle(f"DSPT compliance {edition_key}")

    def load(key: str, name: str) -> QgsVectorLayer:
        layer = QgsVectorLayer(layers[key], name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"Cannot open layer {layers[key]}")
        return layer

    ics = load("ics", "ICS boundaries")
    apply_style(ics, ICS_BOUNDARY_STYLE, name_field=edition.ics_name)
    save_default_style(ics, "ICS boundaries")
    regions = load("regions", "NHS England regions")
    apply_style(regions, REGION_BOUNDARY_STYLE)
    save_default_style(regions, "NHS England regions")
    commissioners = load("commissioners", "Commissioners: DSPT status")
    trusts = load("trusts", "Trusts: DSPT status")
    proportions = load("proportions", "Trusts per ICS (shading) and their statuses (pies)")
    composite = load("composite", "ICS composite score (-3 worst, +3 best)")
    tables = [load("statuses", "DSPT statuses"), load("summary", "Summary of compliance")]

    root = project.layerTreeRoot()
    groups = [
        ("1 Individual compliance", [trusts, ics, commissioners]),
        ("2 Trust proportions", [ics, proportions]),
        ("3 ICS composite", [regions, composite]),
        ("Tables", tables),
    ]
    for layer in {id(member): member for _, members in groups for member in members}.values():
        project.addMapLayer(layer, False)
    for title, members in groups:
        group = root.addGroup(title)
        for layer in members:
            group.addLayer(layer)
        group.setItemVisibilityChecked(title.startswith("1"))

    transform = QgsCoordinateTransform(ics.crs(), project.crs(), project)
    extent = transform.transformBoundingBox(ics.extent())
    extent.grow(15000)
    specs = [
        MapSpec(
            "1 Individual compliance",
            f"DSPT {edition_key}: individual compliance",
            "Commissioners (areas) and trusts (points) by DSPT status, with ICS boundaries",
            (trusts, ics, commissioners),
        ),
        MapSpec(
            "2 Trust proportions",
            f"DSPT {edition_key}: trust compliance per ICS",
            "Pie charts: share of each ICS's trusts in each status (size = number of trusts); "
            "ICS shading: number of trusts (no population table in the sample)",
            (ics, proportions),
        ),
        MapSpec(
            "3 ICS composite",
            f"DSPT {edition_key}: ICS composite compliance score",
            "0.5 x commissioner mean + 0.5 x trust mean on the -3..3 scale; NHS regions in blue",
            (regions, composite),
        ),
    ]
    (out / "maps").mkdir(parents=True, exist_ok=True)
    written = []
    for spec in specs:
        layout = build_layout(project, spec, extent)
        stem = spec.name.split(" ", 1)[1].lower().replace(" ", "_")
        png, pdf = out / "maps" / f"{stem}.png", out / "maps" / f"{stem}.pdf"
        export_layout(layout, str(png), str(pdf))
        written += [(f"map: {spec.name}", str(png)), (f"map: {spec.name}", str(pdf))]
        if readme_images is not None:
            readme_images.mkdir(parents=True, exist_ok=True)
            small = readme_images / f"{stem}.png"
            QgsLayoutExporter(layout).exportToImage(str(small), readme_settings())
            written.append((f"README image: {spec.name}", str(small)))
    project_path = out / "dspt_demo.qgz"
    if not project.write(str(project_path)):
        raise RuntimeError(f"Could not write {project_path}")
    written.insert(0, ("QGIS project", str(project_path)))
    project.clear()  # release the GeoPackage so it is complete on disk
    return written


def readme_settings():
    """Small PNGs for the README (committed, so kept light)."""
    from qgis.core import QgsLayoutExporter

    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 48
    settings.exportMetadata = False
    return settings


def print_composites(source: str, code: str, name: str) -> None:
    from qgis.core import QgsVectorLayer

    from dspt_qgis.processing_algs.qgis_io import python_value

    layer = QgsVectorLayer(source, "composite", "ogr")
    rows = sorted(
        ((python_value(f["composite_score"]), f[code], f[name]) for f in layer.getFeatures()),
        key=lambda r: (r[0] is None, -(r[0] or 0)),
    )
    print(f"\nICS composite scores ({len(rows)} ICSs, -3 worst .. 3 best):")
    for score, ics_code, ics_name in rows:
        shown = f"{score:+.2f}" if score is not None else "  n/a"
        print(f"  {shown}  {ics_code}  {ics_name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--edition", choices=sorted(EDITIONS), default="20/21")
    parser.add_argument("--out", type=Path, default=REPO / "out")
    parser.add_argument(
        "--readme-images", type=Path, help="also write small PNGs here (docs/images)"
    )
    args = parser.parse_args()
    edition = EDITIONS[args.edition]
    missing = missing_files(args.data, edition)
    if missing:
        print(explain_missing(args.data, missing), file=sys.stderr)
        return 2
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    app, provider = start_qgis()
    layers = run_method(args.data.resolve(), args.edition, args.out.resolve())
    written = build_project(layers, args.edition, args.out.resolve(), args.readme_images)
    print_composites(layers["composite"], edition.ics_code, edition.ics_name)
    print(f"\nDSPT demo, edition {edition.label}, done in {time.perf_counter() - started:.1f} s:")
    print(f"  GeoPackage (styled layers): {args.out / 'dspt_demo.gpkg'}")
    for label, path in written:
        print(f"  {label}: {path}")
    print(f"  summary report: {args.out / 'dspt_summary.html'}")
    del provider, app
    return 0


if __name__ == "__main__":
    sys.exit(main())
