"""What every DSPT algorithm shares: naming, help, icon, the output transaction, and
translating the core's errors into the message an analyst sees.

Kept free of pandas at import time: the provider imports the algorithm modules when QGIS
starts; the core is imported when an algorithm runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any, ClassVar

from qgis.core import (
    QgsException,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ...core import published_method
from .failures import redact
from .feedback import SHARED_CONTEXT, check_cancel
from .help import algorithm_help_url, package_folder
from .parameters import MethodOptions, method_options
from .requirements import missing_requirement
from .transaction import Outputs

#: The plugin's icon.
ICON_PATH = os.path.join(package_folder(), "icon.svg")

GROUP_PREPARE = ("prepare", QT_TRANSLATE_NOOP("DsptAlgorithm", "1 Prepare DSPT data"))
GROUP_ANALYSIS = ("analysis", QT_TRANSLATE_NOOP("DsptAlgorithm", "2 ICS analysis and reporting"))
GROUP_OVER_TIME = (
    "overtime",
    QT_TRANSLATE_NOOP("DsptAlgorithm", "3 Editions and geographies over time"),
)


def help_values() -> dict[str, str]:
    """The method's numbers for help texts (``{method}``, ``{scores}``, ``{tiers}``,
    ``{tier_text}``, ``{share}``, ``{range}``), written from the core's constants."""
    return {
        "method": published_method.method_summary(),
        "scores": published_method.describe_scores(),
        "tiers": published_method.describe_tier_weights(),
        "tier_text": published_method.format_tier_weights(),
        "share": f"{published_method.DEFAULT_COMMISSIONER_SHARE:g}",
        "range": published_method.score_range(),
    }


class DsptAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set the class attributes below and implement :meth:`process`.

    DISPLAY_NAME and HELP are marked with ``QT_TRANSLATE_NOOP(<class name>, ...)`` so
    ``make translations`` finds them; ``tr`` translates in the class's own context.
    HELP may use the placeholders of :func:`help_values`.
    """

    NAME: ClassVar[str] = ""
    DISPLAY_NAME: ClassVar[str] = ""
    GROUP: ClassVar[tuple[str, str]] = GROUP_PREPARE
    TAGS: ClassVar[str] = ""
    HELP: ClassVar[str] = ""
    #: The run's choices, read before its inputs (:meth:`read_options`).
    options: MethodOptions

    def __init__(self) -> None:
        super().__init__()
        self.outputs: Outputs | None = None
        self._post_processors: list[Any] = []  # kept alive until QGIS calls them

    def tr(self, text: str) -> str:
        """Translate through Qt, in the algorithm's own context."""
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
        return self.tr(self.HELP).format(**help_values())

    def helpUrl(self) -> str:  # noqa: N802 (QGIS API name)
        """The algorithm's page of the documentation site, for this version of the plugin."""
        return algorithm_help_url(self.NAME)

    def icon(self) -> QIcon:
        return QIcon(ICON_PATH)

    def checkParameterValues(  # noqa: N802 (QGIS API name)
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> tuple[bool, str]:
        """Accept the table files QGIS itself cannot open (a UTF-16 CSV): the core reads
        them (see :mod:`.table_files`); every other parameter is checked as usual."""
        from .table_files import with_stand_ins

        return super().checkParameterValues(with_stand_ins(self, parameters, context), context)

    def canExecute(self) -> tuple[bool, str]:  # noqa: N802 (QGIS API name)
        """Not without pandas: the toolbox says what to install instead of failing a run."""
        problem = missing_requirement()
        return not problem, problem

    def processAlgorithm(  # noqa: N802 (QGIS API name)
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """Read the run's choices, check every destination, run :meth:`process`, then put
        the outputs in place.

        Outputs are written under temporary names and put in place only when everything
        succeeded; a failure or a cancel anywhere leaves nothing behind.
        """
        problem = missing_requirement()
        if problem:  # scripts, models and qgis_process do not ask canExecute first
            raise QgsProcessingException(problem)
        self.outputs = Outputs(self, parameters, context)
        try:
            with core_errors():
                self.options = self.read_options(parameters, context)
                self.outputs.check_destinations(feedback)
                self.process(parameters, context, feedback, self.outputs)
            check_cancel(feedback)
            return self.outputs.commit()
        except QgsProcessingException as error:
            self.outputs.discard()
            raise QgsProcessingException(redact(str(error))) from None
        except QgsException as error:  # a provider's own (a connection refused): no password
            self.outputs.discard()
            raise QgsProcessingException(redact(str(error))) from None
        except OSError as error:  # a file the core writes (a report): the disk's words
            message = self.outputs.os_error_message(error)
            self.outputs.discard()
            raise QgsProcessingException(redact(message)) from None
        except BaseException:
            self.outputs.discard()
            raise

    def read_options(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> MethodOptions:
        """The run's choices, read and checked before any input is read (:attr:`options`
        during :meth:`process`); an algorithm with choices of its own extends them."""
        return method_options(self, parameters, context)

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        """Read the inputs, call the core, write every output through ``outputs``."""
        raise NotImplementedError

    def postProcessAlgorithm(  # noqa: N802 (QGIS API name)
        self, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        """Style the outputs as they load, and store GeoPackage outputs' default styles."""
        from .output_styles import apply_styles

        if self.outputs is not None:
            apply_styles(
                self.outputs.styles,
                self.outputs.final_ids,
                context,
                feedback,
                self._post_processors,
            )
        return {}


@contextlib.contextmanager
def core_errors() -> Iterator[None]:
    """Turn the core's documented exceptions into the message an analyst sees in QGIS."""
    from ...core.errors import DsptError

    try:
        yield
    except DsptError as error:
        raise QgsProcessingException(str(error)) from None
