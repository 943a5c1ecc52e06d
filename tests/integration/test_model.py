"""The shipped Model Builder model runs import -> join -> composite -> proportions -> summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessing, QgsProcessingModelAlgorithm

from tests import hand_method

MODEL = Path(__file__).resolve().parents[2] / "dspt_qgis" / "models" / "dspt_method.model3"


def test_model_lists_the_chain(dspt_provider):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    algorithms = sorted(child.algorithmId() for child in model.childAlgorithms().values())
    assert algorithms == [
        "dspt:icscomposite",
        "dspt:importexport",
        "dspt:joinstatus",
        "dspt:summarytable",
        "dspt:trustproportions",
        "native:extractbyattribute",
    ]


def test_model_runs_on_the_2020_21_sample(run, shared_data, tmp_path):
    from qgis import processing

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    results = processing.run(
        model,
        {
            "export": str(shared_data / "dspt/2020_21/curated_dspt_20220208.csv"),
            "edition": "20/21",
            "commissioner_layer": str(shared_data / "boundaries/ccg_april2020.geojson"),
            "commissioner_code": "CCG20CDH",
            "commissioner_ics": "STP20CD",
            "ics_layer": str(shared_data / "boundaries/stp_april2020.geojson"),
            "ics_code": "STP20CD",
            "trust_ics_field": "STP20CD",
            "composite:ICS composite": str(tmp_path / "composite.gpkg"),
            "proportions:Trust compliance proportions": QgsProcessing.TEMPORARY_OUTPUT,
            "summary:Summary of compliance": QgsProcessing.TEMPORARY_OUTPUT,
            "summary:Summary report": str(tmp_path / "summary.html"),
            "join:Commissioners with status": QgsProcessing.TEMPORARY_OUTPUT,
            "join:Unmatched organisations": QgsProcessing.TEMPORARY_OUTPUT,
            "import:DSPT statuses": QgsProcessing.TEMPORARY_OUTPUT,
        },
    )
    from qgis.core import QgsVectorLayer

    composite = QgsVectorLayer(results["composite:ICS composite"])
    got = {f["STP20CD"]: f["composite_score"] for f in composite.getFeatures()}
    assert got == pytest.approx(hand_method.composites_2020_21(shared_data))
    assert (tmp_path / "summary.html").stat().st_size > 1000
