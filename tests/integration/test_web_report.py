"""The web report in a real browser (Debian's Chromium driven by Playwright), from file://.

The page must load with no console error and no network request, draw every organisation
and ICS, hide and show layers from its layer control, label each shape by keyboard and
pointer with the GeoPackage's numbers, show the summary table the summary tool wrote, sort
its composite table, and show hostile names as text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer

from tests.integration.browser import JS_TOOLS, Page, axe, chromium, problems
from tests.prerequisites import unavailable


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def demo(demo_run):
    return demo_run().out


@pytest.fixture(scope="module")
def page(browser, demo):
    loaded = Page(browser, (demo / "site" / "index.html").as_uri())
    yield loaded
    loaded.close()


def test_loads_offline_without_errors(page):
    assert page.console == []
    assert page.offline() == []


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
    expected = {f["STP20NM"]: f["composite_score"] for f in layer.getFeatures()}
    for name in ("Somerset", "Bedfordshire, Luton and Milton Keynes", "Cheshire and Merseyside"):
        text = page.focus_label("map-composite", "dspt-ics-composite", f"{name}:")
        assert text.startswith(f"{name}: composite "), text
        shown = float(re.search(r"composite ([+-]?\d+\.\d\d)", text).group(1))
        assert shown == pytest.approx(round(expected[name], 2)), text


def test_pointing_at_an_ics_shows_its_composite(page, demo):
    """The mouse, not only the keyboard: hovering the middle of Somerset opens its label."""
    layer = QgsVectorLayer(f"{demo / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    expected = {f["STP20CD"]: f["composite_score"] for f in layer.getFeatures()}
    page.page.locator("#map-composite").scroll_into_view_if_needed()
    shape = page.page.locator(
        '#map-composite path.dspt-ics-composite[aria-label^="Somerset:"]'
    ).first
    box = shape.bounding_box()
    page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    text = page.page.locator("#map-composite .leaflet-tooltip").last.inner_text()
    page.page.mouse.move(0, 0)  # away again: the label closes
    assert text.startswith("Somerset: composite")
    shown = float(re.search(r"composite ([+-]?\d+\.\d\d)", text).group(1))
    assert shown == pytest.approx(round(expected["E54000038"], 2))


def test_commissioner_and_trust_labels_are_sentences(page, shared_data):
    """Name (code): status. — the name and status from the curated file itself."""
    from tests import hand_method

    rows = {
        r["Code"]: r
        for r in hand_method.read_rows(shared_data / "dspt/2020_21/curated_dspt_20220208.csv")
    }
    text = page.focus_label("map-individual", "dspt-commissioner", "(00L)")
    assert text == f"{rows['00L']['Name']} (00L): {rows['00L']['Short.Status']}."
    page.show("map-individual", "Trusts")
    text = page.focus_label("map-individual", "dspt-trust", "(RTD)")
    assert text == f"{rows['RTD']['Name']} (RTD): {rows['RTD']['Short.Status']}."


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
    from dspt_qgis.presentation.webreport import ReportContent, write_web_report

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


# ---------------------------------------------------------------- accessibility (WCAG 2.2 AA)

#: axe-core's "needs review" results on these pages, reviewed: what each is and why it
#: passes. SVG chart text is dark on the white page (measured below); map legends and
#: controls sit on an opaque white box; Leaflet's zoom buttons show "+" and "−" with the
#: names "Zoom in" and "Zoom out".
REVIEWED = {
    "color-contrast": {
        "Element's background color could not be determined because element contains an image node",
        "Element's background color could not be determined because it is overlapped by another element",
        "Element content contains only non-text characters",
    },
    "label-content-name-mismatch": {
        "Unable to determine if the visible text is part of the accessible name"
    },
}


#: A long label (the composite map's, with the rank's range and the largest gain) wraps
#: over the map, where axe cannot tell its background: reviewed where its box is Leaflet's
#: opaque white and its text dark (:func:`label_is_dark_on_white`).
OVERLAPS = (
    "Element's background color could not be determined because it partially overlaps "
    "other elements"
)
WRAPPED = {**REVIEWED, "color-contrast": REVIEWED["color-contrast"] | {OVERLAPS}}


def label_is_dark_on_white(page, map_id: str) -> bool:
    """The open label of ``map_id`` is dark text on an opaque white box (21:1 and more)."""
    label = page.locator(f"#{map_id} .leaflet-tooltip").last
    colours = label.evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]"
    )
    return colours == ["rgb(255, 255, 255)", "rgb(34, 34, 34)"]


def _problems(page) -> list[str]:
    """axe-core at WCAG 2.2 A/AA: violations, and needs-review items not reviewed above."""
    return problems(axe(page), REVIEWED)


def _pages(demo) -> list[Path]:
    return [demo / "site" / "index.html", demo / "dspt_summary.html", demo / "trust_change.html"]


def test_axe_finds_nothing_on_the_three_pages(browser, demo):
    for path in _pages(demo):
        loaded = Page(browser, path.as_uri())
        assert _problems(loaded.page) == [], path.name
        assert loaded.console == [], path.name
        loaded.close()


def test_axe_finds_nothing_in_any_map_state(browser, demo):
    """Every layer switched on and off, and a label open on each map."""
    loaded = Page(browser, (demo / "site" / "index.html").as_uri())
    states = [
        ("map-individual", "Trusts", True),
        ("map-individual", "ICS boundaries", True),
        ("map-individual", "Commissioners", False),
        ("map-proportions", "Trust status pies", False),
        ("map-proportions", "ICS population", False),
        ("map-composite", "NHS England regions", False),
    ]
    for map_id, layer, visible in states:
        loaded.show(map_id, layer, visible)
        assert _problems(loaded.page) == [], (map_id, layer, visible)
    for map_id, layer, _ in states:
        loaded.show(map_id, layer, True)
    for map_id, shape in (
        ("map-individual", "dspt-trust"),
        ("map-proportions", "dspt-pie-icon"),
        ("map-composite", "dspt-ics-composite"),
    ):
        loaded.page.locator(f"#{map_id} .{shape}").first.focus()
        assert loaded.count(f"#{map_id} .leaflet-tooltip") == 1
        assert label_is_dark_on_white(loaded.page, map_id), map_id
        assert problems(axe(loaded.page), WRAPPED) == [], map_id
        loaded.page.keyboard.press("Escape")
        from playwright.sync_api import expect

        expect(loaded.page.locator(f"#{map_id} .leaflet-tooltip")).to_have_count(0)  # faded out
    loaded.close()


def _contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_text_reviewed_by_hand_is_dark_on_white(browser, demo):
    """What axe-core cannot measure in the SVG charts, measured here."""
    for path in _pages(demo)[:2]:
        loaded = Page(browser, path.as_uri())
        fills = loaded.page.locator("#bar-chart text").evaluate_all(
            "texts => texts.map(t => getComputedStyle(t).fill)"
        )
        for fill in set(fills):
            red, green, blue = (int(v) for v in re.findall(r"\d+", fill)[:3])
            assert _contrast(f"#{red:02x}{green:02x}{blue:02x}", "#ffffff") >= 4.5, fill
        loaded.close()


@pytest.mark.host  # node and html-validate are the host's
def test_html_validate_recommended_finds_nothing(demo):
    validator = JS_TOOLS / ".bin" / "html-validate"
    if not validator.exists():
        unavailable("html-validate not installed (run `make setup`: npm ci in tests/js)")
    import subprocess

    done = subprocess.run(
        [str(validator), "--config", str(JS_TOOLS.parent / ".htmlvalidate.json")]
        + [str(p) for p in _pages(demo)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _tab_until(page, selector: str, limit: int) -> int | None:
    """Press Tab until the focus is on an element matching ``selector``: the count, or None."""
    for stops in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    return None


def test_skip_links_lead_to_each_map_whose_boxes_come_first(page):
    for map_id, heading in (
        ("map-individual", "individual-heading"),
        ("map-proportions", "proportions-heading"),
        ("map-composite", "composite-heading"),
    ):
        page.page.locator(f'.skip-links a[href="#{heading}"]').click()
        assert page.page.evaluate("document.activeElement.id") == heading
        stops = _tab_until(page.page, f"#{map_id} .leaflet-control-layers input", 5)
        assert stops is not None, f"{map_id}: no layer box within 5 Tab stops of its heading"
    for target in ("composite-table-heading", "method-heading"):
        page.page.locator(f'.skip-links a[href="#{target}"]').click()
        assert page.page.evaluate("document.activeElement.id") == target


def test_shapes_come_by_name_and_focus_brings_them_into_view(page):
    names = page.page.locator("#map-composite path.dspt-ics-composite").evaluate_all(
        "paths => paths.map(p => p.getAttribute('aria-label').split(':')[0])"
    )
    assert names == sorted(names, key=lambda n: n.lower()) or names == sorted(names)
    page.page.evaluate("window.dsptReport.composite.map.setView([51.5, -0.1], 10)")
    shape = page.page.locator('#map-composite path.dspt-ics-composite[aria-label^="Cumbria"]')
    shape.focus()
    assert page.page.evaluate(
        "() => { const m = window.dsptReport.composite; let seen = false;"
        " m.areas.eachLayer(l => { if (l.getElement() === document.activeElement)"
        " seen = m.map.getBounds().contains(l.getCenter()); }); return seen; }"
    )


def test_focus_ring_is_black_and_white_so_three_to_one_on_any_fill(page):
    """The ring is drawn in black over white: whatever fill it sits on (every status,
    population and composite class, no status, the map's own background), one of the two
    stands at least 3:1 against it."""
    data = page.page.evaluate("JSON.parse(document.getElementById('dspt-data').textContent)")
    fills = {s["colour"] for s in data["statuses"]} | {data["noStatus"]["colour"]}
    fills |= {c["colour"] for c in data["compositeClasses"]}
    fills |= {c["colour"] for c in data["population"]["classes"]} | {"#d9d9d9", "#e8edee"}
    for map_id, shape in (
        ("map-individual", "dspt-commissioner"),
        ("map-composite", "dspt-ics-composite"),
    ):
        page.page.locator(f"#{map_id} path.{shape}").first.focus()
        strokes = set(
            page.page.locator(f"#{map_id} path.dspt-focus-ring").evaluate_all(
                "paths => paths.map(p => p.getAttribute('stroke'))"
            )
        )
        assert strokes == {"#000000", "#ffffff"}, strokes
    for fill in fills:
        assert max(_contrast("#000000", fill), _contrast("#ffffff", fill)) >= 3, fill


def test_every_name_is_a_sentence_equal_to_its_tooltip(page):
    page.show("map-individual", "Trusts")
    pairs = page.page.evaluate(
        """() => {
        const out = [];
        const maps = window.dsptReport;
        [maps.individual.commissioners, maps.individual.trusts, maps.proportions.areas,
         maps.proportions.pies, maps.composite.areas].forEach(group => group.eachLayer(layer => {
          const content = layer.getTooltip().getContent();
          const text = (typeof content === 'function' ? content(layer) : content).textContent;
          out.push([layer.getElement().getAttribute('aria-label'), text]);
        }));
        return out;
      }"""
    )
    assert len(pairs) == 135 + 216 + 42 + 42 + 42
    for name, tooltip in pairs:
        assert name == tooltip
        assert re.fullmatch(r"[^:]+(: .+)\.", name), name
    pie = next(n for n, _ in pairs if " trusts \u2014 " in n)
    assert re.fullmatch(r".+: \d+ trusts \u2014 \d+ [A-Za-z ]+(, \d+ [A-Za-z ]+)*\.", pie), pie


def test_each_map_has_a_table_beside_it(page):
    page.page.locator('a.table-link[href="#individual-table-details"]').click()
    assert page.page.locator("#individual-table-details").evaluate("d => d.open")
    assert page.count("#individual-table tbody tr") == 135 + 216
    assert page.count("#proportions-table tbody tr") == 42
    assert page.count("#composite-table tbody tr") == 42


def test_at_320_pixels_no_page_scrolls_sideways(browser, demo):
    for path in _pages(demo):
        context = browser.new_context(viewport={"width": 320, "height": 640})
        narrow = context.new_page()
        narrow.goto(path.as_uri())
        narrow.wait_for_load_state("load")
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 320, path.name
        context.close()
