"""The Arrow bulk read gives what QGIS's own feature iteration gives, or steps aside."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from dspt_qgis.processing_algs.support.reading import _bulk, source_to_frame


@pytest.fixture
def gpkg(make_layer, tmp_path):
    layer = make_layer(
        "Point",
        {"code": "string", "name": "string", "pop": "integer", "score": "double"},
        [
            ("POINT(0 0)", {"code": "A", "name": "Café £", "pop": 10, "score": 1.5}),
            ("POINT(1 1)", {"code": None, "name": None, "pop": None, "score": None}),
            ("POINT(2 2)", {"code": "C", "name": "=x", "pop": 30, "score": -3.0}),
        ],
    )
    path = str(tmp_path / "orgs.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "orgs"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProcessingContext().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError
    return path


def normalised(frame):
    return [[None if v != v else v for v in row] for row in frame.astype(object).values.tolist()]


def test_bulk_equals_feature_iteration(gpkg, dspt_provider):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("dspt:icscomposite")
    context = QgsProcessingContext()
    fields = ["code", "name", "pop", "score"]
    bulk = _bulk(algorithm, {"TRUSTS": gpkg}, "TRUSTS", context, fields)
    assert bulk is not None
    slow = source_to_frame(QgsVectorLayer(gpkg), None, fields=fields)
    columns = [*fields, "feature_id", "source_row"]
    assert normalised(bulk[columns]) == normalised(slow[columns])


def test_bulk_steps_aside_for_filters_and_selections(gpkg, dspt_provider):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("dspt:icscomposite")
    context = QgsProcessingContext()
    assert _bulk(algorithm, {"TRUSTS": gpkg}, "TRUSTS", context, ["code"]) is not None
    assert (
        _bulk(algorithm, {"TRUSTS": f'{gpkg}|subset="pop" > 10'}, "TRUSTS", context, ["code"])
        is None
    )
    selected = QgsProcessingFeatureSourceDefinition(gpkg, True)
    assert _bulk(algorithm, {"TRUSTS": selected}, "TRUSTS", context, ["code"]) is None


def test_both_reads_give_numeric_fields_as_numbers(gpkg, dspt_provider, make_layer):
    """pandas 2 refuses arithmetic such as ``round`` on a column of Python objects: a layer
    read feature by feature (a memory layer, a filtered one, QGIS 3.44's GDAL) must give the
    core numbers, as the Arrow stream does."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("dspt:icscomposite")
    fields = ["code", "pop", "score"]
    bulk = _bulk(algorithm, {"TRUSTS": gpkg}, "TRUSTS", QgsProcessingContext(), fields)
    memory = make_layer(
        "Point",
        {"code": "string", "pop": "integer", "score": "double"},
        [("POINT(0 0)", {"code": "A", "pop": 10, "score": None})],
    )
    for frame in (bulk, source_to_frame(QgsVectorLayer(gpkg), None, fields=fields)):
        assert [frame[f].dtype.kind for f in fields] == ["O", "f", "f"]
    memory_frame = source_to_frame(memory, None, fields=fields)
    assert [memory_frame[f].dtype.kind for f in fields] == ["O", "i", "f"]
    assert memory_frame["score"].round(2).isna().all()
