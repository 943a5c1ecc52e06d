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
    QgsLayoutItemAttributeTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutMultiFrame,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
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
from .items import MARGIN, add_legend, add_map, new_layout, outline_on
from .text import add_label, text_format

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
COVER_THEME, ICS_THEME = "Atlas: cover", "Atlas: ICS page"
ON_COVER, ON_ICS_PAGE = f'"{PAGE}" = 0', f'"{PAGE}" > 0'
#: An ICS page with a chart of its composites over editions (the map makes room for it).
WITH_CHART = f"coalesce(\"{TREND_CHART}\", '') <> ''"
#: The organisations table's columns: field, heading, width (mm; 0: the rest).
ORGANISATION_COLUMNS = (
    ("side", "Sector", 22),
    ("code", "Code", 14),
    ("name", "Name", 0),
    ("status", "Status", 32),
    ("status_source", "Status from", 22),
    ("change", "Change since last edition", 34),
)
RANKING_COLUMNS = (
    ("rank_label", "Rank", 10),
    ("ics_name", "ICS", 0),
    ("composite", "Composite", 16),
)
#: The atlas's legends: a heading per layer, small labels, small symbols close together.
LEGEND_TEXT = ((QgsLegendStyle.Subgroup, 7, True), (QgsLegendStyle.SymbolLabel, 6, False))
LEGEND_SYMBOL = (5.0, 3.0, 0.6)


class AtlasLayerSet(Protocol):
    """What the atlas layout draws (``support.atlas_layers.AtlasLayers`` has it): the
    coverage (pages), the organisations and ranking tables, and the map layers, styled."""

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
#: Rows a page of the organisations table holds at the least (a row of long names wraps
#: onto three lines): the first page's frame, then a continuation page's.
FIRST_PAGE_ROWS, CONTINUED_PAGE_ROWS = 12, 26


def continuation_pages(organisations: QgsVectorLayer) -> int:
    """Continuation pages an ICS page needs for the longest list of organisations of any
    ICS (``organisations``: the atlas's table, one row per organisation, by ``ics``)."""
    per_ics: dict[object, int] = {}
    for feature in organisations.getFeatures():
        per_ics[feature["ics"]] = per_ics.get(feature["ics"], 0) + 1
    beyond = max(0, max(per_ics.values(), default=0) - FIRST_PAGE_ROWS)
    return -(-beyond // CONTINUED_PAGE_ROWS)


def build_atlas_layout(
    project: QgsProject, layers: AtlasLayerSet, name: str, footnote: str
) -> QgsPrintLayout:
    """The atlas layout ``name`` (not yet in the project), with as many continuation pages
    as the longest list of organisations needs (each left out of a page's export when its
    part of the table is empty)."""
    continued = continuation_pages(layers.organisations)
    layout = new_layout(project, name, PAGE_WIDTH, PAGE_HEIGHT)
    # Text as text in the PDF, not outlines: names can be searched, copied and read aloud
    # (what QGIS's export dialog offers first for this layout, too).
    layout.setCustomProperty(PDF_TEXT_FORMAT, int(TEXT_AS_TEXT))
    for _ in range(continued):
        page = QgsLayoutItemPage(layout)
        page.setPageSize(QgsLayoutSize(PAGE_WIDTH, PAGE_HEIGHT))
        layout.pageCollection().addPage(page)
    _atlas(layout, layers.pages)
    _page_text(layout, footnote, continued)
    main = _main_map(layout, project)
    _trend_chart(layout)
    _locator(layout, project, layers.locator, main)
    _legends(layout, layers, main)
    in_ics = f"\"ics\" = attribute(@atlas_feature, '{PAGE_ICS}')"
    frames = ((0, MARGIN, 162, 190, 110),) + tuple(
        (page, MARGIN, 30, 190, 242) for page in range(1, continued + 1)
    )
    _table(layout, layers.organisations, ORGANISATION_COLUMNS, in_ics, frames)
    on_cover = f"attribute(@atlas_feature, '{PAGE}') = 0"
    _table(layout, layers.ranking, RANKING_COLUMNS, on_cover, ((0, 118, 30, 82, 244),))
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
    # Up to ten lines: both sides, the composite and its rank, and the trend when given.
    parts = add_label(layout, f'[% "{PAGE_PARTS}" %]', 7, at=(142, 95), box=(58, 33))
    _only(parts, ON_ICS_PAGE)
    for page in range(continued + 1):
        if page:
            heading = f"{title} (continued)"
            add_label(layout, heading, 12, bold=True, at=(MARGIN, MARGIN), box=(190, 9), page=page)
        # Under the tables (they end 25 mm above the page's foot); six lines of 6 pt.
        at = (MARGIN, PAGE_HEIGHT - MARGIN - 12)
        add_label(layout, footnote, 6, at=at, box=(190, 15), page=page)


def _only(item: QgsLayoutItem | QgsLayoutFrame, expression: str) -> None:
    """Export ``item`` only on pages where ``expression`` holds."""
    item.dataDefinedProperties().setProperty(
        QgsLayoutObject.ExcludeFromExports, QgsProperty.fromExpression(f"NOT ({expression})")
    )


def _main_map(layout: QgsPrintLayout, project: QgsProject) -> QgsLayoutItemMap:
    """The page's map: England shaded by composite on the cover, the ICS's commissioners
    and trusts on its page (a data-defined map theme); wider on an ICS page."""
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
        QgsLayoutObject.ItemWidth, QgsProperty.fromExpression(f"if({ON_COVER}, 104, 128)")
    )
    properties.setProperty(
        QgsLayoutObject.ItemHeight,
        QgsProperty.fromExpression(f"if({ON_COVER}, 124, if({WITH_CHART}, 104, 128))"),
    )
    return item


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
    item = add_map(layout, "Locator", [locator], project.crs(), extent, (142, 30, 58, 62))
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


