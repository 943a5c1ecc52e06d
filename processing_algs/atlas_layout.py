"""The ICS atlas as a QGIS print layout with an atlas: a cover, then one page per ICS.

Everything on a page comes from QGIS's own layout machinery, so an analyst can open the
layout, restyle it and export it again: the atlas runs over a coverage layer of pages
(the cover first, then each ICS by name); the map follows each page's feature; a locator
map shows the ICS within England; attribute tables list the ICS's organisations (filtered
by the page's ICS, continued on further pages when long) and, on the cover, every ICS by
rank; labels show the page's text fields. Items that belong to one kind of page are
excluded from the other's export by a data-defined property.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from qgis.core import (
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsLayerTreeGroup,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItem,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLegend,
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
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)

from ..core.atlas import TREND_CHART
from .layouts.text import add_label, legend_text, text_format

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 210.0, 297.0, 10.0
#: Page fields of the coverage layer (one feature per page; page 0 is the cover).
PAGE, ICS_CODE, ICS_NAME, TITLE, SUBTITLE, PARTS = (
    "page",
    "ics_code",
    "ics_name",
    "title",
    "subtitle",
    "parts",
)
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


@dataclass(frozen=True)
class AtlasLayers:
    """What the atlas draws: the coverage (pages), the organisations table, the ranking
    table, and the map layers (commissioners and trusts by status, the ICSs shaded by
    composite for the cover, their outlines and the locator's highlight)."""

    pages: QgsVectorLayer
    organisations: QgsVectorLayer
    ranking: QgsVectorLayer
    commissioners: QgsVectorLayer
    trusts: QgsVectorLayer
    composite: QgsVectorLayer
    outlines: QgsVectorLayer
    locator: QgsVectorLayer
    mask: QgsVectorLayer


@dataclass(frozen=True)
class AtlasSources:
    """What an atlas is drawn from (``dspt:icsatlas``'s tables and the layers it was
    given), and the fields it reads from them."""

    pages: QgsVectorLayer
    organisations: QgsVectorLayer
    ranking: QgsVectorLayer
    commissioners: QgsVectorLayer
    trusts: QgsVectorLayer
    composite: QgsVectorLayer
    ics_field: str
    commissioner_status: str
    trust_status: str
    trust_code: str
    composite_score: str


def atlas_layers(
    project: QgsProject,
    sources: AtlasSources,
    scores: Mapping[str, float],
    group: QgsLayerTreeGroup | None = None,
) -> AtlasLayers:
    """The atlas's layers, styled, added to ``project`` (under ``group`` when given) with
    the two map themes: the sources, and copies of the composite and the pages drawn as
    the ICS outlines, the locator and the mask outside the page's ICS."""
    from .support.styles import (
        COMPOSITE_STYLE,
        ICS_BOUNDARY_STYLE,
        STATUS_STYLE,
        apply_style,
        code_labels,
    )

    layers = AtlasLayers(
        pages=sources.pages,
        organisations=sources.organisations,
        ranking=sources.ranking,
        commissioners=sources.commissioners,
        trusts=sources.trusts,
        composite=sources.composite,
        outlines=_copy(sources.composite, "ICS boundaries"),
        locator=_copy(sources.composite, "Locator"),
        mask=_copy(sources.pages, "Outside the ICS"),
    )
    for layer, status in (
        (layers.commissioners, sources.commissioner_status),
        (layers.trusts, sources.trust_status),
    ):
        if layer.isSpatial():  # a table of commissioners (a crosswalk's areas) is not drawn
            apply_style(layer, STATUS_STYLE, field=status, scores=scores)
    if layers.trusts.isSpatial():
        code_labels(layers.trusts, sources.trust_code)
    apply_style(layers.composite, COMPOSITE_STYLE, field=sources.composite_score, scores=scores)
    apply_style(layers.outlines, ICS_BOUNDARY_STYLE)
    locator_style(layers.locator, sources.ics_field)
    mask_style(layers.mask)
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
    add_themes(project, layers)
    return layers


def _copy(layer: QgsVectorLayer, name: str) -> QgsVectorLayer:
    """A second layer of the same features, to style on its own: the same file or table
    opened again (so a saved project keeps it), or a copy of a temporary layer's."""
    if layer.providerType() == "memory":
        copy = layer.materialize(QgsFeatureRequest())
        copy.setName(name)
        return copy
    return QgsVectorLayer(
        layer.source(), name, layer.providerType(), QgsVectorLayer.LayerOptions(False)
    )


def add_themes(project: QgsProject, layers: AtlasLayers) -> None:
    """The two map themes the atlas's map switches between (cover, ICS page)."""
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


def locator_style(layer: QgsVectorLayer, ics_field: str) -> None:
    """Every ICS in light grey, the page's own in dark blue (an atlas-aware rule)."""
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, colour in (
        (f"\"{ics_field}\" = attribute(@atlas_feature, '{ICS_CODE}')", "#08306b"),
        ("ELSE", "#e6e6e6"),
    ):
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": "#808080", "outline_width": "0.1"}
        )
        rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, "" if expression == "ELSE" else expression)
        rule.setIsElse(expression == "ELSE")
        root.appendChild(rule)
    layer.setRenderer(QgsRuleBasedRenderer(root))


