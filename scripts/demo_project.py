"""The demo's QGIS project and its maps (the recipe's "maps" step), from the layers the
demo's steps wrote into its GeoPackage: maps 1-4 by dspt:nationalmaps, the trend's small
multiples and the atlas from the plugin's layouts package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dspt_qgis.pipeline.recipes import REGION_NAME, in_its_trend, trend_recipes

if TYPE_CHECKING:
    from qgis.core import QgsMapLayer, QgsProject, QgsRectangle, QgsVectorLayer

    from scripts.demo_run import Run

BNG = "EPSG:27700"
#: Airy 1830, British National Grid's own ellipsoid: measuring distances (scale bars) needs
#: no datum shift, so QGIS never looks for the OSTN15 grid to reach WGS84.
BNG_ELLIPSOID = "EPSG:7001"
#: The map the project opens on (its map theme: dspt:nationalmaps makes one per map).
FIRST_MAP = "1 Individual compliance"


@dataclass
class ProjectLayers:
    """The layers the project shows, opened from the GeoPackage and styled."""

    ics: QgsVectorLayer
    regions: QgsVectorLayer
    commissioners: QgsVectorLayer
    trusts: QgsVectorLayer
    proportions: QgsVectorLayer
    composite: QgsVectorLayer
    tables: list[QgsVectorLayer]
    change: QgsVectorLayer | None = None


def load(source: str, name: str, stored_style: bool = True) -> QgsVectorLayer:
    """A layer of the GeoPackage (with its stored style, unless one is set next)."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(source, name, "ogr", QgsVectorLayer.LayerOptions(stored_style))
    if not layer.isValid():
        raise RuntimeError(f"Cannot open layer {source}")
    return layer


def styled(source: str, name: str, kind: str, **options: Any) -> QgsVectorLayer:
    """A layer QGIS's own steps wrote (reprojected, repaired), given the plugin's style."""
    from dspt_qgis.processing_algs.support.styles import apply_style, save_default_style

    layer = load(source, name, stored_style=False)
    apply_style(layer, kind, **options)
    save_default_style(layer, name)
    return layer


def open_layers(run: Run) -> ProjectLayers:
    """Every layer of the project, named for the analyst."""
    from dspt_qgis.processing_algs.support.styles import (
        ICS_BOUNDARY_STYLE,
        REGION_BOUNDARY_STYLE,
        STATUS_STYLE,
    )

    recipe, layers = run.recipe, run.layers
    tables = [
        load(layers["statuses"], "DSPT statuses"),
        load(layers["summary"], "Summary of compliance"),
        load(layers["gains"], "What would raise each ICS's composite"),
    ]
    if "composite_simple" in layers:
        tables.append(load(layers["composite_simple"], "ICS composite score (simple means)"))
    change = None
    if "change" in layers:
        change = load(layers["change"], "Trusts: status change 2020/21 to 2022/23")
        tables.append(load(layers["change_matrix"], "Trust status transitions 2020/21 to 2022/23"))
    return ProjectLayers(
        ics=styled(layers["ics"], "ICS boundaries", ICS_BOUNDARY_STYLE, name_field=recipe.ics_name),
        regions=styled(layers["regions"], "NHS England regions", REGION_BOUNDARY_STYLE),
        commissioners=load(
            layers["commissioners"], "Commissioners: DSPT status"
        ),  # dspt:joinstatus styled it
        trusts=styled(layers["trusts"], "Trusts: DSPT status", STATUS_STYLE),
        proportions=load(
            layers["proportions"], "Trusts per ICS: statuses (pies) and patients (shading)"
        ),
        composite=load(layers["composite"], f"ICS composite score ({recipe.weighting_note})"),
        tables=tables,
        change=change,
    )


@dataclass(frozen=True)
class LayerGroup:
    """A group of the project's layer tree: its name, layers (top first), and whether it
    starts expanded."""

    name: str
    layers: tuple[QgsMapLayer, ...]
    expanded: bool = True


