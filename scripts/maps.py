"""The published maps as a QGIS project: grouped, styled layers, a map theme and an A4
print layout per map (title, map, legend beside it, scale bar, north arrow, sources).

Built with QGIS's layer tree, map theme and layout APIs so analysts can open the project
and adjust it; used by ``make demo``; the plugin opens the project it writes.
Every layer is in the project's CRS (British National Grid), so opening the project
never asks which datum transformation to use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDatumTransform,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayer,
    QgsMapThemeCollection,
    QgsMarkerSymbol,
    QgsPointDisplacementRenderer,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsSymbolLayerUtils,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QImage, QImageWriter

from dspt_qgis.processing_algs.layouts.text import add_label, legend_text, text_format

ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right. DSPT status: NHS England (Data "
    "Security and Protection Toolkit), published data. Map: dspt-qgis."
)
NORTH_ARROW = "arrows/NorthArrow_02.svg"  # in QGIS's own SVG library, wherever it is installed
PROJECT_CRS = "EPSG:27700"
#: Airy 1830, British National Grid's own ellipsoid: measuring distances (scale bars) needs
#: no datum shift, so QGIS never looks for the OSTN15 grid to reach WGS84.
PROJECT_ELLIPSOID = "EPSG:7001"

#: A4 width, cut to the content's height: the map (England is about 0.87 as wide as it is
#: tall in British National Grid) on the left; its legend, north arrow and scale bar beside.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 236.0
MARGIN = 10.0
MAP_TOP, MAP_WIDTH, MAP_HEIGHT = 34.0, 146.0, 172.0
SIDE_LEFT = MARGIN + MAP_WIDTH + 4.0
#: The London inset, in the main map's top-left corner (the Irish Sea: no land of England
#: there on a national map), about three times the main map's scale.
INSET_LEFT, INSET_TOP, INSET_WIDTH, INSET_HEIGHT = MARGIN + 1.5, MAP_TOP + 1.5, 54.0, 44.0


@dataclass(frozen=True)
class MapSpec:
    """One published map: its name (also its map theme's), title, subtitle, the layers
    drawn (top first), and the legend: the layers it explains, each under a short title
    ("|" breaks the line)."""

    name: str
    title: str
    subtitle: str
    layers: tuple[QgsMapLayer, ...]
    legend: tuple[tuple[QgsMapLayer, str], ...] = field(default=())
    #: Point layers whose points the London inset spreads apart (dense in central London).
    spread: tuple[QgsVectorLayer, ...] = field(default=())


@dataclass(frozen=True)
class LayerGroup:
    """A group of the project's layer tree: its name, layers (top first), and whether it
    starts expanded."""

    name: str
    layers: tuple[QgsMapLayer, ...]
    expanded: bool = True


def arrange_project(
    project: QgsProject, groups: Sequence[LayerGroup], maps: Sequence[MapSpec], extent: QgsRectangle
) -> None:
    """Add the layers in groups, one map theme per map, show the first map's theme, and
    open on ``extent`` (a project written without a map window has no view of its own)."""
    project.setCrs(QgsCoordinateReferenceSystem(PROJECT_CRS))
    project.setEllipsoid(PROJECT_ELLIPSOID)
    pin_transformations(project)
    root = project.layerTreeRoot()
    for group in groups:
        node = root.addGroup(group.name)
        for layer in group.layers:
            project.addMapLayer(layer, False)
            node.addLayer(layer)
        node.setExpanded(group.expanded)
    themes = project.mapThemeCollection()
    for spec in maps:
        record = QgsMapThemeCollection.MapThemeRecord()
        record.setLayerRecords(
            [QgsMapThemeCollection.MapThemeLayerRecord(layer) for layer in spec.layers]
        )
        themes.insert(spec.name, record)
    if maps:
        show_theme(project, maps[0])
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))


def pin_transformations(project: QgsProject, other: str = "EPSG:4326") -> None:
    """Record in the project which operation converts between WGS84 and British National
    Grid: the most accurate one this machine can run. Without it QGIS asks, or warns that
    its preferred grid (OSTN15) is missing, whenever a WGS84 extent meets the project
    (the empty canvas of a fresh profile is in WGS84)."""
    context = project.transformContext()
    for source, target in ((other, PROJECT_CRS), (PROJECT_CRS, other)):
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


def show_theme(project: QgsProject, spec: MapSpec) -> None:
    """Switch the layer tree to one map's layers (what the analyst sees on opening)."""
    wanted = {layer.id() for layer in spec.layers}
    root = project.layerTreeRoot()
    for node in root.findLayers():
        node.setItemVisibilityChecked(node.layerId() in wanted)
    for group in root.findGroups():
        group.setItemVisibilityChecked(any(node.layerId() in wanted for node in group.findLayers()))


def region_extent(
    ics: QgsVectorLayer, regions: QgsVectorLayer, name_field: str, name: str
) -> QgsRectangle:
    """The extent of the ICSs of one NHS region (those whose inside point lies in the
    region's polygon), grown by a tenth: where an inset must show them apart."""
    region = QgsGeometry.unaryUnion(
        [f.geometry() for f in regions.getFeatures() if f[name_field] == name]
    )
    if region.isNull():
        raise RuntimeError(f"{regions.name()}: no region named {name!r} in field {name_field}")
    inside = [
        QgsGeometry.fromRect(f.geometry().boundingBox())
        for f in ics.getFeatures()
        if region.contains(f.geometry().pointOnSurface())
    ]
    if not inside:
        raise RuntimeError(f"{ics.name()}: no ICS lies in the region {name!r}")
    extent = QgsGeometry.unaryUnion(inside).boundingBox()
    extent.scale(1.1)
    return extent


def build_layout(
    project: QgsProject, spec: MapSpec, extent: QgsRectangle, inset: QgsRectangle | None = None
) -> QgsPrintLayout:
    """Add an A4 layout for ``spec`` to ``project`` (replacing one of the same name); its
    map follows the map theme of the same name; ``inset``: the extent of a larger-scale
    inset (London), outlined on the main map."""
    manager = project.layoutManager()
    old = manager.layoutByName(spec.name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(spec.name)
    layout.pageCollection().page(0).setPageSize(
        QgsLayoutSize(PAGE_WIDTH, PAGE_HEIGHT, QgsUnitTypes.LayoutMillimeters)
    )
    add_label(
        layout, spec.title, 18, bold=True, at=(MARGIN, MARGIN), box=(PAGE_WIDTH - 2 * MARGIN, 10)
    )
    add_label(layout, spec.subtitle, 9, at=(MARGIN, MARGIN + 11), box=(PAGE_WIDTH - 2 * MARGIN, 12))
    map_item = _map(layout, project, spec.name, extent)
    if inset is not None:
        _inset(layout, project, spec, inset, map_item)
    _legend(layout, spec, map_item)
    _north_arrow_and_scale(layout, project, map_item)
    add_label(
        layout,
        ATTRIBUTION,
        7,
        at=(MARGIN, MAP_TOP + MAP_HEIGHT + 3),
        box=(PAGE_WIDTH - 2 * MARGIN, 14),
    )
    manager.addLayout(layout)
    return layout


def _map(
    layout: QgsPrintLayout, project: QgsProject, theme: str, extent: QgsRectangle
) -> QgsLayoutItemMap:
    """The map frame, following the map theme ``theme``, at ``extent``."""
    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)
    map_item.setId("England")
    map_item.attemptMove(QgsLayoutPoint(MARGIN, MAP_TOP))
    map_item.attemptResize(QgsLayoutSize(MAP_WIDTH, MAP_HEIGHT))
    map_item.setCrs(project.crs())
    map_item.setFollowVisibilityPreset(True)
    map_item.setFollowVisibilityPresetName(theme)
    map_item.setExtent(extent)  # a new map has an empty extent that zoomToExtent cannot scale
    map_item.attemptResize(QgsLayoutSize(MAP_WIDTH, MAP_HEIGHT))  # setExtent reshaped the frame
    map_item.zoomToExtent(extent)
    map_item.setFrameEnabled(True)
    return map_item


def _inset(
    layout: QgsPrintLayout,
    project: QgsProject,
    spec: MapSpec,
    extent: QgsRectangle,
    main: QgsLayoutItemMap,
) -> QgsLayoutItemMap:
    """A framed inset of ``extent`` over the main map's corner, showing the map's layers
    (its point layers spread apart), titled "London"; the main map outlines its extent."""
    inset = QgsLayoutItemMap(layout)
    layout.addLayoutItem(inset)
    inset.setId("London inset")
    inset.attemptMove(QgsLayoutPoint(INSET_LEFT, INSET_TOP))
    inset.attemptResize(QgsLayoutSize(INSET_WIDTH, INSET_HEIGHT))
    inset.setCrs(project.crs())
    if spec.spread:
        spread = {layer.id(): spread_copy(project, layer) for layer in spec.spread}
        inset.setLayers([spread.get(layer.id(), layer) for layer in spec.layers])
        inset.setKeepLayerSet(True)
    else:
        inset.setFollowVisibilityPreset(True)
        inset.setFollowVisibilityPresetName(spec.name)
    inset.setExtent(extent)
    inset.attemptResize(QgsLayoutSize(INSET_WIDTH, INSET_HEIGHT))
    inset.zoomToExtent(extent)
    inset.setFrameEnabled(True)
    inset.setFrameStrokeWidth(QgsLayoutMeasurement(0.4))
    inset.setBackgroundColor(QColor(Qt.GlobalColor.white))
    outline = main.overview()
    outline.setLinkedMap(inset)
    outline.setFrameSymbol(
        QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "#1a1a1a", "outline_width": "0.4"}
        )
    )
    title = add_label(
        layout, "London", 8, bold=True, at=(INSET_LEFT + 0.2, INSET_TOP + 0.2), box=(14, 5)
    )
    title.setBackgroundEnabled(True)  # legible over any shading
    title.setBackgroundColor(QColor(Qt.GlobalColor.white))
    title.setMarginX(1.2)
    return inset


