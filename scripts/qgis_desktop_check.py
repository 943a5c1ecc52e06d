"""Run inside QGIS desktop (``qgis --code``, started by scripts/qgis_desktop_check.sh under
Xvfb with the release zip installed in a fresh profile): what an analyst sees.

1. the Processing Toolbox filtered to DSPT (screenshot);
2. the import dialog: its parameters and help, and where its Help button leads
   (screenshot); run with its default temporary output: the Log text, whether it is red
   anywhere, the progress bar, and the layers it loaded (screenshot of the Log);
3. the demo project opened: any modal window (e.g. "Select datum transformation") and the
   message bar's warnings (screenshot).

Writes ``desktop_check.json`` and the PNGs into $DSPT_CHECK_OUT, then quits QGIS.
"""

from __future__ import annotations

import json
import os
from typing import Any

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QLineEdit,
    QProgressBar,
    QTextEdit,
    QTreeView,
)
from qgis.utils import iface

OUT = os.environ["DSPT_CHECK_OUT"]
EXPORT = os.environ.get("DSPT_CHECK_EXPORT", "")
PROJECT = os.environ.get("DSPT_CHECK_PROJECT", "")
results: dict[str, Any] = {"steps": []}
state: dict[str, Any] = {}


def save(name: str) -> None:
    with open(os.path.join(OUT, "desktop_check.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1)
    results["steps"].append(name)


def show_toolbox() -> None:
    window = iface.mainWindow()
    window.resize(1400, 900)
    dock = window.findChild(QDockWidget, "ProcessingToolbox")
    dock.show()
    dock.raise_()
    dock.findChild(QLineEdit).setText("DSPT")
    tree = dock.findChild(QTreeView)
    if tree is not None:
        tree.expandAll()
    QTimer.singleShot(1500, grab_toolbox)


def grab_toolbox() -> None:
    iface.mainWindow().grab().save(os.path.join(OUT, "qgis_toolbox.png"))
    save("toolbox")
    from qgis import processing

    dialog = processing.createAlgorithmDialog(
        "dspt:importexport", {"INPUT": EXPORT, "EDITION": "20/21"}
    )
    dialog.resize(1000, 760)
    dialog.show()
    state["dialog"] = dialog
    state["layers_before"] = len(QgsProject.instance().mapLayers())
    QTimer.singleShot(1000, grab_parameters)


def grab_parameters() -> None:
    dialog = state["dialog"]
    dialog.grab().save(os.path.join(OUT, "qgis_dialog_parameters.png"))
    buttons = dialog.findChild(QDialogButtonBox)
    help_button = (
        buttons.button(QDialogButtonBox.StandardButton.Help) if buttons is not None else None
    )
    results["help"] = {
        "url": dialog.algorithm().helpUrl(),
        "button_enabled": help_button is not None and help_button.isEnabled(),
    }
    save("parameters")
    QTimer.singleShot(200, run_dialog)


def run_dialog() -> None:
    state["dialog"].runAlgorithm()
    state["polls"] = 0
    QTimer.singleShot(1000, wait_for_dialog)


def dialog_log() -> QTextEdit | None:
    logs = [w for w in state["dialog"].findChildren(QTextEdit) if w.objectName() == "txtLog"]
    return logs[0] if logs else None


def wait_for_dialog() -> None:
    log = dialog_log()
    text = log.toPlainText() if log is not None else ""
    state["polls"] += 1
    if "finished" not in text and "not correctly generated" not in text and state["polls"] < 60:
        QTimer.singleShot(500, wait_for_dialog)
        return
    html = log.toHtml() if log is not None else ""
    bar = state["dialog"].findChild(QProgressBar)
    results["dialog"] = {
        "log": text,
        "red": "color:#ff0000" in html.replace(" ", "").lower() or "#ff0000" in html.lower(),
        "progress": bar.value() if bar is not None else None,
        "layers_loaded": len(QgsProject.instance().mapLayers()) - state["layers_before"],
        "layer_names": sorted(layer.name() for layer in QgsProject.instance().mapLayers().values()),
    }
    state["dialog"].grab().save(os.path.join(OUT, "qgis_dialog_log.png"))
    save("dialog")
    state["dialog"].close()
    if PROJECT:
        QTimer.singleShot(500, open_project)
    else:
        QApplication.exit(0)


def open_project() -> None:
    QTimer.singleShot(4000, inspect_project)  # a modal prompt would block addProject
    iface.addProject(PROJECT)


def inspect_project() -> None:
    modal = QApplication.activeModalWidget()
    bar = iface.messageBar()
    messages = (
        [item.text() + " " + item.title() for item in bar.items()] if hasattr(bar, "items") else []
    )
    results["project"] = {
        "opened": QgsProject.instance().fileName() == PROJECT,
        "modal": modal.windowTitle() if modal is not None else None,
        "messages": messages,
        "layers": len(QgsProject.instance().mapLayers()),
        "themes": QgsProject.instance().mapThemeCollection().mapThemes(),
    }
    iface.mainWindow().grab().save(os.path.join(OUT, "qgis_demo_project.png"))
    if isinstance(modal, QDialog):
        modal.reject()
    elif modal is not None:
        modal.close()
    save("project")
    QApplication.exit(0)


QTimer.singleShot(4000, show_toolbox)
