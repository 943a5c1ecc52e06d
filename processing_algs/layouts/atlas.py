"""The ICS atlas as a QGIS print layout with an atlas: a cover, then one page per ICS.

Everything on a page comes from QGIS's own layout machinery, so an analyst can open the
layout, restyle it and export it again: the atlas runs over a coverage layer of pages
(the cover first, then each ICS by name); the map follows each page's feature; a locator
map shows the ICS within England; attribute tables list the ICS's organisations (filtered
by the page's ICS, continued on further pages when long) and, on the cover, every ICS by
rank; labels show the page's text fields. Items that belong to one kind of page are
excluded from the other's export by a data-defined property. The layers come styled
(``support.atlas_layers``); the layout only places them.
"""

from __future__ import annotations

from typing import Protocol

from qgis.core import (
    QgsLayerTreeGroup,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItem,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapThemeCollection,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
)

from ...core.atlas import PAGE, PAGE_ICS, PAGE_PARTS, PAGE_SUBTITLE, PAGE_TITLE, TREND_CHART
from ...core.gains_shown import GAINS_SAID
from .atlas_tables import GAINS_TOP, TABLES_END, add_tables, continuation_pages
from .items import MARGIN, add_legend, add_map, new_layout, outline_on
from .text import add_label

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
COVER_THEME, ICS_THEME = "Atlas: cover", "Atlas: ICS page"
ON_COVER, ON_ICS_PAGE = f'"{PAGE}" = 0', f'"{PAGE}" > 0'
#: An ICS page with a chart of its composites over editions (the map makes room for it).
WITH_CHART = f"coalesce(\"{TREND_CHART}\", '') <> ''"
#: The atlas's legends: a heading per layer, small labels, small symbols close together.
LEGEND_TEXT = ((QgsLegendStyle.Subgroup, 7, True), (QgsLegendStyle.SymbolLabel, 6, False))
LEGEND_SYMBOL = (5.0, 3.0, 0.6)


class AtlasLayerSet(Protocol):
    """What the atlas layout draws (``support.atlas_layers.AtlasLayers`` has it): the
    coverage (pages), the organisations and ranking tables, the map layers, styled, and
    the gains each page lists (None: no gains table)."""

    @property
    def pages(self) -> QgsVectorLayer: ...
    @property
    def organisations(self) -> QgsVectorLayer: ...
    @property
    def ranking(self) -> QgsVectorLayer: ...
    @property
    def commissioners(self) -> QgsVectorLayer: ...
    @property
    def trusts(self) -> QgsVectorLayer: ...
    @property
    def composite(self) -> QgsVectorLayer: ...
    @property
    def outlines(self) -> QgsVectorLayer: ...
    @property
    def locator(self) -> QgsVectorLayer: ...
    @property
    def mask(self) -> QgsVectorLayer: ...
    @property
    def gains(self) -> QgsVectorLayer | None: ...


def add_atlas_layers(
    project: QgsProject, layers: AtlasLayerSet, group: QgsLayerTreeGroup | None = None
) -> None:
    """The atlas's layers in ``project`` (under ``group`` when given), in the order its
    map draws them, and the two map themes the map switches between (cover, ICS page)."""
    # A map theme does not order its layers: the layer tree does, top first.
    tree = group if group is not None else project.layerTreeRoot()
    for layer in (
        layers.mask,
        layers.trusts,
        layers.outlines,
        layers.commissioners,
        layers.composite,
        layers.locator,
        layers.pages,
        layers.organisations,
        layers.ranking,
        *([layers.gains] if layers.gains is not None else []),
    ):
        project.addMapLayer(layer, False)
        tree.addLayer(layer)
    themes = project.mapThemeCollection()
    for name, shown in (
        (COVER_THEME, (layers.composite,)),
        (ICS_THEME, (layers.mask, layers.trusts, layers.commissioners, layers.outlines)),
    ):
        record = QgsMapThemeCollection.MapThemeRecord()
        record.setLayerRecords(
            [QgsMapThemeCollection.MapThemeLayerRecord(layer) for layer in shown]
        )
        themes.insert(name, record)


#: The layout's own choice of how its PDF holds text (the layout designer reads it too).
PDF_TEXT_FORMAT = "pdfTextFormat"
TEXT_AS_TEXT = QgsRenderContext.TextFormatAlwaysText


