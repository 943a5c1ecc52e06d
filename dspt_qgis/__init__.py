"""DSPT compliance: a QGIS plugin for NHS Data Security and Protection Toolkit maps.

Everything imports through this package name (``dspt_qgis.core``,
``dspt_qgis.processing_algs``) so the plugin never puts a generic top-level name such
as ``core`` on QGIS's global ``sys.path``.

In the installed plugin ``core/`` and ``processing_algs/`` sit inside this folder. In a
source checkout they sit beside it (the repository's design keeps them at the top
level); the lines below then add the checkout root to this package's search path, so
``dspt_qgis.core`` resolves to ``<checkout>/core`` without copying or symlinking.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qgis.gui import QgisInterface

_HERE = os.path.dirname(os.path.abspath(__file__))
_CHECKOUT_ROOT = os.path.dirname(_HERE)
if not os.path.isdir(os.path.join(_HERE, "core")) and os.path.isfile(
    os.path.join(_CHECKOUT_ROOT, "core", "__init__.py")
):
    __path__.append(_CHECKOUT_ROOT)  # noqa: F821 (module __path__ of a package)


def classFactory(iface: QgisInterface):  # noqa: N802 (QGIS plugin entry point name)
    """Return the plugin instance; imported lazily so QGIS start-up stays cheap."""
    from dspt_qgis.plugin import DsptPlugin

    return DsptPlugin(iface)
