"""Fixtures for tests that run the algorithms in a real QGIS (pytest-qgis)."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from dspt_qgis.processing_algs.provider import DsptProvider

_PROVIDERS: list[DsptProvider] = []  # Python must keep the providers it registers alive


@pytest.fixture
def dspt_provider(qgis_processing):
    """The provider registered as the plugin's initProcessing does (again, if a test removed it)."""
    registry = QgsApplication.processingRegistry()
    if registry.providerById("dspt") is None:
        _PROVIDERS.append(DsptProvider())
        registry.addProvider(_PROVIDERS[-1])
    return registry.providerById("dspt")


@pytest.fixture
def run(dspt_provider):
    """Run a dspt algorithm through processing.run and return its results."""
    from qgis import processing

    def run_algorithm(name: str, parameters: dict) -> dict:
        return processing.run(name if ":" in name else f"dspt:{name}", parameters)

    return run_algorithm


def square(x: float, y: float, size: float = 1.0) -> str:
    """WKT of a square polygon with its lower-left corner at (x, y)."""
    return f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"


@pytest.fixture
def make_layer():
    """Build a memory layer: geometry type ('Polygon', 'Point', 'None'), CRS, fields, rows.

    ``rows`` are (wkt or None, {field: value}) pairs; field types are given as
    ``{"name": "string" | "integer" | "double"}``.
    """
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layers = []

    def make(
        geometry: str, fields: dict[str, str], rows, crs: str = "EPSG:4326", name: str = "layer"
    ):
        spec = "&".join(f"field={n}:{t}" for n, t in fields.items())
        uri = f"{geometry}?crs={crs}&{spec}" if geometry != "None" else f"None?{spec}"
        layer = QgsVectorLayer(uri, name, "memory")
        assert layer.isValid()
        features = []
        for wkt, values in rows:
            feature = QgsFeature(layer.fields())
            if wkt:
                feature.setGeometry(QgsGeometry.fromWkt(wkt))
            for key, value in values.items():
                feature[key] = value
            features.append(feature)
        layer.dataProvider().addFeatures(features)
        layers.append(layer)
        return layer

    return make


@pytest.fixture(scope="session", autouse=True)
def collect_garbage_while_qgis_runs(qgis_app):
    """Free QGIS objects caught in reference cycles while QGIS still runs: collected only at
    interpreter shutdown, after QGIS has exited, they crash it (seen when one test runs alone)."""
    yield
    import gc

    gc.collect()