#: The group of the project's layer tree holding the insets' own copies of point layers.
INSET_GROUP = "London inset (points spread apart)"
#: Points closer than this on the page (mm: the status symbol's white halo) are spread
#: in a ring around their centre, so none hides another.
SPREAD_TOLERANCE_MM = 8.0


def spread_copy(project: QgsProject, layer: QgsVectorLayer) -> QgsVectorLayer:
    """The inset's copy of a point layer: the same symbols, points closer than a symbol
    drawn in a ring around their centre (QGIS's point displacement renderer). Kept in the
    project, in its own unticked group, so the layouts reopen with it."""
    name = f"{layer.name()} (London inset)"
    existing = project.mapLayersByName(name)
    if existing:
        return existing[0]
    copy = layer.clone()
    copy.setName(name)
    renderer = QgsPointDisplacementRenderer()
    renderer.setEmbeddedRenderer(layer.renderer().clone())
    renderer.setTolerance(SPREAD_TOLERANCE_MM)
    renderer.setToleranceUnit(QgsUnitTypes.RenderMillimeters)
    renderer.setPlacement(QgsPointDisplacementRenderer.Grid)
    renderer.setCenterSymbol(
        QgsMarkerSymbol.createSimple({"name": "circle", "size": "0.8", "color": "#1a1a1a"})
    )
    renderer.setCircleWidth(0.2)
    renderer.setCircleColor(QColor("#1a1a1a"))
    copy.setRenderer(renderer)
    project.addMapLayer(copy, False)
    root = project.layerTreeRoot()
    group = root.findGroup(INSET_GROUP) or root.addGroup(INSET_GROUP)
    group.addLayer(copy)
    group.setItemVisibilityChecked(False)
    group.setExpanded(False)
    return copy


