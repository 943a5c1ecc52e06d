"""Screenshots of the web report in Debian's Chromium, and how long the page takes to open.

    python -m scripts.web_screenshots out/site/index.html docs/images

Writes ``web_report.png`` (the top of the page) and one PNG per map, and prints the time
from navigation to the ``load`` event and until every map has drawn.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
SECTIONS = ("individual", "proportions", "composite")


def main() -> None:
    """Open the page once cold, then screenshot it."""
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("page", type=Path)
    parser.add_argument("into", type=Path)
    args = parser.parse_args()
    args.into.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        started = time.perf_counter()
        page.goto(args.page.resolve().as_uri())
        loaded = time.perf_counter() - started
        page.wait_for_selector("#map-composite path.dspt-ics-composite")
        drawn = time.perf_counter() - started
        print(f"{args.page}: load event {loaded:.2f} s, maps drawn {drawn:.2f} s")
        page.screenshot(path=str(args.into / "web_report.png"))
        for section in SECTIONS:
            page.locator(f"#{section} .map").screenshot(path=str(args.into / f"web_{section}.png"))
        browser.close()


if __name__ == "__main__":
    main()
