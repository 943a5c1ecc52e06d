"""Run an algorithm the way the Processing dialog does, and collect what the user would see.

``processing.run`` returns after ``processAlgorithm``; the dialog goes further. It runs the
algorithm with a context whose project is the open project and whose sink outputs carry
that project as their destination, calls ``postProcess`` (where outputs are styled), then
loads every entry of ``context.layersToLoadOnCompletion()`` through Processing's own
``handleAlgorithmResults``, which writes "The following layers were not correctly
generated" to the log for every entry it cannot load. This module does exactly those steps
(those of ``QgsProcessingAlgRunnerTask`` and ``AlgorithmDialog.finish``) so tests see the
same red text a user would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import (
    QgsApplication,
    QgsMapLayer,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterVectorDestination,
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
    """What a dialog run leaves: results, the log, and the layers added to the project."""

    ok: bool
    results: dict
    feedback: RecordingFeedback
    loaded: dict[str, QgsMapLayer] = field(default_factory=dict)
    to_load: list[str] = field(default_factory=list)


def run_like_dialog(
    algorithm_id: str, parameters: dict, project: QgsProject | None = None
) -> DialogRun:
    """Prepare, run, post-process and load results as ``AlgorithmDialog`` does."""
    from processing.gui.Postprocessing import handleAlgorithmResults

    project = project or QgsProject.instance()
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    assert algorithm is not None, algorithm_id
    parameters = dict(parameters)
    for definition in algorithm.destinationParameterDefinitions():
        if not isinstance(
            definition,
            (
                QgsProcessingParameterFeatureSink,
                QgsProcessingParameterVectorDestination,
                QgsProcessingParameterRasterDestination,
            ),
        ):
            continue
        value = parameters.get(definition.name())
        if value is None:
            continue
        if not isinstance(value, QgsProcessingOutputLayerDefinition):
            value = QgsProcessingOutputLayerDefinition(value, project)
        value.destinationProject = project
        parameters[definition.name()] = value
    feedback = RecordingFeedback()
    context = QgsProcessingContext()
    context.setProject(project)
    context.setFeedback(feedback)
    ok_params, message = algorithm.checkParameterValues(parameters, context)
    assert ok_params, message
    before = set(project.mapLayers())
    if not algorithm.prepare(parameters, context, feedback):
        return DialogRun(False, {}, feedback)
    try:
        results = algorithm.runPrepared(parameters, context, feedback)
    except Exception as error:  # the dialog shows the message in red and stops
        feedback.reportError(str(error), True)
        return DialogRun(False, {}, feedback)
    results.update(algorithm.postProcess(context, feedback))
    to_load = list(context.layersToLoadOnCompletion())
    ok = handleAlgorithmResults(algorithm, context, feedback, True, parameters)
    loaded = {
        layer_id: layer for layer_id, layer in project.mapLayers().items() if layer_id not in before
    }
    return DialogRun(ok, results, feedback, loaded, to_load)
