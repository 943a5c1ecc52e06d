"""``make demo``: the whole published method on the sample data, through the plugin's own
Processing algorithms, headless. Writes a styled GeoPackage (every layer in British
National Grid), a QGIS project with a map theme and a print layout per map, the maps as
PNG and PDF, the summary report, then prints the ICS composites.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

SOURCES = {
    "dspt": "DSPT portal organisation-search export: https://www.dsptoolkit.nhs.uk/OrganisationSearch "
    "(Export search results), or the curated snapshots of the 'Open Statistics - Cyber Security' analysis",
    "boundaries": "ONS Open Geography Portal (https://geoportal.statistics.gov.uk), saved as GeoJSON in EPSG:4326",
    "populations": "NHS England 'Patients Registered at a GP Practice' (https://digital.nhs.uk), summed per area",
    "lookups": "ONS Open Geography Portal lookups (CCG/sub-ICB -> STP/ICB -> NHS region)",
    "ods": "NHS ODS bulk files (https://digital.nhs.uk/services/organisation-data-service)",
}
BNG = "EPSG:27700"


@dataclass
class Run:
    """One demo run: where the sample data is, where everything is written, and a way to
    call the algorithms with every layer going into one GeoPackage."""

    data: Path
    out: Path
    edition: str
    geography: str = "native"

    @property
    def gpkg(self) -> Path:
        return self.out / "dspt_demo.gpkg"

    def table(self, name: str, geometry: bool = True) -> str:
        """A GeoPackage table as a Processing destination."""
        return f"ogr:dbname='{self.gpkg}' table=\"{name}\"" + (" (geom)" if geometry else "")

    def path(self, relative: str) -> str:
        return str(self.data / relative)

    @staticmethod
    def run(algorithm: str, parameters: dict[str, Any]) -> dict[str, Any]:
        from qgis import processing

        return processing.run(algorithm, parameters)

    def to_bng(self, source: str, name: str) -> str:
        """A boundary or point layer in British National Grid, repaired, in the GeoPackage."""
        projected = self.run("native:reprojectlayer", {"INPUT": source, "TARGET_CRS": BNG, "OUTPUT": "TEMPORARY_OUTPUT"})
        return self.run("native:fixgeometries", {"INPUT": projected["OUTPUT"], "OUTPUT": self.table(name)})["OUTPUT"]


@dataclass
class Prepared:
    """One edition's inputs to the analysis, ready in the GeoPackage."""

    label: str
    statuses: str
    commissioners: str
    commissioner_ics_field: str
    trusts: str
    trust_ics_field: str | None
    ics: str
    ics_code: str
    ics_name: str
    regions: str
    commissioner_population: dict[str, str] = field(default_factory=dict)
    ics_population: dict[str, str] = field(default_factory=dict)
    weighting_note: str = "commissioners averaged simply"
    shading_note: str = "ICS shading: number of trusts"
    shading_title: str = "Number of trusts"


@dataclass(frozen=True)
class Edition:
    """The sample files an edition's demo needs, and how its inputs are prepared."""

    label: str
    needs: dict[str, str]
    prepare: Callable[[Run], Prepared]


def prepare_2020_21(run: Run) -> Prepared:
    """CCGs and STPs; the curated file carries each trust's STP and coordinates."""
    statuses = run.run(
        "dspt:importexport",
        {"INPUT": run.path(EDITIONS["20/21"].needs["export"]), "EDITION": "20/21",
         "OUTPUT": run.table("dspt_statuses", geometry=False)},
    )["OUTPUT"]
    ccgs = run.to_bng(run.path(EDITIONS["20/21"].needs["commissioners"]), "ccg_boundaries")
    commissioners = run.run(
        "dspt:joinstatus",
        {"INPUT": ccgs, "FIELD": "CCG20CDH", "DSPT": f"{statuses}|subset=\"sector\" = 'Commissioner'",
         "OUTPUT": run.table("commissioner_status"), "UNMATCHED": run.table("commissioner_unmatched", False)},
    )["OUTPUT"]
    points = run.run(
        "dspt:locateorganisations",
        {"INPUT": f"{statuses}|subset=\"sector\" = 'Trust'", "LATITUDE_FIELD": "latitude",
         "LONGITUDE_FIELD": "longitude", "OUTPUT": "TEMPORARY_OUTPUT",
         "UNMATCHED": run.table("trust_unlocated", False)},
    )["OUTPUT"]
    population = run.path(EDITIONS["20/21"].needs["population"])
    return Prepared(
        label="2020/21 (CCGs and STPs)",
        statuses=statuses,
        commissioners=commissioners,
        commissioner_ics_field="STP20CD",
        trusts=run.to_bng(points, "trust_points"),
        trust_ics_field="STP20CD",
        ics=run.to_bng(run.path(EDITIONS["20/21"].needs["ics"]), "ics_boundaries"),
        ics_code="STP20CD",
        ics_name="STP20NM",
        regions=run.to_bng(run.path(EDITIONS["20/21"].needs["regions"]), "nhs_regions"),
        commissioner_population={"POPULATION": population, "POPULATION_CODE_FIELD": "CCG20CDH",
                                 "POPULATION_VALUE_FIELD": "registered_patients"},
        ics_population={"POPULATION": population, "POPULATION_ICS_FIELD": "STP20CD",
                        "POPULATION_FIELD": "registered_patients"},
        weighting_note="commissioner mean weighted by GP registered patients (1 January 2021)",
        shading_note="ICS shading: GP registered patients (1 January 2021)",
        shading_title="GP registered patients",
    )


