"""Fixtures for tests that run the algorithms in a real QGIS (pytest-qgis)."""

from __future__ import annotations

import os

import pytest
from qgis.core import QgsApplication, QgsProcessing, QgsVectorLayer

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


@pytest.fixture(scope="session")
def demo_run(shared_data, tmp_path_factory):
    """``make demo`` of an edition and geography (2020/21 native by default), run once for
    the whole session, shared by every test and xdist worker; read it, never write into it."""
    from tests.integration.demo_runs import DemoRun, shared_run

    base = tmp_path_factory.getbasetemp()
    cache = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "demo-runs"

    def get(edition: str = "20/21", geography: str = "native") -> DemoRun:
        run = shared_run(shared_data, cache, edition, geography)
        assert run.returncode == 0, run.stderr[-3000:]
        return run

    return get


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory):
    """The documentation site as ``make docs`` builds it, built once for the whole session
    and shared by every xdist worker; read it, never write into it."""
    from tests.integration.docs_site import shared_site

    base = tmp_path_factory.getbasetemp()
    cache = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "docs-site"
    site = shared_site(cache)
    assert site.returncode == 0, site.output[-3000:]
    return site


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


def edition_composite(make_layer, edition: str) -> QgsVectorLayer:
    """An 'ICS composite score' output of ``edition`` on the ``inputs`` ICS layer."""
    return make_layer(
        "Polygon",
        {"ics": "string", "composite_score": "double", "composite_edition": "string"},
        [
            (square(0, 0), {"ics": "Q1", "composite_score": 0.5, "composite_edition": edition}),
            (square(1, 0), {"ics": "Q2", "composite_score": -1.0, "composite_edition": edition}),
        ],
        name=f"composite {edition}",
    )


@pytest.fixture
def inputs(tmp_path, make_layer, dspt_provider):
    export = tmp_path / "inputs" / "export.csv"
    export.parent.mkdir()
    export.write_text(
        "Code,Organisation Name,Status,Primary Sector,ICS,lat,long\n"
        "00L,NHS One CCG,20/21 Standards Met,CCG,Q1,,\n"
        "RA1,Trust A,20/21 Approaching Standards,NHS Trust,Q1,0.5,0.5\n"
        "RB2,Trust B,20/21 Standards Met,NHS Trust,Q2,1.5,0.5\n",
        encoding="utf-8",
    )
    ics = make_layer(
        "Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "Q1"}), (square(1, 0), {"ics": "Q2"})]
    )
    commissioners = make_layer(
        "Polygon",
        {"code": "string", "ics": "string", "status": "string"},
        [(square(0, 0), {"code": "00L", "ics": "Q1", "status": "Standards Met"})],
    )
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string", "lat": "double", "lon": "double"},
        [
            (
                "POINT(0.5 0.5)",
                {"code": "RA1", "status": "Approaching Standards", "lat": 51.5, "lon": -0.1},
            ),
            (
                "POINT(1.5 0.5)",
                {"code": "RB2", "status": "Standards Met", "lat": 52.5, "lon": -1.1},
            ),
        ],
    )
    table = make_layer(
        "None",
        {"code": "string", "status": "string", "sector": "string"},
        [
            (None, {"code": "00L", "status": "Standards Met", "sector": "Commissioner"}),
            (None, {"code": "RA1", "status": "Approaching Standards", "sector": "Trust"}),
        ],
    )
    ods = tmp_path / "inputs" / "etr.csv"
    ods.write_text(
        '"RA1","T","Y62","Q1",'
        + ",".join(['""'] * 6)
        + ',"20020401","20220331",'
        + ",".join(['""'] * 15)
        + "\n"
    )
    from qgis import processing

    ods_table = processing.run(
        "dspt:readods", {"INPUT": [str(ods)], "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT}
    )["OUTPUT"]
    composite = make_layer(
        "Polygon",
        {"ics": "string", "composite_score": "double", "n_trusts": "integer"},
        [(square(0, 0), {"ics": "Q1", "composite_score": 0.5, "n_trusts": 1})],
    )
    summary = make_layer(
        "None",
        {
            "sector": "string",
            "n_exceeded": "integer",
            "n_met": "integer",
            "n_approaching": "integer",
            "n_not_met": "integer",
            "n_not_published": "integer",
            "total": "integer",
            "pct_exceeded": "double",
            "pct_met": "double",
            "pct_approaching": "double",
            "pct_not_met": "double",
            "pct_not_published": "double",
        },
        [
            (None, {"sector": "Trust", "n_met": 1, "total": 1, "pct_met": 100.0}),
            (None, {"sector": "Total", "n_met": 1, "total": 1, "pct_met": 100.0}),
        ],
    )
    new_lookup = make_layer(
        "None",
        {"area": "string", "ics": "string", "patients": "integer"},
        [(None, {"area": "00L", "ics": "Q1", "patients": 100})],
    )
    sides = {"COMMISSIONERS": commissioners, "COMMISSIONER_ICS_FIELD": "ics", "TRUSTS": trusts}
    full_composite = processing.run(
        "dspt:icscomposite",
        {"ICS": ics, "ICS_FIELD": "ics", **sides, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT},
    )["OUTPUT"]
    return {
        "icsatlas": ({"COMPOSITE": full_composite, "ICS_FIELD": "ics", **sides}, None),
        "icstrend": (
            {
                "ICS": ics,
                "ICS_FIELD": "ics",
                "COMPOSITES": [edition_composite(make_layer, e) for e in ("20/21", "22/23")],
            },
            None,
        ),
        "compareeditions": ({"BEFORE": table, "AFTER": trusts}, None),
        "crosswalk": (
            {
                "INPUT": table,
                "NEW_LOOKUP": new_lookup,
                "NEW_AREA_FIELD": "area",
                "NEW_ICS_FIELD": "ics",
                "WEIGHT_FIELD": "patients",
            },
            None,
        ),
        "importexport": ({"INPUT": str(export)}, 3),
        "readods": ({"INPUT": [str(ods)]}, None),
        "odsmembership": ({"INPUT": table, "ODS": ods_table}, 2),
        "webreport": (
            {
                "COMMISSIONERS": commissioners,
                "TRUSTS": trusts,
                "COMPOSITE": composite,
                "ICS_FIELD": "ics",
                "SUMMARY": summary,
            },
            None,
        ),
        "joinstatus": ({"INPUT": commissioners, "FIELD": "code", "DSPT": table}, 1 + 2),
        "locateorganisations": (
            {"INPUT": trusts, "LATITUDE_FIELD": "lat", "LONGITUDE_FIELD": "lon"},
            2,
        ),
        "icscomposite": (
            {
                "ICS": ics,
                "ICS_FIELD": "ics",
                "COMMISSIONERS": commissioners,
                "COMMISSIONER_ICS_FIELD": "ics",
                "TRUSTS": trusts,
            },
            1 + 2,
        ),
        "trustproportions": ({"ICS": ics, "ICS_FIELD": "ics", "TRUSTS": trusts}, 2),
        "summarytable": ({"INPUT": table}, None),
    }
