"""Properties of parsing, resolution and aggregation over generated inputs (hypothesis)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from dspt_qgis.core.aggregate import Component, ics_composite
from dspt_qgis.core.reader import ColumnMap
from dspt_qgis.core.resolve import resolve_export
from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme
from dspt_qgis.core.statuses import CANONICAL_STATUSES, parse_status

SCORED = [s for s in CANONICAL_STATUSES if s != "Not Published"]
editions = st.sampled_from(["19/20", "20/21", "21/22", "22/23"])
statuses = st.sampled_from(CANONICAL_STATUSES)
groups = st.sampled_from(["G1", "G2", "G3"])


def jumble(text: str, data) -> str:
    """Random case and runs of spaces, as exports from different tools have them."""
    words = [data.draw(st.sampled_from([w, w.lower(), w.upper()])) for w in text.split()]
    return data.draw(st.sampled_from([" ", "  "])).join(words)


@given(edition=editions, status=st.sampled_from(SCORED), data=st.data())
def test_any_spelling_of_a_dated_status_parses(edition, status, data):
    assert parse_status(f"{edition} {jumble(status, data)}") == (edition, status)


raw_status = st.one_of(
    st.none(),
    st.just("Not Published"),
    st.builds(lambda e, s: f"{e} {s}", editions, st.sampled_from(SCORED)),
)


@st.composite
def exports(draw):
    """An export of distinct codes with random statuses and successors (no loops: successors point down the list)."""
    size = draw(st.integers(1, 25))
    rows = []
    for index in range(size):
        successor = (
            draw(st.one_of(st.none(), st.integers(index + 1, size))) if index < size - 1 else None
        )
        rows.append(
            {
                "Code": f"C{index}",
                "Status": draw(raw_status),
                "Successor": None if successor is None else f"C{min(successor, size - 1)}",
            }
        )
    return pd.DataFrame(rows)


COLUMNS = ColumnMap(code="Code", status="Status", successor_code="Successor")


@given(table=exports(), edition=editions)
def test_resolved_scores_stay_within_the_scheme(table, edition):
    result = resolve_export(table, COLUMNS, edition=edition)
    assert result.table["score"].between(DEFAULT_SCHEME.lower, DEFAULT_SCHEME.upper).all()
    assert set(result.table["status"]) <= set(CANONICAL_STATUSES)
    assert len(result.diagnostics) == len(table)


@given(table=exports(), edition=editions, seed=st.randoms())
def test_permuting_rows_never_changes_statuses(table, edition, seed):
    shuffled = table.sample(frac=1, random_state=seed.randint(0, 10_000)).reset_index(drop=True)
    first = (
        resolve_export(table, COLUMNS, edition=edition)
        .table.set_index("code")["status"]
        .sort_index()
    )
    second = (
        resolve_export(shuffled, COLUMNS, edition=edition)
        .table.set_index("code")["status"]
        .sort_index()
    )
    assert first.equals(second)


organisations = st.lists(
    st.tuples(groups, statuses, st.integers(1, 10**6), st.integers(1, 4)), min_size=1, max_size=30
)
schemes = st.fixed_dictionaries(
    {s: st.floats(-10, 10, allow_nan=False) for s in CANONICAL_STATUSES}
)


def component(rows, label, method):
    frame = pd.DataFrame(
        [
            {"code": f"{label}{i}", "ics": g, "status": s, "pop": p, "tier": t}
            for i, (g, s, p, t) in enumerate(rows)
        ]
    )
    weight = {"mean": None, "population": "pop", "tier": "tier"}[method]
    return Component(frame, label, weight_field=weight, method=method)


@given(
    commissioners=organisations,
    trusts=organisations,
    share=st.floats(0, 1),
    c_method=st.sampled_from(["mean", "population"]),
    t_method=st.sampled_from(["mean", "tier"]),
)
def test_composite_stays_within_minus3_and_3(commissioners, trusts, share, c_method, t_method):
    result = ics_composite(
        component(commissioners, "c", c_method),
        component(trusts, "t", t_method),
        commissioner_share=share,
    )
    scores = result.table["composite_score"].dropna()
    assert scores.between(-3 - 1e-9, 3 + 1e-9).all()


@given(commissioners=organisations, trusts=organisations, scores=schemes)
def test_any_scheme_bounds_its_composite(commissioners, trusts, scores):
    scheme = ScoringScheme(scores)
    result = ics_composite(
        component(commissioners, "c", "mean"), component(trusts, "t", "mean"), scheme=scheme
    )
    assert (
        result.table["composite_score"]
        .dropna()
        .between(scheme.lower - 1e-9, scheme.upper + 1e-9)
        .all()
    )


@given(commissioners=organisations, trusts=organisations, seed=st.integers(0, 9999))
def test_permuting_rows_never_changes_composites(commissioners, trusts, seed):
    ordered_c, ordered_t = (
        component(commissioners, "c", "population"),
        component(trusts, "t", "tier"),
    )
    shuffled_c = Component(
        ordered_c.table.sample(frac=1, random_state=seed),
        "c",
        weight_field="pop",
        method="population",
    )
    shuffled_t = Component(
        ordered_t.table.sample(frac=1, random_state=seed + 1),
        "t",
        weight_field="tier",
        method="tier",
    )
    columns = [
        "commissioner_score",
        "trust_score",
        "composite_score",
        "n_commissioners",
        "n_trusts",
    ]
    a = ics_composite(ordered_c, ordered_t).table.set_index("ics")[columns].sort_index()
    b = ics_composite(shuffled_c, shuffled_t).table.set_index("ics")[columns].sort_index()
    pd.testing.assert_frame_equal(a, b, rtol=1e-12)


@given(rows=organisations, added=statuses)
def test_adding_an_organisation_moves_the_simple_mean_towards_its_score(rows, added):
    trusts = component(rows, "t", "mean")
    before = ics_composite(
        component([], "c", "mean"), trusts, missing_component="use_available"
    ).table
    before = before.set_index("ics")["trust_score"]
    group = rows[0][0]
    extended = component([*rows, (group, added, 1, 1)], "t", "mean")
    after = ics_composite(
        component([], "c", "mean"), extended, missing_component="use_available"
    ).table
    after = after.set_index("ics")["trust_score"]
    score = DEFAULT_SCHEME.scores[added]
    assert abs(after[group] - score) <= abs(before[group] - score) + 1e-12
    assert min(before[group], score) - 1e-12 <= after[group] <= max(before[group], score) + 1e-12