def mask_style(layer: QgsVectorLayer) -> None:
    """Everything outside the page's ICS faded (the pages layer drawn inverted, only the
    page's own feature), so the ICS stands out among its neighbours."""
    fill = QgsFillSymbol.createSimple(
        {"color": "255,255,255,150", "outline_style": "no", "style": "solid"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(
        QgsRuleBasedRenderer.Rule(fill, 0, 0, f"\"{PAGE}\" = attribute(@atlas_feature, '{PAGE}')")
    )
    layer.setRenderer(QgsInvertedPolygonRenderer(QgsRuleBasedRenderer(root)))


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
    project: QgsProject, layers: AtlasLayers, name: str, footnote: str
) -> QgsPrintLayout:
    """The atlas layout (replacing one of the same name), added to ``project``, with as
    many continuation pages as the longest list of organisations needs (each left out of a
    page's export when its part of the table is empty)."""
    manager = project.layoutManager()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    continued = continuation_pages(layers.organisations)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(PAGE_WIDTH, PAGE_HEIGHT))
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
    in_ics = f"\"ics\" = attribute(@atlas_feature, '{ICS_CODE}')"
    frames = ((0, MARGIN, 162, 190, 110),) + tuple(
        (page, MARGIN, 30, 190, 242) for page in range(1, continued + 1)
    )
    _table(layout, layers.organisations, ORGANISATION_COLUMNS, in_ics, frames)
    on_cover = f"attribute(@atlas_feature, '{PAGE}') = 0"
    _table(layout, layers.ranking, RANKING_COLUMNS, on_cover, ((0, 118, 30, 82, 244),))
    manager.addLayout(layout)
    return layout


def _atlas(layout: QgsPrintLayout, pages: QgsVectorLayer) -> None:
    """One atlas page per feature of ``pages``, the cover first."""
    atlas = layout.atlas()
    atlas.setCoverageLayer(pages)
    atlas.setEnabled(True)
    atlas.setHideCoverage(True)
    atlas.setSortFeatures(True)
    atlas.setSortExpression(f'"{PAGE}"')
    atlas.setFilenameExpression(f"'ics_' || coalesce(\"{ICS_CODE}\", 'cover')")


def _page_text(layout: QgsPrintLayout, footnote: str, continued: int) -> None:
    """Title, subtitle, the composite's parts (ICS pages) and the footnote, from the page's
    fields; on each continuation page its title and the footnote."""
    # A name of up to two lines (the longest ICS names are about 70 characters).
    add_label(layout, f'[% "{TITLE}" %]', 13, bold=True, at=(MARGIN, MARGIN - 2), box=(190, 12))
    add_label(layout, f'[% "{SUBTITLE}" %]', 8, at=(MARGIN, MARGIN + 10.5), box=(190, 9))
    # Up to ten lines: both sides, the composite and its rank, and the trend when given.
    parts = add_label(layout, f'[% "{PARTS}" %]', 7, at=(142, 95), box=(58, 33))
    _only(parts, ON_ICS_PAGE)
    for page in range(continued + 1):
        if page:
            title = f'[% "{TITLE}" %] (continued)'
            add_label(layout, title, 12, bold=True, at=(MARGIN, MARGIN), box=(190, 9), page=page)
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
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    item.setId("Atlas map")
    item.setCrs(project.crs())
    item.attemptMove(QgsLayoutPoint(MARGIN, 30))
    item.attemptResize(QgsLayoutSize(128, 128))
    item.setExtent(QgsRectangle(0, 0, 700000, 700000))
    item.setAtlasDriven(True)
    item.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    item.setAtlasMargin(0.08)
    item.setFrameEnabled(True)
    item.setFollowVisibilityPreset(True)  # the theme named below, page by page
    item.setFollowVisibilityPresetName(ICS_THEME)
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
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    item.setId("Locator")
    item.setCrs(project.crs())
    item.setLayers([locator])
    item.setKeepLayerSet(True)
    item.attemptMove(QgsLayoutPoint(142, 30))
    item.attemptResize(QgsLayoutSize(58, 62))
    extent = locator.extent()
    extent.scale(1.05)
    item.setExtent(extent)
    item.attemptResize(QgsLayoutSize(58, 62))
    item.zoomToExtent(extent)
    item.setFrameEnabled(True)
    outline = item.overview()
    outline.setLinkedMap(main)
    outline.setFrameSymbol(
        QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "#cb181d", "outline_width": "0.4"}
        )
    )
    _only(item, ON_ICS_PAGE)


def _legends(layout: QgsPrintLayout, layers: AtlasLayers, main: QgsLayoutItemMap) -> None:
    """The statuses' legend on ICS pages (the trusts' points; commissioners' areas share
    the colours, lighter), the composite classes' on the cover."""
    for shown, at, expression in (
        (((layers.trusts, "DSPT status (trusts; areas lighter)"),), (142, 129), ON_ICS_PAGE),
        (((layers.composite, "ICS composite score"),), (MARGIN, 158), ON_COVER),
    ):
        legend = QgsLayoutItemLegend(layout)
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.clear()
        legend.setLinkedMap(main)
        legend.setLegendFilterByMapEnabled(False)
        for layer, title in shown:
            root.addLayer(layer).setCustomProperty("legend/title-label", title)
        legend.setTitle("")
        for style, size, bold in (
            (QgsLegendStyle.Subgroup, 7, True),
            (QgsLegendStyle.SymbolLabel, 6, False),
        ):
            legend_text(legend, style, text_format(size, bold))
        legend.setSymbolHeight(3)
        legend.setSymbolWidth(5)
        for style in (QgsLegendStyle.Symbol, QgsLegendStyle.SymbolLabel):
            legend.rstyle(style).setMargin(QgsLegendStyle.Top, 0.6)
        legend.setColumnCount(1)
        layout.addLayoutItem(legend)
        legend.attemptMove(QgsLayoutPoint(*at))
        legend.setResizeToContents(True)
        legend.adjustBoxSize()
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
