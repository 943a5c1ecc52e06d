"""The headless pipeline (geopandas, no QGIS) agrees with the QGIS path, and installs and
runs with pip alone."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsLayerNotesUtils, QgsVectorLayer

REPO = Path(__file__).resolve().parents[2]
NO_QGIS = "import sys; sys.modules.update(qgis=None, PyQt5=None, osgeo=None); "


def run_pipeline(
    data: Path, out: Path, *extra: str, python: str = sys.executable
) -> subprocess.CompletedProcess:
    """dspt-report in a process where QGIS, Qt and GDAL's Python bindings cannot be imported."""
    code = NO_QGIS + "from dspt_qgis.pipeline.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [python, "-c", code, "--data", str(data), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )


def composites(path: str, code_field: str) -> dict[str, float | None]:
    layer = QgsVectorLayer(path, "c", "ogr")
    assert layer.isValid(), path
    return {
        f[code_field]: (None if f["composite_score"] is None else float(f["composite_score"]))
        for f in layer.getFeatures()
    }


#: The rank range both engines write on the composite (dspt:icscomposite's fields).
RANK_FIELDS = (
    "rank",
    "rank_label",
    "rank_best",
    "rank_worst",
    "rank_best_variant",
    "rank_worst_variant",
    "rank_note",
)


def rank_ranges(path: str, code_field: str) -> dict[str, dict]:
    """Each ICS's rank range as written, by its code (field types and values)."""
    layer = QgsVectorLayer(path, "r", "ogr")
    assert layer.isValid(), path
    types = {f.name(): f.typeName() for f in layer.fields() if f.name() in RANK_FIELDS}
    assert list(types) == list(RANK_FIELDS), path
    return {
        f[code_field]: {"types": types, **{name: f[name] for name in RANK_FIELDS}}
        for f in layer.getFeatures()
    }


def rank_notes(path: str) -> list[str]:
    """What the composite layer's notes say of its rank range: the variants, and the ICSs
    whose rank depends on the method."""
    layer = QgsVectorLayer(path, "n", "ogr")
    notes = html.unescape(QgsLayerNotesUtils.layerNotes(layer))
    said = re.findall(r"<p>(.*?)</p>", notes)
    assert said[0].startswith("Ranks under"), notes
    return said


def gains(path: str) -> list[tuple]:
    """What would raise each ICS's composite, row by row as written (ics_gains)."""
    layer = QgsVectorLayer(path, "g", "ogr")
    assert layer.isValid(), path
    return [
        (f["ics"], f["code"], f["covers"], round(f["gain_if_met"], 9), f["rank_if_met"])
        for f in layer.getFeatures()
    ]


CODE_FIELDS = {
    ("20/21", "native"): "STP20CD",
    ("21/22", "native"): "STP20CD",
    ("22/23", "native"): "ICB23CDH",
    ("22/23", "2026"): "ICB26CD",
    ("21/22", "2026"): "ICB26CD",
    ("20/21", "2026"): "ICB26CD",
}


@pytest.mark.parametrize(("edition", "geography"), sorted(CODE_FIELDS))
def test_pipeline_composites_equal_the_qgis_path(
    shared_data, demo_run, tmp_path, edition, geography
):
    """Both engines carry out the same recipe: the same composites, every ICS, with the same
    rank range (fields, types, values and the variants' names), and the same gains
    (``ics_gains``, in the same order)."""
    qgis_out = demo_run(edition, geography).out
    done = run_pipeline(
        shared_data, tmp_path / "pipeline", "--edition", edition, "--geography", geography
    )
    assert done.returncode == 0, done.stderr[-2000:]
    field = CODE_FIELDS[(edition, geography)]
    qgis = composites(f"{qgis_out / 'dspt_demo.gpkg'}|layername=ics_composite", field)
    headless = composites(
        f"{tmp_path / 'pipeline/dspt_report.gpkg'}|layername=ics_composite", field
    )
    assert headless.keys() == qgis.keys()
    for code, score in qgis.items():
        assert headless[code] == pytest.approx(score), code
    qgis_ranks = rank_ranges(f"{qgis_out / 'dspt_demo.gpkg'}|layername=ics_composite", field)
    for variants in rank_notes(f"{qgis_out / 'dspt_demo.gpkg'}|layername=ics_composite"):
        assert f"note: {variants}" in done.stderr  # ranked under the same variants
    assert (
        rank_ranges(f"{tmp_path / 'pipeline/dspt_report.gpkg'}|layername=ics_composite", field)
        == qgis_ranks
    )
    qgis_gains = gains(f"{qgis_out / 'dspt_demo.gpkg'}|layername=ics_gains")
    assert qgis_gains
    assert gains(f"{tmp_path / 'pipeline/dspt_report.gpkg'}|layername=ics_gains") == qgis_gains
    assert (tmp_path / "pipeline/site/index.html").stat().st_size > 100_000
    qgis_board = board_said(qgis_out / "site/index.html")
    assert any(said.get("largest_gain") for said in qgis_board.values())
    assert board_said(tmp_path / "pipeline/site/index.html") == qgis_board


