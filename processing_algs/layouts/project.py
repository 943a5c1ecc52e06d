"""What a run adds to the analyst's project, kept track of so a failed run takes it all
back: layers in a group of the run's own, map themes and print layouts, each replacing
the one of the same name from an earlier run. A layout or theme of that name the analyst
made (not the plugin) is kept under another name, "<name> (own)", and said in the log.

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

from .items import MADE_HERE, replace_layout

#: Where the project records the map themes the plugin made (a theme has no properties).
THEMES_ENTRY = ("dspt_qgis", "/made_themes")


@dataclass
class ProjectChanges:
    """The layers, map themes and layouts one run added to ``project``; its layers go in
    a group named ``group_name`` at the foot of the layer tree (unticked, folded)."""

    project: QgsProject
    group_name: str
    group: QgsLayerTreeGroup | None = None
    added_layers: list[str] = field(default_factory=list)
    added_layouts: list[str] = field(default_factory=list)
    #: The analyst's own layouts and themes kept under another name: (kind, name, kept as).
    kept_own: list[tuple[str, str, str]] = field(default_factory=list)
    #: The themes the project recorded as the plugin's before the run (None: not read).
    themes_made_before: list[str] | None = None
    #: Project layers the run drew as they are (given by the analyst): kept by finish().
    drawn_as_given: set[str] = field(default_factory=set)
    replaced_layouts: list[QgsPrintLayout] = field(default_factory=list)
    #: Each theme set: the record it replaced (None: there was no theme of that name).
    replaced_themes: dict[str, QgsMapThemeCollection.MapThemeRecord | None] = field(
        default_factory=dict
    )

    def add_layer(self, layer: QgsMapLayer) -> QgsMapLayer:
        """``layer`` in the project, in the run's group."""
        self.project.addMapLayer(layer, False)
        self._own_group().addLayer(layer)
        self.added_layers.append(layer.id())
        return layer

    def draw_as_given(self, layer: QgsMapLayer) -> QgsMapLayer:
        """``layer``, a project layer the layouts draw as it is: never removed with an
        earlier run's group, though it may be one of that group's layers (given again)."""
        self.drawn_as_given.add(layer.id())
        return layer

    def _own_group(self) -> QgsLayerTreeGroup:
        """The run's group, made at the foot of the layer tree when first needed."""
        if self.group is None:
            self.group = self.project.layerTreeRoot().addGroup(self.group_name)
            self.group.setItemVisibilityChecked(False)
            self.group.setExpanded(False)
        return self.group

    def set_theme(self, name: str, layers: Sequence[QgsMapLayer]) -> None:
        """A map theme ``name`` showing ``layers`` (in the layer tree's order)."""
        themes = self.project.mapThemeCollection()
        record = QgsMapThemeCollection.MapThemeRecord()
        record.setLayerRecords(
            [QgsMapThemeCollection.MapThemeLayerRecord(layer) for layer in layers]
        )
        made, _ = self.project.readListEntry(*THEMES_ENTRY)
        if self.themes_made_before is None:
            self.themes_made_before = list(made)
        if themes.hasMapTheme(name) and name not in made:
            kept_as = self._free_name(name, themes.mapThemes())
            themes.insert(kept_as, themes.mapThemeState(name))
            themes.removeMapTheme(name)
            self.kept_own.append(("map theme", name, kept_as))
        if themes.hasMapTheme(name):
            self.replaced_themes.setdefault(name, themes.mapThemeState(name))
            themes.update(name, record)
        else:
            self.replaced_themes.setdefault(name, None)
            themes.insert(name, record)
        self.project.writeEntry(*THEMES_ENTRY, sorted({*made, name}))

    def put_layout(self, layout: QgsPrintLayout) -> None:
        """``layout`` in the project's layout manager, in place of one of the same name an
        earlier run made; the analyst's own of that name is kept as '<name> (own)'."""
        manager = self.project.layoutManager()
        own = manager.layoutByName(layout.name())
        if own is not None and not own.customProperty(MADE_HERE):
            kept_as = self._free_name(layout.name(), [lay.name() for lay in manager.layouts()])
            own.setName(kept_as)
            self.kept_own.append(("layout", layout.name(), kept_as))
        replaced = replace_layout(self.project, layout)
        if replaced is not None:
            self.replaced_layouts.append(replaced)
        self.added_layouts.append(layout.name())

    @staticmethod
    def _free_name(name: str, taken: Sequence[str]) -> str:
        """'<name> (own)', or '<name> (own 2)' ... when that is taken too."""
        tries = (f"{name} (own)", *(f"{name} (own {n})" for n in range(2, len(taken) + 3)))
        return next(t for t in tries if t not in taken)

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
        for kind, name, kept_as in reversed(self.kept_own):
            if kind == "layout":
                manager.layoutByName(kept_as).setName(name)
            else:
                themes.renameMapTheme(kept_as, name)
        if self.themes_made_before is not None:
            self.project.writeEntry(*THEMES_ENTRY, self.themes_made_before)
        self.project.removeMapLayers(self.added_layers)
        if self.group is not None:
            self.project.layerTreeRoot().removeChildNode(self.group)

    def finish(self) -> None:
        """Once the run has succeeded: remove the groups (and their layers) an earlier run
        of the same kind left, which the layouts just replaced used to draw. A layer of
        such a group the new layouts draw (given again as an input) moves to the run's
        group instead: removing it would empty the new layouts."""
        root = self.project.layerTreeRoot()
        earlier = [
            node
            for node in root.children()
            if isinstance(node, QgsLayerTreeGroup)
            and node.name() == self.group_name
            and node is not self.group
        ]
        for group in earlier:
            nodes = group.findLayers()
            for node in nodes:
                if node.layerId() in self.drawn_as_given:
                    self._own_group().addLayer(node.layer())
            self.project.removeMapLayers(
                [n.layerId() for n in nodes if n.layerId() not in self.drawn_as_given]
            )
            root.removeChildNode(group)
