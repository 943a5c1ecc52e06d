"""`make demo` end to end: styled GeoPackage, project with layouts, non-blank maps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtGui import QColor, QImage

REPO = Path(__file__).resolve().parents[2]
EXPECTED_RENDERERS = {
    "Commissioners: DSPT status": ("categorizedSymbol", 6),
    "Trusts: DSPT status": ("categorizedSymbol", 6),
    "ICS composite score (-3 worst, +3 best)": ("graduatedSymbol", 6),
    "Trusts per ICS (shading) and their statuses (pies)": ("graduatedSymbol", 5),
    "ICS boundaries": ("singleSymbol", None),
    "NHS England regions": ("singleSymbol", None),
}


@pytest.fixture(scope="module")
def demo_out(shared_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    done = subprocess.run(
        [sys.executable, "-m", "scripts.demo", "--data", str(shared_data), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ICS composite scores (42 ICSs" in done.stdout
    return out


def test_project_layers_styled_and_layouts(demo_out, qgis_new_project):
    project = QgsProject.instance()
    assert project.read(str(demo_out / "dspt_demo.qgz"))
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    for name, (renderer, classes) in EXPECTED_RENDERERS.items():
        layer = layers[name]
        assert layer.isValid(), name
        assert layer.renderer().type() == renderer, name
        if renderer == "categorizedSymbol":
            assert len(layer.renderer().categories()) == classes
        elif renderer == "graduatedSymbol":
            assert len(layer.renderer().ranges()) == classes
    assert (
        layers["Trusts per ICS (shading) and their statuses (pies)"].diagramRenderer() is not None
    )
    names = sorted(layout.name() for layout in project.layoutManager().layouts())
    assert names == ["1 Individual compliance", "2 Trust proportions", "3 ICS composite"]


def test_geopackage_layers_carry_default_styles(demo_out):
    import sqlite3

    with sqlite3.connect(demo_out / "dspt_demo.gpkg") as db:
        styled = {
            row[0] for row in db.execute("select f_table_name from layer_styles where useAsDefault")
        }
    assert {
        "commissioner_status",
        "trust_points",
        "ics_composite",
        "trust_proportions",
        "ics_boundaries",
        "nhs_regions",
    } <= styled


def distinct_colours(path: Path) -> set[str]:
    image = QImage(str(path))
    assert not image.isNull()
    step = 7
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


@pytest.mark.parametrize("name", ["individual_compliance", "trust_proportions", "ics_composite"])
def test_maps_exported_and_not_blank(demo_out, name):
    assert (demo_out / "maps" / f"{name}.pdf").stat().st_size > 10_000
    assert len(distinct_colours(demo_out / "maps" / f"{name}.png")) > 20


def test_composite_map_colours_vary_across_ics(demo_out):
    from qgis.core import QgsStyle

    from dspt_qgis.processing_algs.styles import COMPOSITE_RAMP

    ramp = QgsStyle.defaultStyle().colorRamp(COMPOSITE_RAMP)
    class_colours = {ramp.color(i / 5).name() for i in range(6)}
    on_map = distinct_colours(demo_out / "maps" / "ics_composite.png")
    assert len(class_colours & on_map) >= 3


def test_missing_sample_says_which_files_and_where(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.demo",
            "--data",
            str(tmp_path),
            "--out",
            str(tmp_path / "o"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "dspt/2020_21/curated_dspt_20220208.csv" in done.stderr
    assert "geoportal.statistics.gov.uk" in done.stderr
    assert not (tmp_path / "o").exists()
