"""Inputs that must belong together (core.agreement), over generated editions and
geographies: any two inputs recording different editions stop the run naming both; a
per-ICS input with codes the reference lacks, or without its ICS field, stops naming both.

Editions are generated in the spellings exports use and compared here by their first year
worked out by hand, never by the code under test.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dspt_qgis.core.agreement import (
    Edition,
    Geography,
    edition_among,
    edition_in_field,
    editions_in_order,
    same_edition,
    same_geography,
    table_edition,
)
from dspt_qgis.core.errors import EditionError, GeographyError
from dspt_qgis.core.scoring import DEFAULT_SCHEME
from dspt_qgis.core.sources import layer_source

YEARS = st.integers(18, 30)
SOURCES = [
    "layer ics_composite in demo.gpkg",
    "layer trust_points in demo.gpkg",
    "layer commissioner_status in demo.gpkg",
    "layer summary in demo.gpkg",
    "layer trust_change in other.gpkg",
]


def spelled(year: int, draw) -> str:
    """Edition ``year``/``year+1`` in one of the spellings the tools read."""
    return draw(
        st.sampled_from(
            [
                f"{year}/{year + 1}",
                f"20{year}/{year + 1}",
                f"20{year}-{year + 1}",
                f"20{year}/20{year + 1}",
                f"20{year}-{year + 1} (version 7)",
            ]
        )
    )


@st.composite
def records(draw):
    """Inputs with an edition each (some none), named, and the first year each records."""
    chosen = draw(st.lists(st.one_of(st.none(), YEARS), min_size=2, max_size=5))
    inputs = []
    for source, year in zip(SOURCES, chosen):
        values = (
            [] if year is None else [spelled(year, draw) for _ in range(draw(st.integers(1, 3)))]
        )
        inputs.append((source, year, values))
    return inputs


@given(records())
def test_inputs_of_one_edition_agree_and_any_two_editions_stop_naming_both(inputs):
    editions = [edition_in_field(values, source=s, field="edition") for s, _, values in inputs]
    known = [(source, year) for source, year, _ in inputs if year is not None]
    differing = next(((s, y) for s, y in known if y != known[0][1]), None)
    if differing is None:
        expected = f"{known[0][1]}/{known[0][1] + 1}" if known else None
        assert same_edition(*editions) == expected
        return
    with pytest.raises(EditionError) as error:
        same_edition(*editions)
    (first, year), (other, other_year) = known[0], differing
    assert str(error.value).startswith(
        f"Inputs of different editions: {first} (field 'edition'): {year}/{year + 1}, but "
        f"{other} (field 'edition'): {other_year}/{other_year + 1}."
    )


@given(st.lists(YEARS, min_size=2, max_size=4, unique=True), st.data())
def test_an_output_recording_several_editions_stops_naming_them(years, data):
    values = [spelled(y, data.draw) for y in years]
    with pytest.raises(EditionError) as error:
        edition_in_field(values, source="layer summary", field="edition")
    listed = ", ".join(f"{y}/{y + 1}" for y in sorted(years))
    assert f"layer summary: field 'edition' records {len(years)} editions ({listed})" in str(
        error.value
    )


@given(YEARS, YEARS, st.data())
def test_a_comparison_runs_from_an_earlier_to_a_later_edition(before, after, data):
    earlier = edition_in_field([spelled(before, data.draw)], source="layer 2020", field="edition")
    later = edition_in_field([spelled(after, data.draw)], source="layer 2022", field="edition")
    if before < after:
        editions_in_order(earlier, later)
        return
    with pytest.raises(EditionError) as error:
        editions_in_order(earlier, later)
    message = str(error.value)
    assert f"layer 2020 (field 'edition'): {before}/{before + 1}" in message
    assert f"layer 2022 (field 'edition'): {after}/{after + 1}" in message
    assert ("Swap them" in message) == (before > after)


@given(YEARS, st.lists(YEARS, min_size=1, max_size=4, unique=True))
def test_a_trend_must_hold_the_composite_s_edition(year, trend_years):
    composite = Edition("layer ics_composite", f"{year}/{year + 1}", "field 'composite_edition'")
    trend = Edition("layer ics_trend", None, "its composite fields")
    editions = [f"{y}/{y + 1}" for y in sorted(trend_years)]
    if year in trend_years:
        edition_among(composite, trend, editions)
        return
    with pytest.raises(
        EditionError, match=re.escape(f"holds the composites of {', '.join(editions)}")
    ):
        edition_among(composite, trend, editions)


CODES = st.sampled_from([f"E5400{n:04}" for n in range(40)] + ["QHM", "QOQ", "Q1"])


@given(st.lists(CODES, min_size=1, max_size=12, unique=True), st.lists(CODES, max_size=12))
def test_a_per_ics_input_must_be_on_the_reference_s_icss(reference_codes, other_codes):
    reference = Geography("layer ics_composite in demo.gpkg", "ICB26CD", tuple(reference_codes))
    other = Geography("layer proportions in old.gpkg", "ICB26CD", tuple(other_codes))
    foreign = sorted(set(other_codes) - set(reference_codes))
    if not foreign:
        same_geography(reference, other)
        return
    with pytest.raises(GeographyError) as error:
        same_geography(reference, other)
    assert str(error.value) == (
        "Inputs on different geographies: layer proportions in old.gpkg (field 'ICB26CD') has ICS "
        "codes that layer ics_composite in demo.gpkg (field 'ICB26CD') does not: "
        + ", ".join(foreign[:10])
        + (" ..." if len(foreign) > 10 else "")
        + ": it was computed on another geography. Give inputs computed on the same ICS layer."
    )


def test_a_per_ics_input_without_the_ics_field_is_on_another_geography():
    with pytest.raises(GeographyError, match=r"ICS code field 'STP20CD', which layer icb does not"):
        same_geography(
            Geography("layer stp", "STP20CD", ("E54000005",)), Geography("layer icb", None, ())
        )


def test_an_organisation_table_records_its_edition_field_else_its_dated_statuses():
    source = layer_source("trusts")
    dated = pd.DataFrame({"status": ["21/22 Standards Met", "20/21 Standards Met", None]})
    imported = dated.assign(edition=["22/23", "22/23", "22/23"], status=["Standards Met"] * 3)
    undated = pd.DataFrame({"status": ["Standards Met"]})
    assert table_edition(dated, status_field="status", source=source, scheme=DEFAULT_SCHEME) == (
        Edition("layer trusts", "21/22", "the statuses of field 'status'")
    )
    assert table_edition(imported, status_field="status", source=source, scheme=DEFAULT_SCHEME) == (
        Edition("layer trusts", "22/23", "field 'edition'")
    )
    assert (
        table_edition(undated, status_field="status", source=source, scheme=DEFAULT_SCHEME).edition
        is None
    )