def build_atlas_layout(
    project: QgsProject, layers: AtlasLayerSet, name: str, footnote: str
) -> QgsPrintLayout:
    """The atlas layout ``name`` (not yet in the project), with as many continuation pages
    as the longest list of organisations and the cover's ranking need (each left out of a
    page's export when its part of the table is empty). With gains, and pages that say
    them, each ICS page lists what would raise its composite above its organisations."""
    gains = layers.gains if layers.pages.fields().lookupField(GAINS_SAID) >= 0 else None
    continued = continuation_pages(
        layers.organisations, layers.ranking, with_gains=gains is not None
    )
    layout = new_layout(project, name, PAGE_WIDTH, PAGE_HEIGHT)
    # Text as text in the PDF, not outlines: names can be searched, copied and read aloud
    # (what QGIS's export dialog offers first for this layout, too).
    layout.setCustomProperty(PDF_TEXT_FORMAT, int(TEXT_AS_TEXT))
    for _ in range(continued.pages):
        page = QgsLayoutItemPage(layout)
        page.setPageSize(QgsLayoutSize(PAGE_WIDTH, PAGE_HEIGHT))
        layout.pageCollection().addPage(page)
    _atlas(layout, layers.pages)
    _page_text(layout, footnote, continued.pages)
    main = _main_map(layout, project)
    _trend_chart(layout)
    _locator(layout, project, layers.locator, main)
    _legends(layout, layers, main)
    if gains is not None:
        _gains_text(layout)
    add_tables(layout, (layers.organisations, layers.ranking, gains), continued)
    return layout


def _atlas(layout: QgsPrintLayout, pages: QgsVectorLayer) -> None:
    """One atlas page per feature of ``pages``, the cover first."""
    atlas = layout.atlas()
    atlas.setCoverageLayer(pages)
    atlas.setEnabled(True)
    atlas.setHideCoverage(True)
    atlas.setSortFeatures(True)
    atlas.setSortExpression(f'"{PAGE}"')
    atlas.setFilenameExpression(f"'ics_' || coalesce(\"{PAGE_ICS}\", 'cover')")


def _page_text(layout: QgsPrintLayout, footnote: str, continued: int) -> None:
    """Title, subtitle, the composite's parts (ICS pages) and the footnote, from the page's
    fields; on each continuation page its title and the footnote."""
    # A name of up to two lines (the longest ICS names are about 70 characters).
    title = f'[% "{PAGE_TITLE}" %]'
    add_label(layout, title, 13, bold=True, at=(MARGIN, MARGIN - 2), box=(190, 12))
    add_label(layout, f'[% "{PAGE_SUBTITLE}" %]', 8, at=(MARGIN, MARGIN + 10.5), box=(190, 9))
    # Up to twelve lines: both sides, the composite, its rank (and range), and the trend.
    parts = add_label(layout, f'[% "{PAGE_PARTS}" %]', 7, at=(142, 88), box=(58, 40))
    _only(parts, ON_ICS_PAGE)
    for page in range(continued + 1):
        if page:
            heading = f"{title} (continued)"
            add_label(layout, heading, 12, bold=True, at=(MARGIN, MARGIN), box=(190, 9), page=page)
        # Under the tables; eight lines of 6 pt (the method, the trend, the ranges, sources).
        at = (MARGIN, TABLES_END + 1)
        add_label(layout, footnote, 6, at=at, box=(190, PAGE_HEIGHT - 4 - TABLES_END), page=page)


def _only(item: QgsLayoutItem | QgsLayoutFrame, expression: str) -> None:
    """Export ``item`` only on pages where ``expression`` holds."""
    item.dataDefinedProperties().setProperty(
        QgsLayoutObject.ExcludeFromExports, QgsProperty.fromExpression(f"NOT ({expression})")
    )