def _legend(
    layout: QgsPrintLayout, spec: MapSpec, map_item: QgsLayoutItemMap
) -> QgsLayoutItemLegend:
    """The map's legend beside it: the spec's layers under the spec's titles."""
    legend = QgsLayoutItemLegend(layout)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()  # before linking the map: the project's whole layer tree is not drawn for nothing
    legend.setLinkedMap(map_item)
    legend.setLegendFilterByMapEnabled(False)
    for layer, title in spec.legend or tuple((layer, layer.name()) for layer in spec.layers):
        root.addLayer(layer).setCustomProperty("legend/title-label", title)  # this legend only
    legend.setTitle("Legend")
    for style, size, bold in (
        (QgsLegendStyle.Title, 10, True),
        (QgsLegendStyle.Subgroup, 8, True),
        (QgsLegendStyle.SymbolLabel, 7, False),
    ):
        legend_text(legend, style, text_format(size, bold))
    legend.setWrapString("|")
    legend.setBackgroundColor(QColor(Qt.GlobalColor.white))
    legend.setFrameEnabled(False)
    legend.setColumnCount(1)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(SIDE_LEFT, MAP_TOP))
    legend.setResizeToContents(True)
    legend.adjustBoxSize()
    return legend


def _north_arrow_and_scale(
    layout: QgsPrintLayout, project: QgsProject, map_item: QgsLayoutItemMap
) -> None:
    """A north arrow and a 50 km scale bar, under the legend."""
    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(
        QgsSymbolLayerUtils.svgSymbolNameToPath(NORTH_ARROW, project.pathResolver())
    )
    layout.addLayoutItem(arrow)
    arrow.attemptMove(QgsLayoutPoint(SIDE_LEFT, MAP_TOP + MAP_HEIGHT - 36))
    arrow.attemptResize(QgsLayoutSize(10, 14))
    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(map_item)
    scale_bar.setUnits(QgsUnitTypes.DistanceKilometers)
    scale_bar.setUnitLabel("km")
    scale_bar.setNumberOfSegments(2)
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setUnitsPerSegment(25)
    scale_bar.setTextFormat(text_format(7))
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(SIDE_LEFT, MAP_TOP + MAP_HEIGHT - 14))


