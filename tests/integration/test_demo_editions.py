"""`make demo EDITION=21/22` and `EDITION=22/23` end to end, checked against hand computations."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsVectorLayer

from tests import hand_method


def composites(out, code_field: str) -> dict[str, float]:
    layer = QgsVectorLayer(f"{out / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    return {f[code_field]: f["composite_score"] for f in layer.getFeatures()}


def test_2021_22_end_to_end(shared_data, demo_run):
    tmp_path = demo_run("21/22").out
    got = composites(tmp_path, "STP20CD")
    assert len(got) == 42
    assert got == pytest.approx(hand_method.composites_2021_22(shared_data))
    report = QgsVectorLayer(
        f"{tmp_path / 'dspt_demo.gpkg'}|layername=trust_import_report", "r", "ogr"
    )
    left_out = {f["code"]: f["reason"] for f in report.getFeatures() if f["outcome"] == "excluded"}
    assert sorted(left_out) == ["RBZ", "RTV", "RW6"]
    assert "closed on 2022-03-31" in left_out["RBZ"]
    for name in ("individual_compliance", "trust_proportions", "ics_composite"):
        assert (tmp_path / "maps" / f"{name}.png").stat().st_size > 50_000


def test_2022_23_end_to_end(shared_data, demo_run):
    tmp_path = demo_run("22/23").out
    assert composites(tmp_path, "ICB23CDH") == pytest.approx(
        hand_method.composites_2022_23(shared_data)
    )


def test_2022_23_on_the_april_2026_icbs(shared_data, demo_run):
    """Every 2026 ICB gets a composite equal to the hand computation (sub-ICB crosswalk
    weighted by registered patients; trusts placed by location); its trend layer holds
    each ICB's three editions, each equal to its hand computation, and its atlas page
    shows them."""
    tmp_path = demo_run("22/23", "2026").out
    _check_trend(shared_data, tmp_path)
    layer = QgsVectorLayer(f"{tmp_path / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    names = set(layer.fields().names())
    assert {"ICB26CD", "composite_score", "commissioner_score", "trust_score", "n_trusts"} <= names
    got = {f["ICB26CD"]: f["composite_score"] for f in layer.getFeatures()}
    assert len(got) == 36
    assert got == pytest.approx(hand_method.composites_2022_23_on_2026(shared_data))
    matched = _matched_by(tmp_path)
    assert matched.startswith("area overlap: ")
    assert matched.endswith("lies in D4U1Y")
    for name in ("individual_compliance", "trust_proportions", "ics_composite"):
        assert (tmp_path / "maps" / f"{name}.png").stat().st_size > 50_000


def _matched_by(out) -> str:
    layer = QgsVectorLayer(f"{out / 'dspt_demo.gpkg'}|layername=commissioner_areas", "a", "ogr")
    return next(f["matched_by"] for f in layer.getFeatures() if f["code"] == "U2G6B")


@pytest.mark.parametrize(
    ("edition", "hand"),
    [
        ("20/21", hand_method.composites_2020_21_on_2026),
        ("21/22", hand_method.composites_2021_22_on_2026),
    ],
)
def test_earlier_editions_on_the_april_2026_icbs(shared_data, demo_run, edition, hand):
    """2021/22's sub-ICB statuses, and 2020/21's CCGs merged into the 2026 sub-ICB locations
    (split by their registered patients), on the 36 ICBs equal the hand computations."""
    got = composites(demo_run(edition, "2026").out, "ICB26CD")
    assert len(got) == 36
    assert got == pytest.approx(hand(shared_data))


def _check_trend(shared_data, out) -> None:
    """The trend layer against the three hand computations, and each atlas page's line."""
    from tests.integration.cases import pdf_pages

    layer = QgsVectorLayer(f"{out / 'dspt_demo.gpkg'}|layername=ics_trend", "t", "ogr")
    rows = {f["ICB26CD"]: f for f in layer.getFeatures()}
    assert len(rows) == 36
    hands = {
        "composite_2020_21": hand_method.composites_2020_21_on_2026(shared_data),
        "composite_2021_22": hand_method.composites_2021_22_on_2026(shared_data),
        "composite_2022_23": hand_method.composites_2022_23_on_2026(shared_data),
    }
    for field, hand in hands.items():
        assert {code: row[field] for code, row in rows.items()} == pytest.approx(hand), field
    change = {code: row["composite_change"] for code, row in rows.items()}
    first, last = hands["composite_2020_21"], hands["composite_2022_23"]
    assert change == pytest.approx({code: last[code] - first[code] for code in rows})
    pages = [" ".join(page.split()) for page in pdf_pages(out / "atlas" / "dspt_ics_atlas.pdf")]
    for code in ("E54000040", "E54000057"):
        page = next(page for page in pages if f"ICS {code} · page" in page)
        assert "Trend: 2020/21" in page
        for year, hand in zip(("2020/21", "2021/22", "2022/23"), hands.values()):
            assert f"{year} {hand[code]:+.2f}" in page, (code, year)
        assert f"(change {last[code] - first[code]:+.2f})" in page
    text = " ".join(pages)
    assert "split by theirs" in text
    _check_chart(out)
    _check_named(out)
    assert (out / "maps" / "ics_trend.png").stat().st_size > 50_000
    assert (out / "maps" / "ics_trend.pdf").stat().st_size > 20_000


