"""A missing or old pandas is said in one sentence with how to install it, never a traceback."""

from __future__ import annotations

from importlib import metadata

import pytest
from qgis.core import QgsApplication, QgsProcessingException

import dspt_qgis
from dspt_qgis.processing_algs.support import requirements


@pytest.fixture
def pandas_as(monkeypatch):
    """Make this Python report pandas as ``version`` (None: not installed)."""
    real_version = metadata.version

    def pretend(version: str | None) -> None:
        def fake(name: str) -> str:
            if name != "pandas":
                return real_version(name)
            if version is None:
                raise metadata.PackageNotFoundError(name)
            return version

        monkeypatch.setattr(requirements.metadata, "version", fake)
        requirements.missing_requirement.cache_clear()

    yield pretend
    requirements.missing_requirement.cache_clear()


@pytest.mark.parametrize(
    ("version", "said"),
    [(None, "needs the Python library pandas"), ("1.4.4", "this QGIS has pandas 1.4.4")],
)
def test_the_algorithms_refuse_to_run_saying_what_to_install(
    run, make_layer, pandas_as, version, said
):
    statuses = make_layer(
        "None",
        {"code": "string", "status": "string", "sector": "string"},
        [(None, {"code": "RA1", "status": "Standards Met", "sector": "Trust"})],
    )
    pandas_as(version)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("dspt:summarytable")
    ok, message = algorithm.canExecute()
    assert not ok
    assert said in message
    assert "sudo apt install python3-pandas" in message
    assert "OSGeo4W" in message
    with pytest.raises(QgsProcessingException, match=said):
        run("summarytable", {"INPUT": statuses, "OUTPUT": "TEMPORARY_OUTPUT"})


@pytest.mark.parametrize("version", ["1.5.3", "2.2.0rc1", "3.0.0"])
def test_pandas_1_5_or_newer_is_enough(dspt_provider, pandas_as, version):
    pandas_as(version)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("dspt:summarytable")
    assert algorithm.canExecute() == (True, "")


def test_the_plugin_says_it_in_a_message_bar_when_it_loads(qgis_iface, pandas_as):
    pandas_as(None)
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("dspt")
    if existing is not None:
        registry.removeProvider(existing)
    shown = []
    bar = qgis_iface.messageBar()
    original = bar.pushMessage
    bar.pushMessage = lambda *args: shown.append(args)
    try:
        plugin = dspt_qgis.classFactory(qgis_iface)
        plugin.initGui()
        plugin.unload()
    finally:
        bar.pushMessage = original
    assert len(shown) == 1
    assert "needs the Python library pandas" in shown[0][1]
