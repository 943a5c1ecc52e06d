"""The board pack says what would raise each ICS's composite and how far its rank depends
on the method: dspt:icsatlas on the session demo's 2020/21 layers, with the sample's gains
table and rank ranges (tests/integration/board_inputs.py), read back from the PDF's text
and compared with the tables themselves, read with pandas and worded here."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import unicodedata
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
from tests.prerequisites import unavailable


@dataclass
class Board:
    """The inputs of the atlas run (kept alive for the module), the tables they hold and
    the atlas's PDF."""

    parameters: dict
    gains: pd.DataFrame
    ranges: pd.DataFrame
    composite: pd.DataFrame
    names: dict
    pdf: Path
    inputs: Path


@pytest.fixture(scope="module")
def board(demo_run, shared_data, qgis_processing, tmp_path_factory) -> Board:
    from qgis import processing

    from tests.integration.conftest import _register_provider

    _register_provider()
    gpkg = demo_run().out / "dspt_demo.gpkg"
    gains, ranges = sample_gains_and_ranges(shared_data, gpkg)
    inputs = tmp_path_factory.mktemp("board_inputs") / "board.gpkg"

    def layer(name: str) -> str:
        return f"{gpkg}|layername={name}"

    parameters = {
        "COMPOSITE": composite_with_ranges(gpkg, ranges, inputs, "composite_ranges"),
        "ICS_FIELD": "STP20CD",
        "ICS_NAME_FIELD": "STP20NM",
        "COMMISSIONERS": layer("commissioner_status"),
        "COMMISSIONER_ICS_FIELD": "STP20CD",
        "TRUSTS": layer("trust_points"),
        "TRUST_ICS_FIELD": "STP20CD",
        "GAINS": gains_layer(gains, inputs),
        "TITLE": "DSPT 20/21: ICS compliance",
    }
    pdf = tmp_path_factory.mktemp("atlas_gains") / "atlas.pdf"
    processing.run("dspt:icsatlas", {**parameters, "OUTPUT": str(pdf)})
    with sqlite3.connect(gpkg) as db:
        composite = pd.read_sql("SELECT STP20CD, STP20NM, composite_score FROM ics_composite", db)
        names = dict(
            db.execute(
                "SELECT code, name FROM commissioner_status UNION ALL "
                "SELECT code, name FROM trust_points"
            )
        )
    return Board(parameters, gains, ranges, composite, names, pdf, inputs)


def text_pages(pdf: Path) -> list[str]:
    """Each page's text in reading order (poppler's pdftotext, no layout), whitespace
    made single spaces and ligatures spelt out."""
    try:
        done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    except FileNotFoundError:
        unavailable("pdftotext not installed (Debian: poppler-utils; run `make setup`)")
    text = unicodedata.normalize("NFKC", done.stdout)
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def test_each_page_lists_the_largest_gains_and_its_rank_range(board):
    pages = text_pages(board.pdf)
    checked = 0
    for ics, name in zip(board.composite["STP20CD"], board.composite["STP20NM"]):
        page = next(p for p in pages[1:] if p.startswith(f"{name} DSPT 20/21"))
        r = board.ranges.set_index("ics").loc[ics]
        across = (
            "under every method variant"
            if r["rank_best"] == r["rank_worst"]
            else ("across method variants")
        )
        note = f", {r['rank_note']}" if r["rank_note"] else ""
        assert (
            f"Rank: {label_ordinal(r['rank_label'])} of 42 (1 = best); {span(r)} {across}{note}; "
            "national median" in page
        ), (ics, page[:600])
        section = page.split("What would raise the composite", 1)[1].split("Sector Code Name")[0]
        rows = expected_rows(board.gains, ics)
        at = 0
        for row in rows.to_dict("records"):
            gain, after = f"{row['gain_if_met']:+.2f}", label_ordinal(row["rank_if_met_label"])
            pattern = rf"{row['code']} (.*?){row['status']} {re.escape(gain)} {after}"
            found = re.compile(pattern).search(section, at)
            assert found, (ics, row["code"], section)
            organisation = found.group(1)
            if row["code"] in board.names:
                assert " ".join(board.names[row["code"]].split()[:3]) in organisation
            for covered in row["covers"].split(", "):
                assert covered == row["code"] or covered in organisation, (covered, organisation)
            at = found.end()
            checked += 1
        assert len(re.findall(r"[+-]\d\.\d\d ", section)) == len(rows), section
        raising = int((board.gains[board.gains["ics"] == ics]["gain_if_met"] > 0).sum())
        said = {0: "Every organisation counted is at Standards Met or above", 1: "One submission"}
        assert section.lstrip().startswith(said.get(raising, f"{raising} submissions")), section
    assert checked >= 42  # gains on most pages: a page with none says so


