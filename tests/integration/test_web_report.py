"""The web report in a real browser (Debian's Chromium driven by Playwright), from file://.

The page must load with no console error and no network request, draw every organisation
and ICS, hide and show layers from its layer control, label each shape by keyboard and
pointer with the GeoPackage's numbers, show the summary table the summary tool wrote, sort
its composite table, and show hostile names as text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer

from tests.integration.test_demo import run_demo
from tests.prerequisites import unavailable

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright not installed (run `make setup`)")
    if not Path(CHROMIUM).exists():
        unavailable("Debian's chromium is not installed (run `make setup`)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page with everything it logged and requested."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def show(self, map_id: str, layer: str, visible: bool = True) -> None:
        """Tick (or untick) a layer's box in a map's layer control."""
        box = self.page.locator(f"#{map_id} .leaflet-control-layers label", has_text=layer).locator(
            "input"
        )
        box.check() if visible else box.uncheck()

    def focus_label(self, map_id: str, shape: str, code: str) -> str:
        """Move the keyboard focus to a shape of a map and read the label that opens."""
        self.page.locator(f'#{map_id} path.{shape}[aria-label*="{code}"]').first.focus()
        return self.page.locator(f"#{map_id} .leaflet-tooltip").last.inner_text()


@pytest.fixture(scope="module")
def demo(shared_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("web")
    done = run_demo(shared_data, out)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def page(browser, demo):
    loaded = Page(browser, (demo / "site" / "index.html").as_uri())
    yield loaded
    loaded.page.close()


def test_loads_offline_without_errors(page):
    assert page.console == []
    assert [url for url in page.requests if not url.startswith(("file:", "data:"))] == []


def test_each_map_holds_every_feature_and_toggles_layers(page):
    assert page.count("#map-individual path.dspt-commissioner") == 135
    assert (
        page.count("#map-individual path.dspt-trust") == 0
    )  # hidden until asked for, as on the seed page
    page.show("map-individual", "Trusts")
    assert page.count("#map-individual path.dspt-trust") == 216
    page.show("map-individual", "ICS boundaries")
    assert page.count("#map-individual path.dspt-ics-boundary") == 42
    page.show("map-individual", "Commissioners", visible=False)
    assert page.count("#map-individual path.dspt-commissioner") == 0
    page.show("map-individual", "Commissioners")
    assert page.count("#map-proportions path.dspt-ics-population") == 42
    assert page.count("#map-proportions .dspt-pie-icon") == 42
    assert page.count("#map-composite path.dspt-ics-composite") == 42
    assert page.count("#map-composite path.dspt-region") == 7


def test_composite_labels_match_the_geopackage(page, demo):
    layer = QgsVectorLayer(f"{demo / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    expected = {f["STP20CD"]: f["composite_score"] for f in layer.getFeatures()}
    for code in ("E54000038", "E54000024", "E54000007"):
        text = page.focus_label("map-composite", "dspt-ics-composite", code)
        shown = float(re.search(r"Composite: ([+-]?\d+\.\d\d)", text).group(1))
        assert shown == pytest.approx(round(expected[code], 2)), text


def test_pointing_at_an_ics_shows_its_composite(page, demo):
    """The mouse, not only the keyboard: hovering the middle of Somerset opens its label."""
    layer = QgsVectorLayer(f"{demo / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    expected = {f["STP20CD"]: f["composite_score"] for f in layer.getFeatures()}
    page.page.locator("#map-composite").scroll_into_view_if_needed()
    shape = page.page.locator(
        '#map-composite path.dspt-ics-composite[aria-label*="E54000038"]'
    ).first
    box = shape.bounding_box()
    page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    text = page.page.locator("#map-composite .leaflet-tooltip").last.inner_text()
    page.page.mouse.move(0, 0)  # away again: the label closes
    assert "E54000038" in text
    shown = float(re.search(r"Composite: ([+-]?\d+\.\d\d)", text).group(1))
    assert shown == pytest.approx(round(expected["E54000038"], 2))


def test_commissioner_and_trust_labels_name_code_name_status(page):
    text = page.focus_label("map-individual", "dspt-commissioner", "00L")
    assert "Code: 00L" in text
    assert "Status: Standards Met" in text
    page.show("map-individual", "Trusts")
    text = page.focus_label("map-individual", "dspt-trust", "RTD")
    assert "Code: RTD" in text
    assert "Status: " in text


def test_crosstab_equals_the_summary_tool(page, demo):
    layer = QgsVectorLayer(f"{demo / 'dspt_demo.gpkg'}|layername=summary", "s", "ogr")
    expected = {
        f["sector"]: [
            f["n_exceeded"],
            f["n_met"],
            f["n_approaching"],
            f["n_not_met"],
            f["n_not_published"],
            f["total"],
        ]
        for f in layer.getFeatures()
    }
    rows = page.page.locator("#crosstab tbody tr")
    shown = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        sector = row.locator("th").inner_text()
        shown[sector] = [
            int(c)
            for c in row.locator("td").evaluate_all("cells => cells.map(c => c.dataset.count)")
        ]
    assert shown == expected


def test_composite_table_sorts(page):
    header = page.page.locator("#composite-table thead th", has_text="Composite").locator("button")
    header.click()
    header.click()  # descending: best first
    first = page.page.locator("#composite-table tbody tr").first.inner_text()
    assert "Somerset" in first


def test_hostile_names_show_as_text(browser, tmp_path):
    import pandas as pd

    from dspt_qgis.core.crosstab import sector_status_crosstab
    from dspt_qgis.core.sources import layer_source
    from dspt_qgis.core.webreport import ReportContent, write_web_report

    hostile = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'
    square = {"type": "Polygon", "coordinates": [[[-1, 52], [-1, 53], [0, 53], [0, 52], [-1, 52]]]}
    area = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": square,
                "properties": {
                    "code": "X1",
                    "name": hostile,
                    "status": "Standards Met",
                    "composite_score": 1.0,
                    "n_trusts": 1,
                    "n_met": 1,
                    "population": 10,
                    "label": [-0.5, 52.5],
                },
            }
        ],
    }
    point = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "R1", "name": hostile, "status": "Standards Met"},
                "geometry": {"type": "Point", "coordinates": [-0.5, 52.5]},
            }
        ],
    }
    table = pd.DataFrame({"sector": [hostile], "status": ["Standards Met"], "source_row": [1]})
    crosstab = sector_status_crosstab(
        table, sector_field="sector", status_field="status", source=layer_source("t")
    )
    write_web_report(
        tmp_path / "site",
        ReportContent(
            title=hostile,
            edition="20/21",
            data_date=hostile,
            commissioners=area,
            trusts=point,
            ics=area,
            crosstab=crosstab,
        ),
    )
    loaded = Page(browser, (tmp_path / "site" / "index.html").as_uri())
    assert loaded.page.evaluate("window.pwned") is None
    assert loaded.page.locator("h1").inner_text() == hostile
    assert hostile in loaded.page.locator("#crosstab").inner_text()
    text = loaded.focus_label("map-individual", "dspt-commissioner", "X1")
    assert hostile in text
    assert loaded.count("img[src=x]") == 0
    loaded.page.close()


def test_screenshots_of_each_map(page, demo):
    for section in ("individual", "proportions", "composite"):
        path = demo / f"web_{section}.png"
        page.page.locator(f"#{section} .map").screenshot(path=str(path))
        assert path.stat().st_size > 30_000