#: What the web page says beside each composite (its rank, range and largest gain).
BOARD_KEYS = ("rank", "rank_label", "rank_range", "rank_best", "gain_if_met", "largest_gain")


def board_said(index: Path) -> dict[str, dict]:
    """Per ICS code, what the page's data says beside its composite, and its map label."""
    page = index.read_text(encoding="utf-8")
    data = re.search(r'<script[^>]*id="dspt-data"[^>]*>(.*?)</script>', page, re.S)
    assert data, index
    features = json.loads(data.group(1))["layers"]["ics"]["features"]
    return {
        f["properties"]["code"]: {k: f["properties"].get(k) for k in (*BOARD_KEYS, "board_said")}
        for f in features
    }


def test_placing_trusts_by_location_agrees_with_qgis(shared_data, demo_run, tmp_path, run):
    """geopandas' point-in-polygon placement against the QGIS algorithm's own."""
    gpkg = demo_run().out / "dspt_demo.gpkg"
    result = run(
        "icscomposite",
        {
            "ICS": f"{gpkg}|layername=ics_boundaries",
            "ICS_FIELD": "STP20CD",
            "COMMISSIONERS": f"{gpkg}|layername=commissioner_status",
            "COMMISSIONER_ICS_FIELD": "STP20CD",
            "POPULATION": str(shared_data / "populations/ccg_april2020_gp_registered_jan2021.csv"),
            "POPULATION_CODE_FIELD": "CCG20CDH",
            "POPULATION_VALUE_FIELD": "registered_patients",
            "TRUSTS": f"{gpkg}|layername=trust_points",
            "OUTPUT": str(tmp_path / "by_location.gpkg"),
        },
    )
    done = run_pipeline(shared_data, tmp_path / "pipeline", "--trusts-by-location")
    assert done.returncode == 0, done.stderr[-2000:]
    qgis = composites(result["OUTPUT"], "STP20CD")
    headless = composites(
        f"{tmp_path / 'pipeline/dspt_report.gpkg'}|layername=ics_composite", "STP20CD"
    )
    assert headless == pytest.approx(qgis)


def test_pipeline_says_which_files_are_missing(tmp_path):
    done = run_pipeline(tmp_path, tmp_path / "out")
    assert done.returncode == 2
    assert "boundaries/stp_april2020.geojson" in done.stderr


@pytest.mark.skipif(
    os.environ.get("DSPT_SKIP_PIP_INSTALL") == "1", reason="DSPT_SKIP_PIP_INSTALL=1"
)
def test_pip_alone_installs_and_runs_the_pipeline(shared_data, tmp_path):
    """A fresh venv that cannot see Debian's QGIS: `pip install .[pipeline]`, then dspt-report."""
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [
            str(venv / "bin/pip"),
            "install",
            "-q",
            "--disable-pip-version-check",
            "--no-compile",  # no bytecode for pandas and numpy: a third of the install
            "numpy<2",
            f"{REPO}[pipeline]",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    done = subprocess.run(
        [str(venv / "bin/dspt-report"), "--data", str(shared_data), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "out/site/leaflet/leaflet.js").exists()
    assert (tmp_path / "out/dspt_report.gpkg").exists()
    check = subprocess.run([str(venv / "bin/python"), "-c", "import qgis"], capture_output=True)
    assert check.returncode != 0  # the pipeline really ran without QGIS


def test_the_pipeline_reads_a_recipe_table_and_an_export_by_the_notes_rule(tmp_path, caplog):
    """dspt-report reads its tables by the plugin's rule: a note under a population table
    or an export is left out and logged, never a code."""
    from types import SimpleNamespace

    from dspt_qgis.core.resolve import ImportRequest
    from dspt_qgis.pipeline.crosswalk import import_file, read_file

    (tmp_path / "pop.csv").write_text(
        "CCG20CDH,registered_patients\n00L,12\n00N,13\nSource: NHS Digital,\n", "utf-8"
    )
    recipe = SimpleNamespace(files={"population": "pop.csv"})
    read = read_file(tmp_path, recipe, "population", ("CCG20CDH", "registered_patients"))
    assert read.table["CCG20CDH"].tolist() == ["00L", "00N"]
    assert "file pop.csv: row 4 is a note" in caplog.text
    (tmp_path / "export.csv").write_text(
        "Code,Status\nRX1,22/23 Standards Met\nNote: as published,\n", "utf-8"
    )
    table = import_file(tmp_path / "export.csv", ImportRequest(edition="22/23"))
    assert table["code"].tolist() == ["RX1"]
    assert "export.csv: row 3 is a note" in caplog.text
