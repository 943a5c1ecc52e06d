"""Fixtures for tests that run the algorithms in a real QGIS (pytest-qgis)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessing, QgsVectorLayer

from dspt_qgis.processing_algs.provider import DsptProvider
from tests.integration.cases import CASES, Samples

_PROVIDERS: list[DsptProvider] = []  # Python must keep the providers it registers alive


def _register_provider() -> DsptProvider:
    registry = QgsApplication.processingRegistry()
    if registry.providerById("dspt") is None:
        _PROVIDERS.append(DsptProvider())
        registry.addProvider(_PROVIDERS[-1])
    return registry.providerById("dspt")


@pytest.fixture
def dspt_provider(qgis_processing):
    """The provider registered as the plugin's initProcessing does (again, if a test removed it)."""
    return _register_provider()


@pytest.fixture(scope="session")
def postgis():
    """A PostgreSQL 15 + PostGIS 3 server on loopback for the session (one per xdist worker)."""
    from tests.integration.postgis import start_server

    yield from start_server()


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


def memory_layer(
    geometry: str,
    fields: dict[str, str],
    rows,
    crs: str = "EPSG:4326",
    name: str = "layer",
) -> QgsVectorLayer:
    """A memory layer: geometry type ('Polygon', 'Point', 'None'), fields
    (``{"name": "string" | "integer" | "double"}``), rows of (wkt or None, {field: value})."""
    from qgis.core import QgsFeature, QgsGeometry

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
    return layer


@pytest.fixture
def make_layer():
    """Build a memory layer (see :func:`memory_layer`), kept alive for the test."""
    layers = []

    def make(*arguments, **options):
        layers.append(memory_layer(*arguments, **options))
        return layers[-1]

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


#: The ODS bulk file's one trust (etr.csv: no header, 27 columns).
ODS_ROW = (
    '"RA1","T","Y62","Q1",'
    + ",".join(['""'] * 6)
    + ',"20020401","20220331",'
    + ",".join(['""'] * 15)
    + "\n"
)


def base_layers() -> dict[str, QgsVectorLayer]:
    """The small layers the algorithms' sample inputs are made of (new ones for each test:
    a test may select or edit them)."""
    ics = memory_layer(
        "Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "Q1"}), (square(1, 0), {"ics": "Q2"})]
    )
    commissioners = memory_layer(
        "Polygon",
        {"code": "string", "ics": "string", "status": "string"},
        [(square(0, 0), {"code": "00L", "ics": "Q1", "status": "Standards Met"})],
    )
    trusts = memory_layer(
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
    table = memory_layer(
        "None",
        {"code": "string", "status": "string", "sector": "string"},
        [
            (None, {"code": "00L", "status": "Standards Met", "sector": "Commissioner"}),
            (None, {"code": "RA1", "status": "Approaching Standards", "sector": "Trust"}),
        ],
    )
    return {"ics": ics, "commissioners": commissioners, "trusts": trusts, "table": table}


@pytest.fixture(scope="session")
def derived_inputs(qgis_processing, tmp_path_factory) -> dict[str, QgsVectorLayer]:
    """The sample inputs made by running algorithms (an ODS table, a composite, trust
    proportions, a trust change), run once for the session: each test gets its own copy."""
    from qgis import processing

    _register_provider()
    etr = tmp_path_factory.mktemp("derived") / "etr.csv"
    etr.write_text(ODS_ROW)
    layers = base_layers()
    sides = {
        "COMMISSIONERS": layers["commissioners"],
        "COMMISSIONER_ICS_FIELD": "ics",
        "TRUSTS": layers["trusts"],
    }
    return {
        "ods": processing.run(
            "dspt:readods", {"INPUT": [str(etr)], "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT}
        )["OUTPUT"],
        "composite": processing.run(
            "dspt:icscomposite",
            {
                "ICS": layers["ics"],
                "ICS_FIELD": "ics",
                **sides,
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
        )["OUTPUT"],
        "proportions": processing.run(
            "dspt:trustproportions",
            {
                "ICS": layers["ics"],
                "ICS_FIELD": "ics",
                "TRUSTS": layers["trusts"],
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
        )["OUTPUT"],
        "change": processing.run(
            "dspt:compareeditions",
            {
                "BEFORE": layers["trusts"],
                "AFTER": layers["table"],
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
        )["OUTPUT"],
    }


def _copy(layer: QgsVectorLayer) -> QgsVectorLayer:
    """A memory copy of ``layer`` of the same name, for one test."""
    from qgis.core import QgsFeatureRequest

    copy = layer.materialize(QgsFeatureRequest())
    copy.setName(layer.name())
    return copy


@pytest.fixture
def inputs(tmp_path, dspt_provider, derived_inputs):
    """Each algorithm's sample parameters (cases.CASES) and the input rows its log accounts
    for, on this test's own samples."""
    return sample_inputs(tmp_path / "inputs", derived_inputs)


def sample_inputs(folder: Path, derived_inputs: dict[str, QgsVectorLayer]) -> dict:
    """Each algorithm's sample parameters and the input rows its log accounts for, on new
    samples (layers in memory, files in ``folder``): for one test, or for a module's
    GeoPackage that its tests copy."""
    export = folder / "export.csv"
    folder.mkdir()
    export.write_text(
        "Code,Organisation Name,Status,Primary Sector,ICS,lat,long\n"
        "00L,NHS One CCG,20/21 Standards Met,CCG,Q1,,\n"
        "RA1,Trust A,20/21 Approaching Standards,NHS Trust,Q1,0.5,0.5\n"
        "RB2,Trust B,20/21 Standards Met,NHS Trust,Q2,1.5,0.5\n",
        encoding="utf-8",
    )
    layers = base_layers()
    ics, commissioners, trusts, table = (
        layers["ics"],
        layers["commissioners"],
        layers["trusts"],
        layers["table"],
    )
    ods = folder / "etr.csv"
    ods.write_text(ODS_ROW)
    ods_table = _copy(derived_inputs["ods"])
    composite = memory_layer(
        "Polygon",
        {"ics": "string", "composite_score": "double", "n_trusts": "integer"},
        [(square(0, 0), {"ics": "Q1", "composite_score": 0.5, "n_trusts": 1})],
    )
    summary = memory_layer(
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
    new_lookup = memory_layer(
        "None",
        {"area": "string", "ics": "string", "patients": "integer"},
        [(None, {"area": "00L", "ics": "Q1", "patients": 100})],
    )
    samples = Samples(
        export=str(export),
        ods=str(ods),
        ics=ics,
        commissioners=commissioners,
        trusts=trusts,
        table=table,
        ods_table=ods_table,
        composite=composite,
        full_composite=_copy(derived_inputs["composite"]),
        composites=[edition_composite(memory_layer, e) for e in ("20/21", "22/23")],
        summary=summary,
        new_lookup=new_lookup,
        proportions=_copy(derived_inputs["proportions"]),
        change=_copy(derived_inputs["change"]),
        regions=memory_layer(
            "Polygon", {"region": "string"}, [(square(0, 0), {"region": "London"})], name="regions"
        ),
    )
    return {case.name: (case.parameters(samples), case.accounted) for case in CASES}
