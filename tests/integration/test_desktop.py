"""QGIS desktop in a real window (Xvfb), the plugin installed from the release zip in a fresh
profile: a dialog's Help button leads to the algorithm's page, a dialog run with its default
temporary output ends clean, and the demo project opens without asking or warning about
datum transformations."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dspt_qgis.processing_algs.support.help import algorithm_help_url, plugin_version
from tests.prerequisites import unavailable

pytestmark = pytest.mark.host  # the host's own tools, whatever the QGIS version

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def desktop(shared_data, demo_run, tmp_path_factory):
    if not (shutil.which("Xvfb") and shutil.which("qgis")):
        unavailable("QGIS desktop or Xvfb not installed (run `make setup`)")
    out = tmp_path_factory.mktemp("desktop")
    project = demo_run().out / "dspt_demo.qgz"
    done = subprocess.run(
        [
            str(REPO / "scripts/qgis_desktop_check.sh"),
            str(out),
            str(shared_data / "dspt/2020_21/curated_dspt_20220208.csv"),
            str(project),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = out / "desktop_check.json"
    assert report.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(report.read_text()), out


def test_dialog_run_ends_without_red_text(desktop):
    result, out = desktop
    dialog = result["dialog"]
    assert "Algorithm 'Import DSPT status export' finished" in dialog["log"]
    assert "not correctly generated" not in dialog["log"]
    assert not dialog["red"]
    assert dialog["layers_loaded"] == 1
    assert dialog["layer_names"] == ["DSPT statuses"]
    assert (out / "qgis_dialog_log.png").stat().st_size > 10_000


def test_dialog_help_button_opens_the_algorithms_page(desktop):
    """The dialog's Help button is enabled and leads to the algorithm's page of this
    version's documentation site (the page itself: tests/integration/test_docs.py)."""
    result, out = desktop
    assert result["help"]["button_enabled"]
    assert result["help"]["url"] == algorithm_help_url("importexport")
    assert result["help"]["url"].endswith(f"/{plugin_version()}/algorithms/importexport.html")
    assert (out / "qgis_dialog_parameters.png").stat().st_size > 10_000


def test_demo_project_opens_without_a_prompt(desktop):
    result, _ = desktop
    project = result["project"]
    assert project["opened"]
    assert project["modal"] is None
    assert not [m for m in project["messages"] if "transform" in m.lower()]
    assert project["themes"] == [
        "1 Individual compliance",
        "2 Trust proportions",
        "3 ICS composite",
        "4 Trust change",
        "6 ICS trend",
        "Atlas: ICS page",
        "Atlas: cover",
    ]
