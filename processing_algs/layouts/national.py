"""The published national maps (1–4) as print layouts: England on an A4-wide page, its
layers those of the map's theme; an inset of one NHS region (London: its ICSs are small on
a national map) over the Irish Sea, outlined on the national map; the legend beside, a
north arrow, a 50 km scale bar and the sources."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsMapLayer,
    QgsPrintLayout,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsSymbolLayerUtils,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QColor

from ...core.trend import full_year
from .items import MARGIN, add_attribution, add_legend, add_map, add_titles, new_layout, outline_on
from .text import add_label, text_format

NORTH_ARROW = "arrows/NorthArrow_02.svg"  # in QGIS's own SVG library, wherever it is installed
#: A4 width, cut to the content's height: the map (England is about 0.87 as wide as it is
#: tall in British National Grid) on the left; its legend, north arrow and scale bar beside.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 236.0
MAP_TOP, MAP_WIDTH, MAP_HEIGHT = 34.0, 146.0, 172.0
SIDE_LEFT = MARGIN + MAP_WIDTH + 4.0
#: The inset, in the main map's top-left corner (the Irish Sea: no land of England there
#: on a national map), about three times the main map's scale.
INSET_LEFT, INSET_TOP, INSET_WIDTH, INSET_HEIGHT = MARGIN + 1.5, MAP_TOP + 1.5, 54.0, 44.0
#: Room around the ICSs on the national map (m).
NATIONAL_MARGIN = 15000


@dataclass(frozen=True)
class NationalLayers:
    """The layers maps 1–4 draw, and the inset's copies of the point layers (spread apart;
    see ``support.map_layers.spread_copy``); no change, no map 4."""

    commissioners: QgsVectorLayer
    trusts: QgsVectorLayer
    ics: QgsVectorLayer
    proportions: QgsVectorLayer
    composite: QgsVectorLayer
    regions: QgsVectorLayer
    trusts_inset: QgsVectorLayer
    change: QgsVectorLayer | None = None
    change_inset: QgsVectorLayer | None = None


@dataclass(frozen=True)
class MapTexts:
    """What the maps say: the titles' beginning ("DSPT 20/21"), map 1's subtitle, what
    shades the ICSs on map 2, how the composite on map 3 was made, and the two editions
    map 4 compares (None when unknown)."""

    title: str
    commissioners: str
    shading: str
    composite: str
    change: tuple[str, str] | None = None


@dataclass(frozen=True)
class MapSpec:
    """One map: its name (its layout's and map theme's), title, subtitle, the layers drawn
    (their order is the layer tree's), the legend (each layer under its heading, "|"
    breaking a line), and the inset's own layers (None: the map's theme)."""

    name: str
    title: str
    subtitle: str
    layers: tuple[QgsMapLayer, ...]
    legend: tuple[tuple[QgsMapLayer, str], ...]
    inset_layers: tuple[QgsMapLayer, ...] | None = None

    @property
    def file_stem(self) -> str:
        """The name of the map's files (see :func:`file_stem`)."""
        return file_stem(self.name)


def file_stem(name: str) -> str:
    """The name of a map's files: "1 Individual compliance" -> individual_compliance."""
    return name.split(" ", 1)[1].lower().replace(" ", "_")


def national_maps(layers: NationalLayers, texts: MapTexts) -> list[MapSpec]:
    """The published maps 1–3, and map 4 when there is a change."""
    shading_heading = texts.shading.split(" (")[0]
    maps = [
        MapSpec(
            "1 Individual compliance",
            f"{texts.title}: individual compliance",
            texts.commissioners,
            (layers.trusts, layers.ics, layers.commissioners),
            (
                (layers.trusts, "Trusts (points)"),
                (layers.commissioners, "Commissioners (areas)"),
                (layers.ics, "ICS boundaries"),
            ),
            (layers.trusts_inset, layers.ics, layers.commissioners),
        ),
        MapSpec(
            "2 Trust proportions",
            f"{texts.title}: trust compliance per ICS",
            "Pie charts: share of each ICS's trusts in each status (size = number of trusts); "
            f"ICS shading: {texts.shading}",
            (layers.proportions,),
            (
                (
                    layers.proportions,
                    f"{shading_heading[:1].upper()}{shading_heading[1:]}|(shading) and "
                    "trusts'|statuses (pies)",
                ),
            ),
        ),
        MapSpec(
            "3 ICS composite",
            f"{texts.title}: ICS composite compliance score",
            f"{texts.composite}; NHS regions in blue",
            (layers.regions, layers.composite),
            ((layers.composite, "ICS composite score"), (layers.regions, "NHS England regions")),
        ),
    ]
    if layers.change is not None:
        spread = layers.change_inset or layers.change
        maps.append(_change_map(layers.change, spread, layers.ics, texts.change))
    return maps


def _change_map(
    change: QgsVectorLayer,
    spread: QgsVectorLayer,
    ics: QgsVectorLayer,
    editions: tuple[str, str] | None,
) -> MapSpec:
    """Map 4: each trust of the earlier edition by how its status moved by the later."""
    if editions is None:
        title = "DSPT trusts: change between two editions"
        moved = "Each trust by how the score of its status moved between the two editions"
    else:
        before, after = editions
        title = f"DSPT trusts: change from {before} to {after}"
        moved = (
            f"Each {full_year(before)} trust by how the score of its status moved by "
            f"{full_year(after)}"
        )
    return MapSpec(
        "4 Trust change",
        title,
        f"{moved} (a closed trust is compared with its successor)",
        (change, ics),
        ((change, "Trusts (points)"), (ics, "ICS boundaries")),
        (spread, ics),
    )


