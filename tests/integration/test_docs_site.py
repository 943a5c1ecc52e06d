"""The documentation site as a reader meets it, from file:// in Debian's Chromium: every link
resolves, nothing loads from outside the site, axe-core finds nothing at WCAG 2.2 A/AA on
any page (light and dark, wide and at 320 px), no page scrolls sideways on a phone, and the
search works offline."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.integration.browser import Page, axe, chromium, problems
from tests.integration.docs_site import Site

pytestmark = (
    pytest.mark.host
)  # Sphinx and its theme are the venv's; the pages read the host QGIS's algorithms

#: Where a page points outside the site: links a reader follows, never something it loads.
EXTERNAL = ("http", "https", "mailto")
#: axe-core's "needs review" results reviewed on these pages: none. Each page is measured
#: in a viewport as tall as the page, so no element is cut by the fold (axe-core leaves the
#: contrast of a cut element for review).
REVIEWED: dict[str, set[str]] = {}


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _target(page: Path, path: str) -> Path:
    """The file a link's path names, from the page it is on (a folder: its index.html)."""
    target = (page.parent / unquote(path)).resolve() if path else page
    return target / "index.html" if target.is_dir() else target


def _link_problems(site: Site, page: Path, ids: dict[Path, set[str]]) -> list[str]:
    """Every link or resource of ``page`` that names no file, or no place in its page, of
    the site; and anything loaded from outside it."""
    found = []
    soup = site.page(str(page.relative_to(site.html)))
    for tag in soup.find_all(href=True) + soup.find_all(src=True):
        value = tag.get("href") or tag.get("src")
        parts = urlsplit(value)
        if parts.scheme in EXTERNAL:
            if tag.name != "a" or parts.scheme == "http":
                found.append(f"{page.name}: <{tag.name}> {value} is outside the site or not https")
            continue
        if parts.scheme:
            found.append(f"{page.name}: {value}")
            continue
        target = _target(page, parts.path)
        if not target.is_file():
            found.append(f"{page.name}: {value} names no file")
        elif parts.fragment and target.suffix == ".html":
            if unquote(parts.fragment) not in ids[target.resolve()]:
                found.append(f"{page.name}: {value} names no place in {target.name}")
    return found


def test_every_link_in_the_site_resolves(docs_site):
    pages = docs_site.pages()
    ids = {}
    for page in pages:
        soup = docs_site.page(str(page.relative_to(docs_site.html)))
        ids[page.resolve()] = {tag["id"] for tag in soup.find_all(id=True)}
    found = [p for page in pages for p in _link_problems(docs_site, page, ids)]
    assert found == []
    assert len(pages) >= 20


def test_stylesheets_load_nothing_from_outside_the_site(docs_site):
    """No web font, no CDN: every ``url()`` of every stylesheet is a file of the site."""
    found = []
    for sheet in docs_site.html.rglob("*.css"):
        for value in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            parts = urlsplit(value)
            if parts.scheme == "data":
                continue
            if parts.scheme or not _target(sheet, parts.path).is_file():
                found.append(f"{sheet.name}: {value}")
    assert found == []


#: The pages measured in the dark scheme at 320 px too: one of each kind (the hand-written
#: pages, the lists, search, and an algorithm's page and the model's, which every generated
#: page repeats with other words). The theme's colours and layout are the same on all.
BOTH_SCHEMES = {
    "index.html",
    "tutorial.html",
    "method.html",
    "errors.html",
    "changelog.html",
    "search.html",
    "genindex.html",
    "algorithms/index.html",
    "algorithms/icscomposite.html",
    "algorithms/dsptmethod.html",
}


def _axe_problems(loaded: Page, width: int, scheme: str) -> list[str]:
    """axe-core's problems on the page at ``width`` in ``scheme``, the viewport made as
    tall as the page."""
    loaded.page.emulate_media(color_scheme=scheme)
    loaded.page.set_viewport_size({"width": width, "height": 900})
    height = loaded.page.evaluate("document.documentElement.scrollHeight")
    loaded.page.set_viewport_size({"width": width, "height": height})
    return [f"({width} px, {scheme}) {p}" for p in problems(axe(loaded.page), REVIEWED)]


def test_axe_finds_nothing_on_any_page(browser, docs_site):
    """Every page wide in the light scheme; one page of each kind also at 320 px in the dark
    scheme (the theme follows the reader's system setting). No page loads anything from
    outside the site or logs anything."""
    found = []
    loaded = Page(browser, "about:blank")  # one tab for every page: as a reader goes through
    for page in docs_site.pages():
        loaded.page.emulate_media(color_scheme="light")  # each page loads wide and light
        loaded.page.set_viewport_size({"width": 1300, "height": 900})
        loaded.open(page.as_uri())
        relative = page.relative_to(docs_site.html).as_posix()
        found += [f"{relative} {p}" for p in _axe_problems(loaded, 1300, "light")]
        if relative in BOTH_SCHEMES:
            found += [f"{relative} {p}" for p in _axe_problems(loaded, 320, "dark")]
        found += [f"{relative} {p}" for p in loaded.offline() + loaded.console]
    loaded.close()
    assert found == []
    assert {p.relative_to(docs_site.html).as_posix() for p in docs_site.pages()} >= BOTH_SCHEMES


def test_at_320_pixels_no_page_scrolls_sideways(browser, docs_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    wide = []
    for page in docs_site.pages():
        narrow.goto(page.as_uri())
        narrow.wait_for_load_state("load")
        if narrow.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(page.name)
    context.close()
    assert wide == []


def test_search_finds_an_algorithm_offline(browser, docs_site):
    loaded = Page(browser, (docs_site.html / "search.html").as_uri() + "?q=composite")
    results = loaded.page.locator("#search-results ul li a")
    results.first.wait_for(timeout=15_000)
    names = results.all_inner_texts()
    assert "ICS composite score" in names
    assert loaded.offline() == []
    loaded.close()
