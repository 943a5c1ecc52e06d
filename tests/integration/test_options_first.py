"""A mistyped choice (Scores, DSPT edition, EPRR tier weights) stops the run before any
input is read: the analyst hears of the typo at once, not after every layer is read and
every point placed. Tried on every algorithm that has such a choice."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from dspt_qgis.processing_algs.support.algorithm import DsptAlgorithm
from tests.integration.cases import ALGORITHMS, every_output_into

#: Each choice, a mistyped value of it, and words the message must have.
MISTYPED = {
    "SCORES": ("Standards Met=one", "'one'"),
    "EDITION": ("2O/21", "2O/21"),
    "TIER_WEIGHTS": ("1=4;2=three", "three"),
}
#: The ways an algorithm reads its inputs (Python calls on the algorithm).
READERS = ("parameterAsSource", "parameterAsVectorLayer", "parameterAsFile", "parameterAsLayerList")


def cases() -> list[tuple[str, str]]:
    registry = QgsApplication.processingRegistry()
    return [
        (name, key)
        for name in ALGORITHMS
        for key in MISTYPED
        if registry.algorithmById(f"dspt:{name}").parameterDefinition(key) is not None
    ]


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The input keys read during a run (each reader wrapped on the algorithms' class)."""
    seen: list[str] = []
    for reader in READERS:
        original = getattr(DsptAlgorithm, reader)

        def spy(self, parameters, key, *rest, _original=original):
            seen.append(key)
            return _original(self, parameters, key, *rest)

        monkeypatch.setattr(DsptAlgorithm, reader, spy, raising=False)
    return seen


#: Parametrised slots, one per case (the cases are known only once QGIS runs).
SLOTS = 20


def test_the_cases_cover_scores_editions_and_tier_weights(dspt_provider):
    found = {key for _, key in cases()}
    assert found == set(MISTYPED)
    assert 10 <= len(cases()) <= SLOTS


@pytest.mark.parametrize("index", range(SLOTS))
def test_a_mistyped_choice_stops_the_run_before_any_input_is_read(
    run, inputs, reads, tmp_path, index
):
    every = cases()
    if index >= len(every):
        pytest.skip("fewer algorithm choices than slots")  # the count is checked above
    name, key = every[index]
    parameters, _ = inputs[name]
    value, said = MISTYPED[key]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException) as error:
        run(name, {**parameters, **every_output_into(out, name), key: value})
    assert said in str(error.value)
    assert reads == [], f"{name} read {reads} before checking {key}"
    assert list(out.iterdir()) == []