def layer_groups(shown: ProjectLayers) -> list[LayerGroup]:
    """The project's layer groups: one per map, the boundaries, the tables."""
    groups = [
        LayerGroup("1 Individual compliance", (shown.trusts, shown.commissioners)),
        LayerGroup("2 Trust proportions per ICS", (shown.proportions,)),
        LayerGroup("3 ICS composite", (shown.composite,)),
    ]
    if shown.change is not None:
        groups.append(LayerGroup("4 Trust change", (shown.change,)))
    return [
        *groups,
        LayerGroup("Boundaries", (shown.ics, shown.regions)),
        LayerGroup("Tables", tuple(shown.tables), expanded=False),
    ]


def arrange_project(project: QgsProject, groups: list[LayerGroup], extent: QgsRectangle) -> None:
    """Add the layers in groups, in British National Grid, and open on ``extent`` (a
    project written without a map window has no view of its own)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsReferencedRectangle

    project.setCrs(QgsCoordinateReferenceSystem(BNG))
    project.setEllipsoid(BNG_ELLIPSOID)
    pin_transformations(project)
    root = project.layerTreeRoot()
    for group in groups:
        node = root.addGroup(group.name)
        for layer in group.layers:
            project.addMapLayer(layer, False)
            node.addLayer(layer)
        node.setExpanded(group.expanded)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))


def pin_transformations(project: QgsProject, other: str = "EPSG:4326") -> None:
    """Record in the project which operation converts between WGS84 and British National
    Grid: the most accurate one this machine can run. Without it QGIS asks, or warns that
    its preferred grid (OSTN15) is missing, whenever a WGS84 extent meets the project
    (the empty canvas of a fresh profile is in WGS84)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsDatumTransform

    context = project.transformContext()
    for source, target in ((other, BNG), (BNG, other)):
        source_crs, target_crs = (
            QgsCoordinateReferenceSystem(source),
            QgsCoordinateReferenceSystem(target),
        )
        available = [
            op for op in QgsDatumTransform.operations(source_crs, target_crs) if op.isAvailable
        ]
        if available:
            best = min(available, key=lambda op: op.accuracy if op.accuracy >= 0 else float("inf"))
            context.addCoordinateOperation(source_crs, target_crs, best.proj)
    project.setTransformContext(context)


def show_theme(project: QgsProject, theme: str) -> None:
    """Switch the layer tree to one map theme's layers (what the analyst sees on opening)."""
    wanted = set(project.mapThemeCollection().mapThemeVisibleLayerIds(theme))
    root = project.layerTreeRoot()
    for node in root.findLayers():
        node.setItemVisibilityChecked(node.layerId() in wanted)
    for group in root.findGroups():
        group.setItemVisibilityChecked(any(node.layerId() in wanted for node in group.findLayers()))


def national_maps(run: Run, shown: ProjectLayers) -> list[tuple[str, str]]:
    """Maps 1–4 (dspt:nationalmaps) as print layouts in the project, PNG and PDF in
    out/maps (and small PNGs for the README when asked)."""
    from qgis.core import QgsProject

    from dspt_qgis.processing_algs.layouts.national import file_stem

    recipe, readme_images = run.recipe, run.readme_images
    run.run(
        "dspt:nationalmaps",
        {
            "COMMISSIONERS": shown.commissioners,
            "TRUSTS": shown.trusts,
            "ICS": shown.ics,
            "COMPOSITE": shown.composite,
            "ICS_FIELD": recipe.ics_code,
            "PROPORTIONS": shown.proportions,
            "REGIONS": shown.regions,
            "REGION_NAME_FIELD": REGION_NAME,
            "CHANGE": shown.change,
            "TITLE": f"DSPT {recipe.heading}",
            "COMMISSIONER_NOTE": recipe.commissioner_note,
            "SHADING_NOTE": recipe.shading_note,
            "COMPOSITE_NOTE": f"0.5 x commissioner mean + 0.5 x trust mean ({recipe.weighting_note}; "
            "trusts averaged simply)",
            "OUTPUT": str(run.out / "maps"),
        },
    )
    written = []
    for layout in sorted(
        QgsProject.instance().layoutManager().layouts(), key=lambda each: each.name()
    ):
        stem = file_stem(layout.name())
        png, pdf = run.out / "maps" / f"{stem}.png", run.out / "maps" / f"{stem}.pdf"
        written += [(f"map: {layout.name()}", str(png)), (f"map: {layout.name()}", str(pdf))]
        if readme_images is not None:
            written.append(
                (f"README image: {layout.name()}", readme_image(layout, readme_images, stem))
            )
    return written


