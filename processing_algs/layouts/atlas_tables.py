"""The ICS atlas's tables: on each ICS page what would raise its composite and its
organisations, on the cover every ICS by rank. Each is a QGIS attribute table of one of
the atlas's own layers, filtered by the page; a long list continues in frames on further
pages of the layout, each page left out of a page's export when its frame stays empty.

How many further pages a list needs is worked out from the rows it holds at the least on
a page (a row of long names wraps onto three lines), so no row is ever cut off.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsLayout,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutMultiFrame,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsProperty,
    QgsVectorLayer,
)

from ...core.atlas import PAGE, PAGE_ICS
from ...core.gains_shown import GAINS_LISTED, SHOWN
from .items import MARGIN
from .text import text_format

#: A table's columns: field, heading, width (mm; 0: the rest).
Columns = tuple[tuple[str, str, float], ...]
ORGANISATION_COLUMNS: Columns = (
    ("side", "Sector", 22),
    ("code", "Code", 14),
    ("name", "Name", 0),
    ("status", "Status", 32),
    ("status_source", "Status from", 22),
    ("change", "Change since last edition", 34),
)
GAIN_COLUMNS: Columns = (
    ("code", "Code", 14),
    ("organisation", "Organisation", 0),
    ("status", "Status now", 30),
    ("gain", "Gain if Met", 17),
    ("rank_after", "Rank after", 16),
)
RANKING_COLUMNS: Columns = (
    ("rank_label", "Rank", 10),
    ("ics_name", "ICS", 0),
    ("composite", "Composite", 16),
)
#: Beside each rank on the cover, when the composite carries them: its range across variants.
RANGE_COLUMN = ("rank_range", "Rank across method variants", 24)
#: The cover's ranking: left edge, width and height (mm), beside the national map.
RANKING_X, RANKING_WIDTH, RANKING_HEIGHT = 100.0, 100.0, 242.0
#: Rows a frame holds at the least: the organisations' first frame on an ICS page (without
#: and with the gains above it), a continuation page's, the cover ranking's first.
FIRST_PAGE_ROWS, FIRST_PAGE_ROWS_WITH_GAINS, CONTINUED_PAGE_ROWS, RANKING_ROWS = 12, 6, 26, 26
#: Where an ICS page's gains stand: the heading's top, then the table's: its frame as high
#: as its heading and the rows the page lists (each room for two lines), the organisations
#: below it (directly below the sentence when the page lists none).
GAINS_TOP, GAINS_TABLE_TOP, GAIN_HEADER, GAIN_ROW, GAP = 161.0, 173.0, 4.6, 6.8, 2.0
#: The bottom of every table's frame: the footnote below.
TABLES_END = 272.0


@dataclass(frozen=True)
class Continued:
    """How many continuation pages the layout has: for the longest list of organisations
    of any ICS, then for the cover's ranking."""

    organisations: int
    ranking: int

    @property
    def pages(self) -> int:
        return self.organisations + self.ranking


def continuation_pages(
    organisations: QgsVectorLayer, ranking: QgsVectorLayer, *, with_gains: bool
) -> Continued:
    """The continuation pages the atlas's lists need (``organisations``: one row per
    organisation, by ``ics``; ``ranking``: one row per ICS)."""
    per_ics: dict[object, int] = {}
    for feature in organisations.getFeatures():
        per_ics[feature["ics"]] = per_ics.get(feature["ics"], 0) + 1
    first = FIRST_PAGE_ROWS_WITH_GAINS if with_gains else FIRST_PAGE_ROWS
    longest = max(per_ics.values(), default=0)
    return Continued(
        _pages_beyond(longest, first), _pages_beyond(ranking.featureCount(), RANKING_ROWS)
    )


def _pages_beyond(rows: int, first: int) -> int:
    return -(-max(0, rows - first) // CONTINUED_PAGE_ROWS)


def add_tables(
    layout: QgsLayout,
    layers: tuple[QgsVectorLayer, QgsVectorLayer, QgsVectorLayer | None],
    continued: Continued,
) -> None:
    """The organisations of the page's ICS (below its gains, when ``layers`` has a gains
    table: organisations, ranking, gains), continued on the first continuation pages; the
    cover's ranking, continued on the pages after those."""
    organisations, ranking, gains = layers
    in_ics = f"\"ics\" = attribute(@atlas_feature, '{PAGE_ICS}')"
    top = MARGIN + 152 if gains is None else GAINS_TABLE_TOP + GAIN_HEADER + SHOWN * GAIN_ROW
    first = ((0, MARGIN, top, 190, TABLES_END - top),)
    further = tuple((page, MARGIN, 30, 190, 242) for page in range(1, continued.pages + 1))
    listed = add_table(
        layout,
        organisations,
        ORGANISATION_COLUMNS,
        in_ics,
        first + further[: continued.organisations],
    )
    if gains is not None:
        frame = (0, MARGIN, GAINS_TABLE_TOP, 190, GAIN_HEADER + SHOWN * GAIN_ROW)
        table = add_table(layout, gains, GAIN_COLUMNS, in_ics, (frame,), hide_empty_page=False)
        _below_gains(table.frame(0), listed.frame(0))
    columns = RANKING_COLUMNS
    if ranking.fields().lookupField(RANGE_COLUMN[0]) >= 0:
        columns = (*RANKING_COLUMNS, RANGE_COLUMN)
    cover = ((0, RANKING_X, 30, RANKING_WIDTH, RANKING_HEIGHT),)
    ranked = tuple((p, MARGIN, 30, RANKING_WIDTH, 242) for p, *_ in further)
    on_cover = f"attribute(@atlas_feature, '{PAGE}') = 0"
    add_table(layout, ranking, columns, on_cover, cover + ranked[continued.organisations :])


def _below_gains(gains: QgsLayoutFrame, organisations: QgsLayoutFrame) -> None:
    """The gains frame as high as the rows the page lists, the organisations right below
    (data-defined per page from its :data:`GAINS_LISTED`)."""
    height = f'{GAIN_HEADER} + "{GAINS_LISTED}" * {GAIN_ROW}'
    top = f'if("{GAINS_LISTED}" > 0, {GAINS_TABLE_TOP} + {height} + {GAP}, {GAINS_TABLE_TOP})'
    for frame, prop, expression in (
        (gains, QgsLayoutObject.ItemHeight, f"max({height}, 1)"),
        (organisations, QgsLayoutObject.PositionY, top),
        (organisations, QgsLayoutObject.ItemHeight, f"{TABLES_END} - ({top})"),
    ):
        frame.dataDefinedProperties().setProperty(prop, QgsProperty.fromExpression(expression))


def add_table(
    layout: QgsLayout,
    layer: QgsVectorLayer,
    columns: Columns,
    feature_filter: str,
    frames: tuple[tuple[int, float, float, float, float], ...],
    *,
    hide_empty_page: bool = True,
) -> QgsLayoutItemAttributeTable:
    """An attribute table of ``layer``'s rows that match ``feature_filter`` on this page,
    in ``frames`` (page, x, y, width, height); nothing drawn when none match, and (with
    ``hide_empty_page``) a page whose frame stays empty is left out of the export."""
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
        frame.setHidePageIfEmpty(hide_empty_page)
        table.addFrame(frame)
    return table


def _columns(columns: Columns, width: float) -> list[QgsLayoutTableColumn]:
    rest = width - sum(w for _, _, w in columns) - 2 * len(columns)
    made = []
    for field, heading, column_width in columns:
        column = QgsLayoutTableColumn(heading)
        column.setAttribute(field)
        column.setWidth(column_width or rest)
        made.append(column)
    return made