@dataclass(frozen=True)
class Extents:
    """Where the maps look, in their CRS: England (every ICS, with a margin) and the inset's
    region (its ICSs, a tenth more)."""

    national: QgsRectangle
    inset: QgsRectangle
    region: str


def national_extents(
    ics: QgsVectorLayer,
    regions: QgsVectorLayer,
    region_field: str,
    region: str,
    crs: QgsCoordinateReferenceSystem,
    context: QgsCoordinateTransformContext,
) -> Extents:
    """England's extent from the ICSs, and the inset's: the ICSs whose inside point lies in
    the NHS region named ``region`` (in ``regions``' ``region_field``)."""
    national = QgsRectangle(ics.extent())
    if ics.crs() != crs:
        national = QgsCoordinateTransform(ics.crs(), crs, context).transformBoundingBox(national)
    national.grow(NATIONAL_MARGIN)
    area = QgsGeometry.unaryUnion(
        _geometries(regions, crs, context, lambda f: f[region_field] == region)
    )
    if area.isNull() or area.isEmpty():
        raise QgsProcessingException(
            _tr("{}: no region named '{}' in the field {}.").format(
                regions.name(), region, region_field
            )
        )
    inside = [
        QgsGeometry.fromRect(geometry.boundingBox())
        for geometry in _geometries(ics, crs, context)
        if area.contains(geometry.pointOnSurface())
    ]
    if not inside:
        raise QgsProcessingException(
            _tr("{}: no ICS lies in the region '{}'.").format(ics.name(), region)
        )
    inset = QgsGeometry.unaryUnion(inside).boundingBox()
    inset.scale(1.1)
    return Extents(national, inset, region)


def _geometries(
    layer: QgsVectorLayer,
    crs: QgsCoordinateReferenceSystem,
    context: QgsCoordinateTransformContext,
    keep: Callable[[QgsFeature], bool] | None = None,
) -> list[QgsGeometry]:
    """The geometries of ``layer``'s features (those ``keep`` accepts), in ``crs``."""
    transform = QgsCoordinateTransform(layer.crs(), crs, context)
    found = []
    for feature in layer.getFeatures():
        if feature.hasGeometry() and (keep is None or keep(feature)):
            geometry = QgsGeometry(feature.geometry())
            if layer.crs() != crs:
                geometry.transform(transform)
            found.append(geometry)
    return found


def build_national_layout(
    project: QgsProject, spec: MapSpec, extents: Extents, crs: QgsCoordinateReferenceSystem
) -> QgsPrintLayout:
    """The layout of ``spec`` (not yet in the project): its map follows the map theme of
    the same name; the inset shows the region of ``extents``."""
    layout = new_layout(project, spec.name, PAGE_WIDTH, PAGE_HEIGHT)
    add_titles(layout, spec.title, spec.subtitle, PAGE_WIDTH - 2 * MARGIN)
    frame = (MARGIN, MAP_TOP, MAP_WIDTH, MAP_HEIGHT)
    main = add_map(layout, "England", spec.name, crs, extents.national, frame)
    _inset(layout, spec, extents, crs, main)
    add_legend(layout, main, spec.legend, (SIDE_LEFT, MAP_TOP))
    _north_arrow_and_scale(layout, project, main)
    add_attribution(layout, (MARGIN, MAP_TOP + MAP_HEIGHT + 3), (PAGE_WIDTH - 2 * MARGIN, 14))
    return layout


def _inset(
    layout: QgsPrintLayout,
    spec: MapSpec,
    extents: Extents,
    crs: QgsCoordinateReferenceSystem,
    main: QgsLayoutItemMap,
) -> None:
    """A framed inset of the region over the main map's corner, showing the map's layers
    (its own, when its points are spread apart), titled with the region's name; the main
    map outlines its extent."""
    frame = (INSET_LEFT, INSET_TOP, INSET_WIDTH, INSET_HEIGHT)
    shown: str | Sequence[QgsMapLayer] = spec.inset_layers or spec.name
    inset = add_map(layout, f"{extents.region} inset", shown, crs, extents.inset, frame)
    inset.setFrameStrokeWidth(QgsLayoutMeasurement(0.4))
    inset.setBackgroundColor(QColor(Qt.GlobalColor.white))
    outline_on(main, inset, "#1a1a1a")
    at = (INSET_LEFT + 0.2, INSET_TOP + 0.2)
    title = add_label(layout, extents.region, 8, bold=True, at=at, box=(14, 5))
    title.setBackgroundEnabled(True)  # legible over any shading
    title.setBackgroundColor(QColor(Qt.GlobalColor.white))
    title.setMarginX(1.2)


def _north_arrow_and_scale(
    layout: QgsPrintLayout, project: QgsProject, main: QgsLayoutItemMap
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
    scale_bar.setLinkedMap(main)
    scale_bar.setUnits(QgsUnitTypes.DistanceKilometers)
    scale_bar.setUnitLabel("km")
    scale_bar.setNumberOfSegments(2)
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setUnitsPerSegment(25)
    scale_bar.setTextFormat(text_format(7))
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(SIDE_LEFT, MAP_TOP + MAP_HEIGHT - 14))


def _tr(text: str) -> str:
    return QCoreApplication.translate("DsptLayouts", text)