def _check_chart(out) -> None:
    """The project's atlas draws each ICB's chart: the picture reads its page's SVG (a
    source QGIS cannot read would leave the picture blank, without an error)."""
    from qgis.core import QgsLayoutItemPicture, QgsProject

    project = QgsProject.instance()
    assert project.read(str(out / "dspt_demo.qgz"))
    layout = project.layoutManager().layoutByName("5 ICS atlas")
    atlas = layout.atlas()
    assert atlas.beginRender()
    assert atlas.seekTo(1)  # the first ICB's page (0: the cover)
    chart = layout.itemById("Trend chart")
    assert isinstance(chart, QgsLayoutItemPicture)
    chart.refreshPicture()
    assert chart.evaluatedPath().startswith("base64:")
    assert not chart.isMissingImage()  # drawn as vectors (3.40+) or an image (3.22)
    atlas.endRender()
    project.clear()


def _check_named(out) -> None:
    """Each small area on an atlas page is named by whose status it takes (the 2023 ICB
    of the organisation export: 00T, in Greater Manchester, by its ICB's row)."""
    import sqlite3

    with sqlite3.connect(out / "dspt_demo.gpkg") as db:
        names = dict(
            db.execute("SELECT code, name FROM atlas_organisations WHERE side = 'Commissioner'")
        )
    assert len(names) == 106
    assert names["00T"] == "NHS GREATER MANCHESTER INTEGRATED CARE BOARD"
    assert all(names.values())


def test_one_icb_submission_is_one_gain_on_the_april_2026_icbs(shared_data, demo_run):
    """A 2023 ICB's one 22/23 submission decides the status of every sub-ICB location it
    covered: what would raise a 2026 ICB's composite lists it once, with the gain of all
    those locations reaching Standards Met together (hand_method), not once per location."""
    path = demo_run("22/23", "2026").out / "dspt_demo.gpkg"
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT ics, code, gain_if_met FROM ics_gains WHERE side = 'commissioner'"
        ).fetchall()
    got = {(ics, code): gain for ics, code, gain in rows}
    assert len(got) == len(rows)  # each submission once per ICB
    wanted = hand_method.commissioner_gains_2022_23_on_2026(shared_data)
    assert got.keys() == wanted.keys()
    for key, gain in wanted.items():
        assert got[key] == pytest.approx(gain, abs=1e-9), key


def submissions(shared_data, edition: str) -> set[str]:
    """The commissioners' codes whose own submission decides a status (hand_method): 2020/21
    the CCGs' deciders (a merged CCG's successor, A3A8R ...); 2021/22 the locations with a
    21/22 status of their own."""
    if edition == "20/21":
        organisations = hand_method.organisations_2020_21(shared_data).values()
        return {str(o["decided_by"]) for o in organisations if o["sector"] == "CCG"}
    rows = hand_method.read_rows(shared_data / "dspt/2021_22/ccg_snapshot_20220909.csv")
    return {r["ODS Code"] for r in rows if r["Status"].startswith("21/22 ")}


@pytest.mark.parametrize("edition", ["20/21", "21/22"])
def test_gains_on_the_april_2026_icbs_are_per_submission(shared_data, demo_run, edition):
    """A small area formed from several organisations is listed in parts (area/code), each
    taking its organisation's status: what would raise a composite lists the submissions
    deciding them (2020/21: the merged CCGs' successors, A3A8R ...), each once per ICB."""
    path = demo_run(edition, "2026").out / "dspt_demo.gpkg"
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT ics, code FROM ics_gains WHERE side = 'commissioner'").fetchall()
    assert rows
    assert len(set(rows)) == len(rows)
    assert {code for _, code in rows} <= submissions(shared_data, edition)
