"""The plugin shell: cheap start-up, and load / unload / reload leaves nothing behind."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from qgis.core import QgsApplication

import dspt_qgis
from dspt_qgis.processing_algs.support.feedback import MessageLogHandler

REPO = Path(__file__).resolve().parents[2]

STARTUP_PROBE = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
import dspt_qgis
plugin = dspt_qgis.classFactory(None)
plugin.initProcessing()
assert QgsApplication.processingRegistry().providerById("dspt") is not None
heavy = sorted(m for m in ("pandas", "geopandas", "numpy", "matplotlib") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
sys.path.append("/usr/share/qgis/python/plugins")
from processing.core.Processing import Processing
Processing.initialize()  # QGIS's own algorithms register after the plugin's
model = QgsApplication.processingRegistry().algorithmById("dspt:dsptmethod")
print("MODEL=", model.canExecute()[0], model.validate()[0])
"""


def test_start_up_imports_no_pandas():
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    heavy = done.stdout.split("HEAVY=")[1].splitlines()[0].strip()
    assert "MODEL= True True" in done.stdout
    assert "pandas" not in heavy
    assert "geopandas" not in heavy


def test_load_unload_reload_is_clean(qgis_iface):
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("dspt")
    if existing is not None:  # registered by other tests' fixture, which re-registers it
        registry.removeProvider(existing)
    for _ in range(2):
        plugin = dspt_qgis.classFactory(qgis_iface)
        plugin.initGui()
        assert registry.providerById("dspt") is not None
        assert len(plugin.actions) == 4
        assert all(a.text() and a.toolTip() for a in plugin.actions)
        assert plugin.toolbar_action is plugin.actions[0]
        plugin.unload()
        assert registry.providerById("dspt") is None
        assert plugin.actions == []
        assert plugin.toolbar_action is None


def _plugin_log_handlers() -> list[logging.Handler]:
    return [
        handler
        for handler in logging.getLogger("dspt_qgis").handlers
        if isinstance(handler, MessageLogHandler)
    ]


def test_the_plugin_log_reaches_qgis_while_loaded_and_is_let_go_on_unload(qgis_iface):
    """A Python log record of the plugin shows in the Log Messages panel under its tab;
    unloading removes the handler and the provider's connection to the registry."""
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("dspt")
    if existing is not None:
        registry.removeProvider(existing)
    connections_before = registry.receivers(registry.providerAdded)
    received: list[tuple[str, str]] = []

    def keep(message: str, tab: str, _level: object) -> None:
        received.append((message, tab))

    QgsApplication.messageLog().messageReceived.connect(keep)
    try:
        plugin = dspt_qgis.classFactory(qgis_iface)
        plugin.initGui()
        assert len(_plugin_log_handlers()) == 1
        assert registry.receivers(registry.providerAdded) == connections_before + 1
        logging.getLogger("dspt_qgis.processing_algs.support.reading").info("read by features")
        assert ("read by features", "DSPT compliance") in received
        plugin.unload()
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(keep)
    assert _plugin_log_handlers() == []
    assert registry.receivers(registry.providerAdded) == connections_before
