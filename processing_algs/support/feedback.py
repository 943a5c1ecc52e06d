"""Cancel between steps, and the plugin's Python log in QGIS's Log Messages panel.

Kept free of the other support modules, so that reading, writing and spatial placement
can all stop on Cancel without importing the algorithm base class.
"""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: Translation context of the strings every algorithm shares (groups, the method note).
SHARED_CONTEXT = "DsptAlgorithm"
CANCELLED = QT_TRANSLATE_NOOP("DsptAlgorithm", "Cancelled by the user; no output was written.")
#: The tab of QGIS's Log Messages panel the plugin writes to.
LOG_TAB = "DSPT compliance"
#: The plugin's loggers are all below this one (``logging.getLogger(__name__)``).
PLUGIN_LOGGER = "dspt_qgis"


def check_cancel(feedback: QgsProcessingFeedback | None) -> None:
    """Stop between steps when the user pressed Cancel (nothing has been written yet)."""
    if feedback is not None and feedback.isCanceled():
        raise QgsProcessingException(QCoreApplication.translate(SHARED_CONTEXT, CANCELLED))


class MessageLogHandler(logging.Handler):
    """Python ``logging`` records of the plugin, shown in QGIS's Log Messages panel."""

    LEVELS = (
        (logging.ERROR, Qgis.Critical),
        (logging.WARNING, Qgis.Warning),
        (logging.NOTSET, Qgis.Info),
    )

    def emit(self, record: logging.LogRecord) -> None:
        level = next(
            qgis_level for python_level, qgis_level in self.LEVELS if record.levelno >= python_level
        )
        QgsMessageLog.logMessage(self.format(record), LOG_TAB, level)


def route_logging_to_qgis() -> MessageLogHandler:
    """Send the plugin's log records to QGIS (once; returns the handler to remove later)."""
    logger = logging.getLogger(PLUGIN_LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, MessageLogHandler):
            return handler
    handler = MessageLogHandler()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler
