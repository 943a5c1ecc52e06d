"""Small multiples: one map per panel side by side on an A4 landscape page, each of its
own layer styled alike, all at one scale so areas compare, with one legend under them (the
ICS composites over editions: ``make demo``'s "6 ICS trend")."""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import (
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from .items import MARGIN, add_attribution, add_legend, add_map, add_titles, new_layout
from .text import add_label

WIDTH, HEIGHT = 297.0, 210.0
PANEL_TOP, PANEL_HEIGHT, PANEL_GAP = 42.0, 115.0, 4.0


def build_small_multiples(
    project: QgsProject,
    name: str,
    titles: tuple[str, str],
    panels: Sequence[tuple[QgsVectorLayer, str]],
    extent: QgsRectangle,
) -> QgsPrintLayout:
    """An A4 landscape layout ``name`` (not yet in the project): the title and subtitle, one
    map per panel (its own layer and its heading) at the same extent and scale, and one
    legend (the first panel's classes: every panel shares them) with the sources under."""
    layout = new_layout(project, name, WIDTH, HEIGHT)
    width = WIDTH - 2 * MARGIN
    add_titles(layout, *titles, width)
    panel_width = (width - PANEL_GAP * (len(panels) - 1)) / len(panels)
    crs = project.crs()
    maps = []
    for index, (layer, heading) in enumerate(panels):
        left = MARGIN + index * (panel_width + PANEL_GAP)
        add_label(layout, heading, 11, bold=True, at=(left, PANEL_TOP - 7), box=(panel_width, 6))
        frame = (left, PANEL_TOP, panel_width, PANEL_HEIGHT)
        maps.append(add_map(layout, heading, [layer], crs, extent, frame))
    scale = max(panel.scale() for panel in maps)
    for panel in maps:  # one scale for all, so areas compare across panels
        panel.setScale(scale)
    first = panels[0][0]
    under = (MARGIN, PANEL_TOP + PANEL_HEIGHT + 3)
    legend = add_legend(layout, maps[0], [(first, "ICS composite score")], under)
    # The classes in one row under the panels, under the legend's title (the layer's own
    # heading hidden: QGIS keeps a heading with the first class, which breaks the row).
    legend.setTitle("ICS composite score")
    for node in legend.model().rootGroup().findLayers():
        QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)
    legend.setSplitLayer(True)
    legend.setColumnCount(6)
    legend.adjustBoxSize()
    add_attribution(layout, (MARGIN, HEIGHT - MARGIN - 8), (width, 8))
    return layout
