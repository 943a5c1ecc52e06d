"""The web report says each ICS's rank with its range across method variants and its
largest gain: dspt:webreport on the session demo's 2020/21 layers with the sample's gains
table and rank ranges (tests/integration/board_inputs.py), read back from the page's data
and its composite table, and compared with the tables themselves, worded here."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from qgis.core import QgsProcessingException

from tests.integration.board_inputs import (
    composite_with_ranges,
    expected_rows,
    gains_layer,
    label_ordinal,
    sample_gains_and_ranges,
    span,
)
from tests.integration.browser import Page, axe, chromium, problems

#: The page is read with BeautifulSoup and in Chromium, the host's (not the QGIS roots').
pytestmark = pytest.mark.host

MET = "Standards Met"
GAIN_HEADING = f"Largest gain if one organisation reached {MET}"


@dataclass
class Site:
    """The inputs of the run, the tables they hold, and the page written."""

    parameters: dict
    gains: pd.DataFrame
    ranges: pd.DataFrame
    names: dict
    index: Path
    inputs: Path


@pytest.fixture(scope="module")
def site(demo_run, shared_data, qgis_processing, tmp_path_factory) -> Site:
    from qgis import processing

    from tests.integration.conftest import _register_provider

    _register_provider()
    gpkg = demo_run().out / "dspt_demo.gpkg"
    gains, ranges = sample_gains_and_ranges(shared_data, gpkg)
    inputs = tmp_path_factory.mktemp("web_inputs") / "board.gpkg"
    parameters = {
        "COMMISSIONERS": f"{gpkg}|layername=commissioner_status",
        "TRUSTS": f"{gpkg}|layername=trust_points",
        "COMPOSITE": composite_with_ranges(gpkg, ranges, inputs, "composite_ranges"),
        "ICS_FIELD": "STP20CD",
        "ICS_NAME_FIELD": "STP20NM",
        "PROPORTIONS": f"{gpkg}|layername=trust_proportions",
        "REGIONS": f"{gpkg}|layername=nhs_regions",
        "REGION_NAME_FIELD": "NHSER23NM",
        "SUMMARY": f"{gpkg}|layername=summary",
        "TITLE": "DSPT 2020/21 compliance",
        "EDITION": "20/21",
        "GAINS": gains_layer(gains, inputs),
    }
    folder = tmp_path_factory.mktemp("web_gains") / "site"
    processing.run("dspt:webreport", {**parameters, "OUTPUT": str(folder)})
    with sqlite3.connect(gpkg) as db:
        names = dict(
            db.execute(
                "SELECT code, name FROM commissioner_status UNION ALL "
                "SELECT code, name FROM trust_points"
            )
        )
    return Site(parameters, gains, ranges, names, folder / "index.html", inputs)


def gain_words(gain: float) -> str:
    return "under +0.01" if 0 < gain < 0.005 else f"{gain:+.2f}"


def expected(site: Site) -> dict[str, dict[str, str]]:
    """Per ICS: the rank, its range, the largest gain's cell and the map label's sentences,
    from the gains and rank-range tables."""
    said = {}
    for r in site.ranges.to_dict("records"):
        note = f", {r['rank_note']}" if r["rank_note"] else ""
        across = (
            "under every method variant"
            if r["rank_best"] == r["rank_worst"]
            else ("across method variants")
        )
        rows = expected_rows(site.gains, r["ics"])
        top = rows[rows["gain_rank"] == 1].to_dict("records")  # every equal largest gain
        if top:
            gain = gain_words(top[0]["gain_if_met"])
            named = [(who(site, row), decides(row)) for row in top]
            if len(named) == 1:
                cell = f"{gain} {named[0][0]}{named[0][1]}"
                sentence = f"Largest gain: {gain} if {named[0][0]} reached {MET}{named[0][1]}."
            else:
                either = " or ".join(f"{name}{covered}" for name, covered in named)
                cell = f"{gain} {either}"
                sentence = f"Largest gain: {gain} if {either} reached {MET}, each alone."
        else:
            cell = f"none: all at {MET} or above"
            sentence = f"No submission would raise it by reaching {MET}."
        said[r["ics"]] = {
            "rank": label_ordinal(r["rank_label"]),
            "range": span(r) + note,
            "gain": cell,
            "label": f"Rank: {label_ordinal(r['rank_label'])} of 42 (1 = best); {span(r)} "
            f"{across}{note}. {sentence}",
        }
    return said


def who(site: Site, row: dict) -> str:
    """A submission as the page names it: its organisation's name and code, or the code."""
    name = site.names.get(row["code"])
    return f"{name} ({row['code']})" if name else row["code"]


