"""QGIS without a window, for the scripts (the demo, the model generator, the benchmark):
one way to start it with Processing and the plugin's provider, and to stop it."""

from __future__ import annotations

import gc
import importlib
import os
import sys
import threading
from dataclasses import dataclass
from typing import Any

#: Where Debian installs QGIS's own Processing plugin (``import processing``).
QGIS_PLUGINS = "/usr/share/qgis/python/plugins"


@dataclass
class Headless:
    """A running QGIS and the provider registered in it (Python must keep both alive)."""

    app: Any
    provider: Any

    def stop(self) -> None:
        """Close QGIS, and with it every connection to a GeoPackage: only then does SQLite
        fold the write-ahead log back into the file (a script that just exits leaves the
        last layers in the -wal file beside it)."""
        self.app.exitQgis()


def start(*, every_provider: bool = False, preload: str | None = None) -> Headless:
    """Start QGIS, Processing and the dspt provider.

    Only QGIS's C++ algorithms are registered unless ``every_provider`` (the Python ones,
    GDAL, GRASS and SAGA, cost 0.15 s to load). ``preload`` names a module imported on a
    second thread while QGIS starts (QGIS spends its start-up in C++, so the two overlap).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    gc.disable()  # imports make no garbage worth a pass over them (see the end)
    loading = (
        threading.Thread(target=importlib.import_module, args=(preload,), daemon=True)
        if preload
        else None
    )
    if loading is not None:
        loading.start()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(QGIS_PLUGINS)
    if every_provider:
        from processing.core.Processing import Processing

        Processing.initialize()
    else:
        from qgis.analysis import QgsNativeAlgorithms

        QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
        import processing  # noqa: F401, QGS111 (importing QGIS's plugin fills qgis.processing)
    from dspt_qgis.processing_algs.provider import DsptProvider

    provider = DsptProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    if loading is not None:
        loading.join()
    # What start-up made (modules, QGIS's wrappers: about 110,000 objects) lives as long as
    # the script: it is kept out of the garbage collector's full passes over it.
    gc.freeze()
    gc.enable()
    return Headless(app, provider)