#: zlib level 1 for the PNG maps (Qt's quality 80): on these flat-coloured maps, written
#: without alpha, the files come out 5-20% smaller than QGIS's own export and take half
#: the time to write.
PNG_QUALITY = 80


def export_layout(
    layout: QgsPrintLayout, png_path: str, pdf_path: str | None, dpi: int = 110
) -> None:
    """Export a layout's page to PNG (and PDF); raise naming the file when QGIS reports an error.

    The page is rendered by QGIS (``renderPageToImage``) and written by Qt without its
    alpha channel (the page is opaque) at a fast compression level: writing the PNG at
    QGIS's defaults took as long as drawing the map.
    """
    exporter = QgsLayoutExporter(layout)
    print_resolution = (
        layout.renderContext().dpi()
    )  # saved with the project: the designer's default
    layout.renderContext().setDpi(dpi)  # as exportToImage does: symbols and text are sized for it
    try:
        page = exporter.renderPageToImage(0, dpi=dpi).convertToFormat(QImage.Format.Format_RGB888)
    finally:
        layout.renderContext().setDpi(print_resolution)
    writer = QImageWriter(png_path, b"png")
    writer.setQuality(PNG_QUALITY)
    if page.isNull() or not writer.write(page):
        raise RuntimeError(f"Could not export {png_path}: {writer.errorString()}")
    if pdf_path is None:
        return
    pdf = QgsLayoutExporter.PdfExportSettings()
    pdf.dpi = 200
    if exporter.exportToPdf(pdf_path, pdf) != QgsLayoutExporter.Success:
        raise RuntimeError(f"Could not export {pdf_path}: {exporter.errorFile()}")


