"""Run inside QGIS desktop (``qgis --code``): screenshot the DSPT toolbox group and a dialog.

Started by scripts/screenshot_qgis.sh under Xvfb; writes PNGs into $DSPT_SCREENSHOTS and
quits QGIS.
"""

import os

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QLineEdit, QTreeView
from qgis.utils import iface

OUT = os.environ.get("DSPT_SCREENSHOTS", "docs/images")
state = {}


def show_toolbox():
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


def grab_toolbox():
    window = iface.mainWindow()
    window.grab().save(os.path.join(OUT, "qgis_toolbox.png"))
    from qgis import processing

    dialog = processing.createAlgorithmDialog("dspt:icscomposite")
    dialog.resize(1000, 760)
    dialog.show()
    state["dialog"] = dialog
    QTimer.singleShot(1500, grab_dialog)


def grab_dialog():
    state["dialog"].grab().save(os.path.join(OUT, "qgis_icscomposite_dialog.png"))
    QApplication.instance().exit(0)


QTimer.singleShot(4000, show_toolbox)
