"""Properties of parsing, resolution and aggregation over generated inputs (hypothesis).

Expected values here are computed with plain Python arithmetic, never with the core.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.component import Component
from dspt_qgis.core.composite import CompositeRequest, MissingComponent, ics_composite
from dspt_qgis.core.errors import DsptError, EditionError, PopulationError
from dspt_qgis.core.export_columns import ColumnMap
from dspt_qgis.core.published_method import CANONICAL_STATUSES
from dspt_qgis.core.reader import TableRead
from dspt_qgis.core.resolve import ImportRequest, resolve_export
from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme
from dspt_qgis.core.sources import file_source, layer_source
from dspt_qgis.core.statuses import parse_status
from dspt_qgis.core.weights import Weighting

SCORED = [s for s in CANONICAL_STATUSES if s != "Not Published"]
#: The published scores, written out here rather than taken from the core under test.
SCORE = {
    "Standards Exceeded": 3,
    "Standards Met": 1,
    "Approaching Standards": -1,
    "Standards Not Met": -3,
    "Not Published": -3,
}
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
    """An export of distinct codes with random statuses and successors (no loops:
    successors point down the list)."""
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
    frame = pd.DataFrame(rows)
    frame["source_row"] = range(2, len(frame) + 2)
    return frame


COLUMNS = ColumnMap(code="Code", status="Status", successor_code="Successor")


def holds_no_status_of(table: pd.DataFrame, edition: str) -> bool:
    """True where some status names an edition but none names ``edition``: the import
    stops there (every organisation would be Not Published)."""
    dated = [s for s in table["Status"] if s is not None and s != "Not Published"]
    return bool(dated) and not any(s.startswith(edition + " ") for s in dated)


def resolve(table: pd.DataFrame, edition: str):
    return resolve_export(
        TableRead(table, file_source("x.csv")), COLUMNS, ImportRequest(edition=edition)
    )


@given(table=exports(), edition=editions)
def test_resolved_scores_stay_within_the_scheme(table, edition):
    if holds_no_status_of(table, edition):
        with pytest.raises(EditionError, match=f"no status in column 'Status' is of the {edition}"):
            resolve(table, edition)
        return
    result = resolve(table, edition)
    assert result.table["score"].between(DEFAULT_SCHEME.lower, DEFAULT_SCHEME.upper).all()
    assert set(result.table["status"]) <= set(CANONICAL_STATUSES)
    assert len(result.diagnostics) == len(table)


@st.composite
def exports_repeating_codes(draw):
    """An export whose codes repeat (an organisation listed twice, perhaps with two
    successors or two successor statuses) and whose successors may loop."""
    pool = [f"C{i}" for i in range(draw(st.integers(1, 8)))]
    rows = [
        {
            "Code": draw(st.sampled_from(pool)),
            "Status": draw(raw_status),
            "Successor": draw(st.one_of(st.none(), st.sampled_from(pool))),
            "Successor Status": draw(st.one_of(st.none(), raw_status)),
        }
        for _ in range(draw(st.integers(1, 20)))
    ]
    frame = pd.DataFrame(rows)
    frame["source_row"] = range(2, len(frame) + 2)
    return frame


def outcome(table: pd.DataFrame, edition: str) -> tuple[str, object]:
    """What resolving gives: the error's kind, or each code's status, source and score."""
    columns = ColumnMap(
        code="Code",
        status="Status",
        successor_code="Successor",
        successor_status="Successor Status",
    )
    try:
        result = resolve_export(
            TableRead(table, file_source("x.csv")), columns, ImportRequest(edition=edition)
        )
    except DsptError as error:
        return type(error).__name__, None
    resolved = result.table.set_index("code")[["status", "status_source", "score"]].astype(object)
    return "resolved", resolved.sort_index().to_dict("index")


@given(table=exports(), edition=editions, seed=st.randoms())
def test_permuting_rows_never_changes_statuses(table, edition, seed):
    assume(not holds_no_status_of(table, edition))
    shuffled = table.sample(frac=1, random_state=seed.randint(0, 10_000)).reset_index(drop=True)
    first = resolve(table, edition).table.set_index("code")["status"].sort_index()
    second = resolve(shuffled, edition).table.set_index("code")["status"].sort_index()
    assert first.equals(second)


@given(table=exports_repeating_codes(), edition=editions, seed=st.randoms())
def test_rows_of_one_code_give_one_answer_in_any_order(table, edition, seed):
    """Repeated codes with conflicting successors, successor statuses or loops: every
    order of the rows stops with the same kind of error, or resolves to the same
    status, source and score for every code."""
    shuffled = table.sample(frac=1, random_state=seed.randint(0, 10_000)).reset_index(drop=True)
    shuffled["source_row"] = range(2, len(shuffled) + 2)
    assert outcome(table, edition) == outcome(shuffled, edition)


@given(table=exports_repeating_codes(), edition=editions)
def test_a_code_counted_once_agrees_with_every_row_of_it(table, edition):
    """When rows of a code are counted once, each of them alone gives that status."""
    kind, resolved = outcome(table, edition)
    if kind != "resolved":
        return
    for code, answer in resolved.items():
        for _, row in table[table["Code"] == code].iterrows():
            alone = table[(table["Code"] != code) | (table.index == row.name)].reset_index(
                drop=True
            )
            alone["source_row"] = range(2, len(alone) + 2)
            single_kind, single = outcome(alone, edition)
            assert single_kind == "resolved"
            assert single[code]["status"] == answer["status"]


organisations = st.lists(
    st.tuples(groups, statuses, st.integers(1, 10**6), st.integers(1, 4)), min_size=1, max_size=30
)
schemes = st.fixed_dictionaries(
    {s: st.floats(-10, 10, allow_nan=False) for s in CANONICAL_STATUSES}
)
code_types = st.sampled_from(["text", "int", "real"])


def typed(group: str, kind: str) -> object:
    """The ICS code as a text, integer or real field would hold it ("G2" -> 2 / 2.0)."""
    number = int(group[1:])
    return {"text": str(number), "int": number, "real": float(number)}[kind]


def component(rows, role, weighting=Weighting.MEAN, code_type="text", frame=None):
    frame = (
        frame
        if frame is not None
        else pd.DataFrame(
            [
                {"code": f"{role}{i}", "ics": typed(g, code_type), "status": s, "pop": p, "tier": t}
                for i, (g, s, p, t) in enumerate(rows)
            ],
            columns=["code", "ics", "status", "pop", "tier"],
        )
    )
    weight = {Weighting.MEAN: None, Weighting.POPULATION: "pop", Weighting.TIER: "tier"}[weighting]
    return Component(
        frame,
        layer_source(role),
        role,
        code_field="code",
        status_field="status",
        group_field="ics",
        weight_field=weight,
        weighting=weighting,
    )


def expected_mean(rows, weighting) -> dict[str, float]:
    """The (weighted) mean score per group, by plain arithmetic."""
    tier_weight = {1: 4, 2: 3, 3: 2, 4: 1}
    totals: dict[str, list[float]] = {}
    for group, status, population, tier in rows:
        weight = {
            Weighting.MEAN: 1,
            Weighting.POPULATION: population,
            Weighting.TIER: tier_weight[tier],
        }[weighting]
        key = str(int(group[1:]))
        sums = totals.setdefault(key, [0.0, 0.0])
        sums[0] += weight * SCORE[status]
        sums[1] += weight
    return {g: s / w for g, (s, w) in totals.items()}


@given(
    commissioners=organisations,
    trusts=organisations,
    share=st.floats(0, 1),
    c_method=st.sampled_from([Weighting.MEAN, Weighting.POPULATION]),
    t_method=st.sampled_from([Weighting.MEAN, Weighting.TIER]),
)
def test_composite_is_the_weighted_means_combined(commissioners, trusts, share, c_method, t_method):
    """Equal to a plain-arithmetic computation, and within -3..3."""
    result = ics_composite(
        component(commissioners, "c", c_method),
        component(trusts, "t", t_method),
        CompositeRequest(commissioner_share=share),
    )
    table = result.table.set_index("ics")
    means_c, means_t = expected_mean(commissioners, c_method), expected_mean(trusts, t_method)
    for group in set(means_c) & set(means_t):
        expected = share * means_c[group] + (1 - share) * means_t[group]
        assert table.loc[group, "composite_score"] == pytest.approx(expected, abs=1e-9)
    scores = table["composite_score"].dropna()
    assert scores.between(-3, 3).all()


@given(commissioners=organisations, trusts=organisations, scores=schemes, share=st.floats(0, 1))
def test_any_scheme_bounds_its_composite(commissioners, trusts, scores, share):
    scheme = ScoringScheme(scores)
    result = ics_composite(
        component(commissioners, "c"),
        component(trusts, "t"),
        CompositeRequest(scheme=scheme, commissioner_share=share),
    )
    assert result.table["composite_score"].dropna().between(scheme.lower, scheme.upper).all()


@given(commissioners=organisations, trusts=organisations, code_type=code_types)
def test_code_field_types_never_change_composites(commissioners, trusts, code_type):
    """ICS codes typed as integer or real (2, 2.0) give the composites of text codes ("2")."""
    as_text = ics_composite(
        component(commissioners, "c"),
        component(trusts, "t"),
        CompositeRequest(groups=IcsCodes.of(["1", "2", "3"])),
    )
    as_typed = ics_composite(
        component(commissioners, "c", code_type=code_type),
        component(trusts, "t", code_type=code_type),
        CompositeRequest(groups=IcsCodes.of([typed(g, code_type) for g in ("G1", "G2", "G3")])),
    )
    pd.testing.assert_frame_equal(as_text.table, as_typed.table)


bad_numbers = st.one_of(
    st.just(float("nan")),
    st.just(float("inf")),
    st.just(-float("inf")),
    st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False),
    st.floats(min_value=1.01e9, allow_nan=False, allow_infinity=False),
    st.just("many"),
    st.none(),
)


@given(rows=organisations, bad=bad_numbers, position=st.integers(0, 29))
def test_a_bad_population_stops_never_weighs(rows, bad, position):
    """NaN, infinite, negative, huge or missing populations stop the run naming the code."""
    frame = component(rows, "c", Weighting.POPULATION).table.astype({"pop": object})
    index = position % len(frame)
    frame.loc[index, "pop"] = bad
    with pytest.raises(PopulationError, match=f"C{index} "):
        ics_composite(
            component(rows, "c", Weighting.POPULATION, frame=frame),
            component([], "t"),
            CompositeRequest(),
        )


@given(commissioners=organisations, trusts=organisations, seed=st.integers(0, 9999))
def test_permuting_rows_never_changes_composites(commissioners, trusts, seed):
    ordered_c = component(commissioners, "c", Weighting.POPULATION)
    ordered_t = component(trusts, "t", Weighting.TIER)
    shuffled_c = component(
        commissioners,
        "c",
        Weighting.POPULATION,
        frame=ordered_c.table.sample(frac=1, random_state=seed),
    )
    shuffled_t = component(
        trusts, "t", Weighting.TIER, frame=ordered_t.table.sample(frac=1, random_state=seed + 1)
    )
    columns = [
        "commissioner_score",
        "trust_score",
        "composite_score",
        "n_commissioners",
        "n_trusts",
    ]
    a = (
        ics_composite(ordered_c, ordered_t, CompositeRequest())
        .table.set_index("ics")[columns]
        .sort_index()
    )
    b = (
        ics_composite(shuffled_c, shuffled_t, CompositeRequest())
        .table.set_index("ics")[columns]
        .sort_index()
    )
    pd.testing.assert_frame_equal(a, b, rtol=1e-12)


@given(rows=organisations, added=statuses)
def test_adding_an_organisation_moves_the_simple_mean_towards_its_score(rows, added):
    request = CompositeRequest(missing=MissingComponent.USE_AVAILABLE)
    before = ics_composite(component([], "c"), component(rows, "t"), request).table
    before = before.set_index("ics")["trust_score"]
    group = str(int(rows[0][0][1:]))
    after = ics_composite(
        component([], "c"), component([*rows, (rows[0][0], added, 1, 1)], "t"), request
    ).table
    after = after.set_index("ics")["trust_score"]
    score = SCORE[added]
    assert abs(after[group] - score) <= abs(before[group] - score) + 1e-12
    assert min(before[group], score) - 1e-12 <= after[group] <= max(before[group], score) + 1e-12
    assert not math.isnan(after[group])
