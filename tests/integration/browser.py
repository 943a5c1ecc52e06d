"""What the browser tests share: Debian's Chromium driven by Playwright, a page that records
what it logged and requested, and axe-core at WCAG 2.2 A/AA (the web report's tests and the
documentation site's)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
JS_TOOLS = Path(__file__).resolve().parents[1] / "js" / "node_modules"
AXE = JS_TOOLS / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2 at levels A and AA: the bar for UK public-sector pages since WCAG
#: 2.2 (axe-core tags no 2.2 level-A rule: the new A criteria need a person to judge them).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright (no browser download); skips, or fails under
    CI=true, when either is missing."""
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright not installed (run `make setup`)")
    if not Path(CHROMIUM).exists():
        unavailable("Debian's chromium is not installed (run `make setup`)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


#: Forget what the pages of this origin stored (none, on a new page: a SecurityError).
FORGET_STORAGE = "() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }"
#: Wait until the browser has drawn two frames (what a page draws on its first frame done).
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class Page:
    """A page with everything it logged and requested (its Content-Security-Policy set
    aside only so that a test can add axe-core to it). axe-core is loaded into each page
    it opens before the page's own scripts, once per browser context (adding it to a page
    as a script tag, and a context per page, took most of an axe check's time)."""

    def __init__(
        self, browser: Any, url: str, width: int = 1300, colour_scheme: str = "light"
    ) -> None:
        self.context = browser.new_context(
            bypass_csp=True,
            viewport={"width": width, "height": 900},
            color_scheme=colour_scheme,
        )
        if AXE.exists():
            self.context.add_init_script(path=str(AXE))
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.open(url)

    def open(self, url: str) -> None:
        """Go to ``url`` in this page as in a new tab: nothing a page before stored (a theme
        chosen, search terms) carried over, what it logged and requested recorded afresh,
        and its first two frames drawn before anything is checked."""
        self.page.evaluate(FORGET_STORAGE)
        self.console.clear()
        self.requests.clear()
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.page.evaluate(TWO_FRAMES)

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
        self.page.locator(f'#{map_id} .{shape}[aria-label*="{code}"]').first.focus()
        return self.page.locator(f"#{map_id} .leaflet-tooltip").last.inner_text()

    def offline(self) -> list[str]:
        """Every request that left the disk (none may: the pages work offline)."""
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]

    def close(self) -> None:
        self.page.close()
        self.context.close()


def axe(page: Any, tags: list[str] = WCAG_22_AA) -> dict:
    """axe-core's violations and "needs review" results for ``tags`` on a :class:`Page`'s
    page as it stands (the rules that passed or did not apply are counted, not listed:
    listing every node they passed took three times as long on the web report)."""
    if not AXE.exists():
        unavailable("axe-core not installed (run `make setup`: npm ci in tests/js)")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false,"
        " resultTypes: ['violations', 'incomplete']})",
        tags,
    )


def problems(results: dict, reviewed: dict[str, set[str]]) -> list[str]:
    """Violations, and "needs review" results other than the ``reviewed`` ones (rule id ->
    the messages a person has checked on these pages)."""
    found = [f"{v['id']}: {v['nodes'][0]['html'][:100]}" for v in results["violations"]]
    for item in results["incomplete"]:
        for node in item["nodes"]:
            messages = {c["message"] for c in node["any"] + node["all"] + node["none"]}
            if not messages or not messages <= reviewed.get(item["id"], set()):
                found.append(f"unreviewed {item['id']}: {sorted(messages)} {node['html'][:80]}")
    return found