def build_project(run: Run) -> list[tuple[str, str]]:
    """The QGIS project: grouped styled layers, a theme and a layout per map, PNG + PDF.
    Returns (what, where) of every file written."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject

    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem(BNG))
    project.setTitle(f"DSPT compliance {run.recipe.heading}")
    shown = open_layers(run)
    extent = shown.ics.extent()
    extent.grow(15000)
    arrange_project(project, layer_groups(shown), extent)
    written = national_maps(run, shown)
    show_theme(project, FIRST_MAP)
    written += trend_map(run, project)
    atlas = add_atlas(project, run)
    if run.readme_images is not None:
        image = atlas_page_image(atlas, run.readme_images)
        written.append(("README image: an ICS atlas page", image))
    project_path = run.out / "dspt_demo.qgz"
    if not project.write(str(project_path)):
        raise RuntimeError(f"Could not write {project_path}")
    project.clear()  # release the GeoPackage so it is complete on disk
    return [("QGIS project", str(project_path)), *written]


def add_atlas(project: Any, run: Run) -> Any:
    """The ICS atlas as a print layout with an atlas ("5 ICS atlas"), drawn from the tables
    dspt:icsatlas wrote and the project's own layers, in an unticked group: an analyst
    restyles it and exports it again from the layout designer."""
    from dspt_qgis.core.atlas import atlas_footnote
    from dspt_qgis.core.scoring import DEFAULT_SCHEME
    from dspt_qgis.processing_algs.layouts.atlas import add_atlas_layers, build_atlas_layout
    from dspt_qgis.processing_algs.layouts.items import replace_layout
    from dspt_qgis.processing_algs.support.atlas_layers import AtlasSources, atlas_layers

    recipe, layers = run.recipe, run.layers
    organisations = load(layers["atlas_organisations"], "Atlas: organisations")
    sources = AtlasSources(
        pages=load(layers["atlas_pages"], "Atlas pages"),
        organisations=organisations,
        ranking=load(layers["atlas_ranking"], "Atlas: ranking"),
        commissioners=load(layers["commissioners"], "Atlas: commissioners", stored_style=False),
        trusts=load(layers["trusts"], "Atlas: trusts", stored_style=False),
        composite=load(layers["composite"], "Atlas: ICS composite", stored_style=False),
        ics_field=recipe.ics_code,
        commissioner_status="status",
        trust_status="status",
        trust_code="code",
        composite_score="composite_score",
        gains=load(layers["atlas_gains"], "Atlas: what would raise the composite"),
    )
    group = project.layerTreeRoot().addGroup("5 ICS atlas (layout's layers)")
    atlas = atlas_layers(sources, DEFAULT_SCHEME.scores)
    add_atlas_layers(project, atlas, group)
    group.setItemVisibilityChecked(False)
    group.setExpanded(False)
    footnote = atlas_footnote(DEFAULT_SCHEME, with_trend=in_its_trend(recipe))
    layout = build_atlas_layout(project, atlas, "5 ICS atlas", footnote)
    replace_layout(project, layout)
    return layout


def trend_map(run: Run, project: Any) -> list[tuple[str, str]]:
    """The small multiples of each April 2026 ICB's composite, one panel per edition of
    the recipe's trend ("6 ICS trend"), as PNG and PDF; the trend layer in the project."""
    from qgis.core import QgsMapThemeCollection

    from dspt_qgis.processing_algs.layouts.items import export_layout, replace_layout
    from dspt_qgis.processing_algs.layouts.multiples import build_small_multiples

    root = project.layerTreeRoot()
    trend = run.layers["trend"]
    layer = load(trend, "ICS composites over editions (April 2026 ICBs)")
    project.addMapLayer(layer, False)
    boundaries = root.children().index(root.findGroup("Boundaries"))
    shown = root.insertGroup(boundaries, "6 ICS trend")
    shown.addLayer(layer)
    shown.setItemVisibilityChecked(False)  # the project opens on map 1
    record = QgsMapThemeCollection.MapThemeRecord()
    record.setLayerRecords([QgsMapThemeCollection.MapThemeLayerRecord(layer)])
    project.mapThemeCollection().insert("6 ICS trend", record)
    editions = tuple(recipe.edition for recipe in trend_recipes(run.recipe))
    panels = trend_panels(project, trend, editions)
    extent = layer.extent()
    extent.grow(15000)
    layout = build_small_multiples(
        project,
        "6 ICS trend",
        (
            "DSPT: ICS composite score by edition, on the April 2026 ICBs",
            "Each edition carried onto the 36 ICBs of April 2026 through their sub-ICB locations (weighted by "
            "registered patients; 2020 CCGs merged into one location split by their registered patients); "
            "trusts placed by location. -3 worst .. 3 best.",
        ),
        panels,
        extent,
    )
    replace_layout(project, layout)
    png, pdf = run.out / "maps" / "ics_trend.png", run.out / "maps" / "ics_trend.pdf"
    export_layout(layout, str(png), str(pdf))
    written = [("map: 6 ICS trend", str(png)), ("map: 6 ICS trend", str(pdf))]
    if run.readme_images is not None:
        image = readme_image(layout, run.readme_images, "ics_trend")
        written.append(("README image: 6 ICS trend", image))
    return written


