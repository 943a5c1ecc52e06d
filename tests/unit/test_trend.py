"""ICS composites of several editions side by side: columns from the editions the
composites name, in the editions' order whatever order they are given in."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dspt_qgis.core.agreement import Geography
from dspt_qgis.core.errors import GeographyError
from dspt_qgis.core.trend import EditionComposite, TrendError, ics_trend


def composite(edition, scores, source="composite.gpkg", field="ics"):
    table = pd.DataFrame({"ics": list(scores), "composite_score": list(scores.values())})
    return EditionComposite(edition, table, source, field)


def on(*codes: str) -> Geography:
    """The ICS layer's geography: field 'ics' of layer ics with ``codes``."""
    return Geography("layer ics", "ics", codes)


def test_columns_follow_the_editions_not_the_order_given():
    trend = ics_trend(
        [
            composite("22/23", {"A": 1.0, "B": -0.5}),
            composite("2020-21", {"A": -1.0, "B": None}),
            composite("21/22", {"A": 0.25, "B": 2.0}),
        ],
        on("A", "B"),
    )
    assert trend.editions == ("20/21", "21/22", "22/23")
    assert trend.fields[:3] == ["composite_2020_21", "composite_2021_22", "composite_2022_23"]
    rows = trend.table.set_index("ics")
    assert rows.loc["A", "composite_2020_21"] == -1.0
    assert rows.loc["A", "composite_2022_23"] == 1.0
    assert rows.loc["A", "composite_change"] == 2.0
    assert math.isnan(rows.loc["B", "composite_change"])
    assert rows.loc["A", "composite_trend"] == "2020/21 -1.00 → 2021/22 +0.25 → 2022/23 +1.00"
    assert rows.loc["B", "composite_trend"] == "2020/21 none → 2021/22 +2.00 → 2022/23 -0.50"


def test_an_ics_missing_from_an_edition_has_no_composite_there():
    trend = ics_trend(
        [composite("20/21", {"A": 1.0}), composite("21/22", {"A": 2.0, "B": 0.0})], on("A", "B")
    )
    assert math.isnan(trend.table.set_index("ics").loc["B", "composite_2020_21"])


def test_two_composites_of_one_edition_stop_naming_both():
    with pytest.raises(TrendError, match=r"one.gpkg and two.gpkg are both composites of 21/22"):
        ics_trend(
            [composite("21/22", {"A": 1}, "one.gpkg"), composite("2021/22", {"A": 2}, "two.gpkg")],
            on("A"),
        )


def test_a_composite_on_another_geography_stops_naming_both_and_its_codes():
    with pytest.raises(
        GeographyError,
        match=r"stp.gpkg \(field 'ics'\) has ICS codes that layer ics \(field 'ics'\) does not: "
        r"E54000007: it was computed on another geography. Carry its edition",
    ):
        ics_trend(
            [composite("20/21", {"E54000007": 1}, "stp.gpkg"), composite("21/22", {"A": 2})],
            on("A"),
        )


def test_a_composite_without_the_ics_code_field_stops_naming_both():
    with pytest.raises(
        GeographyError, match=r"layer ics is on ICS code field 'ics', which stp.gpkg does not have"
    ):
        ics_trend(
            [composite("20/21", {"A": 1}, "stp.gpkg", None), composite("21/22", {"A": 2})],
            on("A"),
        )


def test_a_composite_without_its_edition_stops():
    with pytest.raises(TrendError, match=r"old.gpkg does not say which edition"):
        ics_trend([composite(None, {"A": 1}, "old.gpkg"), composite("21/22", {"A": 2})], on("A"))


def test_one_composite_is_no_trend():
    with pytest.raises(TrendError, match="at least two editions"):
        ics_trend([composite("21/22", {"A": 2})], on("A"))


def test_the_chart_draws_each_composite_joined_where_consecutive_editions_have_one():
    import re

    from dspt_qgis.core.published_method import PUBLISHED_SCORES
    from dspt_qgis.presentation.charts import trend_chart
    from dspt_qgis.presentation.palette import RDYLBU

    svg = trend_chart([("20/21", 3.0), ("21/22", -3.0), ("22/23", None)], PUBLISHED_SCORES)
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="7" fill="([^"]+)"', svg)
    assert [fill for _, _, fill in circles] == [RDYLBU[-1], RDYLBU[0]]  # best, worst class
    (top, bottom) = (float(cy) for _, cy, _ in circles)
    assert top < bottom  # +3 drawn above -3
    assert len(re.findall(r'stroke-width="3"', svg)) == 1  # 20/21 -> 21/22 only
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert ["2020/21", "+3.00", "2021/22", "-3.00", "2022/23", "none"] == texts[-6:]