def _table(
    layout: QgsPrintLayout,
    layer: QgsVectorLayer,
    columns: tuple[tuple[str, str, float], ...],
    feature_filter: str,
    frames: tuple[tuple[int, float, float, float, float], ...],
) -> QgsLayoutItemAttributeTable:
    """An attribute table of ``layer``'s rows that match ``feature_filter`` on this page,
    in ``frames`` (page, x, y, width, height); nothing drawn when none match, and a page
    whose frame stays empty is left out of the export."""
    table = QgsLayoutItemAttributeTable.create(layout)
    table.setVectorLayer(layer)
    table.setDisplayOnlyVisibleFeatures(False)
    table.setFilterFeatures(True)
    table.setFeatureFilter(feature_filter)
    table.setMaximumNumberOfFeatures(10000)
    table.setColumns(_columns(columns, frames[0][3]))
    table.setHeaderTextFormat(text_format(6.5, True))
    table.setContentTextFormat(text_format(6.5))
    table.setCellMargin(0.8)
    table.setGridStrokeWidth(0.1)
    table.setEmptyTableBehavior(QgsLayoutTable.HideTable)
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    table.setHeaderMode(QgsLayoutTable.AllFrames)  # a continued list keeps its headings
    table.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    layout.addMultiFrame(table)
    for page, x, y, width, height in frames:
        frame = QgsLayoutFrame(layout, table)
        frame.attemptMove(QgsLayoutPoint(x, y), page=page)
        frame.attemptResize(QgsLayoutSize(width, height))
        frame.setHidePageIfEmpty(True)
        table.addFrame(frame)
    return table


def _columns(
    columns: tuple[tuple[str, str, float], ...], width: float
) -> list[QgsLayoutTableColumn]:
    rest = width - sum(w for _, _, w in columns) - 2 * len(columns)
    made = []
    for field, heading, column_width in columns:
        column = QgsLayoutTableColumn(heading)
        column.setAttribute(field)
        column.setWidth(column_width or rest)
        made.append(column)
    return made


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
