"""DSPT compliance: a QGIS plugin for NHS Data Security and Protection Toolkit maps.

Everything imports through this package name (``dspt_qgis.core``,
``dspt_qgis.processing_algs``) so the plugin never puts a generic top-level name such as
``core`` on QGIS's global ``sys.path``. The installed plugin holds ``core/`` and
``processing_algs/`` inside this folder; in the checkout they are symbolic links to the
top-level folders of the same names, so both have one layout (see ``pyproject.toml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qgis.gui import QgisInterface

    from dspt_qgis.plugin import DsptPlugin


def classFactory(iface: QgisInterface) -> DsptPlugin:  # noqa: N802 (QGIS plugin entry point name)
    """Return the plugin instance; imported lazily so QGIS start-up stays cheap."""
    from dspt_qgis.plugin import DsptPlugin

    return DsptPlugin(iface)
