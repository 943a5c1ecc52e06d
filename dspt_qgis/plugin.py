"""The plugin shell: registers the ``dspt`` provider and a small menu; removes both on unload."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import QgsApplication

if TYPE_CHECKING:
    from qgis.gui import QgisInterface

MENU = "DSPT compliance"
HELP_URL = "https://github.com/dspt-qgis/dspt-qgis#using-the-plugin"


class DsptPlugin:
    """Nothing heavy happens here: pandas is imported only when an algorithm runs."""

    def __init__(self, iface: QgisInterface) -> None:
        self.iface = iface
        self.provider = None
        self.actions: list = []
        self.translator = self._install_translator()

    @staticmethod
    def _install_translator():
        """Load ``i18n/dspt_qgis_<lang>.qm`` for the user's QGIS locale, when one exists."""
        import os

        from qgis.core import QgsSettings
        from qgis.PyQt.QtCore import QCoreApplication, QTranslator

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
        from qgis.PyQt.QtCore import QCoreApplication

        return QCoreApplication.translate("DsptPlugin", text)

    def initProcessing(self) -> None:  # noqa: N802 (QGIS plugin API name)
        """Register the provider; QGIS calls this for qgis_process and headless use too."""
        from dspt_qgis.processing_algs.provider import DsptProvider

        if self.provider is None:
            self.provider = DsptProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802 (QGIS plugin API name)
        """Register the provider and add the menu under Plugins and Vector."""
        from qgis.PyQt.QtGui import QIcon
        from qgis.PyQt.QtWidgets import QAction

        from dspt_qgis.processing_algs.support.algorithm import ICON_PATH

        self.initProcessing()
        for label, slot in (
            (self.tr("DSPT tools in the Processing Toolbox"), self.show_tools),
            (self.tr("Add sample layers…"), self.add_sample_layers),
            (self.tr("Help"), self.open_help),
        ):
            action = QAction(QIcon(ICON_PATH), label, self.iface.mainWindow())
            action.triggered.connect(slot)
            self.iface.addPluginToVectorMenu(MENU, action)
            self.actions.append(action)

    def unload(self) -> None:
        """Remove exactly what initGui and initProcessing added."""
        for action in self.actions:
            self.iface.removePluginVectorMenu(MENU, action)
            action.deleteLater()
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            from qgis.PyQt.QtCore import QCoreApplication

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

    def add_sample_layers(self) -> None:
        """Load the styled layers of a demo GeoPackage (``make demo`` writes one)."""
        from qgis.core import QgsProject, QgsVectorLayer
        from qgis.PyQt.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getOpenFileName(
            self.iface.mainWindow(),
            self.tr("Choose a DSPT demo GeoPackage (out/dspt_demo.gpkg)"),
            "",
            self.tr("GeoPackage (*.gpkg)"),
        )
        if not path:
            return
        from osgeo import ogr

        dataset = ogr.Open(path)
        if dataset is None:
            QMessageBox.warning(
                self.iface.mainWindow(), MENU, self.tr("Cannot open {}").format(path)
            )
            return
        names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
        group = QgsProject.instance().layerTreeRoot().insertGroup(0, self.tr("DSPT sample"))
        for name in names:
            if name == "layer_styles":
                continue
            layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
            if layer.isValid():
                QgsProject.instance().addMapLayer(layer, False)
                group.addLayer(layer)

    def open_help(self) -> None:
        """Open the README's user section in the browser."""
        from qgis.PyQt.QtCore import QUrl
        from qgis.PyQt.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(HELP_URL))
