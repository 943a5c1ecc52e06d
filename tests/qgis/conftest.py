"""Fixtures for tests that run the algorithms in a real QGIS (pytest-qgis)."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from dspt_qgis.processing_algs.provider import DsptProvider


@pytest.fixture(scope="session")
def dspt_provider(qgis_processing):
    """The provider registered once per session, as the plugin's initProcessing does."""
    registry = QgsApplication.processingRegistry()
    if registry.providerById("dspt") is None:
        provider = DsptProvider()
        registry.addProvider(provider)
    return registry.providerById("dspt")


@pytest.fixture
def run(dspt_provider):
    """Run a dspt algorithm through processing.run and return its results."""
    import processing

    def run_algorithm(name: str, parameters: dict) -> dict:
        return processing.run(name if ":" in name else f"dspt:{name}", parameters)

    return run_algorithm
