"""Properties of the gains over generated registers (hypothesis).

Each organisation's expected gain is worked out here with plain arithmetic from the rows
(its weight over its side's total in its ICS, times the side's share, times the rise in
score), never with the core under test.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dspt_qgis.core.component import Component
from dspt_qgis.core.composite import (
    CompositeRequest,
    GivenComposite,
    MissingComponent,
    ics_composite,
)
from dspt_qgis.core.gains import GainsRequest, composite_gains
from dspt_qgis.core.published_method import CANONICAL_STATUSES
from dspt_qgis.core.sources import layer_source
from dspt_qgis.core.weights import Weighting

SCORE = {
    "Standards Exceeded": 3,
    "Standards Met": 1,
    "Approaching Standards": -1,
    "Standards Not Met": -3,
    "Not Published": -3,
}
TARGETS = {"met": 1, "exceeded": 3}
TIER_WEIGHT = {1: 4, 2: 3, 3: 2, 4: 1}
WEIGHT_FIELD = {Weighting.MEAN: None, Weighting.POPULATION: "pop", Weighting.TIER: "tier"}

rows = st.lists(
    st.tuples(
        st.sampled_from(["G1", "G2", "G3", "G4"]),
        st.sampled_from(CANONICAL_STATUSES),
        st.integers(1, 10**6),
        st.integers(1, 4),
    ),
    max_size=25,
)


@st.composite
def registers(draw):
    """Commissioners and trusts (code, ICS, status, population, tier, decided_by): some
    organisations' status decided by another organisation of the same status, on either
    side; the method's choices."""
    sides = [[(f"{p}{i}", *row) for i, row in enumerate(draw(rows))] for p in ("C", "T")]
    everyone = sides[0] + sides[1]
    frames = []
    for organisations in sides:
        records = []
        for code, ics, status, population, tier in organisations:
            alike = [o[0] for o in everyone if o[2] == status]
            decider = draw(st.one_of(st.none(), st.sampled_from(alike)))
            records.append((code, ics, status, population, tier, decider))
        frames.append(
            pd.DataFrame(records, columns=["code", "ics", "status", "pop", "tier", "decided_by"])
        )
    request = CompositeRequest(
        commissioner_share=draw(st.floats(0, 1)),
        missing=draw(st.sampled_from(list(MissingComponent))),
    )
    methods = (
        draw(st.sampled_from([Weighting.MEAN, Weighting.POPULATION])),
        draw(st.sampled_from([Weighting.MEAN, Weighting.TIER])),
    )
    return frames, methods, request


def component(frame: pd.DataFrame, role: str, weighting: Weighting) -> Component:
    return Component(
        frame,
        layer_source(role),
        role,
        code_field="code",
        status_field="status",
        group_field="ics",
        weight_field=WEIGHT_FIELD[weighting],
        weighting=weighting,
    )


def gains(frames, methods, request, decided: bool = True) -> pd.DataFrame:
    commissioners = component(frames[0], "commissioner", methods[0])
    trusts = component(frames[1], "trust", methods[1])
    composite = ics_composite(commissioners, trusts, request).table
    field = "decided_by" if decided else None
    return composite_gains(
        commissioners,
        trusts,
        GivenComposite(composite, layer_source("composite")),
        GainsRequest(request, field, field),
    ).table


def expected_gains(frames, methods, request) -> dict[str, dict[str, float]]:
    """Per organisation code: its change to its ICS's composite for each target, by hand."""
    weight_of = [
        lambda r: 1 if methods[0] is Weighting.MEAN else r["pop"],
        lambda r: 1 if methods[1] is Weighting.MEAN else TIER_WEIGHT[r["tier"]],
    ]
    totals: list[dict[str, float]] = [defaultdict(float), defaultdict(float)]
    for which, frame in enumerate(frames):
        for r in frame.to_dict("records"):
            totals[which][r["ics"]] += weight_of[which](r)
    expected = {}
    for which, frame in enumerate(frames):
        for r in frame.to_dict("records"):
            has_other = r["ics"] in totals[1 - which]
            if has_other:
                share = request.commissioner_share if which == 0 else 1 - request.commissioner_share
            else:
                share = 1.0 if request.missing is MissingComponent.USE_AVAILABLE else math.nan
            fraction = weight_of[which](r) / totals[which][r["ics"]]
            expected[r["code"]] = {
                suffix: share * fraction * max(0, target - SCORE[r["status"]])
                for suffix, target in TARGETS.items()
            }
    return expected


@given(register=registers())
def test_gains_are_never_negative_exceeded_gains_at_least_met_and_ranks_never_fall(register):
    table = gains(*register)
    scored = table[table["composite_score"].notna()]
    assert (scored["gain_if_met"] >= 0).all()
    assert (scored["gain_if_exceeded"] >= scored["gain_if_met"]).all()
    assert table.loc[table["composite_score"].isna(), "gain_if_met"].isna().all()
    in_one_ics = scored[~scored["code"].duplicated(keep=False)]  # others may overtake
    assert (in_one_ics["rank_if_met"] <= in_one_ics["rank"]).all()
    assert (in_one_ics["rank_if_exceeded"] <= in_one_ics["rank_if_met"]).all()


@given(register=registers())
def test_each_gain_is_the_weight_share_times_the_rise_in_score(register):
    table = gains(*register, decided=False).set_index("code")
    for code, expected in expected_gains(*register).items():
        for suffix, value in expected.items():
            got = table.loc[code, f"gain_if_{suffix}"]
            assert got == pytest.approx(value, abs=1e-9, nan_ok=True)


@given(register=registers())
def test_a_submission_gains_the_sum_of_the_organisations_it_decides(register):
    frames = register[0]
    table = gains(*register).set_index(["code", "ics"])
    singles = expected_gains(*register)
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for frame in frames:
        for code, ics, decider in zip(frame["code"], frame["ics"], frame["decided_by"]):
            members[(decider or code, ics)].append(code)
    assert set(table.index) == set(members)
    for key, codes in members.items():
        assert table.loc[key, "covers"] == ", ".join(sorted(codes))
        for suffix in TARGETS:
            total = sum(singles[c][suffix] for c in codes)
            assert table.loc[key, f"gain_if_{suffix}"] == pytest.approx(
                total, abs=1e-9, nan_ok=True
            )


@given(register=registers(), seed=st.integers(0, 9999))
def test_permuting_rows_never_changes_gains(register, seed):
    frames, methods, request = register
    shuffled = [f.sample(frac=1, random_state=seed + i) for i, f in enumerate(frames)]
    pd.testing.assert_frame_equal(
        gains(frames, methods, request), gains(shuffled, methods, request), rtol=1e-12
    )