def _main_map(layout: QgsPrintLayout, project: QgsProject) -> QgsLayoutItemMap:
    """The page's map: England shaded by composite on the cover (beside the ranking), the
    ICS's commissioners and trusts on its page (a data-defined map theme); wider there."""
    item = add_map(
        layout,
        "Atlas map",
        ICS_THEME,
        project.crs(),
        QgsRectangle(0, 0, 700000, 700000),
        (MARGIN, 30, 128, 128),
    )
    item.setAtlasDriven(True)
    item.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    item.setAtlasMargin(0.08)
    properties = item.dataDefinedProperties()
    properties.setProperty(
        QgsLayoutObject.MapStylePreset,
        QgsProperty.fromExpression(f"if({ON_COVER}, '{COVER_THEME}', '{ICS_THEME}')"),
    )
    properties.setProperty(
        QgsLayoutObject.ItemWidth, QgsProperty.fromExpression(f"if({ON_COVER}, 86, 128)")
    )
    properties.setProperty(
        QgsLayoutObject.ItemHeight,
        QgsProperty.fromExpression(f"if({ON_COVER}, 124, if({WITH_CHART}, 104, 128))"),
    )
    return item


def _gains_text(layout: QgsPrintLayout) -> None:
    """Above an ICS page's gains: the heading, and the page's sentence saying how many
    submissions would raise its composite (or that none would) and the gains' notes."""
    heading = "What would raise the composite"
    at = (MARGIN, GAINS_TOP)
    title = add_label(layout, heading, 8, bold=True, at=at, box=(190, 4.5))
    said = add_label(layout, f'[% "{GAINS_SAID}" %]', 7, at=(MARGIN, GAINS_TOP + 4.5), box=(190, 7))
    for item in (title, said):
        _only(item, ON_ICS_PAGE)


def _trend_chart(layout: QgsPrintLayout) -> None:
    """Under the map of an ICS page with a trend: its composites over editions, the SVG
    the page's field holds (drawn as vectors in the PDF)."""
    chart = QgsLayoutItemPicture(layout)
    layout.addLayoutItem(chart)
    chart.setId("Trend chart")
    chart.setMode(QgsLayoutItemPicture.FormatSVG)
    chart.attemptMove(QgsLayoutPoint(MARGIN, 136))
    chart.attemptResize(QgsLayoutSize(128, 22))
    chart.dataDefinedProperties().setProperty(
        QgsLayoutObject.PictureSource, QgsProperty.fromField(TREND_CHART)
    )
    _only(chart, WITH_CHART)


def _locator(
    layout: QgsPrintLayout, project: QgsProject, locator: QgsVectorLayer, main: QgsLayoutItemMap
) -> None:
    """England with the page's ICS highlighted and the page map's extent outlined."""
    extent = locator.extent()
    extent.scale(1.05)
    item = add_map(layout, "Locator", [locator], project.crs(), extent, (142, 30, 58, 56))
    outline_on(item, main, "#cb181d")
    _only(item, ON_ICS_PAGE)


def _legends(layout: QgsPrintLayout, layers: AtlasLayerSet, main: QgsLayoutItemMap) -> None:
    """The statuses' legend on ICS pages (the trusts' points; commissioners' areas share
    the colours, lighter), the composite classes' on the cover."""
    for shown, at, expression in (
        ((layers.trusts, "DSPT status (trusts; areas lighter)"), (142, 129), ON_ICS_PAGE),
        ((layers.composite, "ICS composite score"), (MARGIN, 158), ON_COVER),
    ):
        legend = add_legend(
            layout, main, [shown], at, title="", text=LEGEND_TEXT, symbol=LEGEND_SYMBOL
        )
        _only(legend, expression)


def export_atlas(layout: QgsPrintLayout, pdf_path: str, png_folder: str | None = None) -> int:
    """The atlas as one PDF (and one PNG per page when ``png_folder`` is given); returns
    the number of atlas pages (cover included). Raises naming the file on failure."""
    atlas = layout.atlas()
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 150
    settings.simplifyGeometries = True
    settings.textRenderFormat = TEXT_AS_TEXT
    result, error = QgsLayoutExporter.exportToPdf(atlas, pdf_path, settings)
    if result != QgsLayoutExporter.Success:
        raise RuntimeError(f"Could not write the atlas {pdf_path}: {error}")
    if png_folder is not None:
        images = QgsLayoutExporter.ImageExportSettings()
        images.dpi = 110
        result, error = QgsLayoutExporter.exportToImage(atlas, f"{png_folder}/", "png", images)
        if result != QgsLayoutExporter.Success:
            raise RuntimeError(f"Could not write the atlas pages in {png_folder}: {error}")
    return atlas.count()
