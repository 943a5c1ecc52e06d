"""`make demo EDITION=21/22` and `EDITION=22/23` end to end, checked against hand computations."""

from __future__ import annotations

import pytest
from qgis.core import QgsVectorLayer

from tests import hand_method
from tests.integration.test_demo import run_demo


def composites(out, code_field: str) -> dict[str, float]:
    layer = QgsVectorLayer(f"{out / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    return {f[code_field]: f["composite_score"] for f in layer.getFeatures()}


def test_2021_22_end_to_end(shared_data, tmp_path):
    done = run_demo(shared_data, tmp_path, "--edition", "21/22")
    assert done.returncode == 0, done.stderr[-3000:]
    got = composites(tmp_path, "STP20CD")
    assert len(got) == 42
    assert got == pytest.approx(hand_method.composites_2021_22(shared_data))
    report = QgsVectorLayer(
        f"{tmp_path / 'dspt_demo.gpkg'}|layername=trust_import_report", "r", "ogr"
    )
    left_out = {f["code"]: f["reason"] for f in report.getFeatures() if f["outcome"] == "excluded"}
    assert sorted(left_out) == ["RBZ", "RTV", "RW6"]
    assert "closed on 2022-03-31" in left_out["RBZ"]
    for name in ("individual_compliance", "trust_proportions", "ics_composite"):
        assert (tmp_path / "maps" / f"{name}.png").stat().st_size > 50_000


def test_2022_23_end_to_end(shared_data, tmp_path):
    done = run_demo(shared_data, tmp_path, "--edition", "22/23")
    assert done.returncode == 0, done.stderr[-3000:]
    assert composites(tmp_path, "ICB23CDH") == pytest.approx(
        hand_method.composites_2022_23(shared_data)
    )


def test_2022_23_on_the_april_2026_icbs(shared_data, tmp_path):
    """Every 2026 ICB gets a composite equal to the hand computation (sub-ICB crosswalk
    weighted by registered patients; trusts placed by location)."""
    done = run_demo(shared_data, tmp_path, "--edition", "22/23", "--geography", "2026")
    assert done.returncode == 0, done.stderr[-3000:]
    layer = QgsVectorLayer(f"{tmp_path / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    names = set(layer.fields().names())
    assert {"ICB26CD", "composite_score", "commissioner_score", "trust_score", "n_trusts"} <= names
    got = {f["ICB26CD"]: f["composite_score"] for f in layer.getFeatures()}
    assert len(got) == 36
    assert got == pytest.approx(hand_method.composites_2022_23_on_2026(shared_data))
    matched = _matched_by(tmp_path)
    assert matched.startswith("area overlap: ")
    assert matched.endswith("lies in D4U1Y")
    for name in ("individual_compliance", "trust_proportions", "ics_composite"):
        assert (tmp_path / "maps" / f"{name}.png").stat().st_size > 50_000


def _matched_by(out) -> str:
    layer = QgsVectorLayer(f"{out / 'dspt_demo.gpkg'}|layername=commissioner_areas", "a", "ogr")
    return next(f["matched_by"] for f in layer.getFeatures() if f["code"] == "U2G6B")
