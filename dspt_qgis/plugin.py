"""The plugin shell: registers the ``dspt`` provider, a menu and a toolbar button; removes
exactly those on unload."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

if TYPE_CHECKING:
    from qgis.gui import QgisInterface
    from qgis.PyQt.QtCore import QTranslator
    from qgis.PyQt.QtWidgets import QAction

    from dspt_qgis.processing_algs.provider import DsptProvider

MENU = "DSPT compliance"
MODEL_ID = "dspt:dsptmethod"


class DsptPlugin:
    """Nothing heavy happens here: pandas is imported only when an algorithm runs."""

    def __init__(self, iface: QgisInterface) -> None:
        self.iface = iface
        self.provider: DsptProvider | None = None
        self.actions: list[QAction] = []
        self.toolbar_action: QAction | None = None
        self.translator = self._install_translator()

    @staticmethod
    def _install_translator() -> QTranslator | None:
        """Load ``i18n/dspt_qgis_<lang>.qm`` for the user's QGIS locale, when one exists."""
        import os

        from qgis.core import QgsSettings
        from qgis.PyQt.QtCore import QTranslator

        language = str(QgsSettings().value("locale/userLocale", "") or "")[:2]
        path = os.path.join(os.path.dirname(__file__), "i18n", f"dspt_qgis_{language}.qm")
        if not language or not os.path.isfile(path):
            return None
        translator = QTranslator()
        if not translator.load(path):
            return None
        QCoreApplication.installTranslator(translator)
        return translator

    def tr(self, text: str) -> str:
        """Translate a user-visible string."""
        return QCoreApplication.translate("DsptPlugin", text)

    def initProcessing(self) -> None:  # noqa: N802 (QGIS plugin API name)
        """Register the provider; QGIS calls this for qgis_process and headless use too."""
        from dspt_qgis.processing_algs.provider import DsptProvider

        if self.provider is None:
            self.provider = DsptProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802 (QGIS plugin API name)
        """Register the provider; add the menu under Vector and a toolbar button."""
        from qgis.PyQt.QtGui import QIcon
        from qgis.PyQt.QtWidgets import QAction

        from dspt_qgis.processing_algs.support.algorithm import ICON_PATH

        self.initProcessing()
        window = self.iface.mainWindow()
        for label, tip, slot in (
            (
                self.tr("DSPT tools in the Processing Toolbox"),
                self.tr("Show the DSPT compliance algorithms in the Processing Toolbox"),
                self.show_tools,
            ),
            (
                self.tr("Run the whole method…"),
                self.tr(
                    "Import an export, join, score and summarise in one run (the shipped model)"
                ),
                self.run_method,
            ),
            (
                self.tr("Open the DSPT demo project…"),
                self.tr(
                    "Open the project make demo writes: grouped layers, a map theme and a print layout per map"
                ),
                self.open_demo_project,
            ),
            (self.tr("Help"), self.tr("How to use the DSPT compliance tools"), self.open_help),
        ):
            action = QAction(QIcon(ICON_PATH), label, window)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.iface.addPluginToVectorMenu(MENU, action)
            self.actions.append(action)
        self.toolbar_action = self.actions[0]
        self.iface.addToolBarIcon(self.toolbar_action)
        self._say_what_is_missing()

    def _say_what_is_missing(self) -> None:
        """A lasting message bar when pandas is missing or too old (the algorithms then
        refuse to run with the same sentence), rather than a traceback at the first run."""
        from qgis.core import Qgis

        from dspt_qgis.processing_algs.support.requirements import missing_requirement

        problem = missing_requirement()
        if problem:
            self.iface.messageBar().pushMessage(MENU, problem, Qgis.Warning, 0)

    def unload(self) -> None:
        """Remove exactly what initGui and initProcessing added."""
        if self.toolbar_action is not None:
            self.iface.removeToolBarIcon(self.toolbar_action)
            self.toolbar_action = None
        for action in self.actions:
            self.iface.removePluginVectorMenu(MENU, action)
            action.deleteLater()
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    def show_tools(self) -> None:
        """Open the Processing Toolbox filtered to the DSPT algorithms."""
        from qgis.PyQt.QtWidgets import QDockWidget, QLineEdit

        dock = self.iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
        if dock is not None:
            dock.show()
            dock.raise_()
            search = dock.findChild(QLineEdit)
            if search is not None:
                search.setText("DSPT")

    def run_method(self) -> None:
        """Open the whole-method model's dialog."""
        from qgis import processing

        processing.execAlgorithmDialog(MODEL_ID, {})

    def open_demo_project(self) -> None:
        """Open a project written by ``make demo`` (out/dspt_demo.qgz)."""
        from qgis.PyQt.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.iface.mainWindow(),
            self.tr("Open the DSPT demo project (out/dspt_demo.qgz)"),
            "",
            self.tr("QGIS projects (*.qgz *.qgs)"),
        )
        if path:
            self.iface.addProject(path)

    def open_help(self) -> None:
        """Open the documentation site of this version of the plugin in the browser."""
        from qgis.PyQt.QtCore import QUrl
        from qgis.PyQt.QtGui import QDesktopServices

        from dspt_qgis.processing_algs.support.help import docs_url

        QDesktopServices.openUrl(QUrl(docs_url()))