def prepare_2021_22(run: Run) -> Prepared:
    """Sub-ICB locations (their codes are the April 2021 CCG codes) and STPs; each trust's STP
    from its ODS record, and trusts closed before 30 June 2022 without a status left out."""
    needs = EDITIONS["21/22"].needs
    lookup = run.path(needs["ccg_stp_lookup"])
    ods = run.run("dspt:readods", {"INPUT": [run.path(needs["ods_trusts"]), run.path(needs["ods_care_trusts"])],
                                   "OUTPUT": run.table("ods_organisations", geometry=False)})["OUTPUT"]
    ccg_statuses = run.run("dspt:importexport", {
        "INPUT": run.path(needs["export"]), "EDITION": "21/22", "DEFAULT_SECTOR": "CCG",
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    trust_statuses = run.run("dspt:importexport", {
        "INPUT": run.path(needs["trusts_export"]), "EDITION": "21/22", "DEFAULT_SECTOR": "NHS Trust",
        "CLOSURES": ods, "OUTPUT": "TEMPORARY_OUTPUT", "REPORT": run.table("trust_import_report", False)})["OUTPUT"]
    statuses = run.run("native:mergevectorlayers", {"LAYERS": [ccg_statuses, trust_statuses],
                                                     "OUTPUT": run.table("dspt_statuses", geometry=False)})["OUTPUT"]
    with_stp = run.run("native:joinattributestable", {
        "INPUT": ccg_statuses, "FIELD": "code", "INPUT_2": lookup, "FIELD_2": "CCG21CDH",
        "FIELDS_TO_COPY": ["STP21CD"], "METHOD": 1, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    sub_icbs = run.to_bng(run.path(needs["commissioners"]), "sub_icb_boundaries")
    commissioners = run.run("dspt:joinstatus", {
        "INPUT": sub_icbs, "FIELD": "SICBL22CDH", "DSPT": with_stp,
        "FIELDS_TO_COPY": ["code", "name", "sector", "edition", "status", "status_source", "score", "STP21CD"],
        "OUTPUT": run.table("commissioner_status"), "UNMATCHED": run.table("commissioner_unmatched", False)})["OUTPUT"]
    members = run.run("dspt:odsmembership", {
        "INPUT": trust_statuses, "ODS": ods, "LOOKUP": lookup, "LOOKUP_FROM": "STP21CDH", "LOOKUP_TO": "STP21CD",
        "OUTPUT": "TEMPORARY_OUTPUT", "UNMATCHED": run.table("trusts_without_ics", False)})["OUTPUT"]
    points = run.run("dspt:locateorganisations", {
        "INPUT": members, "LATITUDE_FIELD": "latitude", "LONGITUDE_FIELD": "longitude", "OUTPUT": "TEMPORARY_OUTPUT",
        "UNMATCHED": run.table("trust_unlocated", False)})["OUTPUT"]
    patients = run.path(needs["population"])
    patients_per_stp = run.run("native:joinattributestable", {
        "INPUT": patients, "FIELD": "SICBL23CDH", "INPUT_2": lookup, "FIELD_2": "CCG21CDH",
        "FIELDS_TO_COPY": ["STP21CD"], "METHOD": 1, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    return Prepared(
        label="2021/22 (sub-ICB locations and STPs; trusts' STP from ODS)",
        statuses=statuses,
        commissioners=commissioners,
        commissioner_ics_field="STP21CD",
        trusts=run.to_bng(points, "trust_points"),
        trust_ics_field="ics_code",
        ics=run.to_bng(run.path(needs["ics"]), "ics_boundaries"),
        ics_code="STP20CD",
        ics_name="STP20NM",
        regions=run.to_bng(run.path(needs["regions"]), "nhs_regions"),
        commissioner_population={"POPULATION": patients, "POPULATION_CODE_FIELD": "SICBL23CDH",
                                 "POPULATION_VALUE_FIELD": "registered_patients"},
        ics_population={"POPULATION": patients_per_stp, "POPULATION_ICS_FIELD": "STP21CD",
                        "POPULATION_FIELD": "registered_patients"},
        weighting_note="commissioner mean weighted by GP registered patients (2022/23 allocations)",
        shading_note="ICS shading: GP registered patients (2022/23 allocations)",
        shading_title="GP registered patients",
    )


def prepare_2022_23(run: Run) -> Prepared:
    """ICBs (one commissioner per ICS); trusts carry their ICB's ODS code."""
    needs = EDITIONS["22/23"].needs

    def imported(role: str) -> str:
        return run.run("dspt:importexport", {"INPUT": run.path(needs[role]), "EDITION": "22/23",
                                              "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]

    icbs, trusts, csus = imported("export"), imported("trusts_export"), imported("csu_export")
    statuses = run.run("native:mergevectorlayers", {"LAYERS": [icbs, trusts, csus],
                                                     "OUTPUT": run.table("dspt_statuses", geometry=False)})["OUTPUT"]
    boundaries = run.to_bng(run.path(needs["ics"]), "ics_boundaries")
    commissioners = run.run(
        "dspt:joinstatus",
        {"INPUT": boundaries, "FIELD": "ICB23CDH", "DSPT": icbs, "OUTPUT": run.table("commissioner_status"),
         "UNMATCHED": run.table("commissioner_unmatched", False)},
    )["OUTPUT"]
    points = run.run(
        "dspt:locateorganisations",
        {"INPUT": trusts, "LATITUDE_FIELD": "lat", "LONGITUDE_FIELD": "long", "OUTPUT": "TEMPORARY_OUTPUT",
         "UNMATCHED": run.table("trust_unlocated", False)},
    )["OUTPUT"]
    return Prepared(
        label="2022/23 (ICBs)",
        statuses=statuses,
        commissioners=commissioners,
        commissioner_ics_field="ICB23CDH",
        trusts=run.to_bng(points, "trust_points"),
        trust_ics_field="High Level Health Geography",
        ics=boundaries,
        ics_code="ICB23CDH",
        ics_name="ICB23NM",
        regions=run.to_bng(run.path(needs["regions"]), "nhs_regions"),
        ics_population={"POPULATION": run.path(needs["population"]), "POPULATION_ICS_FIELD": "ICB23CDH",
                        "POPULATION_FIELD": "registered_patients"},
        weighting_note="one ICB per ICS: its own score",
        shading_note="ICS shading: GP registered patients (2022/23 allocations)",
        shading_title="GP registered patients",
    )


EDITIONS: dict[str, Edition] = {
    "20/21": Edition(
        "2020/21 (CCGs and STPs)",
        {
            "export": "dspt/2020_21/curated_dspt_20220208.csv",
            "commissioners": "boundaries/ccg_april2020.geojson",
            "ics": "boundaries/stp_april2020.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
            "population": "populations/ccg_april2020_gp_registered_jan2021.csv",
        },
        prepare_2020_21,
    ),
    "21/22": Edition(
        "2021/22 (sub-ICB locations and STPs)",
        {
            "export": "dspt/2021_22/ccg_snapshot_20220909.csv",
            "trusts_export": "dspt/2021_22/trusts_snapshot_20220909.csv",
            "ods_trusts": "ods/2021_22/etr.csv",
            "ods_care_trusts": "ods/2022_23/ect.csv",
            "ccg_stp_lookup": "lookups/ccg21_stp21_nhser21.csv",
            "commissioners": "boundaries/sub_icb_locations_july2022.geojson",
            "ics": "boundaries/stp_april2020.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
            "population": "populations/sub_icb_2022_23_allocations.csv",
        },
        prepare_2021_22,
    ),
    "22/23": Edition(
        "2022/23 (ICBs)",
        {
            "export": "dspt/2022_23/icb_snapshot_20231116.csv",
            "trusts_export": "dspt/2022_23/trusts_snapshot_20231116.csv",
            "csu_export": "dspt/2022_23/csu_snapshot_20231116.csv",
            "ics": "boundaries/icb_july2023.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
            "population": "populations/sub_icb_2022_23_allocations.csv",
        },
        prepare_2022_23,
    ),
}


def missing_files(data: Path, edition: Edition) -> list[str]:
    """The sample files this edition needs that are not in ``data``."""
    return [rel for rel in edition.needs.values() if not (data / rel).is_file()]


def explain_missing(data: Path, missing: list[str]) -> str:
    lines = [f"The demo needs these files under {data}:"]
    for rel in missing:
        lines.append(f"  {rel}\n      from: {SOURCES[rel.split('/')[0]]}")
    lines.append("Point DATA=... (make demo DATA=/path/to/data) at a folder laid out like this.")
    return "\n".join(lines)


def analyse(run: Run, prepared: Prepared) -> dict[str, str]:
    """The method on prepared inputs: composites (weighted and simple), proportions, summary."""
    common = {"ICS": prepared.ics, "ICS_FIELD": prepared.ics_code, "TRUSTS": prepared.trusts,
              "TRUST_ICS_FIELD": prepared.trust_ics_field or ""}
    composite = {**common, "COMMISSIONERS": prepared.commissioners,
                 "COMMISSIONER_ICS_FIELD": prepared.commissioner_ics_field}
    layers = {
        "composite": run.run("dspt:icscomposite", {
            **composite, **prepared.commissioner_population, "OUTPUT": run.table("ics_composite"),
            "UNMATCHED": run.table("composite_not_counted", geometry=False)})["OUTPUT"],
        "proportions": run.run("dspt:trustproportions", {
            **common, **prepared.ics_population, "OUTPUT": run.table("trust_proportions"),
            "UNMATCHED": run.table("proportions_not_counted", geometry=False)})["OUTPUT"],
        "summary": run.run("dspt:summarytable", {
            "INPUT": prepared.statuses, "OUTPUT": run.table("summary", geometry=False),
            "OUTPUT_HTML": str(run.out / "dspt_summary.html")})["OUTPUT"],
    }
    if prepared.commissioner_population:
        layers["composite_simple"] = run.run("dspt:icscomposite", {
            **composite, "OUTPUT": run.table("ics_composite_simple_mean")})["OUTPUT"]
    return layers


def build_project(run: Run, prepared: Prepared, layers: dict[str, str],
                  readme_images: Path | None = None) -> list[tuple[str, str]]:
    """The QGIS project: grouped styled layers, a theme and a layout per map, PNG + PDF."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsLayoutExporter,
        QgsProject,
        QgsVectorLayer,
    )

    from dspt_qgis.processing_algs.support.styles import (
        ICS_BOUNDARY_STYLE,
        REGION_BOUNDARY_STYLE,
        STATUS_STYLE,
        apply_style,
        save_default_style,
    )
    from scripts.maps import LayerGroup, MapSpec, arrange_project, build_layout, export_layout

    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem(BNG))
    project.setTitle(f"DSPT compliance {run.edition}")

    def load(source: str, name: str) -> QgsVectorLayer:
        layer = QgsVectorLayer(source, name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"Cannot open layer {source}")
        return layer

    def styled(source: str, name: str, kind: str, **options: Any) -> QgsVectorLayer:
        """Layers the native steps wrote (reprojected, repaired) get their style here."""
        layer = load(source, name)
        apply_style(layer, kind, **options)
        save_default_style(layer, name)
        return layer

    ics = styled(prepared.ics, "ICS boundaries", ICS_BOUNDARY_STYLE, name_field=prepared.ics_name)
    regions = styled(prepared.regions, "NHS England regions", REGION_BOUNDARY_STYLE)
    commissioners = styled(prepared.commissioners, "Commissioners: DSPT status", STATUS_STYLE)
    trusts = styled(prepared.trusts, "Trusts: DSPT status", STATUS_STYLE)
    proportions = load(layers["proportions"], "Trusts per ICS: statuses (pies) and patients (shading)")
    composite = load(layers["composite"], f"ICS composite score ({prepared.weighting_note})")
    tables = [load(prepared.statuses, "DSPT statuses"), load(layers["summary"], "Summary of compliance")]
    if "composite_simple" in layers:
        tables.append(load(layers["composite_simple"], "ICS composite score (simple means)"))

    maps = [
        MapSpec("1 Individual compliance", f"DSPT {run.edition}: individual compliance",
                "Commissioners (areas) and trusts (ringed points) by DSPT status, with ICS boundaries",
                (trusts, ics, commissioners),
                ((trusts, "Trusts (points)"), (commissioners, "Commissioners (areas)"),
                 (ics, "ICS boundaries"))),
        MapSpec("2 Trust proportions", f"DSPT {run.edition}: trust compliance per ICS",
                f"Pie charts: share of each ICS's trusts in each status (size = number of trusts); "
                f"{prepared.shading_note}", (proportions,),
                ((proportions, f"{prepared.shading_title}|(shading) and trusts'|statuses (pies)"),)),
        MapSpec("3 ICS composite", f"DSPT {run.edition}: ICS composite compliance score",
                f"0.5 x commissioner mean + 0.5 x trust mean ({prepared.weighting_note}; trusts averaged "
                "simply); NHS regions in blue", (regions, composite),
                ((composite, "ICS composite score"), (regions, "NHS England regions"))),
    ]
    extent = ics.extent()
    extent.grow(15000)
    arrange_project(project, [
        LayerGroup("1 Individual compliance", (trusts, commissioners)),
        LayerGroup("2 Trust proportions per ICS", (proportions,)),
        LayerGroup("3 ICS composite", (composite,)),
        LayerGroup("Boundaries", (ics, regions)),
        LayerGroup("Tables", tuple(tables), expanded=False),
    ], maps, extent)
    (run.out / "maps").mkdir(parents=True, exist_ok=True)
    written = []
    for spec in maps:
        layout = build_layout(project, spec, extent)
        stem = spec.name.split(" ", 1)[1].lower().replace(" ", "_")
        png, pdf = run.out / "maps" / f"{stem}.png", run.out / "maps" / f"{stem}.pdf"
        export_layout(layout, str(png), str(pdf))
        written += [(f"map: {spec.name}", str(png)), (f"map: {spec.name}", str(pdf))]
        if readme_images is not None:
            readme_images.mkdir(parents=True, exist_ok=True)
            small = readme_images / f"{stem}.png"
            settings = QgsLayoutExporter.ImageExportSettings()
            settings.dpi = 48
            settings.exportMetadata = False
            QgsLayoutExporter(layout).exportToImage(str(small), settings)
            written.append((f"README image: {spec.name}", str(small)))
    project_path = run.out / "dspt_demo.qgz"
    if not project.write(str(project_path)):
        raise RuntimeError(f"Could not write {project_path}")
    written.insert(0, ("QGIS project", str(project_path)))
    project.clear()  # release the GeoPackage so it is complete on disk
    return written


def print_composites(prepared: Prepared, layers: dict[str, str]) -> None:
    from qgis.core import QgsVectorLayer

    from dspt_qgis.processing_algs.support.reading import python_value

    def scores(source: str) -> dict[str, tuple[float | None, str]]:
        layer = QgsVectorLayer(source, "composite", "ogr")
        return {f[prepared.ics_code]: (python_value(f["composite_score"]), f[prepared.ics_name])
                for f in layer.getFeatures()}

    weighted = scores(layers["composite"])
    simple = scores(layers["composite_simple"]) if "composite_simple" in layers else {}
    rows = sorted(weighted.items(), key=lambda item: (item[1][0] is None, -(item[1][0] or 0)))
    print(f"\nICS composite scores ({len(rows)} ICSs, -3 worst .. 3 best; {prepared.weighting_note}"
          + ("; simple means beside" if simple else "") + "):")
    for code, (score, name) in rows:
        shown = f"{score:+.2f}" if score is not None else "  n/a"
        beside = ""
        if simple:
            other = simple[code][0]
            beside = f"  (simple {other:+.2f})" if other is not None else "  (simple n/a)"
        print(f"  {shown}{beside}  {code}  {name}")


def start_qgis() -> Any:
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
    from dspt_qgis.processing_algs.provider import DsptProvider

    provider = DsptProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--edition", choices=sorted(EDITIONS), default="20/21")
    parser.add_argument("--out", type=Path, default=REPO / "out")
    parser.add_argument("--readme-images", type=Path, help="also write small PNGs here (docs/images)")
    args = parser.parse_args()
    edition = EDITIONS[args.edition]
    missing = missing_files(args.data, edition)
    if missing:
        print(explain_missing(args.data, missing), file=sys.stderr)
        return 2
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    run = Run(args.data.resolve(), args.out.resolve(), args.edition)
    if run.gpkg.exists():
        run.gpkg.unlink()
    app, provider = start_qgis()
    prepared = edition.prepare(run)
    layers = analyse(run, prepared)
    written = build_project(run, prepared, layers, args.readme_images)
    print_composites(prepared, layers)
    print(f"\nDSPT demo, edition {prepared.label}, done in {time.perf_counter() - started:.1f} s:")
    print(f"  GeoPackage (styled layers, British National Grid): {run.gpkg}")
    for label, path in written:
        print(f"  {label}: {path}")
    print(f"  summary report: {run.out / 'dspt_summary.html'}")
    del provider, app
    return 0


if __name__ == "__main__":
    sys.exit(main())