def decides(row: dict) -> str:
    """Whose statuses a submission decides besides its own, as the page says it."""
    covered = row["covers"].split(", ")
    others = [c for c in covered if c != row["code"]]
    also = " also" if row["code"] in covered else ""
    return f" (its submission{also} decides the status of {', '.join(others)})" if others else ""


def page_data(index: Path) -> dict:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    return json.loads(soup.find("script", id="dspt-data").string)


def composite_rows(index: Path) -> dict[str, dict[str, str]]:
    """The composite table's cells by heading, per ICS code."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", id="composite-table")
    headings = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    rows = [
        dict(zip(headings, (td.get_text() for td in tr.find_all("td"))))
        for tr in table.tbody.find_all("tr")
    ]
    return {row["ICS code"]: row for row in rows}


def test_the_composite_table_says_each_rank_its_range_and_largest_gain(site):
    rows = composite_rows(site.index)
    wanted = expected(site)
    assert set(rows) == set(wanted)
    for ics, said in wanted.items():
        row = rows[ics]
        assert row["Rank"] == said["rank"], ics
        assert row["Rank across method variants"] == said["range"], ics
        assert row[GAIN_HEADING] == said["gain"], ics
    assert sum(not w["gain"].startswith("none") for w in wanted.values()) >= 30


def test_the_maps_label_says_the_rank_range_and_largest_gain(site):
    data = page_data(site.index)
    wanted = expected(site)
    shown = {f["properties"]["code"]: f["properties"] for f in data["layers"]["ics"]["features"]}
    for ics, said in wanted.items():
        assert shown[ics]["board_said"] == said["label"], ics
    top = site.gains.groupby("ics")["gain_if_met"].max()
    for ics, gain in top.items():
        assert shown[ics]["gain_if_met"] == pytest.approx(gain, abs=1e-12), ics


def test_in_the_browser_label_sorting_and_axe(site):
    from tests.integration.test_web_report import REVIEWED, WRAPPED, label_is_dark_on_white

    wanted = expected(site)
    top = site.gains.groupby("ics")["gain_if_met"].max()
    with chromium() as browser:
        loaded = Page(browser, site.index.as_uri())
        somerset = site.ranges.loc[site.ranges["rank"] == 1, "ics"].iloc[0]
        text = loaded.focus_label("map-composite", "dspt-ics-composite", "Somerset:")
        assert text.endswith(wanted[somerset]["label"]), text
        # The long label wraps over the map: reviewed where it is dark on white.
        assert label_is_dark_on_white(loaded.page, "map-composite")
        assert problems(axe(loaded.page), WRAPPED) == []
        button = loaded.page.locator("#composite-table thead th", has_text=GAIN_HEADING)
        button.locator("button").click()
        button.locator("button").click()  # descending: the largest gain first
        first = loaded.page.locator("#composite-table tbody tr").first
        assert first.locator("td").first.inner_text() == top.idxmax()
        assert problems(axe(loaded.page), REVIEWED) == []
        assert loaded.console == []
        loaded.close()


def test_gains_of_another_edition_or_composite_stop_naming_both(run, site, demo_run, tmp_path):
    folder = tmp_path / "site"
    other_edition = gains_layer(site.gains, site.inputs, "web_other_edition", edition="21/22")
    with pytest.raises(
        QgsProcessingException,
        match=r"^Inputs of different editions: .*layer web_other_edition in board.gpkg "
        r"\(field 'edition'\): 21/22\.",
    ):
        run("webreport", {**site.parameters, "GAINS": other_edition, "OUTPUT": str(folder)})
    gpkg = demo_run().out / "dspt_demo.gpkg"
    simple = f"{gpkg}|layername=ics_composite_simple_mean"
    with pytest.raises(
        QgsProcessingException,
        match=r"^layer gains in board.gpkg: the composite of ICS \w+ is \S+, but in layer "
        r"ics_composite_simple_mean in dspt_demo.gpkg it is \S+: the gains were computed",
    ):
        run("webreport", {**site.parameters, "COMPOSITE": simple, "OUTPUT": str(folder)})
    assert not (folder / "index.html").exists()
