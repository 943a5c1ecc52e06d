"""Run an algorithm as the Processing dialog does, and collect what the user would see.

``processing.run`` returns after ``processAlgorithm``; the dialog goes further: its outputs
carry the open project as their destination, ``postProcess`` styles them, and Processing's
own result handler loads every layer, writing "The following layers were not correctly
generated" to the log for any it cannot load. ``processing.runAndLoadResults`` is the
public API that does those same steps (the handler included) on every QGIS version, so the
tests see the same red text a user would without calling Processing's internals.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from qgis.core import (
    QgsMapLayer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
)


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps every message the dialog's Log tab would show, by kind."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.infos: list[str] = []
        self.last_progress = 0.0
        self.progressChanged.connect(self._progress)

    def _progress(self, value: float) -> None:
        self.last_progress = value

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)

    def pushWarning(self, warning: str) -> None:  # noqa: N802 (QGIS API)
        self.warnings.append(warning)

    def pushInfo(self, info: str) -> None:  # noqa: N802 (QGIS API)
        self.infos.append(info)


@dataclass
class DialogRun:
    """What a dialog run leaves: results, the log, and the layers added to the project.
    ``ok``: the run finished and nothing was reported in red."""

    ok: bool
    results: dict
    feedback: RecordingFeedback
    loaded: dict[str, QgsMapLayer] = field(default_factory=dict)


@contextlib.contextmanager
def _layer_tree_view(project: QgsProject) -> Iterator[None]:
    """The desktop's layer tree, for QGIS >= 3.44's result handler, which adds the loaded
    layers through ``iface.layerTreeView()`` (pytest-qgis's interface stub has none)."""
    from qgis.core import QgsLayerTreeModel
    from qgis.gui import QgsLayerTreeView
    from qgis.utils import iface

    if iface is None:
        yield
        return
    view = QgsLayerTreeView()
    model = QgsLayerTreeModel(project.layerTreeRoot())
    view.setModel(model)
    original = iface.layerTreeView
    iface.layerTreeView = lambda: view
    try:
        yield
    finally:
        iface.layerTreeView = original


def run_like_dialog(algorithm_id: str, parameters: dict, project: QgsProject) -> DialogRun:
    """Run, post-process and load results into ``project`` (the open project, as in the
    dialog: ``runAndLoadResults`` loads into it)."""
    from qgis import processing

    assert project is QgsProject.instance(), "the dialog loads into the open project"
    feedback = RecordingFeedback()
    context = QgsProcessingContext()
    context.setProject(project)
    context.setFeedback(feedback)
    before = set(project.mapLayers())
    try:
        with _layer_tree_view(project):
            results = processing.runAndLoadResults(
                algorithm_id, dict(parameters), feedback=feedback, context=context
            )
    except QgsProcessingException as error:  # the dialog shows the message in red and stops
        feedback.reportError(str(error), True)
        return DialogRun(False, {}, feedback)
    loaded = {
        layer_id: layer for layer_id, layer in project.mapLayers().items() if layer_id not in before
    }
    return DialogRun(not feedback.errors, results, feedback, loaded)
