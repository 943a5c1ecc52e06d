"""What a run adds to the analyst's project, kept track of so a failed run takes it all
back: layers in a group of the run's own, map themes and print layouts, each replacing
the one of the same name from an earlier run.

While the run lasts, the earlier run's group stays (its layers may still be drawn by the
layouts being replaced); once the run has succeeded (:meth:`ProjectChanges.finish`) it is
removed, and if the run fails (:meth:`ProjectChanges.undo`) every layout and theme it
replaced is put back and everything it added removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qgis.core import (
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsMapThemeCollection,
    QgsPrintLayout,
    QgsProject,
)

from .items import replace_layout


@dataclass
class ProjectChanges:
    """The layers, map themes and layouts one run added to ``project``; its layers go in
    a group named ``group_name`` at the foot of the layer tree (unticked, folded)."""

    project: QgsProject
    group_name: str
    group: QgsLayerTreeGroup | None = None
    added_layers: list[str] = field(default_factory=list)
    added_layouts: list[str] = field(default_factory=list)
    replaced_layouts: list[QgsPrintLayout] = field(default_factory=list)
    #: Each theme set: the record it replaced (None: there was no theme of that name).
    replaced_themes: dict[str, QgsMapThemeCollection.MapThemeRecord | None] = field(
        default_factory=dict
    )

    def add_layer(self, layer: QgsMapLayer) -> QgsMapLayer:
        """``layer`` in the project, in the run's group."""
        if self.group is None:
            self.group = self.project.layerTreeRoot().addGroup(self.group_name)
            self.group.setItemVisibilityChecked(False)
            self.group.setExpanded(False)
        self.project.addMapLayer(layer, False)
        self.group.addLayer(layer)
        self.added_layers.append(layer.id())
        return layer

    def set_theme(self, name: str, layers: Sequence[QgsMapLayer]) -> None:
        """A map theme ``name`` showing ``layers`` (in the layer tree's order)."""
        themes = self.project.mapThemeCollection()
        record = QgsMapThemeCollection.MapThemeRecord()
        record.setLayerRecords(
            [QgsMapThemeCollection.MapThemeLayerRecord(layer) for layer in layers]
        )
        if themes.hasMapTheme(name):
            self.replaced_themes.setdefault(name, themes.mapThemeState(name))
            themes.update(name, record)
        else:
            self.replaced_themes.setdefault(name, None)
            themes.insert(name, record)

    def put_layout(self, layout: QgsPrintLayout) -> None:
        """``layout`` in the project's layout manager, in place of one of the same name."""
        replaced = replace_layout(self.project, layout)
        if replaced is not None:
            self.replaced_layouts.append(replaced)
        self.added_layouts.append(layout.name())

    def undo(self) -> None:
        """Take back everything the run did: its layouts and themes give way to those they
        replaced, its layers and group are removed."""
        manager = self.project.layoutManager()
        for name in self.added_layouts:
            layout = manager.layoutByName(name)
            if layout is not None:
                manager.removeLayout(layout)
        for kept in self.replaced_layouts:
            manager.addLayout(kept)
        themes = self.project.mapThemeCollection()
        for name, record in self.replaced_themes.items():
            if record is None:
                themes.removeMapTheme(name)
            else:
                themes.update(name, record)
        self.project.removeMapLayers(self.added_layers)
        if self.group is not None:
            self.project.layerTreeRoot().removeChildNode(self.group)

    def finish(self) -> None:
        """Once the run has succeeded: remove the groups (and their layers) an earlier run
        of the same kind left, which the layouts just replaced used to draw."""
        root = self.project.layerTreeRoot()
        earlier = [
            node
            for node in root.children()
            if isinstance(node, QgsLayerTreeGroup)
            and node.name() == self.group_name
            and node is not self.group
        ]
        for group in earlier:
            self.project.removeMapLayers([node.layerId() for node in group.findLayers()])
            root.removeChildNode(group)
