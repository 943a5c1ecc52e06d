"""Scoring schemes: the published default, custom schemes and their bounds."""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.errors import ScoringError
from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme


def test_default_scheme_is_the_published_method():
    statuses = pd.Series(
        [
            "Standards Exceeded",
            "Standards Met",
            "Approaching Standards",
            "Standards Not Met",
            "Not Published",
        ]
    )
    assert DEFAULT_SCHEME.score(statuses).tolist() == [3, 1, -1, -3, -3]
    assert (DEFAULT_SCHEME.lower, DEFAULT_SCHEME.upper) == (-3, 3)


def test_scheme_from_text_changes_only_named_statuses():
    scheme = ScoringScheme.from_text("not published = -4; Standards Met=2")
    assert scheme.scores["Not Published"] == -4
    assert scheme.scores["Standards Met"] == 2
    assert scheme.scores["Standards Exceeded"] == 3
    assert scheme.lower == -4


def test_scheme_can_add_a_new_status():
    scheme = ScoringScheme.from_text("Achieved=3; Partially Achieved=0")
    assert scheme.added_statuses == ("Achieved", "Partially Achieved")
    assert scheme.score(pd.Series(["Achieved"])).tolist() == [3.0]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Brilliant", "Brilliant"),
        ("Standards Met=lots", "'lots'"),
        ("Standards Mett=1", "did you mean 'Standards Met'"),
        ("Standards Met=nan", "not a finite number"),
        ("Standards Met=inf", "not a finite number"),
        ("Standards Met=1; standards met=2", "twice"),
    ],
)
def test_scheme_text_errors_name_the_part(text, fragment):
    with pytest.raises(ScoringError, match=fragment):
        ScoringScheme.from_text(text)


def test_scheme_must_score_every_canonical_status():
    with pytest.raises(ScoringError, match="Not Published"):
        ScoringScheme(
            {
                "Standards Exceeded": 3,
                "Standards Met": 1,
                "Approaching Standards": -1,
                "Standards Not Met": -3,
            }
        )


def test_status_without_score_is_an_error():
    with pytest.raises(ScoringError, match="Entry Level"):
        DEFAULT_SCHEME.score(pd.Series(["Entry Level"]))
