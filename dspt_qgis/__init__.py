"""DSPT compliance: a QGIS plugin for NHS Data Security and Protection Toolkit maps.

The installed plugin is this one folder holding ``core/`` and ``processing_algs/``, so QGIS
never sees a generic top-level name such as ``core`` on its global ``sys.path``. In the
checkout those are the repository's top-level folders, mapped onto this package by
``pyproject.toml``; they import one another relatively (``from ..core.join import Side``),
which names the same file in the checkout and in the installed plugin.
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
