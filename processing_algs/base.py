"""What every DSPT algorithm shares: naming, help, icon, and translating core errors.

Kept free of pandas at import time: the provider imports this module when QGIS starts.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

ICON_PATH = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "dspt_qgis", "icon.svg"
)
if not os.path.isfile(ICON_PATH):  # installed plugin: processing_algs/ sits inside dspt_qgis/
    ICON_PATH = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.svg"
    )

#: Translation context of the strings every algorithm shares (groups, the method note).
SHARED_CONTEXT = "DsptAlgorithm"

GROUP_PREPARE = ("prepare", QT_TRANSLATE_NOOP("DsptAlgorithm", "1 Prepare DSPT data"))
GROUP_ANALYSIS = ("analysis", QT_TRANSLATE_NOOP("DsptAlgorithm", "2 ICS analysis and reporting"))

#: Replaces ``{method}`` in help strings.
METHOD_NOTE = QT_TRANSLATE_NOOP(
    "DsptAlgorithm",
    "Method (Open Statistics - Cyber Security): statuses score Standards Exceeded 3, "
    "Standards Met 1, Approaching Standards -1, Standards Not Met -3, Not Published -3. "
    "Only the chosen DSPT edition counts; an organisation without a status for it inherits "
    "its successor's, otherwise it is Not Published.",
)


class DsptAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set NAME, DISPLAY_NAME, GROUP, TAGS and HELP.

    DISPLAY_NAME and HELP are marked with ``QT_TRANSLATE_NOOP(<class name>, ...)`` so
    ``make translations`` finds them; ``tr`` translates in the class's own context, the
    one pylupdate5 gives ``self.tr("...")`` literals in the subclass.
    """

    NAME = ""
    DISPLAY_NAME = ""
    GROUP = GROUP_PREPARE
    TAGS = ""
    HELP = ""

    def tr(self, text: str) -> str:
        """Translate through Qt, in the provider's context."""
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self) -> DsptAlgorithm:  # noqa: N802 (QGIS API name)
        return type(self)()

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:  # noqa: N802 (QGIS API name)
        return self.tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return QCoreApplication.translate(SHARED_CONTEXT, self.GROUP[1])

    def groupId(self) -> str:  # noqa: N802 (QGIS API name)
        return self.GROUP[0]

    def tags(self) -> list[str]:
        return [
            self.tr(t.strip())
            for t in ("DSPT,NHS,cyber security,ICS," + self.TAGS).split(",")
            if t.strip()
        ]

    def shortHelpString(self) -> str:  # noqa: N802 (QGIS API name)
        method = QCoreApplication.translate(SHARED_CONTEXT, METHOD_NOTE)
        return self.tr(self.HELP).replace("{method}", method)

    def icon(self) -> QIcon:
        return QIcon(ICON_PATH)

    def style_output(self, context, dest_id: str, kind: str, *, layer_name: str, **options) -> None:
        """Remember to style output ``dest_id`` once written (see postProcessAlgorithm)."""
        if not hasattr(self, "_pending_styles"):
            self._pending_styles = []
        self._pending_styles.append((dest_id, kind, layer_name, options))

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 (QGIS API name)
        """Style outputs: as they load into the project, and as GeoPackage default styles.

        Runs after the sinks are closed, so a GeoPackage output can be reopened here and
        its style stored in its ``layer_styles`` table.
        """
        from dspt_qgis.processing_algs.styles import (
            StylePostProcessor,
            apply_style,
            save_default_style,
        )

        self._post_processors = []

        for dest_id, kind, layer_name, options in getattr(self, "_pending_styles", []):
            if context.willLoadLayerOnCompletion(dest_id):
                details = context.layerToLoadOnCompletionDetails(dest_id)
                details.name = layer_name
                processor = StylePostProcessor(kind, options)
                self._post_processors.append(processor)  # keep alive until QGIS calls it
                details.setPostProcessor(processor)
            if ".gpkg" in dest_id.lower():
                layer = QgsVectorLayer(dest_id, layer_name, "ogr")
                if layer.isValid():
                    apply_style(layer, kind, **options)
                    error = save_default_style(layer, layer_name)
                    if error:
                        feedback.pushWarning(
                            f"Could not store the default style of {layer_name}: {error}"
                        )
            else:  # a temporary layer handed back to a script: style it in place
                layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
                if isinstance(layer, QgsVectorLayer):
                    apply_style(layer, kind, **options)
        self._pending_styles = []
        return {}


@contextlib.contextmanager
def core_errors() -> Iterator[None]:
    """Turn the core's documented exceptions into the message an analyst sees in QGIS."""
    from dspt_qgis.core.errors import DsptError

    try:
        yield
    except DsptError as error:
        raise QgsProcessingException(str(error)) from None


def check_cancel(feedback) -> None:
    """Stop between steps when the user pressed Cancel (nothing has been written yet)."""
    if feedback is not None and feedback.isCanceled():
        raise QgsProcessingException("Cancelled by the user; no output was written.")
