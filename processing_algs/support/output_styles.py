"""Outputs styled as they load into the project, and GeoPackage outputs' styles stored
as their default, so a layer opens styled anywhere (the last step of a run)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from .styles import (
    StylePostProcessor,
    apply_style,
    save_default_style,
)


@dataclass
class StyleRequest:
    """The style an output gets once written: its kind (see :mod:`.styles`), the layer's
    name in the project, and the style's options (the field to style by, the scores)."""

    key: str
    kind: str
    layer_name: str
    options: dict[str, Any] = field(default_factory=dict)


def apply_styles(
    requests: list[StyleRequest],
    final_ids: dict[str, str],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    keep_alive: list[Any],
) -> None:
    """Style each output: as it loads (a post-processor QGIS calls; kept alive in
    ``keep_alive``), in its GeoPackage (the default style), or in place (a temporary
    layer handed back to a script)."""
    for request in requests:
        dest_id = final_ids.get(request.key)
        if not dest_id:
            continue
        if context.willLoadLayerOnCompletion(dest_id):
            details = context.layerToLoadOnCompletionDetails(dest_id)
            details.name = request.layer_name
            processor = StylePostProcessor(request.kind, request.options)
            keep_alive.append(processor)
            details.setPostProcessor(processor)
        if ".gpkg" in dest_id.lower():
            # Opened without reading a stored style: its style is set and stored now.
            layer = QgsVectorLayer(
                dest_id, request.layer_name, "ogr", QgsVectorLayer.LayerOptions(False)
            )
            if layer.isValid():
                apply_style(layer, request.kind, **request.options)
                error = save_default_style(layer, request.layer_name)
                if error:
                    feedback.pushWarning(
                        QCoreApplication.translate(
                            "DsptOutputs", "Could not store the default style of {}: {}"
                        ).format(request.layer_name, error)
                    )
        else:
            layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
            if isinstance(layer, QgsVectorLayer):
                apply_style(layer, request.kind, **request.options)
