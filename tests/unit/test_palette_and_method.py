"""The palette's classes follow the scoring scheme; the method's words follow its numbers."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest

from dspt_qgis.core.published_method import PUBLISHED_SCORES, method_summary
from dspt_qgis.core.scoring import ScoringScheme
from dspt_qgis.presentation.palette import (
    BLUES,
    STATUS_COLOURS,
    composite_classes,
    ramp,
    status_colours,
)

REPO = Path(__file__).resolve().parents[2]


def test_published_classes_cover_minus3_to_3_with_exact_labels():
    classes = composite_classes()
    assert [(c.lower, c.upper) for c in classes] == [
        (-3, -2),
        (-2, -1),
        (-1, 0),
        (0, 1),
        (1, 2),
        (2, 3),
    ]
    assert classes[0].label == "−3 ≤ score ≤ −2 (worst)"
    assert classes[3].label == "0 < score ≤ +1"
    assert classes[-1].label == "+2 < score ≤ +3 (best)"


def test_a_custom_scheme_gets_classes_for_its_whole_range():
    scheme = ScoringScheme.from_text("Not Published=-4")
    classes = composite_classes(scheme.scores)
    assert classes[0].lower == -4
    assert classes[-1].upper == 3
    assert len(classes) == 7


def test_status_colours_do_not_share_the_population_blues():
    assert not set(STATUS_COLOURS.values()) & set(BLUES)
    assert list(status_colours()) == list(PUBLISHED_SCORES)


def test_ramp_ends_on_its_stops():
    colours = ramp(["#000000", "#ffffff"], 3)
    assert colours == ["#000000", "#808080", "#ffffff"]


def test_metadata_states_the_method_the_code_computes():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / "metadata.txt", encoding="utf-8")
    assert method_summary() in parser["general"]["about"].replace("\n", " ")


@pytest.mark.parametrize("number", ["3", "-3", "-1", "0.5"])
def test_method_summary_is_written_from_the_constants(number):
    assert number in method_summary()
