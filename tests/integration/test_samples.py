"""The method chained through the algorithms on the published samples, against hand checks."""

from __future__ import annotations

import pytest

from dspt_qgis.processing_algs.support.reading import python_value
from tests import hand_method


def composites(layer, code_field: str) -> dict[str, float]:
    return {f[code_field]: python_value(f["composite_score"]) for f in layer.getFeatures()}


def test_2020_21_import_then_composite(run, shared_data, tmp_path):
    statuses = run(
        "importexport",
        {
            "INPUT": str(shared_data / "dspt/2020_21/curated_dspt_20220208.csv"),
            "EDITION": "20/21",
            "OUTPUT": str(tmp_path / "statuses.gpkg"),
        },
    )["OUTPUT"]
    result = run(
        "icscomposite",
        {
            "ICS": str(shared_data / "boundaries/stp_april2020.geojson"),
            "ICS_FIELD": "STP20CD",
            "COMMISSIONERS": f"{statuses}|subset=\"sector\" = 'Commissioner'",
            "COMMISSIONER_ICS_FIELD": "STP20CD",
            "TRUSTS": f"{statuses}|subset=\"sector\" = 'Trust'",
            "TRUST_ICS_FIELD": "STP20CD",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    got = composites(result["OUTPUT"], "STP20CD")
    expected = hand_method.composites_2020_21(shared_data)
    assert len(got) == 42
    assert got == pytest.approx(expected)


def test_2022_23_icb_statuses_and_trusts_by_icb_code(run, shared_data):
    icbs = run(
        "importexport",
        {
            "INPUT": str(shared_data / "dspt/2022_23/icb_snapshot_20231116.csv"),
            "EDITION": "22/23",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    trusts = run(
        "importexport",
        {
            "INPUT": str(shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv"),
            "EDITION": "22/23",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    result = run(
        "icscomposite",
        {
            "ICS": str(shared_data / "boundaries/icb_july2023.geojson"),
            "ICS_FIELD": "ICB23CDH",
            "COMMISSIONERS": icbs,
            "COMMISSIONER_ICS_FIELD": "ICB23CDH",
            "TRUSTS": trusts,
            "TRUST_ICS_FIELD": "High Level Health Geography",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    got = composites(result["OUTPUT"], "ICB23CDH")
    assert len(got) == 42
    assert got == pytest.approx(hand_method.composites_2022_23(shared_data))


def test_2022_23_trust_points_placed_spatially_agree_with_icb_codes(run, shared_data):
    trusts = run(
        "importexport",
        {
            "INPUT": str(shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv"),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    points = run(
        "locateorganisations",
        {
            "INPUT": trusts,
            "LATITUDE_FIELD": "lat",
            "LONGITUDE_FIELD": "long",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        },
    )
    assert points["UNMATCHED"].featureCount() == 0
    result = run(
        "trustproportions",
        {
            "ICS": str(shared_data / "boundaries/icb_july2023.geojson"),
            "ICS_FIELD": "ICB23CDH",
            "TRUSTS": points["OUTPUT"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    by_code = {f["ICB23CDH"]: f["n_trusts"] for f in result["OUTPUT"].getFeatures()}
    expected: dict[str, int] = {}
    for row in hand_method.read_rows(shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv"):
        expected[row["High Level Health Geography"]] = (
            expected.get(row["High Level Health Geography"], 0) + 1
        )
    assert sum(by_code.values()) == 211
    assert by_code == expected  # every trust's point lies in the ICB its ODS record names
