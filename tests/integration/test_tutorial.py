"""The documentation site's tutorial, run as written: its ``qgis_process`` commands in order,
on the sample data, on every QGIS the suite runs on (the page itself is checked with the
site, in test_docs.py)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def tutorial_runs() -> list[tuple[str, dict[str, str]]]:
    """The tutorial's commands, as the algorithm and parameters each runs with."""
    text = (REPO / "docs" / "tutorial.md").read_text(encoding="utf-8")
    runs = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        tokens = shlex.split(block.replace("\\\n", " "))
        assert tokens[:2] == ["qgis_process", "run"], tokens
        assert tokens[3] == "--", tokens
        runs.append((tokens[2], dict(token.split("=", 1) for token in tokens[4:])))
    return runs


def test_every_file_the_tutorial_names_is_a_file_of_the_sample_data(shared_data):
    """The files the tutorial tells the reader to get are the sample data's, as ``make
    demo`` reads them for 2020/21 and lists them with their sources when they are missing
    (not ``make data``'s downloads, which are other files), and each is there."""
    from dspt_qgis.pipeline.recipes import SOURCES, recipe_for

    text = (REPO / "docs" / "tutorial.md").read_text(encoding="utf-8")
    folders = "|".join(SOURCES)
    named = set(re.findall(rf"\b((?:{folders})/[\w/.-]+\.(?:csv|geojson|xlsx))", text))
    assert len(named) == 4, named
    assert named <= set(recipe_for("20/21").files.values())
    assert all((shared_data / path).is_file() for path in named)
    assert "make data" not in text
    assert "`make demo` lists each one" in text


def test_the_tutorial_runs_as_written(dspt_provider, shared_data, tmp_path, monkeypatch):
    """Every command of the tutorial, in order, in a folder holding the sample data as
    ``data``: each runs, the composites are the published method's (the hand-written
    oracle, weighted by GP registered patients), and the board pack comes out at the end."""
    from qgis import processing
    from qgis.core import QgsVectorLayer

    from tests import hand_method

    (tmp_path / "data").symlink_to(shared_data, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for algorithm_id, parameters in tutorial_runs():
        processing.run(algorithm_id, parameters)
    composite = QgsVectorLayer(str(tmp_path / "composite.gpkg"), "composite", "ogr")
    scores = {f["STP20CD"]: f["composite_score"] for f in composite.getFeatures()}
    assert scores == pytest.approx(hand_method.composites_2020_21(shared_data, True))
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "atlas.pdf").stat().st_size > 100_000
