"""``make demo``: the whole published method on the sample data, through the plugin's own
Processing algorithms, headless. Writes a styled GeoPackage (every layer in British
National Grid), a QGIS project with a map theme and a print layout per map, the maps as
PNG and PDF, the summary report, then prints the ICS composites.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dspt_qgis.pipeline.samples import (
    GEOGRAPHIES,
    REGION_NAME,
    SAMPLES,
    Sample,
    explain_missing,
    missing_files,
    sample_for,
)

REPO = Path(__file__).resolve().parents[1]

BNG = "EPSG:27700"


@dataclass
class Run:
    """One demo run: where the sample data is, where everything is written, and a way to
    call the algorithms with every layer going into one GeoPackage."""

    data: Path
    out: Path
    edition: str

    @property
    def gpkg(self) -> Path:
        return self.out / "dspt_demo.gpkg"

    def table(self, name: str, geometry: bool = True) -> str:
        """A GeoPackage table as a Processing destination."""
        return f"ogr:dbname='{self.gpkg}' table=\"{name}\"" + (" (geom)" if geometry else "")

    def path(self, relative: str) -> str:
        return str(self.data / relative)

    context: Any = None  # one Processing context for the whole run (set on the first call)

    def run(self, algorithm: str, parameters: dict[str, Any]) -> dict[str, Any]:
        """Run an algorithm in the run's context: a layer one step wrote is opened once
        and reused by the steps that read it, as in a model."""
        from processing.tools.dataobjects import createContext
        from qgis import processing

        if self.context is None:
            self.context = createContext()
        return processing.run(algorithm, parameters, context=self.context)

    def to_bng(self, source: Any, name: str, stored: bool = True) -> Any:
        """A boundary or point layer in British National Grid, in the GeoPackage (or a
        temporary layer when not ``stored``); repaired first when it has invalid geometries
        (the sample's NHS regions do)."""
        from qgis.core import QgsVectorLayer

        # The file is read once: the layer opened for the check is the steps' input.
        layer = (
            source
            if isinstance(source, QgsVectorLayer)
            else QgsVectorLayer(source, name, "ogr", QgsVectorLayer.LayerOptions(False))
        )
        output = self.table(name) if stored else "TEMPORARY_OUTPUT"
        if all(f.geometry().isGeosValid() for f in layer.getFeatures() if f.hasGeometry()):
            return self.run(
                "native:reprojectlayer", {"INPUT": layer, "TARGET_CRS": BNG, "OUTPUT": output}
            )["OUTPUT"]
        repaired = self.run("native:fixgeometries", {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT"})[
            "OUTPUT"
        ]
        return self.run(
            "native:reprojectlayer", {"INPUT": repaired, "TARGET_CRS": BNG, "OUTPUT": output}
        )["OUTPUT"]


@dataclass
class Prepared:
    """One edition's inputs to the analysis, ready in the GeoPackage (files and fields from
    its :class:`Sample`)."""

    sample: Sample
    statuses: str
    commissioners: str
    commissioner_ics_field: str
    trusts: str
    ics: str
    regions: str
    commissioner_population: dict[str, str] = field(default_factory=dict)
    commissioner_side: dict[str, str] = field(
        default_factory=dict
    )  # other commissioners for the composite
    ics_population: dict[str, str] = field(default_factory=dict)
    shading_note: str = "ICS shading: number of trusts"
    shading_title: str = "Number of trusts"


def imported(run: Run, role: str, **parameters: Any) -> str:
    """An export of the sample imported for the run's edition (a temporary layer)."""
    return run.run(
        "dspt:importexport",
        {
            "INPUT": run.path(SAMPLES[run.edition].files[role]),
            "EDITION": run.edition,
            "OUTPUT": "TEMPORARY_OUTPUT",
            **parameters,
        },
    )["OUTPUT"]


def joined(run: Run, boundaries: Any, field_name: str, statuses: str, **parameters: Any) -> str:
    """Commissioner boundaries with their statuses, into the GeoPackage."""
    return run.run(
        "dspt:joinstatus",
        {
            "INPUT": boundaries,
            "FIELD": field_name,
            "DSPT": statuses,
            "OUTPUT": run.table("commissioner_status"),
            "UNMATCHED": run.table("commissioner_unmatched", False),
            **parameters,
        },
    )["OUTPUT"]


def located(run: Run, table: str, latitude: str, longitude: str) -> str:
    """Trust points in British National Grid, into the GeoPackage."""
    points = run.run(
        "dspt:locateorganisations",
        {
            "INPUT": table,
            "LATITUDE_FIELD": latitude,
            "LONGITUDE_FIELD": longitude,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": run.table("trust_unlocated", False),
        },
    )["OUTPUT"]
    return run.to_bng(points, "trust_points")


def population(table: str, sample: Sample) -> tuple[dict[str, str], dict[str, str]]:
    """The population table's parameters for the composite and for the proportions."""
    commissioners = (
        {
            "POPULATION": table,
            "POPULATION_CODE_FIELD": sample.population_code or "",
            "POPULATION_VALUE_FIELD": sample.population_value,
        }
        if sample.population_code
        else {}
    )
    ics = {
        "POPULATION": table,
        "POPULATION_ICS_FIELD": sample.ics_population_code or "",
        "POPULATION_FIELD": sample.population_value,
    }
    return commissioners, ics


def prepare_2020_21(run: Run) -> Prepared:
    """CCGs and STPs; the curated file carries each trust's STP and coordinates."""
    sample = SAMPLES["20/21"]
    statuses = run.run(
        "dspt:importexport",
        {
            "INPUT": run.path(sample.files["export"]),
            "EDITION": "20/21",
            "OUTPUT": run.table("dspt_statuses", geometry=False),
        },
    )["OUTPUT"]
    # The CCGs are stored once, with their statuses (commissioner_status).
    ccgs = run.to_bng(run.path(sample.files["commissioners"]), "ccg_boundaries", stored=False)
    by_commissioner, by_ics = population(run.path(sample.files["population"]), sample)
    return Prepared(
        sample=sample,
        statuses=statuses,
        commissioners=joined(
            run, ccgs, sample.commissioner_code, f"{statuses}|subset=\"sector\" = 'Commissioner'"
        ),
        commissioner_ics_field=sample.ics_code,
        trusts=located(run, f"{statuses}|subset=\"sector\" = 'Trust'", "latitude", "longitude"),
        ics=run.to_bng(run.path(sample.files["ics"]), "ics_boundaries"),
        regions=run.to_bng(run.path(sample.files["regions"]), "nhs_regions"),
        commissioner_population=by_commissioner,
        ics_population=by_ics,
        shading_note="ICS shading: GP registered patients (1 January 2021)",
        shading_title="GP registered patients",
    )


def prepare_2021_22(run: Run) -> Prepared:
    """Sub-ICB locations (their codes are the April 2021 CCG codes) and STPs; each trust's STP
    from its ODS record, and trusts closed before 30 June 2022 without a status left out."""
    sample = SAMPLES["21/22"]
    files = sample.files
    lookup = run.path(files["ccg_stp_lookup"])
    ods = run.run(
        "dspt:readods",
        {
            "INPUT": [run.path(files["ods_trusts"]), run.path(files["ods_care_trusts"])],
            "OUTPUT": run.table("ods_organisations", geometry=False),
        },
    )["OUTPUT"]
    ccg_statuses = imported(run, "export", DEFAULT_SECTOR="CCG")
    trust_statuses = imported(
        run,
        "trusts_export",
        DEFAULT_SECTOR="NHS Trust",
        CLOSURES=ods,
        REPORT=run.table("trust_import_report", False),
    )
    statuses = run.run(
        "native:mergevectorlayers",
        {
            "LAYERS": [ccg_statuses, trust_statuses],
            "OUTPUT": run.table("dspt_statuses", geometry=False),
        },
    )["OUTPUT"]
    with_stp = run.run(
        "native:joinattributestable",
        {
            "INPUT": ccg_statuses,
            "FIELD": "code",
            "INPUT_2": lookup,
            "FIELD_2": "CCG21CDH",
            "FIELDS_TO_COPY": ["STP21CD"],
            "METHOD": 1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    sub_icbs = run.to_bng(run.path(files["commissioners"]), "sub_icb_boundaries", stored=False)
    members = run.run(
        "dspt:odsmembership",
        {
            "INPUT": trust_statuses,
            "ODS": ods,
            "LOOKUP": lookup,
            "LOOKUP_FROM": "STP21CDH",
            "LOOKUP_TO": "STP21CD",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": run.table("trusts_without_ics", False),
        },
    )["OUTPUT"]
    patients = run.path(files["population"])
    patients_per_stp = run.run(
        "native:joinattributestable",
        {
            "INPUT": patients,
            "FIELD": "SICBL23CDH",
            "INPUT_2": lookup,
            "FIELD_2": "CCG21CDH",
            "FIELDS_TO_COPY": ["STP21CD"],
            "METHOD": 1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    by_commissioner, by_ics = population(patients, sample)
    return Prepared(
        sample=sample,
        statuses=statuses,
        commissioners=joined(
            run,
            sub_icbs,
            sample.commissioner_code,
            with_stp,
            FIELDS_TO_COPY=[
                "code",
                "name",
                "sector",
                "edition",
                "status",
                "status_source",
                "score",
                "STP21CD",
            ],
        ),
        commissioner_ics_field="STP21CD",
        trusts=located(run, members, "latitude", "longitude"),
        ics=run.to_bng(run.path(files["ics"]), "ics_boundaries"),
        regions=run.to_bng(run.path(files["regions"]), "nhs_regions"),
        commissioner_population=by_commissioner,
        ics_population={**by_ics, "POPULATION": patients_per_stp},
        shading_note="ICS shading: GP registered patients (2022/23 allocations)",
        shading_title="GP registered patients",
    )


def prepare_2022_23(run: Run) -> Prepared:
    """ICBs (one commissioner per ICS); trusts carry their ICB's ODS code."""
    sample = SAMPLES["22/23"]
    icbs, trusts, csus = (
        imported(run, "export"),
        imported(run, "trusts_export"),
        imported(run, "csu_export"),
    )
    statuses = run.run(
        "native:mergevectorlayers",
        {"LAYERS": [icbs, trusts, csus], "OUTPUT": run.table("dspt_statuses", geometry=False)},
    )["OUTPUT"]
    boundaries = run.to_bng(run.path(sample.files["ics"]), "ics_boundaries")
    _, by_ics = population(run.path(sample.files["population"]), sample)
    return Prepared(
        sample=sample,
        statuses=statuses,
        commissioners=joined(run, boundaries, sample.commissioner_code, icbs),
        commissioner_ics_field=sample.ics_code,
        trusts=located(run, trusts, "lat", "long"),
        ics=boundaries,
        regions=run.to_bng(run.path(sample.files["regions"]), "nhs_regions"),
        ics_population=by_ics,
        shading_note="ICS shading: GP registered patients (2022/23 allocations)",
        shading_title="GP registered patients",
    )


def prepare_2022_23_on_2026(run: Run) -> Prepared:
    """2022/23 statuses on the April 2026 ICBs: each 2026 sub-ICB location takes its 2023
    ICB's status and weighs by its registered patients (dspt:crosswalk; the new location
    U2G6B is matched by area); trusts are placed in the 2026 polygons by location. Map 1
    shows the 2023 ICBs with their statuses under the 2026 boundaries."""
    sample = sample_for("22/23", "2026")
    files = sample.files
    icbs, trusts, csus = (
        imported(run, "export"),
        imported(run, "trusts_export"),
        imported(run, "csu_export"),
    )
    statuses = run.run(
        "native:mergevectorlayers",
        {"LAYERS": [icbs, trusts, csus], "OUTPUT": run.table("dspt_statuses", geometry=False)},
    )["OUTPUT"]
    areas = run.run(
        "dspt:crosswalk",
        {
            "INPUT": icbs,
            "OLD_LOOKUP": run.path(files["old_lookup"]),
            "OLD_AREA_FIELD": "SICBL23CDH",
            "OLD_CODE_FIELD": "ICB23CDH",
            "NEW_LOOKUP": run.path(files["new_lookup"]),
            "NEW_AREA_FIELD": "SICBL26CDH",
            "NEW_ICS_FIELD": "ICB26CD",
            "WEIGHT_FIELD": "registered_patients",
            "OLD_AREAS": run.path(files["old_areas"]),
            "OLD_AREAS_FIELD": "SICBL22CDH",
            "NEW_ICS": run.path(files["ics"]),
            "NEW_ICS_CODE_FIELD": "ICB26CD",
            "OUTPUT": run.table("commissioner_areas_2026", geometry=False),
            "OUTPUT_SHARES": run.table("crosswalk_shares", geometry=False),
        },
    )["OUTPUT"]
    icbs_2023 = run.to_bng(
        run.path(SAMPLES["22/23"].files["ics"]), "icb_2023_boundaries", stored=False
    )
    _, by_ics = population(run.path(files["population"]), sample)
    return Prepared(
        sample=sample,
        statuses=statuses,
        commissioners=joined(run, icbs_2023, sample.commissioner_code, icbs),
        commissioner_ics_field=sample.ics_code,
        commissioner_side={
            "COMMISSIONERS": areas,
            "COMMISSIONER_ICS_FIELD": "ICB26CD",
            "POPULATION_FIELD": "weight",
        },
        trusts=located(run, trusts, "lat", "long"),
        ics=run.to_bng(run.path(files["ics"]), "ics_boundaries"),
        regions=run.to_bng(run.path(files["regions"]), "nhs_regions"),
        ics_population=by_ics,
        shading_note="ICS shading: GP registered patients (1 August 2026)",
        shading_title="GP registered patients",
    )


#: How each edition's inputs are prepared (its files and fields: pipeline/samples.py), on its
#: own geography or a later one.
PREPARERS: dict[tuple[str, str], Callable[[Run], Prepared]] = {
    ("20/21", "native"): prepare_2020_21,
    ("21/22", "native"): prepare_2021_22,
    ("22/23", "native"): prepare_2022_23,
    ("22/23", "2026"): prepare_2022_23_on_2026,
}


def analyse(run: Run, prepared: Prepared) -> dict[str, str]:
    """The method on prepared inputs: composites (weighted and simple), proportions, summary."""
    common = {
        "ICS": prepared.ics,
        "ICS_FIELD": prepared.sample.ics_code,
        "TRUSTS": prepared.trusts,
        "TRUST_ICS_FIELD": prepared.sample.trust_ics or "",
    }
    composite = {
        **common,
        "COMMISSIONERS": prepared.commissioners,
        "COMMISSIONER_ICS_FIELD": prepared.commissioner_ics_field,
        **prepared.commissioner_side,
    }
    layers = {
        "composite": run.run(
            "dspt:icscomposite",
            {
                **composite,
                **prepared.commissioner_population,
                "OUTPUT": run.table("ics_composite"),
                "UNMATCHED": run.table("composite_not_counted", geometry=False),
            },
        )["OUTPUT"],
        "proportions": run.run(
            "dspt:trustproportions",
            {
                **common,
                **prepared.ics_population,
                "OUTPUT": run.table("trust_proportions"),
                "UNMATCHED": run.table("proportions_not_counted", geometry=False),
            },
        )["OUTPUT"],
        "summary": run.run(
            "dspt:summarytable",
            {
                "INPUT": prepared.statuses,
                "OUTPUT": run.table("summary", geometry=False),
                "OUTPUT_HTML": str(run.out / "dspt_summary.html"),
            },
        )["OUTPUT"],
    }
    if "later_trusts" in prepared.sample.files:
        change = trust_change(run, prepared)
        layers["change"], layers["change_matrix"] = change["OUTPUT"], change["OUTPUT_MATRIX"]
    if prepared.commissioner_population:
        layers["composite_simple"] = run.run(
            "dspt:icscomposite", {**composite, "OUTPUT": run.table("ics_composite_simple_mean")}
        )["OUTPUT"]
    return layers


def trust_change(run: Run, prepared: Prepared) -> dict[str, str]:
    """The 2020/21 trusts against their 2022/23 statuses (dspt:compareeditions): a closed
    trust is compared with its successor (the curated export's Successor.Code)."""
    later = run.run(
        "dspt:importexport",
        {
            "INPUT": run.path(prepared.sample.files["later_trusts"]),
            "EDITION": "22/23",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    return run.run(
        "dspt:compareeditions",
        {
            "BEFORE": prepared.trusts,
            "AFTER": later,
            "SUCCESSORS": run.path(prepared.sample.files["export"]),
            "SUCCESSORS_OLD_FIELD": "Code",
            "SUCCESSORS_NEW_FIELD": "Successor.Code",
            "OUTPUT": run.table("trust_change"),
            "OUTPUT_MATRIX": run.table("trust_change_matrix", geometry=False),
            "OUTPUT_HTML": str(run.out / "trust_change.html"),
        },
    )


def build_project(
    run: Run, prepared: Prepared, layers: dict[str, str], readme_images: Path | None = None
) -> list[tuple[str, str]]:
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
    heading = prepared.sample.heading
    project.setTitle(f"DSPT compliance {heading}")

    def load(source: str, name: str, stored_style: bool = True) -> QgsVectorLayer:
        layer = QgsVectorLayer(source, name, "ogr", QgsVectorLayer.LayerOptions(stored_style))
        if not layer.isValid():
            raise RuntimeError(f"Cannot open layer {source}")
        return layer

    def styled(source: str, name: str, kind: str, **options: Any) -> QgsVectorLayer:
        """Layers the native steps wrote (reprojected, repaired) get their style here."""
        layer = load(source, name, stored_style=False)
        apply_style(layer, kind, **options)
        save_default_style(layer, name)
        return layer

    ics = styled(
        prepared.ics, "ICS boundaries", ICS_BOUNDARY_STYLE, name_field=prepared.sample.ics_name
    )
    regions = styled(prepared.regions, "NHS England regions", REGION_BOUNDARY_STYLE)
    commissioners = load(
        prepared.commissioners, "Commissioners: DSPT status"
    )  # dspt:joinstatus styled it
    trusts = styled(prepared.trusts, "Trusts: DSPT status", STATUS_STYLE)
    proportions = load(
        layers["proportions"], "Trusts per ICS: statuses (pies) and patients (shading)"
    )
    composite = load(layers["composite"], f"ICS composite score ({prepared.sample.weighting_note})")
    tables = [
        load(prepared.statuses, "DSPT statuses"),
        load(layers["summary"], "Summary of compliance"),
    ]
    layers["site"] = run.run(
        "dspt:webreport",
        {
            "COMMISSIONERS": prepared.commissioners,
            "TRUSTS": prepared.trusts,
            "COMPOSITE": layers["composite"],
            "ICS_FIELD": prepared.sample.ics_code,
            "ICS_NAME_FIELD": prepared.sample.ics_name,
            "PROPORTIONS": layers["proportions"],
            "REGIONS": prepared.regions,
            "REGION_NAME_FIELD": REGION_NAME,
            "SUMMARY": layers["summary"],
            "TITLE": f"DSPT {heading} compliance",
            "EDITION": run.edition,
            "DATA_DATE": prepared.sample.data_date,
            "OUTPUT": str(run.out / "site"),
        },
    )["OUTPUT"]
    if "composite_simple" in layers:
        tables.append(load(layers["composite_simple"], "ICS composite score (simple means)"))

    maps = [
        MapSpec(
            "1 Individual compliance",
            f"DSPT {heading}: individual compliance",
            prepared.sample.commissioner_note,
            (trusts, ics, commissioners),
            (
                (trusts, "Trusts (points)"),
                (commissioners, "Commissioners (areas)"),
                (ics, "ICS boundaries"),
            ),
        ),
        MapSpec(
            "2 Trust proportions",
            f"DSPT {heading}: trust compliance per ICS",
            f"Pie charts: share of each ICS's trusts in each status (size = number of trusts); "
            f"{prepared.shading_note}",
            (proportions,),
            ((proportions, f"{prepared.shading_title}|(shading) and trusts'|statuses (pies)"),),
        ),
        MapSpec(
            "3 ICS composite",
            f"DSPT {heading}: ICS composite compliance score",
            f"0.5 x commissioner mean + 0.5 x trust mean ({prepared.sample.weighting_note}; trusts averaged "
            "simply); NHS regions in blue",
            (regions, composite),
            ((composite, "ICS composite score"), (regions, "NHS England regions")),
        ),
    ]
    groups = [
        LayerGroup("1 Individual compliance", (trusts, commissioners)),
        LayerGroup("2 Trust proportions per ICS", (proportions,)),
        LayerGroup("3 ICS composite", (composite,)),
    ]
    if "change" in layers:
        change = load(layers["change"], "Trusts: status change 2020/21 to 2022/23")
        tables.append(load(layers["change_matrix"], "Trust status transitions 2020/21 to 2022/23"))
        groups.append(LayerGroup("4 Trust change", (change,)))
        maps.append(
            MapSpec(
                "4 Trust change",
                "DSPT trusts: change from 20/21 to 22/23",
                "Each 2020/21 trust by how the score of its status moved by 2022/23 (a closed trust is compared with "
                "its successor)",
                (change, ics),
                ((change, "Trusts (points)"), (ics, "ICS boundaries (2020)")),
            )
        )
    extent = ics.extent()
    extent.grow(15000)
    arrange_project(
        project,
        [
            *groups,
            LayerGroup("Boundaries", (ics, regions)),
            LayerGroup("Tables", tuple(tables), expanded=False),
        ],
        maps,
        extent,
    )
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
        layer = QgsVectorLayer(source, "composite", "ogr", QgsVectorLayer.LayerOptions(False))
        return {
            f[prepared.sample.ics_code]: (
                python_value(f["composite_score"]),
                f[prepared.sample.ics_name],
            )
            for f in layer.getFeatures()
        }

    weighted = scores(layers["composite"])
    simple = scores(layers["composite_simple"]) if "composite_simple" in layers else {}
    rows = sorted(weighted.items(), key=lambda item: (item[1][0] is None, -(item[1][0] or 0)))
    print(
        f"\nICS composite scores ({len(rows)} ICSs, -3 worst .. 3 best; {prepared.sample.weighting_note}"
        + ("; simple means beside" if simple else "")
        + "):"
    )
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
    gc.disable()  # imports make no garbage worth a pass over them (see the end)
    # pandas (the plugin's core needs it at the first step) is imported on a second thread
    # while QGIS starts: QGIS spends its start-up mostly in C++, so the two overlap (measured
    # 0.85-0.98 s -> 0.70-0.78 s for start-up plus the import on this 2-core machine).
    preload = threading.Thread(target=importlib.import_module, args=("pandas",), daemon=True)
    preload.start()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from osgeo import gdal

    # GDAL's notices while writing GeoPackage tables and PNG maps are not errors of the
    # method; real failures raise QgsProcessingException or RuntimeError here.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    # The demo's GeoPackage is written afresh on every run, so SQLite need not wait for the
    # disk at each commit (some 30 per table written; measured 10 ms a table on this machine).
    gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
    # QGIS's C++ algorithms and this plugin's are all the demo runs: the Python providers
    # (GDAL, GRASS, SAGA, ...) that Processing.initialize() loads would cost 0.15 s.
    from qgis.analysis import QgsNativeAlgorithms

    QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing  # noqa: F401, QGS111 (the plugin itself: importing it fills qgis.processing)

    from dspt_qgis.processing_algs.provider import DsptProvider

    provider = DsptProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    preload.join()
    # What start-up made (modules, QGIS's wrappers: 110,000 objects) lives as long as the
    # run: it is kept out of Python's garbage collection, whose full passes over it took
    # 15-50 ms each (150 ms a run in all; 20 ms now).
    gc.freeze()
    gc.enable()
    return app, provider


def stop_qgis(app: Any) -> None:
    """Close QGIS, and with it every connection to the GeoPackage: only then does SQLite
    fold the write-ahead log back into the file. A demo that just exits leaves most of its
    layers in dspt_demo.gpkg-wal beside it, and a copy of dspt_demo.gpkg alone without them."""
    app.exitQgis()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--edition", choices=sorted(SAMPLES), default="20/21")
    parser.add_argument(
        "--geography",
        choices=GEOGRAPHIES,
        default="native",
        help="the edition's own geography, or a later one (22/23 on 2026)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "out")
    parser.add_argument(
        "--readme-images", type=Path, help="also write small PNGs here (docs/images)"
    )
    args = parser.parse_args()
    try:
        sample = sample_for(args.edition, args.geography)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    missing = missing_files(str(args.data), sample)
    if missing:
        print(explain_missing(str(args.data), missing), file=sys.stderr)
        return 2
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    run = Run(args.data.resolve(), args.out.resolve(), args.edition)
    for suffix in ("", "-wal", "-shm", "-journal"):  # a run stopped midway leaves its log too
        run.gpkg.with_name(run.gpkg.name + suffix).unlink(missing_ok=True)
    app, provider = start_qgis()
    from qgis.core import QgsProcessingException

    try:
        prepared = PREPARERS[(args.edition, args.geography)](run)
        layers = analyse(run, prepared)
        written = build_project(run, prepared, layers, args.readme_images)
        print_composites(prepared, layers)
    except QgsProcessingException as error:  # a step refused its input: say which, no traceback
        print(f"The demo stopped: {error}", file=sys.stderr)
        return 1
    finally:
        stop_qgis(app)
    print(
        f"\nDSPT demo, edition {prepared.sample.label}, done in {time.perf_counter() - started:.2f} s:"
    )
    print(f"  GeoPackage (styled layers, British National Grid): {run.gpkg}")
    for label, path in written:
        print(f"  {label}: {path}")
    print(f"  summary report: {run.out / 'dspt_summary.html'}")
    if "change" in layers:
        print(f"  trust change 2020/21 to 2022/23: {run.out / 'trust_change.html'}")
    print(
        f"  web report (open in a browser, or publish the folder): {run.out / 'site' / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