def test_the_cover_ranks_every_ics_with_its_range(board):
    pages = text_pages(board.pdf)
    cover = " ".join(p for p in pages if p.startswith("DSPT 20/21: ICS compliance"))
    ranges = board.ranges.drop(columns="composite_score")
    ranked = ranges.merge(board.composite, left_on="ics", right_on="STP20CD")
    ranked = ranked.sort_values(["rank", "STP20NM"])
    at = 0
    for row in ranked.to_dict("records"):
        note = f", {row['rank_note']}" if row["rank_note"] else ""
        composite = f"{row['composite_score']:+.2f}"
        pattern = (
            rf"{row['rank_label']} {re.escape(row['STP20NM'].split()[0])}.*?"
            rf"{re.escape(composite)}.*?{re.escape(span(row) + note)}"
        )
        found = re.compile(pattern).search(cover, at)
        assert found, (row["STP20NM"], cover[at : at + 300])
        at = found.end()


def test_gains_of_another_edition_or_icss_stop_naming_both(run, board, tmp_path):
    pdf = tmp_path / "atlas.pdf"
    cases = [
        (
            gains_layer(board.gains, board.inputs, "other_edition", edition="21/22"),
            r"^Inputs of different editions: layer composite_ranges in board.gpkg \(field "
            r"'composite_edition'\): 20/21, but layer other_edition in board.gpkg \(field "
            r"'edition'\): 21/22\.",
        ),
        (
            gains_layer(
                pd.concat([board.gains, board.gains.head(1).assign(ics="E54000099")]),
                board.inputs,
                "other_icss",
            ),
            r"^Inputs on different geographies: layer other_icss in board.gpkg \(field 'ics'\) "
            r"has ICS codes that layer composite_ranges in board.gpkg \(field 'STP20CD'\) does "
            r"not: E54000099",
        ),
    ]
    for gains, message in cases:
        with pytest.raises(QgsProcessingException, match=message):
            run("icsatlas", {**board.parameters, "GAINS": gains, "OUTPUT": str(pdf)})
        assert not pdf.exists()


def test_gains_of_another_composite_stop_naming_both(run, board, demo_run, tmp_path):
    """The demo's simple-mean composite (the same edition, ICSs and organisations) with the
    gains of the population-weighted one: the message names an ICS whose two composites
    differ, with both."""
    gpkg = demo_run().out / "dspt_demo.gpkg"
    simple = f"{gpkg}|layername=ics_composite_simple_mean"
    with sqlite3.connect(gpkg) as db:
        query = "SELECT STP20CD, composite_score FROM ics_composite_simple_mean"
        simple_scores = dict(db.execute(query))
    weighted = board.gains.groupby("ics")["composite_score"].first()
    pdf = tmp_path / "atlas.pdf"
    with pytest.raises(QgsProcessingException) as error:
        run("icsatlas", {**board.parameters, "COMPOSITE": simple, "OUTPUT": str(pdf)})
    found = re.match(
        r"layer gains in board.gpkg: the composite of ICS (\w+) is (\S+), but in layer "
        r"ics_composite_simple_mean in dspt_demo.gpkg it is (\S+): the gains were computed "
        r"from another composite",
        str(error.value),
    )
    assert found, str(error.value)
    ics, theirs, ours = found.groups()
    assert theirs == f"{weighted[ics]:+.6f}"
    assert ours == f"{simple_scores[ics]:+.6f}"
    assert theirs != ours
    assert not pdf.exists()