#: The small multiples: A4 landscape, one panel per edition side by side, one legend under.
MULTIPLES_WIDTH, MULTIPLES_HEIGHT = 297.0, 210.0
PANEL_TOP, PANEL_HEIGHT, PANEL_GAP = 42.0, 115.0, 4.0


def _panel(
    layout: QgsPrintLayout,
    project: QgsProject,
    layer: QgsVectorLayer,
    heading: str,
    across: tuple[float, float],
    extent: QgsRectangle,
) -> QgsLayoutItemMap:
    """One panel of the small multiples (``across``: its left edge and width): its heading
    and a map of its own layer only."""
    left, width = across
    add_label(layout, heading, 11, bold=True, at=(left, PANEL_TOP - 7), box=(width, 6))
    panel = QgsLayoutItemMap(layout)
    layout.addLayoutItem(panel)
    panel.setId(heading)
    panel.attemptMove(QgsLayoutPoint(left, PANEL_TOP))
    panel.attemptResize(QgsLayoutSize(width, PANEL_HEIGHT))
    panel.setCrs(project.crs())
    panel.setLayers([layer])
    panel.setKeepLayerSet(True)
    panel.setExtent(extent)
    panel.attemptResize(QgsLayoutSize(width, PANEL_HEIGHT))
    panel.zoomToExtent(extent)
    panel.setFrameEnabled(True)
    return panel


def build_small_multiples(
    project: QgsProject,
    name: str,
    titles: tuple[str, str],
    panels: Sequence[tuple[QgsVectorLayer, str]],
    extent: QgsRectangle,
) -> QgsPrintLayout:
    """An A4 landscape layout ``name``: the title and subtitle, one map per panel (its own
    layer, styled alike, and its heading) at the same extent and scale, and one legend (the
    first panel's classes: every panel shares them) with the attribution under them."""
    manager = project.layoutManager()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    layout.pageCollection().page(0).setPageSize(
        QgsLayoutSize(MULTIPLES_WIDTH, MULTIPLES_HEIGHT, QgsUnitTypes.LayoutMillimeters)
    )
    width = MULTIPLES_WIDTH - 2 * MARGIN
    add_label(layout, titles[0], 18, bold=True, at=(MARGIN, MARGIN), box=(width, 10))
    add_label(layout, titles[1], 9, at=(MARGIN, MARGIN + 11), box=(width, 12))
    panel_width = (width - PANEL_GAP * (len(panels) - 1)) / len(panels)
    maps = [
        _panel(
            layout,
            project,
            layer,
            heading,
            (MARGIN + i * (panel_width + PANEL_GAP), panel_width),
            extent,
        )
        for i, (layer, heading) in enumerate(panels)
    ]
    scale = max(panel.scale() for panel in maps)
    for panel in maps:  # one scale for all, so areas compare across panels
        panel.setScale(scale)
    legend = _legend(
        layout,
        MapSpec(
            name, titles[0], titles[1], (panels[0][0],), ((panels[0][0], "ICS composite score"),)
        ),
        maps[0],
    )
    legend.attemptMove(QgsLayoutPoint(MARGIN, PANEL_TOP + PANEL_HEIGHT + 3))
    # The classes in one row under the panels, under the legend's title (the layer's own
    # heading hidden: QGIS keeps a heading with the first class, which breaks the row).
    legend.setTitle("ICS composite score")
    for node in legend.model().rootGroup().findLayers():
        QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)
    legend.setSplitLayer(True)
    legend.setColumnCount(6)
    legend.adjustBoxSize()
    add_label(layout, ATTRIBUTION, 7, at=(MARGIN, MULTIPLES_HEIGHT - MARGIN - 8), box=(width, 8))
    manager.addLayout(layout)
    return layout
