"""The crosstab's HTML (summary page and web report) and the web report's page text.

Expectations are counted by hand from a six-organisation table.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from dspt_qgis.core.crosstab import sector_status_crosstab
from dspt_qgis.core.scoring import DEFAULT_SCHEME
from dspt_qgis.core.sources import layer_source
from dspt_qgis.presentation.report_html import bar_chart_svg, crosstab_table, summary_html
from dspt_qgis.presentation.webreport import json_for_script, population_classes

HOSTILE = "<b>Trust & Co</b>"


def crosstab():
    table = pd.DataFrame(
        {
            "sector": ["Trust", "Trust", "Trust", "Trust", "Commissioner", "Commissioner"],
            "status": [
                "Standards Met",
                "Standards Met",
                "Standards Met",
                "Standards Not Met",
                "Standards Exceeded",
                "Not Published",
            ],
            "source_row": range(1, 7),
        }
    )
    return sector_status_crosstab(
        table, sector_field="sector", status_field="status", source=layer_source("t")
    )


def test_table_cells_hold_counts_and_row_shares():
    page = crosstab_table(crosstab(), DEFAULT_SCHEME)
    trust = re.search(r"<tr><th scope=\"row\">Trust</th>(.*?)</tr>", page).group(1)
    counts = [int(c) for c in re.findall(r'data-count="(\d+)"', trust)]
    assert counts == [0, 3, 0, 1, 0, 4]  # Exceeded, Met, Approaching, Not Met, Not Published, total
    assert '3 <span class="pct">(75.0%)</span>' in trust
    total = re.search(r'<tr class="total">(.*?)</tr>', page).group(1)
    assert [int(c) for c in re.findall(r'data-count="(\d+)"', total)] == [1, 3, 0, 1, 1, 6]


def test_bar_segments_are_as_wide_as_their_share():
    svg = bar_chart_svg(crosstab(), DEFAULT_SCHEME)
    segments = re.findall(
        r'<rect x="[\d.]+" y="\d+" width="([\d.]+)"[^>]*><title>([^<]*)</title>', svg
    )
    widths = {title: float(width) for width, title in segments}
    plot_width = 520  # the chart's plot area, in SVG units
    assert widths["Trust: Standards Met 3 (75.0%)"] == plot_width * 3 / 4
    assert widths["Trust: Standards Not Met 1 (25.0%)"] == plot_width / 4
    assert widths["Commissioner: Standards Exceeded 1 (50.0%)"] == plot_width / 2
    assert len(segments) == 4  # empty statuses draw nothing; the total row has no bar


def test_summary_page_escapes_every_value():
    table = pd.DataFrame({"sector": [HOSTILE], "status": ["Standards Met"], "source_row": [1]})
    hostile = sector_status_crosstab(
        table, sector_field="sector", status_field="status", source=layer_source("t")
    )
    page = summary_html(hostile, title=HOSTILE, note=HOSTILE)
    assert "<b>" not in page
    assert (
        page.count("&lt;b&gt;Trust &amp; Co&lt;/b&gt;") >= 4
    )  # title, heading, note, table row, chart label


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"name": "</script><script>alert(1)</script>", "and": "a & b"})
    assert set(text).isdisjoint("<>&")
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "and": "a & b"}


def test_population_classes_cover_every_ics_and_name_their_ends():
    populations = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]
    ics = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": None, "properties": {"population": p}}
            for p in populations
        ],
    }
    classes = population_classes(ics, "Patients", count=2)["classes"]
    assert [c["label"] for c in classes] == ["100 – 550", "551 – 1,000"]
    in_class = [sum(c["lower"] <= p <= c["upper"] for c in classes) for p in populations]
    assert in_class == [1] * 10