def trend_panels(project: Any, trend: str, editions: tuple[str, ...]) -> list[tuple[Any, str]]:
    """One styled copy of the trend layer per edition, shaded by that edition's composite,
    in an unticked group ("6 ICS trend (panels' layers)"), each with its panel's title."""
    from dspt_qgis.core.trend import edition_field, full_year
    from dspt_qgis.processing_algs.support.styles import COMPOSITE_STYLE, apply_style

    group = project.layerTreeRoot().addGroup("6 ICS trend (panels' layers)")
    panels = []
    for edition in editions:
        panel = load(trend, f"ICS composite {full_year(edition)}", stored_style=False)
        apply_style(panel, COMPOSITE_STYLE, field=edition_field(edition))
        project.addMapLayer(panel, False)
        group.addLayer(panel)
        panels.append((panel, full_year(edition)))
    group.setItemVisibilityChecked(False)
    group.setExpanded(False)
    return panels


def atlas_page_image(layout: Any, folder: Path) -> str:
    """One ICS's atlas page as a small PNG for the README (the first ICS by name)."""
    from qgis.core import QgsLayoutExporter

    folder.mkdir(parents=True, exist_ok=True)
    atlas = layout.atlas()
    atlas.beginRender()
    atlas.seekTo(1)  # the cover is page 0
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 60
    settings.exportMetadata = False
    settings.pages = [0]
    path = str(folder / "atlas_page.png")
    QgsLayoutExporter(layout).exportToImage(path, settings)
    atlas.endRender()
    return path


def readme_image(layout: Any, folder: Path, stem: str) -> str:
    """A map's layout as a small PNG for the README."""
    from qgis.core import QgsLayoutExporter

    folder.mkdir(parents=True, exist_ok=True)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 48
    settings.exportMetadata = False
    path = str(folder / f"{stem}.png")
    QgsLayoutExporter(layout).exportToImage(path, settings)
    return path
